// PgLedgerStore: the terminals' judged events, the sessions they make, the changes feed terminals pull and the
// accepted totals. The same queries as sqlite_ledger_store_sessions.cpp.
#include <nlohmann/json.hpp>

#include "pg_query.h"
#include "sango/local_time.h"

namespace sango::ledger {

using nlohmann::json;

// ---- judged events ----

Expected<std::optional<JudgementRow>> PgLedgerStore::judgement(const std::string& eventId)
{
    SANGO_TRY_ASSIGN(const auto r,
                     query("SELECT digest, status, reason, detail, figures FROM events WHERE id = $1", eventId));
    if (r.empty())
        return std::optional<JudgementRow>();
    const auto& row = r[0];
    return std::optional<JudgementRow>(
        JudgementRow{pg::text(row[0]), pg::text(row[1]), pg::text(row[2]), pg::text(row[3]), pg::optText(row[4])});
}

Expected<void> PgLedgerStore::recordEvent(const EventRecord& e)
{
    // UNIQUE(id): a second process judging the same event id fails here (a conflict), runs its request again
    // and answers the first judgement.
    return exec("INSERT INTO events(id, digest, terminal_id, provider_id, seq, type, at, coupon_id, session_id, "
                "status, reason, flags, clock_offset_s, received_at, body, figures, detail) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
                e.id, e.digest, e.terminalId, e.providerId, e.seq, e.type, e.at, e.couponId, e.sessionId, e.status,
                e.reason, e.flags, e.clockOffset, e.receivedAt, e.body, e.figures, e.detail);
}

Expected<void> PgLedgerStore::recordConflict(const ConflictRecord& c)
{
    return exec("INSERT INTO event_conflicts(id, digest, terminal_id, provider_id, seq, type, at, received_at, body) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                c.id, c.digest, c.terminalId, c.providerId, c.seq, c.type, c.at, c.receivedAt, c.body);
}

Expected<std::vector<LedgerEventRow>> PgLedgerStore::eventRows(const std::string& couponId, const std::string& status)
{
    // Judged events, then the conflicting deliveries kept for review, in the order they were received.
    SANGO_TRY_ASSIGN(
        const auto r,
        query("SELECT id, terminal_id, provider_id, seq, type, at, coupon_id, session_id, status, reason, flags, "
              "clock_offset_s, received_at, body, 0 AS src, n, detail, figures FROM events "
              "WHERE ($1 = '' OR coupon_id = $1) AND ($2 = '' OR status = $2) "
              "UNION ALL "
              "SELECT c.id, c.terminal_id, c.provider_id, c.seq, c.type, c.at, e.coupon_id, e.session_id, 'rejected', "
              "'conflict', '[]', NULL, c.received_at, c.body, 1 AS src, c.n, "
              "'this event id was delivered before with other content', NULL "
              "FROM event_conflicts c JOIN events e ON e.id = c.id "
              "WHERE ($1 = '' OR e.coupon_id = $1) AND ($2 = '' OR $2 = 'rejected') "
              "ORDER BY received_at, src, n",
              couponId, status));
    std::vector<LedgerEventRow> out;
    out.reserve(r.size());
    for (const auto& row : r) {
        LedgerEventRow e;
        e.id = pg::text(row[0]);
        e.terminalId = pg::text(row[1]);
        e.providerId = pg::text(row[2]);
        e.seq = pg::int64(row[3]);
        e.type = pg::text(row[4]);
        e.at = pg::int64(row[5]);
        e.couponId = pg::text(row[6]);
        e.sessionId = pg::text(row[7]);
        e.status = pg::text(row[8]);
        e.reason = pg::text(row[9]);
        const json flags = json::parse(pg::text(row[10]), nullptr, false);
        if (flags.is_array())
            for (const json& f : flags)
                if (f.is_string())
                    e.flags.push_back(f.get<std::string>());
        e.clockOffsetSeconds = pg::optInt64(row[11]);
        e.receivedAt = pg::int64(row[12]);
        e.body = json::parse(pg::text(row[13]), nullptr, false);
        if (e.body.is_discarded())
            e.body = json::object();
        e.detail = pg::text(row[16]);
        if (!row[17].is_null())
            e.figures = json::parse(pg::text(row[17]), nullptr, false);
        if (e.figures.is_discarded())
            e.figures = nullptr;
        out.push_back(std::move(e));
    }
    return out;
}

// ---- sessions ----

Expected<std::optional<SessionRow>> PgLedgerStore::findSession(const std::string& terminalId,
                                                               const std::string& sessionId)
{
    SANGO_TRY_ASSIGN(const auto r,
                     query("SELECT coalesce(coupon_id, ''), coalesce(ticket, ''), service, status, source, "
                           "coalesce(opened_start, start, 0), coalesce(start, 0), stop, coalesce(date, ''), "
                           "coalesce(actual_minutes, 0), coalesce(billed_minutes, 0), counted_minutes "
                           "FROM sessions WHERE terminal_id = $1 AND session_id = $2",
                           terminalId, sessionId));
    if (r.empty())
        return std::optional<SessionRow>();
    const auto& row = r[0];
    SessionRow s;
    s.couponId = pg::text(row[0]);
    s.ticket = pg::text(row[1]);
    s.service = pg::text(row[2]);
    s.status = pg::text(row[3]);
    s.source = pg::text(row[4]);
    s.openedStart = pg::int64(row[5]);
    s.start = pg::int64(row[6]);
    s.stop = pg::optInt64(row[7]);
    s.date = pg::text(row[8]);
    s.actualMinutes = pg::int64(row[9]);
    s.billedMinutes = pg::int64(row[10]);
    s.countedMinutes = pg::int64(row[11]);
    return std::optional<SessionRow>(std::move(s));
}

Expected<void> PgLedgerStore::addSession(const NewSession& s)
{
    return exec("INSERT INTO sessions(terminal_id, session_id, provider_id, coupon_id, ticket, source, service, "
                "start, stop, date, actual_minutes, billed_minutes, status, counted_minutes, opened_event, "
                "opened_start) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
                s.terminalId, s.sessionId, s.providerId, s.couponId, s.ticket, s.source, s.service, s.start, s.stop,
                s.date, s.actualMinutes, s.billedMinutes, s.status, s.countedMinutes, s.openedEvent, s.openedStart);
}

Expected<void> PgLedgerStore::closeSession(const std::string& terminalId, const std::string& sessionId,
                                           const SessionFiguresRow& f)
{
    return exec("UPDATE sessions SET stop = $1, actual_minutes = $2, billed_minutes = $3, status = 'closed', "
                "counted_minutes = $4 WHERE terminal_id = $5 AND session_id = $6",
                f.stop, f.actualMinutes, f.billedMinutes, f.countedMinutes, terminalId, sessionId);
}

Expected<void> PgLedgerStore::correctSession(const std::string& terminalId, const std::string& sessionId,
                                             const SessionFiguresRow& f)
{
    // A correction replaces the times, the date and the billing; a cancelled session is restored by it.
    return exec("UPDATE sessions SET start = $1, stop = $2, date = $3, actual_minutes = $4, billed_minutes = $5, "
                "status = 'closed', counted_minutes = $6 WHERE terminal_id = $7 AND session_id = $8",
                f.start, f.stop, f.date, f.actualMinutes, f.billedMinutes, f.countedMinutes, terminalId, sessionId);
}

Expected<void> PgLedgerStore::cancelSession(const std::string& terminalId, const std::string& sessionId)
{
    return exec("UPDATE sessions SET status = 'cancelled', counted_minutes = 0 "
                "WHERE terminal_id = $1 AND session_id = $2",
                terminalId, sessionId);
}

Expected<std::optional<std::string>> PgLedgerStore::openingReason(const std::string& terminalId,
                                                                  const std::string& sessionId)
{
    return scalarText("SELECT e.reason FROM sessions s JOIN events e ON e.id = s.opened_event "
                      "WHERE s.terminal_id = $1 AND s.session_id = $2",
                      terminalId, sessionId);
}

Expected<std::vector<DailyRow>> PgLedgerStore::dailyTotals(const std::string& providerId, const std::string& first,
                                                           const std::string& last)
{
    SANGO_TRY_ASSIGN(const auto r,
                     query("SELECT service, date, count(*), coalesce(sum(billed_minutes), 0)::bigint FROM sessions "
                           "WHERE provider_id = $1 AND status = 'closed' AND date >= $2 AND date <= $3 "
                           "GROUP BY service, date ORDER BY date, service",
                           providerId, first, last));
    std::vector<DailyRow> out;
    for (const auto& row : r) {
        auto service = parseService(pg::text(row[0]));
        auto day = parseDate(pg::text(row[1]));
        if (!service || !day)
            return fail(Errc::store_corrupt, "a session in the ledger has a damaged service or date");
        out.push_back(DailyRow{*day, *service, static_cast<int>(pg::int64(row[2])), pg::int64(row[3])});
    }
    return out;
}

// ---- the changes feed ----

Expected<void> PgLedgerStore::addChange(std::string_view kind, const std::optional<std::string>& providerId,
                                        const std::string& body, std::int64_t now)
{
    SANGO_TRY(lockChanges());
    return exec("INSERT INTO changes(kind, provider_id, coupon_id, body, at) VALUES ($1, $2, NULL, $3, $4)", kind,
                providerId, body, now);
}

Expected<std::vector<std::string>> PgLedgerStore::providersWithSessionsOf(const std::string& couponId)
{
    SANGO_TRY_ASSIGN(const auto r, query("SELECT DISTINCT provider_id FROM sessions WHERE coupon_id = $1 "
                                         "ORDER BY provider_id",
                                         couponId));
    std::vector<std::string> out;
    for (const auto& row : r)
        out.push_back(pg::text(row[0]));
    return out;
}

Expected<void> PgLedgerStore::replaceBalanceChange(const std::string& couponId, const std::string& providerId,
                                                   std::int64_t now)
{
    SANGO_TRY(lockChanges());
    SANGO_TRY(exec("DELETE FROM changes WHERE kind = 'balance' AND coupon_id = $1 AND provider_id = $2", couponId,
                   providerId));
    return exec("INSERT INTO changes(kind, provider_id, coupon_id, body, at) VALUES ('balance', $1, $2, '{}', $3)",
                providerId, couponId, now);
}

Expected<std::int64_t> PgLedgerStore::lastChangeSeq()
{
    // The sequence remembers the highest seq even when that change was dropped for a newer balance.
    SANGO_TRY_ASSIGN(const auto seq,
                     scalarInt("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM changes_seq_seq"));
    return seq.value_or(0);
}

Expected<std::vector<ChangeRow>> PgLedgerStore::changesAfter(std::int64_t after, const std::string& providerId,
                                                             std::int64_t limit)
{
    SANGO_TRY_ASSIGN(const auto r, query("SELECT seq, kind, coalesce(coupon_id, ''), body FROM changes "
                                         "WHERE seq > $1 AND (provider_id IS NULL OR provider_id = $2) "
                                         "ORDER BY seq LIMIT $3",
                                         after, providerId, limit));
    std::vector<ChangeRow> out;
    for (const auto& row : r)
        out.push_back(ChangeRow{pg::int64(row[0]), pg::text(row[1]), pg::text(row[2]), pg::text(row[3])});
    return out;
}

} // namespace sango::ledger
