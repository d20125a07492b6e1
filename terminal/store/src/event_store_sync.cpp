// EventStore: what the synchronisation with the ledger reads and writes here. The outbox is a view of the log
// (uploaded event types after the last answered one); the answers, the ledger's balances and the enrolment
// are projections of events; only small volatile state (cursor, clock measurement, last outcome, device key)
// lives outside the log, in sync_state.
#include "sango/event_store.h"

#include "event_store_impl.h"
#include "sango/local_time.h"

namespace sango {

namespace {

constexpr std::string_view kUploadedTypes =
    "('session_opened', 'session_closed', 'session_cancelled', 'session_corrected', 'paper_session')";

// Answers are recorded batch by batch in event order, so everything up to the newest answered event has
// its answer.
constexpr std::string_view kUnanswered = "seq > (SELECT COALESCE(MAX(seq), 0) FROM ledger_answers)";

} // namespace

Expected<std::optional<Enrolment>> EventStore::enrolment()
{
    SANGO_TRY_ASSIGN(auto st, db::query(m_impl->db, "SELECT key, value FROM enrolment"));
    Enrolment e;
    bool any = false;
    SANGO_TRY(db::forEachRow(st, [&](const db::Statement& row) {
        any = true;
        const std::string key = row.text(0);
        std::string value = row.text(1);
        if (key == "ledger_url")
            e.ledgerUrl = std::move(value);
        else if (key == "terminal_id")
            e.terminalId = std::move(value);
        else if (key == "provider_id")
            e.providerId = std::move(value);
        else if (key == "public_key_b64u")
            e.publicKeyB64u = std::move(value);
    }));
    if (!any)
        return std::optional<Enrolment>();
    return std::optional<Enrolment>(std::move(e));
}

Expected<std::vector<Event>> EventStore::outbox(std::size_t maxEvents, std::size_t maxBytes)
{
    SANGO_TRY_ASSIGN(auto st, db::query(m_impl->db,
                                        "SELECT " + std::string(store_events::kEventColumns) + " FROM events WHERE " +
                                            std::string(kUnanswered) + " AND type IN " + std::string(kUploadedTypes) +
                                            " ORDER BY seq LIMIT ?",
                                        maxEvents));
    std::vector<Event> out;
    std::size_t bytes = 0;
    SANGO_TRY(db::forEachRow(st, [&](const db::Statement& row) {
        const std::size_t size = row.text(4).size() + 200; // the body and the envelope around it
        if (!out.empty() && bytes + size > maxBytes)
            return false;
        bytes += size;
        out.push_back(store_events::readEvent(row));
        return true;
    }));
    return out;
}

Expected<EventStore::OutboxSummary> EventStore::outboxSummary()
{
    SANGO_TRY_ASSIGN(const auto s, db::row(m_impl->db,
                                           "SELECT count(*), MIN(at) FROM events WHERE " + std::string(kUnanswered) +
                                               " AND type IN " + std::string(kUploadedTypes),
                                           [](const db::Statement& st) {
                                               OutboxSummary s;
                                               s.count = st.int64(0);
                                               if (auto at = st.optInt64(1))
                                                   s.oldest = Instant(std::chrono::seconds(*at));
                                               return s;
                                           }));
    return s.value_or(OutboxSummary{});
}

Expected<std::vector<LedgerAnswer>> EventStore::attention()
{
    return db::rows(
        m_impl->db,
        "SELECT a.seq, a.event_id, a.type, a.session_id, s.coupon_id, a.status, a.reason, a.answered_at, "
        "a.figures, a.detail "
        "FROM ledger_answers a JOIN sessions s ON s.session_id = a.session_id "
        "WHERE s.ledger_status IN ('rejected', 'disputed') AND a.status = 'rejected' "
        "AND a.seq = (SELECT MAX(seq) FROM ledger_answers WHERE session_id = a.session_id) ORDER BY a.seq",
        [](const db::Statement& st) {
            LedgerAnswer a;
            a.seq = st.int64(0);
            a.eventId = st.text(1);
            a.type = st.text(2);
            a.sessionId = st.text(3);
            a.couponId = st.text(4);
            a.status = st.text(5);
            a.reason = st.text(6);
            a.answeredAt = Instant(std::chrono::seconds(st.int64(7)));
            if (!st.isNull(8))
                a.figures = nlohmann::json::parse(st.text(8), nullptr, false);
            if (a.figures.is_discarded())
                a.figures = nullptr;
            a.detail = st.text(9);
            return a;
        });
}

Expected<std::int64_t> EventStore::lastAnsweredSeq()
{
    SANGO_TRY_ASSIGN(const auto seq, db::scalar<std::int64_t>(m_impl->db, "SELECT COALESCE(MAX(seq), 0) FROM ledger_answers"));
    return seq.value_or(0);
}

Expected<std::optional<LedgerBalance>> EventStore::ledgerBalance(std::string_view couponId)
{
    return db::row(
        m_impl->db,
        "SELECT grant_minutes, used_minutes, used_here_minutes, change_seq, as_of FROM ledger_balances "
        "WHERE coupon_id = ?",
        [&](const db::Statement& st) {
            LedgerBalance b;
            b.couponId = std::string(couponId);
            b.grantMinutes = st.int32(0);
            b.usedMinutes = st.int64(1);
            b.usedHereMinutes = st.int64(2);
            b.changeSeq = st.int64(3);
            b.asOf = Instant(std::chrono::seconds(st.int64(4)));
            return b;
        },
        couponId);
}

Expected<nlohmann::json> EventStore::policyOn(date::year_month_day day)
{
    SANGO_TRY_ASSIGN(const auto body,
                     db::scalar<std::string>(m_impl->db,
                                             "SELECT body FROM policy_schedule WHERE from_date <= ? "
                                             "ORDER BY from_date DESC, seq DESC LIMIT 1",
                                             formatDate(day)));
    if (!body)
        return config("policy");
    auto j = nlohmann::json::parse(*body, nullptr, false);
    if (j.is_discarded())
        return fail(Errc::store_corrupt, "a stored policy is damaged: run `sango audit`");
    return j;
}

Expected<std::optional<std::string>> EventStore::syncValue(std::string_view key)
{
    auto st = m_impl->db.prepare("SELECT value FROM sync_state WHERE key = ?");
    if (!st)
        return tl::unexpected(st.error());
    st->bind(1, key);
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return std::optional<std::string>();
    return std::optional<std::string>(st->text(0));
}

Expected<void> EventStore::setSyncValue(std::string_view key, std::string_view value)
{
    auto st = m_impl->db.prepare("INSERT OR REPLACE INTO sync_state(key, value) VALUES (?, ?)");
    if (!st)
        return tl::unexpected(st.error());
    st->bind(1, key).bind(2, value);
    return st->run();
}

} // namespace sango
