#pragma once
// Clock honesty. Each session event carries the terminal's wall time and the offset from the ledger's clock
// as last measured; an event recorded after a reboot or a clock jump, before a fresh measurement, is marked
// unverified (the session gets the flag `unverified_time`, and the ledger keeps it). A jump is seen by
// comparing the wall clock with the boot clock (CLOCK_BOOTTIME never jumps); a reboot by the kernel's
// boot id. A terminal without a ledger has nothing to measure against: its events say `verified: false` (the
// ledger flags them if the terminal is enrolled later) and its sessions carry no flag.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sango/clock.h"
#include "sango/error.h"

namespace sango {

class EventStore;

struct ClockReading {
    std::optional<std::int64_t> offsetSeconds; // ledger − terminal, as last measured; none if never
    bool verified = true;
    // False on a terminal without a ledger: its events say their time was never checked (verified false), but
    // its sessions carry no flag for it, since there is nothing to check against.
    bool enrolled = true;

    nlohmann::json toJson() const; // {"offset_s": n|null, "verified": bool}
};

class ClockWitness {
public:
    virtual ~ClockWitness() = default;
    virtual Expected<ClockReading> read() = 0;
};

struct BootReading {
    std::string bootId;             // changes at every boot
    std::int64_t wallMinusBoot = 0; // wall clock − time since boot, in seconds: moves when the wall clock jumps
};

class BootClock {
public:
    virtual ~BootClock() = default;
    virtual BootReading read() const = 0;
};

// /proc/sys/kernel/random/boot_id and clock_gettime(CLOCK_REALTIME − CLOCK_BOOTTIME).
class SystemBootClock final : public BootClock {
public:
    BootReading read() const override;
};

// Reads the last measurement from the store's sync state.
class StoredClockWitness final : public ClockWitness {
public:
    // A wall clock that moved this much against the boot clock since the measurement has jumped (NTP slews
    // far less than this between two syncs).
    static constexpr std::chrono::seconds kJumpTolerance{60};

    StoredClockWitness(EventStore& store, const BootClock& boot) : m_store(&store), m_boot(&boot) {}
    Expected<ClockReading> read() override;

    // Records a fresh measurement: events from now on are verified (until the next reboot or jump).
    static Expected<void> record(EventStore& store, const BootClock& boot, std::int64_t offsetSeconds, Instant at);

private:
    EventStore* m_store;
    const BootClock* m_boot;
};

} // namespace sango
