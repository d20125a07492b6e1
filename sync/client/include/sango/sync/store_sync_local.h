#pragma once
// SyncLocal over the terminal's encrypted store: the outbox is the log's unanswered session events; the
// ledger's answers, revocations, balances and configuration changes are recorded as events (so the audit
// chain covers them), each page in one transaction together with the cursor that follows it.
#include "sango/clock_witness.h"
#include "sango/event_store.h"
#include "sango/sync/sync_local.h"

namespace sango::sync {

class StoreSyncLocal final : public SyncLocal {
public:
    StoreSyncLocal(EventStore& store, const Clock& clock, const BootClock& boot)
        : m_store(&store), m_clock(&clock), m_boot(&boot)
    {
    }

    Expected<Identity> identity() override;
    Expected<std::vector<protocol::WireEvent>> outbox(std::size_t maxEvents, std::size_t maxBytes) override;
    Expected<void> recordResults(const std::vector<protocol::WireEvent>& sent,
                                 const std::vector<protocol::EventResult>& results) override;
    Expected<std::string> cursor() override;
    Expected<void> applyChanges(const std::vector<protocol::Change>& changes, const std::string& nextCursor) override;
    Expected<void> recordClock(std::int64_t offsetSeconds, Instant measuredAt) override;
    Expected<void> recordOutcome(const SyncOutcome& outcome) override;

    // The last outcome recorded (for `sango status`), as JSON: {"at", "result", "accepted", ...}, or null.
    static Expected<nlohmann::json> lastOutcome(EventStore& store);

private:
    Expected<void> applyOne(const protocol::Change& change, const std::string& providerId);

    EventStore* m_store;
    const Clock* m_clock;
    const BootClock* m_boot;
    // The cursor as this process last read or wrote it: a page is applied only if the store still holds it, so
    // that two sync processes (a service and a manager's `sync --once`) never apply a page twice.
    std::optional<std::string> m_cursor;
};

} // namespace sango::sync
