// The projections: how each event changes the projection tables, and the queries that read them back
// (projection.h).
#include "projection.h"

#include <string>

#include "sango/local_time.h"
#include "sango/sql_query.h"

namespace sango::projection {

namespace {

using nlohmann::json;

std::string joinFlags(const json& flags)
{
    std::string out;
    if (!flags.is_array())
        return out;
    for (const auto& f : flags) {
        if (!f.is_string())
            continue;
        if (!out.empty())
            out += ';';
        out += f.get<std::string>();
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

std::string joinServices(const json& services)
{
    return joinFlags(services);
}

// Reads a member the terminal itself wrote; a damaged body is a corrupt store.
template <typename T>
T get(const json& body, const char* key, T fallback = T{})
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null())
        return fallback;
    try {
        return it->get<T>();
    } catch (const json::exception&) {
        return fallback;
    }
}

std::optional<std::int64_t> optInt(const json& body, const char* key)
{
    const auto it = body.find(key);
    if (it == body.end() || !it->is_number_integer())
        return std::nullopt;
    return it->get<std::int64_t>();
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
Expected<void> recordSighting(db::Database& d, const std::string& couponId, const json& coupon, std::int64_t at)
{
    SANGO_TRY(db::exec(d, "INSERT OR IGNORE INTO coupons(coupon_id) VALUES (?)", couponId));
    if (!get<bool>(coupon, "verified"))
        return db::exec(d, "UPDATE coupons SET last_scan_at = ? WHERE coupon_id = ?", at, couponId);
    return db::exec(d,
                    "UPDATE coupons SET verified = 1, coupon_type = ?, grant_minutes = ?, services = ?, expires = ?, "
                    "last_scan_at = ?, not_before = ? WHERE coupon_id = ?",
                    get<std::string>(coupon, "type"), optInt(coupon, "grant"),
                    joinServices(coupon.value("services", json::array())), get<std::int64_t>(coupon, "expires"), at,
                    get<std::int64_t>(coupon, "not_before"), couponId);
}

} // namespace

Expected<void> apply(db::Database& d, const Event& ev)
{
    if (!ev.body.is_object())
        return fail(Errc::store_corrupt, "event " + std::to_string(ev.seq) + " has a damaged body: restore the "
                                                                             "store from a backup");
    const json& b = ev.body;
    const std::int64_t at = ev.at.time_since_epoch().count();
    if (ev.type == event_type::config_installed) {
        auto r = db::exec(d,
                          "INSERT OR REPLACE INTO config(kind, body, seq) VALUES (?, ?, ?)",
                          get<std::string>(b, "kind"), b.value("body", json()).dump(), ev.seq);
        if (!r || get<std::string>(b, "kind") != "policy")
            return r;
        // Policies apply from their date: the schedule keeps each one (the first applies from the start).
        return db::exec(d,
                        "INSERT INTO policy_schedule(from_date, seq, body) VALUES (?, ?, ?)",
                        get<std::string>(b, "from", "0000-01-01"), ev.seq, b.value("body", json()).dump());
    }
    if (ev.type == event_type::terminal_enrolled) {
        for (const char* key : {"ledger_url", "terminal_id", "provider_id", "public_key_b64u"}) {
            auto r = db::exec(d,
                              "INSERT OR REPLACE INTO enrolment(key, value) VALUES (?, ?)",
                              key, get<std::string>(b, key));
            SANGO_TRY(r);
        }
        return {};
    }
    if (ev.type == event_type::sync_answered) {
        for (const json& a : b.value("answers", json::array())) {
            auto r = db::exec(d,
                              "INSERT OR REPLACE INTO ledger_answers(seq, event_id, type, session_id, coupon_id, status, "
                              "reason, answered_at, figures, detail) VALUES (?,?,?,?,?,?,?,?,?,?)",
                              get<std::int64_t>(a, "seq"), get<std::string>(a, "id"), get<std::string>(a, "type"),
                              get<std::string>(a, "session_id"), get<std::string>(a, "coupon_id"),
                              get<std::string>(a, "status"), get<std::string>(a, "reason"), at,
                              a.contains("figures") && a["figures"].is_object()
                                  ? std::optional<std::string>(a["figures"].dump())
                                  : std::optional<std::string>(),
                              get<std::string>(a, "detail"));
            if (!r)
                return r;
            // The ledger's latest word on a session stands: a manager's correction it accepts clears an
            // earlier rejection. A refused correction or cancellation leaves the ledger with the session as it
            // was: the session is `disputed` (still counted here, for the manager to settle), not rejected.
            // Only the answer to the session's newest answered event decides (answers recorded late by a
            // second sync process do not turn it back).
            const std::string type = get<std::string>(a, "type");
            std::string status = get<std::string>(a, "status");
            if (status == "rejected" &&
                (type == event_type::session_corrected || type == event_type::session_cancelled))
                status = "disputed";
            r = db::exec(d,
                         "UPDATE sessions SET ledger_status = ?, ledger_reason = ? WHERE session_id = ? AND ? >= "
                         "(SELECT MAX(seq) FROM ledger_answers WHERE session_id = ?)",
                         status, get<std::string>(a, "reason"), get<std::string>(a, "session_id"),
                         get<std::int64_t>(a, "seq"), get<std::string>(a, "session_id"));
            if (!r)
                return r;
        }
        return {};
    }
    if (ev.type == event_type::ledger_balance) {
        // Only a newer figure replaces an older one (changes can arrive again after a crash).
        auto r = db::exec(d,
                          "DELETE FROM ledger_balances WHERE coupon_id = ? AND change_seq < ?",
                          get<std::string>(b, "coupon_id"), get<std::int64_t>(b, "change_seq"));
        if (!r)
            return r;
        return db::exec(d,
                        "INSERT OR IGNORE INTO ledger_balances(coupon_id, grant_minutes, used_minutes, used_here_minutes, "
                        "change_seq, as_of) VALUES (?,?,?,?,?,?)",
                        get<std::string>(b, "coupon_id"), get<std::int64_t>(b, "grant_minutes"),
                        get<std::int64_t>(b, "used_minutes"), get<std::int64_t>(b, "used_here_minutes"),
                        get<std::int64_t>(b, "change_seq"), at);
    }
    if (ev.type == event_type::staff_added)
        return db::exec(d,
                        "INSERT OR REPLACE INTO staff(staff_id, role, pin_hash) VALUES (?, ?, ?)",
                        get<std::string>(b, "staff_id"), get<std::string>(b, "role"), get<std::string>(b, "pin_hash"));
    if (ev.type == event_type::coupon_revoked)
        return db::exec(d,
                        "INSERT OR REPLACE INTO revocations(coupon_id, reason, at) VALUES (?, ?, ?)",
                        get<std::string>(b, "coupon_id"), get<std::string>(b, "reason"), at);
    if (ev.type == event_type::session_opened || ev.type == event_type::paper_session) {
        const bool paper = ev.type == event_type::paper_session;
        auto r = db::exec(d,
                          "INSERT INTO sessions(session_id, coupon_id, source, service, start, stop, local_date, "
                          "actual_minutes, billed_minutes, staff_id, status, flags, last_event, opened_start) "
                          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          get<std::string>(b, "session_id"), get<std::string>(b, paper ? "ticket" : "coupon_id"),
                          paper ? std::string("paper") : get<std::string>(b, "source"),
                          get<std::string>(b, "service"), get<std::int64_t>(b, "start"), optInt(b, "stop"),
                          get<std::string>(b, "date"), optInt(b, "actual_minutes"), optInt(b, "billed_minutes"),
                          get<std::string>(b, "staff_id"), paper ? "closed" : "open",
                          joinFlags(b.value("flags", json::array())), ev.id, get<std::int64_t>(b, "start"));
        if (!r || paper)
            return r;
        return recordSighting(d, get<std::string>(b, "coupon_id"), b.value("coupon", json::object()), at);
    }
    if (ev.type == event_type::session_closed) {
        auto r = db::exec(d,
                          "UPDATE sessions SET stop = ?, actual_minutes = ?, billed_minutes = ?, status = 'closed', "
                          "flags = ?, last_event = ? WHERE session_id = ?",
                          get<std::int64_t>(b, "stop"), get<std::int64_t>(b, "actual_minutes"),
                          get<std::int64_t>(b, "billed_minutes"), joinFlags(b.value("flags", json::array())), ev.id,
                          get<std::string>(b, "session_id"));
        if (!r)
            return r;
        // Any close starts the repeat-scan window (by id too: a habitual scan right after must not reopen).
        return recordSighting(d, get<std::string>(b, "coupon_id"), b.value("coupon", json::object()), at);
    }
    if (ev.type == event_type::session_cancelled)
        return db::exec(d,
                        "UPDATE sessions SET status = 'cancelled', billed_minutes = 0, cancel_reason = ?, flags = ?, "
                        "last_event = ? WHERE session_id = ?",
                        get<std::string>(b, "reason"), joinFlags(b.value("flags", json::array())), ev.id,
                        get<std::string>(b, "session_id"));
    if (ev.type == event_type::session_corrected)
        return db::exec(d,
                        "UPDATE sessions SET start = ?, stop = ?, local_date = ?, actual_minutes = ?, billed_minutes = ?, "
                        "status = 'closed', flags = ?, correction_reason = ?, cancel_reason = '', last_event = ? "
                        "WHERE session_id = ?",
                        get<std::int64_t>(b, "start"), get<std::int64_t>(b, "stop"), get<std::string>(b, "date"),
                        get<std::int64_t>(b, "actual_minutes"), get<std::int64_t>(b, "billed_minutes"),
                        joinFlags(b.value("flags", json::array())), get<std::string>(b, "reason"), ev.id,
                        get<std::string>(b, "session_id"));
    if (ev.type == event_type::store_restored)
        // The store's incarnation: session ids made from now on carry it (EventStore::incarnation).
        return db::exec(d,
                        "INSERT OR REPLACE INTO config(kind, body, seq) VALUES ('incarnation', ?, ?)",
                        json(get<std::string>(b, "incarnation")).dump(), ev.seq);
    // store_initialised is read from the log itself (EventStore::terminalId); event types of a newer terminal
    // change no projection of this version.
    return {};
}

Expected<void> backfillOpenedStart(db::Database& d)
{
    SANGO_TRY_ASSIGN(auto st, db::query(d, "SELECT body FROM events WHERE type IN ('session_opened', "
                                           "'paper_session') ORDER BY seq"));
    // One statement for every row (prepared once).
    SANGO_TRY_ASSIGN(auto update, db::query(d, "UPDATE sessions SET opened_start = ? WHERE session_id = ?"));
    return db::forEachRow(st, [&](const db::Statement& row) -> Expected<void> {
        const json b = json::parse(row.text(0), nullptr, false);
        if (!b.is_object())
            return fail(Errc::store_corrupt, "an event has a damaged body: restore the store from a backup");
        update.reset();
        update.bind(1, get<std::int64_t>(b, "start")).bind(2, get<std::string>(b, "session_id"));
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
