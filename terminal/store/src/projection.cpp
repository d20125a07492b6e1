// The projections: how each event changes the projection tables, and the queries that read them back
// (projection.h).
#include "projection.h"

#include <string>

#include "sango/events.h"
#include "sango/local_time.h"
#include "sango/sql_query.h"

namespace sango::projection
{

namespace
{

using nlohmann::json;

std::string joinFlags(const std::vector<std::string>& flags)
{
    std::string out;
    for (const auto& f : flags) {
        if (!out.empty())
            out += ';';
        out += f;
    }
    return out;
}

std::vector<std::string> splitFlags(const std::string& s)
{
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const auto next = s.find(';', pos);
        out.push_back(s.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
        if (next == std::string::npos)
            break;
        pos = next + 1;
    }
    return out;
}

constexpr std::string_view kSessionColumns =
    "session_id, coupon_id, source, service, start, stop, local_date, actual_minutes, billed_minutes, staff_id, "
    "status, flags, correction_reason, cancel_reason, last_event, ledger_status, ledger_reason, opened_start";

Expected<SessionRecord> readSession(const db::Statement& st)
{
    SessionRecord s;
    s.sessionId = st.text(0);
    s.couponId = st.text(1);
    auto source = parseSessionSource(st.text(2));
    auto service = parseService(st.text(3));
    auto date = parseDate(st.text(6));
    auto status = parseSessionStatus(st.text(10));
    if (!source || !service || !date || !status)
        return fail(Errc::store_corrupt, "session " + s.sessionId + " is damaged in the store: run `sango audit`");
    s.source = *source;
    s.service = *service;
    s.start = Instant(std::chrono::seconds(st.int64(4)));
    if (auto stop = st.optInt64(5))
        s.stop = Instant(std::chrono::seconds(*stop));
    s.date = *date;
    if (auto a = st.optInt64(7))
        s.actualMinutes = static_cast<int>(*a);
    if (auto b = st.optInt64(8))
        s.billedMinutes = static_cast<int>(*b);
    s.staffId = st.text(9);
    s.status = *status;
    s.flags = splitFlags(st.text(11));
    s.correctionReason = st.text(12);
    s.cancelReason = st.text(13);
    s.lastEventId = st.text(14);
    s.ledgerStatus = st.text(15);
    s.ledgerReason = st.text(16);
    s.openedStart = Instant(std::chrono::seconds(st.optInt64(17).value_or(st.int64(4))));
    // The ledger's rejection shows in the report line (the session is not billed: see dailyTotals).
    if ((s.ledgerStatus == "rejected" || s.ledgerStatus == "disputed") && !s.hasFlag(s.ledgerStatus))
        s.flags.push_back(s.ledgerStatus);
    return s;
}

// A scan of a coupon: a verified sighting fills in what its credential says; an unverified one (a typed id
// never verified) only records when it was scanned. (SQLCipher 3.4 carries SQLite 3.15: no UPSERT, so
// insert-if-missing, then update.)
Expected<void> recordSighting(db::Database& d, const std::string& couponId, const json& body, std::int64_t at)
{
    const events::CouponSeen coupon = events::CouponSeen::read(body);
    auto ins = db::exec(d, "INSERT OR IGNORE INTO coupons(coupon_id) VALUES (?)", couponId);
    if (!ins)
        return ins;
    if (!coupon.verified)
        return db::exec(d, "UPDATE coupons SET last_scan_at = ? WHERE coupon_id = ?", at, couponId);
    return db::exec(d,
                    "UPDATE coupons SET verified = 1, coupon_type = ?, grant_minutes = ?, services = ?, expires = ?, "
                    "last_scan_at = ?, not_before = ? WHERE coupon_id = ?",
                    coupon.type, coupon.grant, joinFlags(coupon.services), coupon.expires, at, coupon.notBefore,
                    couponId);
}

// How each event type changes the projections. `at` is the event's time, `ev` the event as stored.

Expected<void> applyBody(db::Database& d, const Event& ev, const events::ConfigInstalled& b)
{
    const std::string body = b.body.dump();
    auto r = db::exec(d, "INSERT OR REPLACE INTO config(kind, body, seq) VALUES (?, ?, ?)", b.kind, body, ev.seq);
    if (!r || b.kind != "policy")
        return r;
    // Policies apply from their date: the schedule keeps each one (the first applies from the start).
    return db::exec(d, "INSERT INTO policy_schedule(from_date, seq, body) VALUES (?, ?, ?)",
                    b.from.value_or("0000-01-01"), ev.seq, body);
}

Expected<void> applyBody(db::Database& d, const Event&, const events::TerminalEnrolled& b)
{
    for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"ledger_url", &b.ledgerUrl},
                                     {"terminal_id", &b.terminalId},
                                     {"provider_id", &b.providerId},
                                     {"public_key_b64u", &b.publicKeyB64u}}) {
        auto r = db::exec(d, "INSERT OR REPLACE INTO enrolment(key, value) VALUES (?, ?)", key, *value);
        if (!r)
            return r;
    }
    return {};
}

Expected<void> applyBody(db::Database& d, const Event& ev, const events::SyncAnswered& b)
{
    const std::int64_t at = ev.at.time_since_epoch().count();
    for (const events::SyncAnswered::Answer& a : b.answers) {
        auto r = db::exec(d,
                          "INSERT OR REPLACE INTO ledger_answers(seq, event_id, type, session_id, coupon_id, status, "
                          "reason, answered_at, figures, detail) VALUES (?,?,?,?,?,?,?,?,?,?)",
                          a.seq, a.id, a.type, a.sessionId, a.couponId, a.status, a.reason, at,
                          a.figures && a.figures->is_object() ? std::optional<std::string>(a.figures->dump())
                                                              : std::optional<std::string>(),
                          a.detail.value_or(std::string()));
        if (!r)
            return r;
        // The ledger's latest word on a session stands: a manager's correction it accepts clears an
        // earlier rejection. A refused correction or cancellation leaves the ledger with the session as it
        // was: the session is `disputed` (still counted here, for the manager to settle), not rejected.
        // Only the answer to the session's newest answered event decides (answers recorded late by a
        // second sync process do not turn it back).
        std::string status = a.status;
        if (status == "rejected" &&
            (a.type == event_type::session_corrected || a.type == event_type::session_cancelled))
            status = "disputed";
        r = db::exec(d,
                     "UPDATE sessions SET ledger_status = ?, ledger_reason = ? WHERE session_id = ? AND ? >= "
                     "(SELECT MAX(seq) FROM ledger_answers WHERE session_id = ?)",
                     status, a.reason, a.sessionId, a.seq, a.sessionId);
        if (!r)
            return r;
    }
    return {};
}

Expected<void> applyBody(db::Database& d, const Event& ev, const events::LedgerBalance& b)
{
    // Only a newer figure replaces an older one (changes can arrive again after a crash).
    auto r = db::exec(d, "DELETE FROM ledger_balances WHERE coupon_id = ? AND change_seq < ?", b.couponId, b.changeSeq);
    if (!r)
        return r;
    return db::exec(d,
                    "INSERT OR IGNORE INTO ledger_balances(coupon_id, grant_minutes, used_minutes, used_here_minutes, "
                    "change_seq, as_of) VALUES (?,?,?,?,?,?)",
                    b.couponId, b.grantMinutes, b.usedMinutes, b.usedHereMinutes, b.changeSeq,
                    ev.at.time_since_epoch().count());
}

Expected<void> applyBody(db::Database& d, const Event&, const events::StaffAdded& b)
{
    return db::exec(d, "INSERT OR REPLACE INTO staff(staff_id, role, pin_hash) VALUES (?, ?, ?)", b.staffId, b.role,
                    b.pinHash);
}

Expected<void> applyBody(db::Database& d, const Event& ev, const events::CouponRevoked& b)
{
    return db::exec(d, "INSERT OR REPLACE INTO revocations(coupon_id, reason, at) VALUES (?, ?, ?)", b.couponId,
                    b.reason, ev.at.time_since_epoch().count());
}

// An opening or a paper session: a new row.
Expected<void> insertSession(db::Database& d, const Event& ev, const events::SessionCommon& c,
                             const std::string& couponId, const std::string& source, const std::string& service,
                             std::int64_t start, std::optional<std::int64_t> stop, const std::string& date,
                             std::optional<std::int64_t> actual, std::optional<std::int64_t> billed, bool paper)
{
    return db::exec(d,
                    "INSERT INTO sessions(session_id, coupon_id, source, service, start, stop, local_date, "
                    "actual_minutes, billed_minutes, staff_id, status, flags, last_event, opened_start) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    c.sessionId, couponId, source, service, start, stop, date, actual, billed, c.staffId,
                    paper ? "closed" : "open", joinFlags(c.flags), ev.id, start);
}

Expected<void> applyBody(db::Database& d, const Event& ev, const events::SessionOpened& b)
{
    SANGO_TRY(insertSession(d, ev, b.common, b.couponId, b.source, b.service, b.start, std::nullopt, b.date,
                            std::nullopt, std::nullopt, false));
    return recordSighting(d, b.couponId, b.coupon, ev.at.time_since_epoch().count());
}

Expected<void> applyBody(db::Database& d, const Event& ev, const events::PaperSession& b)
{
    return insertSession(d, ev, b.common, b.ticket, "paper", b.service, b.start, b.stop, b.date, b.actualMinutes,
                         b.billedMinutes, true);
}

Expected<void> applyBody(db::Database& d, const Event& ev, const events::SessionClosed& b)
{
    auto r = db::exec(d,
                      "UPDATE sessions SET stop = ?, actual_minutes = ?, billed_minutes = ?, status = 'closed', "
                      "flags = ?, last_event = ? WHERE session_id = ?",
                      b.stop, b.actualMinutes, b.billedMinutes, joinFlags(b.common.flags), ev.id, b.common.sessionId);
    if (!r)
        return r;
    // Any close starts the repeat-scan window (by id too: a habitual scan right after must not reopen).
    return recordSighting(d, b.couponId, b.coupon, ev.at.time_since_epoch().count());
}

Expected<void> applyBody(db::Database& d, const Event& ev, const events::SessionCancelled& b)
{
    return db::exec(d,
                    "UPDATE sessions SET status = 'cancelled', billed_minutes = 0, cancel_reason = ?, flags = ?, "
                    "last_event = ? WHERE session_id = ?",
                    b.reason, joinFlags(b.common.flags), ev.id, b.common.sessionId);
}

Expected<void> applyBody(db::Database& d, const Event& ev, const events::SessionCorrected& b)
{
    return db::exec(d,
                    "UPDATE sessions SET start = ?, stop = ?, local_date = ?, actual_minutes = ?, billed_minutes = ?, "
                    "status = 'closed', flags = ?, correction_reason = ?, cancel_reason = '', last_event = ? "
                    "WHERE session_id = ?",
                    b.start, b.stop, b.date, b.actualMinutes, b.billedMinutes, joinFlags(b.common.flags), b.reason,
                    ev.id, b.common.sessionId);
}

Expected<void> applyBody(db::Database& d, const Event& ev, const events::StoreRestored& b)
{
    // The store's incarnation: session ids made from now on carry it (EventStore::incarnation).
    return db::exec(d, "INSERT OR REPLACE INTO config(kind, body, seq) VALUES ('incarnation', ?, ?)",
                    json(b.incarnation).dump(), ev.seq);
}

Expected<void> applyBody(db::Database&, const Event&, const events::StoreInitialised&)
{
    // Read from the log itself (EventStore::terminalId).
    return {};
}

Expected<void> damaged(const Event& ev)
{
    return fail(Errc::store_corrupt, "event " + std::to_string(ev.seq) +
                                         " has a damaged body: restore the "
                                         "store from a backup");
}

} // namespace

Expected<void> apply(db::Database& d, const Event& ev, const events::AnyEvent& body)
{
    return std::visit([&](const auto& b) { return applyBody(d, ev, b); }, body);
}

Expected<void> apply(db::Database& d, const Event& ev)
{
    if (!ev.body.is_object())
        return damaged(ev);
    // Event types of a newer terminal change no projection of this version.
    if (!events::isKnownType(ev.type))
        return {};
    auto body = events::parse(ev.type, ev.body);
    if (!body)
        return damaged(ev);
    return apply(d, ev, *body);
}

Expected<void> backfillOpenedStart(db::Database& d)
{
    SANGO_TRY_ASSIGN(auto st, db::query(d, "SELECT body FROM events WHERE type IN ('session_opened', "
                                           "'paper_session') ORDER BY seq"));
    // One statement for every row (prepared once).
    SANGO_TRY_ASSIGN(auto update, db::query(d, "UPDATE sessions SET opened_start = ? WHERE session_id = ?"));
    return db::forEachRow(st, [&](const db::Statement& row) -> Expected<void> {
        const json b = json::parse(row.text(0), nullptr, false);
        // An opening or a paper session: both say when the session started.
        std::optional<std::pair<std::string, std::int64_t>> opened;
        if (auto o = events::SessionOpened::fromJson(b))
            opened.emplace(o->common.sessionId, o->start);
        else if (auto p = events::PaperSession::fromJson(b))
            opened.emplace(p->common.sessionId, p->start);
        if (!opened)
            return fail(Errc::store_corrupt, "an event has a damaged body: restore the store from a backup");
        update.reset();
        update.bind(1, opened->second).bind(2, opened->first);
        return update.run();
    });
}

Expected<std::optional<SessionRecord>> findSession(db::Database& d, std::string_view where, std::string_view param)
{
    return db::row(d,
                   "SELECT " + std::string(kSessionColumns) + " FROM sessions WHERE " + std::string(where) +
                       " ORDER BY rowid DESC LIMIT 1",
                   readSession, param);
}

Expected<std::optional<CouponRecord>> findCoupon(db::Database& d, std::string_view couponId)
{
    return db::row(
        d,
        "SELECT coupon_id, verified, coupon_type, grant_minutes, services, expires, last_scan_at, not_before "
        "FROM coupons WHERE coupon_id = ?",
        [](const db::Statement& st) {
            CouponRecord c;
            c.couponId = st.text(0);
            c.verified = st.int64(1) != 0;
            c.couponType = st.text(2);
            if (auto g = st.optInt64(3))
                c.grantMinutes = static_cast<int>(*g);
            for (const auto& s : splitFlags(st.text(4)))
                if (auto svc = parseService(s))
                    c.services.push_back(*svc);
            c.expires = st.int64(5);
            c.notBefore = st.int64(7);
            if (auto t = st.optInt64(6))
                c.lastScanAt = Instant(std::chrono::seconds(*t));
            return c;
        },
        couponId);
}

Expected<std::vector<SessionRecord>> listSessions(db::Database& d, std::optional<date::year_month_day> first,
                                                  std::optional<date::year_month_day> last, bool openOnly)
{
    std::string sql = "SELECT " + std::string(kSessionColumns) + " FROM sessions WHERE 1";
    if (first)
        sql += " AND local_date >= ?1";
    if (last)
        sql += " AND local_date <= ?2";
    if (openOnly)
        sql += " AND status = 'open'";
    sql += " ORDER BY start, session_id";
    SANGO_TRY_ASSIGN(auto st, db::query(d, sql));
    if (first)
        st.bind(1, formatDate(*first));
    if (last)
        st.bind(2, formatDate(*last));
    std::vector<SessionRecord> out;
    SANGO_TRY(db::forEachRow(st, [&](const db::Statement& row) -> Expected<void> {
        SANGO_TRY_ASSIGN(auto s, readSession(row));
        out.push_back(std::move(s));
        return {};
    }));
    return out;
}

} // namespace sango::projection
