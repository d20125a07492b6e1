// SqliteLedgerStore: the terminals' judged events, the sessions they make, the changes feed terminals pull and the
// accepted totals.
#include <nlohmann/json.hpp>

#include "sqlite_ledger_store.h"
#include "sango/local_time.h"
#include "sango/sql_query.h"

namespace sango::ledger {

using nlohmann::json;

// ---- judged events ----

Expected<std::optional<JudgementRow>> SqliteLedgerStore::judgement(const std::string& eventId)
{
    return db::row(
        m_db, "SELECT digest, status, reason, detail, figures FROM events WHERE id = ?",
        [](const db::Statement& st) {
            return JudgementRow{st.text(0), st.text(1), st.text(2), st.text(3),
                                db::column<std::optional<std::string>>(st, 4)};
        },
        eventId);
}

Expected<void> SqliteLedgerStore::recordEvent(const EventRecord& e)
{
    return db::exec(m_db,
                    "INSERT INTO events(id, digest, terminal_id, provider_id, seq, type, at, coupon_id, session_id, "
                    "status, reason, flags, clock_offset_s, received_at, body, figures, detail) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.id, e.digest, e.terminalId, e.providerId, e.seq, e.type, e.at, e.couponId, e.sessionId,
                    e.status, e.reason, e.flags, e.clockOffset, e.receivedAt, e.body, e.figures, e.detail);
}

Expected<void> SqliteLedgerStore::recordConflict(const ConflictRecord& c)
{
    return db::exec(m_db,
                    "INSERT INTO event_conflicts(id, digest, terminal_id, provider_id, seq, type, at, received_at, "
                    "body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    c.id, c.digest, c.terminalId, c.providerId, c.seq, c.type, c.at, c.receivedAt, c.body);
}

Expected<std::vector<LedgerEventRow>> SqliteLedgerStore::eventRows(const std::string& couponId, const std::string& status)
{
    // Judged events, then the conflicting deliveries kept for review, in the order they were received.
    return db::rows(
        m_db,
        "SELECT id, terminal_id, provider_id, seq, type, at, coupon_id, session_id, status, reason, flags, "
        "clock_offset_s, received_at, body, 0 AS src, n, detail, figures FROM events "
        "WHERE (?1 = '' OR coupon_id = ?1) AND (?2 = '' OR status = ?2) "
        "UNION ALL "
        "SELECT c.id, c.terminal_id, c.provider_id, c.seq, c.type, c.at, e.coupon_id, e.session_id, 'rejected', "
        "'conflict', '[]', NULL, c.received_at, c.body, 1 AS src, c.n, "
        "'this event id was delivered before with other content', NULL "
        "FROM event_conflicts c JOIN events e ON e.id = c.id "
        "WHERE (?1 = '' OR e.coupon_id = ?1) AND (?2 = '' OR ?2 = 'rejected') "
        "ORDER BY received_at, src, n",
        [](const db::Statement& st) {
            LedgerEventRow r;
            r.id = st.text(0);
            r.terminalId = st.text(1);
            r.providerId = st.text(2);
            r.seq = st.int64(3);
            r.type = st.text(4);
            r.at = st.int64(5);
            r.couponId = st.text(6);
            r.sessionId = st.text(7);
            r.status = st.text(8);
            r.reason = st.text(9);
            const json flags = json::parse(st.text(10), nullptr, false);
            if (flags.is_array())
                for (const json& f : flags)
                    if (f.is_string())
                        r.flags.push_back(f.get<std::string>());
            r.clockOffsetSeconds = st.optInt64(11);
            r.receivedAt = st.int64(12);
            r.body = json::parse(st.text(13), nullptr, false);
            if (r.body.is_discarded())
                r.body = json::object();
            r.detail = st.text(16);
            if (!st.isNull(17))
                r.figures = json::parse(st.text(17), nullptr, false);
            if (r.figures.is_discarded())
                r.figures = nullptr;
            return r;
        },
        couponId, status);
}

// ---- sessions ----

Expected<std::optional<SessionRow>> SqliteLedgerStore::findSession(const std::string& terminalId,
                                                             const std::string& sessionId)
{
    return db::row(
        m_db,
        "SELECT coalesce(coupon_id, ''), coalesce(ticket, ''), service, status, source, "
        "coalesce(opened_start, start, 0), coalesce(start, 0), stop, coalesce(date, ''), "
        "coalesce(actual_minutes, 0), coalesce(billed_minutes, 0), counted_minutes "
        "FROM sessions WHERE terminal_id = ? AND session_id = ?",
        [](const db::Statement& st) {
            SessionRow s;
            s.couponId = st.text(0);
            s.ticket = st.text(1);
            s.service = st.text(2);
            s.status = st.text(3);
            s.source = st.text(4);
            s.openedStart = st.int64(5);
            s.start = st.int64(6);
            s.stop = st.optInt64(7);
            s.date = st.text(8);
            s.actualMinutes = st.int64(9);
            s.billedMinutes = st.int64(10);
            s.countedMinutes = st.int64(11);
            return s;
        },
        terminalId, sessionId);
}

Expected<void> SqliteLedgerStore::addSession(const NewSession& s)
{
    return db::exec(m_db,
                    "INSERT INTO sessions(terminal_id, session_id, provider_id, coupon_id, ticket, source, service, "
                    "start, stop, date, actual_minutes, billed_minutes, status, counted_minutes, opened_event, "
                    "opened_start) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    s.terminalId, s.sessionId, s.providerId, s.couponId, s.ticket, s.source, s.service, s.start,
                    s.stop, s.date, s.actualMinutes, s.billedMinutes, s.status, s.countedMinutes, s.openedEvent,
                    s.openedStart);
}

Expected<void> SqliteLedgerStore::closeSession(const std::string& terminalId, const std::string& sessionId,
                                         const SessionFiguresRow& f)
{
    return db::exec(m_db,
                    "UPDATE sessions SET stop = ?, actual_minutes = ?, billed_minutes = ?, status = 'closed', "
                    "counted_minutes = ? WHERE terminal_id = ? AND session_id = ?",
                    f.stop, f.actualMinutes, f.billedMinutes, f.countedMinutes, terminalId, sessionId);
}

Expected<void> SqliteLedgerStore::correctSession(const std::string& terminalId, const std::string& sessionId,
                                           const SessionFiguresRow& f)
{
    // A correction replaces the times, the date and the billing; a cancelled session is restored by it.
    return db::exec(m_db,
                    "UPDATE sessions SET start = ?, stop = ?, date = ?, actual_minutes = ?, billed_minutes = ?, "
                    "status = 'closed', counted_minutes = ? WHERE terminal_id = ? AND session_id = ?",
                    f.start, f.stop, f.date, f.actualMinutes, f.billedMinutes, f.countedMinutes, terminalId,
                    sessionId);
}

Expected<void> SqliteLedgerStore::cancelSession(const std::string& terminalId, const std::string& sessionId)
{
    return db::exec(m_db,
                    "UPDATE sessions SET status = 'cancelled', counted_minutes = 0 "
                    "WHERE terminal_id = ? AND session_id = ?",
                    terminalId, sessionId);
}

Expected<std::optional<std::string>> SqliteLedgerStore::openingReason(const std::string& terminalId,
                                                                const std::string& sessionId)
{
    return db::scalar<std::string>(m_db,
                                   "SELECT e.reason FROM sessions s JOIN events e ON e.id = s.opened_event "
                                   "WHERE s.terminal_id = ? AND s.session_id = ?",
                                   terminalId, sessionId);
}

Expected<std::vector<DailyRow>> SqliteLedgerStore::dailyTotals(const std::string& providerId, const std::string& first,
                                                         const std::string& last)
{
    return db::rows(
        m_db,
        "SELECT service, date, count(*), coalesce(sum(billed_minutes), 0) FROM sessions "
        "WHERE provider_id = ? AND status = 'closed' AND date >= ? AND date <= ? "
        "GROUP BY service, date ORDER BY date, service",
        [](const db::Statement& st) -> Expected<DailyRow> {
            auto service = parseService(st.text(0));
            auto day = parseDate(st.text(1));
            if (!service || !day)
                return fail(Errc::store_corrupt, "a session in the ledger has a damaged service or date");
            return DailyRow{*day, *service, st.int32(2), st.int64(3)};
        },
        providerId, first, last);
}

// ---- the changes feed ----

Expected<void> SqliteLedgerStore::addChange(std::string_view kind, const std::optional<std::string>& providerId,
                                      const std::string& body, std::int64_t now)
{
    return db::exec(m_db, "INSERT INTO changes(kind, provider_id, coupon_id, body, at) VALUES (?, ?, NULL, ?, ?)",
                    kind, providerId, body, now);
}

Expected<std::vector<std::string>> SqliteLedgerStore::providersWithSessionsOf(const std::string& couponId)
{
    return db::rows(m_db, "SELECT DISTINCT provider_id FROM sessions WHERE coupon_id = ? ORDER BY provider_id",
                    [](const db::Statement& st) { return st.text(0); }, couponId);
}

Expected<void> SqliteLedgerStore::replaceBalanceChange(const std::string& couponId, const std::string& providerId,
                                                 std::int64_t now)
{
    SANGO_TRY(db::exec(m_db, "DELETE FROM changes WHERE kind = 'balance' AND coupon_id = ? AND provider_id = ?",
                       couponId, providerId));
    return db::exec(m_db, "INSERT INTO changes(kind, provider_id, coupon_id, body, at) VALUES ('balance', ?, ?, '{}', ?)",
                    providerId, couponId, now);
}

Expected<std::int64_t> SqliteLedgerStore::lastChangeSeq()
{
    // sqlite_sequence remembers the highest seq even when that change was dropped for a newer balance.
    SANGO_TRY_ASSIGN(const auto seq, db::scalar<std::int64_t>(m_db, "SELECT seq FROM sqlite_sequence "
                                                                    "WHERE name = 'changes'"));
    return seq.value_or(0);
}

Expected<std::vector<ChangeRow>> SqliteLedgerStore::changesAfter(std::int64_t after, const std::string& providerId,
                                                           std::int64_t limit)
{
    return db::rows(
        m_db,
        "SELECT seq, kind, coupon_id, body FROM changes "
        "WHERE seq > ? AND (provider_id IS NULL OR provider_id = ?) ORDER BY seq LIMIT ?",
        [](const db::Statement& st) { return ChangeRow{st.int64(0), st.text(1), st.text(2), st.text(3)}; }, after,
        providerId, limit);
}

} // namespace sango::ledger
