#pragma once
// What the sync engine needs of the terminal's own store, as an interface: the production implementation is
// StoreSyncLocal (over the encrypted EventStore and the Terminal); unit tests use a fake. Every method that
// writes commits before it returns, so a crash between two calls loses nothing and repeats nothing that
// the ledger would count twice (its answers are idempotent by event id).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sango/clock.h"
#include "sango/crypto.h"
#include "sango/error.h"
#include "sango/protocol/messages.h"

namespace sango::sync {

struct Identity {
    std::string ledgerUrl;
    std::string terminalId; // as the ledger knows this terminal
    crypto::SigningKey key;
};

struct SyncOutcome {
    Instant at{};
    std::string result; // "ok", or an error code (ledger_unreachable, ledger_refused:bad_signature, ...)
    std::int64_t accepted = 0;
    std::int64_t duplicate = 0;
    std::int64_t rejected = 0;
};

class SyncLocal {
public:
    virtual ~SyncLocal() = default;

    // not_enrolled when the terminal has no ledger.
    virtual Expected<Identity> identity() = 0;
    // The oldest events not yet answered by the ledger, in event order, within both bounds (at least one
    // event when any is waiting, whatever its size).
    virtual Expected<std::vector<protocol::WireEvent>> outbox(std::size_t maxEvents, std::size_t maxBytes) = 0;
    // Records the ledger's answers to a batch just sent (results in the order of `sent`), in one commit.
    virtual Expected<void> recordResults(const std::vector<protocol::WireEvent>& sent,
                                         const std::vector<protocol::EventResult>& results) = 0;
    virtual Expected<std::string> cursor() = 0;
    // Applies a page of changes and moves the cursor, in one commit.
    virtual Expected<void> applyChanges(const std::vector<protocol::Change>& changes, const std::string& nextCursor) = 0;
    // A fresh measurement of the ledger's clock: events recorded from now on are time-verified.
    virtual Expected<void> recordClock(std::int64_t offsetSeconds, Instant measuredAt) = 0;
    virtual Expected<void> recordOutcome(const SyncOutcome& outcome) = 0;
};

} // namespace sango::sync
