#include "sango/clock_witness.h"

#include <time.h>

#include <cstdlib>
#include <fstream>

#include "sango/event_store.h"
#include "sango/local_values.h"

namespace sango {

nlohmann::json ClockReading::toJson() const
{
    return {{"offset_s", offsetSeconds ? nlohmann::json(*offsetSeconds) : nlohmann::json()}, {"verified", verified}};
}

BootReading SystemBootClock::read() const
{
    BootReading r;
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::getline(in, r.bootId);
    timespec wall{};
    timespec boot{};
    ::clock_gettime(CLOCK_REALTIME, &wall);
    ::clock_gettime(CLOCK_BOOTTIME, &boot);
    r.wallMinusBoot = static_cast<std::int64_t>(wall.tv_sec) - static_cast<std::int64_t>(boot.tv_sec);
    return r;
}

Expected<ClockReading> StoredClockWitness::read()
{
    auto enrolled = m_store->enrolment();
    if (!enrolled)
        return tl::unexpected(enrolled.error());
    if (!*enrolled)
        return ClockReading{std::nullopt, false, false};
    auto stored = LocalValues(*m_store).clockMeasurement();
    if (!stored)
        return tl::unexpected(stored.error());
    ClockReading r;
    r.verified = false;
    if (!*stored)
        return r;
    const auto j = nlohmann::json::parse(**stored, nullptr, false);
    if (!j.is_object())
        return r;
    const auto offset = j.value("offset_s", nlohmann::json());
    if (offset.is_number_integer())
        r.offsetSeconds = offset.get<std::int64_t>();
    const BootReading now = m_boot->read();
    const bool sameBoot = j.value("boot_id", std::string()) == now.bootId && !now.bootId.empty();
    const std::int64_t drift = now.wallMinusBoot - j.value("wall_minus_boot", std::int64_t{0});
    r.verified = sameBoot && std::llabs(drift) <= kJumpTolerance.count();
    return r;
}

Expected<void> StoredClockWitness::record(EventStore& store, const BootClock& boot, std::int64_t offsetSeconds,
                                          Instant at)
{
    const BootReading b = boot.read();
    const nlohmann::json j = {{"offset_s", offsetSeconds},
                              {"boot_id", b.bootId},
                              {"wall_minus_boot", b.wallMinusBoot},
                              {"measured_at", at.time_since_epoch().count()}};
    return LocalValues(store).setClockMeasurement(j.dump());
}

} // namespace sango
