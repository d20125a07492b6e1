// EventStore: reads of the projections and of the log.
#include "sango/event_store.h"

#include "event_store_impl.h"
#include "projection.h"
#include "sango/local_time.h"

namespace sango {

namespace {

using store_events::kEventColumns;
using store_events::readEvent;

// count(*) of a query, or its first integer (0 when there is no row).
template <typename... Args>
Expected<std::int64_t> queryInt(db::Database& d, std::string_view sql, const Args&... args)
{
    SANGO_TRY_ASSIGN(const auto n, db::scalar<std::int64_t>(d, sql, args...));
    return n.value_or(0);
}

// The body of the store's first event (store_initialised).
Expected<events::StoreInitialised> initialBody(db::Database& d)
{
    SANGO_TRY_ASSIGN(const auto body, db::scalar<std::string>(d, "SELECT body FROM events WHERE type = "
                                                                 "'store_initialised' ORDER BY seq LIMIT 1"));
    if (!body)
        return fail(Errc::store_corrupt, "the store has lost its first event: restore it from a backup");
    auto first = events::StoreInitialised::fromJson(nlohmann::json::parse(*body, nullptr, false));
    if (!first)
        return fail(Errc::store_corrupt, "the store's first event is damaged: restore it from a backup");
    return first;
}

} // namespace

Expected<std::string> EventStore::terminalId()
{
    SANGO_TRY_ASSIGN(auto first, initialBody(m_impl->db));
    return first.terminalId;
}

Expected<std::string> EventStore::incarnation()
{
    SANGO_TRY_ASSIGN(const auto body,
                     db::scalar<std::string>(m_impl->db, "SELECT body FROM config WHERE kind = 'incarnation'"));
    if (!body)
        return std::string(); // never restored: the store's first incarnation
    const auto j = nlohmann::json::parse(*body, nullptr, false);
    if (!j.is_string())
        return fail(Errc::store_corrupt, "the store's incarnation is damaged: run `sango audit`");
    return j.get<std::string>();
}

Expected<bool> EventStore::isDemo()
{
    SANGO_TRY_ASSIGN(auto first, initialBody(m_impl->db));
    return first.demo;
}

Expected<nlohmann::json> EventStore::config(std::string_view kind)
{
    SANGO_TRY_ASSIGN(const auto body, db::scalar<std::string>(m_impl->db, "SELECT body FROM config WHERE kind = ?", kind));
    if (!body)
        return fail(Errc::store_corrupt, "the store holds no " + std::string(kind) + ": run `sango init` again on a new data directory");
    auto j = nlohmann::json::parse(*body, nullptr, false);
    if (j.is_discarded())
        return fail(Errc::store_corrupt, "the stored " + std::string(kind) + " is damaged");
    return j;
}

Expected<std::optional<SessionRecord>> EventStore::session(std::string_view sessionId)
{
    return projection::findSession(m_impl->db, "session_id = ?", sessionId);
}

Expected<std::optional<SessionRecord>> EventStore::openSessionFor(std::string_view couponId)
{
    return projection::findSession(m_impl->db, "coupon_id = ? AND status = 'open' AND source != 'paper'", couponId);
}

Expected<std::optional<SessionRecord>> EventStore::lastSessionFor(std::string_view couponId)
{
    return projection::findSession(m_impl->db, "coupon_id = ? AND source != 'paper'", couponId);
}

Expected<std::optional<CouponRecord>> EventStore::coupon(std::string_view couponId)
{
    return projection::findCoupon(m_impl->db, couponId);
}

Expected<std::int64_t> EventStore::usedMinutes(std::string_view couponId, std::string_view exceptSession)
{
    return queryInt(m_impl->db,
                    "SELECT COALESCE(SUM(billed_minutes), 0) FROM sessions WHERE coupon_id = ? AND status = 'closed' "
                    "AND source != 'paper' AND ledger_status != 'rejected' AND session_id != ?",
                    couponId, exceptSession);
}

Expected<bool> EventStore::isRevoked(std::string_view couponId)
{
    SANGO_TRY_ASSIGN(const auto n, queryInt(m_impl->db, "SELECT count(*) FROM revocations WHERE coupon_id = ?", couponId));
    return n != 0;
}

Expected<bool> EventStore::ticketUsed(std::string_view ticket)
{
    SANGO_TRY_ASSIGN(const auto n, queryInt(m_impl->db,
                                            "SELECT count(*) FROM sessions WHERE source = 'paper' AND coupon_id = ? "
                                            "AND status != 'cancelled'",
                                            ticket));
    return n != 0;
}

Expected<std::optional<StaffRecord>> EventStore::staff(std::string_view staffId)
{
    return db::row(
        m_impl->db, "SELECT staff_id, role, pin_hash FROM staff WHERE staff_id = ?",
        [](const db::Statement& st) { return StaffRecord{st.text(0), st.text(1), st.text(2)}; }, staffId);
}

Expected<std::int64_t> EventStore::staffCount()
{
    return queryInt(m_impl->db, "SELECT count(*) FROM staff");
}

Expected<std::vector<SessionRecord>> EventStore::sessions(std::optional<date::year_month_day> first,
                                                          std::optional<date::year_month_day> last, bool openOnly)
{
    return projection::listSessions(m_impl->db, first, last, openOnly);
}

Expected<std::vector<DailyRow>> EventStore::dailyTotals(date::year_month_day first, date::year_month_day last)
{
    return db::rows(
        m_impl->db,
        "SELECT local_date, service, count(*), COALESCE(SUM(billed_minutes), 0) FROM sessions "
        "WHERE local_date BETWEEN ? AND ? AND status = 'closed' AND ledger_status != 'rejected' "
        "GROUP BY local_date, service "
        "ORDER BY local_date, CASE service WHEN 'stay' THEN 0 WHEN 'day' THEN 1 ELSE 2 END",
        [](const db::Statement& st) -> Expected<DailyRow> {
            auto d = parseDate(st.text(0));
            auto s = parseService(st.text(1));
            if (!d || !s)
                return fail(Errc::store_corrupt, "a stored session has a bad date or service");
            return DailyRow{*d, *s, st.int32(2), st.int64(3)};
        },
        formatDate(first), formatDate(last));
}

Expected<std::int64_t> EventStore::lastSeq()
{
    return queryInt(m_impl->db, "SELECT COALESCE(MAX(seq), 0) FROM events");
}

Expected<std::int64_t> EventStore::eventCount()
{
    return queryInt(m_impl->db, "SELECT count(*) FROM events");
}

Expected<std::vector<Event>> EventStore::events(std::int64_t fromSeq, std::int64_t limit)
{
    return db::rows(m_impl->db, "SELECT " + std::string(kEventColumns) + " FROM events WHERE seq >= ? ORDER BY seq LIMIT ?",
                    readEvent, fromSeq, limit);
}

Expected<std::vector<Event>> EventStore::sessionHistory(std::string_view sessionId)
{
    // The bodies are JSON written by this code: the LIKE narrows the scan, the parsed member decides.
    const std::string needle =
        "\"session_id\":" +
        nlohmann::json(std::string(sessionId)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string pattern = "%";
    for (char c : needle) {
        if (c == '%' || c == '_' || c == '\\')
            pattern += '\\';
        pattern += c;
    }
    SANGO_TRY_ASSIGN(auto matches, db::rows(m_impl->db,
                                            "SELECT " + std::string(kEventColumns) +
                                                " FROM events WHERE body LIKE ? ESCAPE '\\' ORDER BY seq",
                                            readEvent, pattern + "%"));
    std::vector<Event> out;
    for (Event& ev : matches)
        if (auto body = events::parseSession(ev.type, ev.body); body && events::common(*body).sessionId == sessionId)
            out.push_back(std::move(ev));
    return out;
}

Expected<EventStore::Summary> EventStore::sessionEventSummary()
{
    SANGO_TRY_ASSIGN(const auto s, db::row(m_impl->db,
                                           "SELECT count(*), MIN(at) FROM events WHERE type IN ('session_opened', "
                                           "'session_closed', 'session_cancelled', 'session_corrected', "
                                           "'paper_session')",
                                           [](const db::Statement& st) {
                                               Summary s;
                                               s.count = st.int64(0);
                                               if (auto at = st.optInt64(1))
                                                   s.oldest = Instant(std::chrono::seconds(*at));
                                               return s;
                                           }));
    return s.value_or(Summary{});
}

} // namespace sango
