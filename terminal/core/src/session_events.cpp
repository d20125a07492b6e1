#include "sango/session_events.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include "sango/event.h"
#include "sango/local_time.h"

namespace sango::session_events {

namespace {

using nlohmann::json;

bool allOf(std::string_view s, bool (*ok)(char))
{
    return std::all_of(s.begin(), s.end(), ok);
}

bool isIdChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
}

bool isPrintableAscii(char c)
{
    return c > ' ' && c < 0x7f;
}

// Reads the members of one body, naming the event type and the member in every failure.
class Reader {
public:
    Reader(const json& body, std::string_view type) : m_body(body), m_type(type) {}

    tl::unexpected<Error> bad(std::string_view member, std::string_view what) const
    {
        return fail(Errc::malformed, std::string(m_type) + ": " + std::string(member) + " " + std::string(what));
    }

    Expected<void> object() const
    {
        if (!m_body.is_object())
            return fail(Errc::malformed, std::string(m_type) + ": the body must be a JSON object");
        return {};
    }

    const json* find(const char* key) const
    {
        const auto it = m_body.find(key);
        return it == m_body.end() ? nullptr : &*it;
    }

    // A string of 1 to max bytes whose every character passes ok.
    Expected<std::string> text(const char* key, std::size_t max, bool (*ok)(char), std::string_view shape) const
    {
        const json* v = find(key);
        if (!v || !v->is_string())
            return bad(key, "must be a string");
        const auto& s = v->get_ref<const std::string&>();
        if (s.empty() || s.size() > max || !allOf(s, ok))
            return bad(key, "must be " + std::string(shape));
        return s;
    }

    Expected<std::optional<std::string>> optionalText(const char* key, std::size_t max, bool (*ok)(char),
                                                      std::string_view shape) const
    {
        if (!find(key))
            return std::optional<std::string>();
        auto s = text(key, max, ok, shape);
        if (!s)
            return tl::unexpected(s.error());
        return std::optional<std::string>(std::move(*s));
    }

    Expected<std::string> checked(const char* key, bool (*ok)(std::string_view), std::string_view shape) const
    {
        const json* v = find(key);
        if (!v || !v->is_string() || !ok(v->get_ref<const std::string&>()))
            return bad(key, "must be " + std::string(shape));
        return v->get<std::string>();
    }

    Expected<std::int64_t> integer(const char* key, std::int64_t lo, std::int64_t hi, std::string_view shape) const
    {
        const json* v = find(key);
        if (!v || !(v->is_number_integer() || v->is_number_unsigned()))
            return bad(key, "must be an integer (" + std::string(shape) + ")");
        if (v->is_number_unsigned() &&
            v->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return bad(key, "must be " + std::string(shape));
        const auto n = v->get<std::int64_t>();
        if (n < lo || n > hi)
            return bad(key, "must be " + std::string(shape));
        return n;
    }

    Expected<std::int64_t> time(const char* key) const
    {
        return integer(key, kMinTime, kMaxTime - 1, "Unix seconds within the years 2000 to 2099");
    }

    Expected<std::optional<std::int64_t>> optionalTime(const char* key) const
    {
        if (!find(key))
            return std::optional<std::int64_t>();
        auto t = time(key);
        if (!t)
            return tl::unexpected(t.error());
        return std::optional<std::int64_t>(*t);
    }

    Expected<std::int64_t> minutes(const char* key) const
    {
        return integer(key, 0, kMaxMinutes, "a number of minutes from 0 to " + std::to_string(kMaxMinutes));
    }

    Expected<std::string> date(const char* key) const
    {
        const json* v = find(key);
        if (!v || !v->is_string() || v->get_ref<const std::string&>().size() != 10 ||
            !parseDate(v->get_ref<const std::string&>()))
            return bad(key, "must be a date, YYYY-MM-DD");
        return v->get<std::string>();
    }

    Expected<Common> common() const
    {
        Common c;
        auto id = checked("session_id", isSessionId, "1 to 64 letters, digits, '.', '_' or '-'");
        if (!id)
            return tl::unexpected(id.error());
        c.sessionId = std::move(*id);
        auto staff = checked("staff_id", isStaffId, "a staff id (1 to 32 letters, digits, '.', '_' or '-')");
        if (!staff)
            return tl::unexpected(staff.error());
        c.staffId = std::move(*staff);
        if (const json* flags = find("flags")) {
            if (!flags->is_array() || flags->size() > kMaxFlags)
                return bad("flags", "must be an array of at most " + std::to_string(kMaxFlags) + " flags");
            for (const json& f : *flags) {
                if (!f.is_string() || !isFlag(f.get_ref<const std::string&>()))
                    return bad("flags", "must hold snake_case words of at most 32 characters");
                c.flags.push_back(f.get<std::string>());
            }
        }
        if (const json* clock = find("clock"); clock && !clock->is_null()) {
            if (!clock->is_object())
                return bad("clock", "must be null or an object {offset_s, verified}");
            EventClock ec;
            const auto offset = clock->find("offset_s");
            if (offset != clock->end() && !offset->is_null()) {
                if (!offset->is_number_integer() ||
                    (offset->is_number_unsigned() &&
                     offset->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())))
                    return bad("clock.offset_s", "must be null or an integer of seconds");
                ec.offsetSeconds = offset->get<std::int64_t>();
            }
            const auto verified = clock->find("verified");
            if (verified == clock->end() || !verified->is_boolean())
                return bad("clock.verified", "must be true or false");
            ec.verified = verified->get<bool>();
            c.clock = ec;
        }
        return c;
    }

    Expected<json> object(const char* key) const
    {
        const json* v = find(key);
        if (!v)
            return json::object();
        if (!v->is_object())
            return bad(key, "must be an object");
        return *v;
    }

private:
    const json& m_body;
    std::string_view m_type;
};

void putCommon(json& j, const Common& c)
{
    j["session_id"] = c.sessionId;
    j["staff_id"] = c.staffId;
    j["flags"] = c.flags;
    j["clock"] = c.clock ? c.clock->toJson() : json();
}

bool isCouponText(char c)
{
    return isPrintableAscii(c);
}

bool isCorrectsChar(char c)
{
    return isIdChar(c);
}

constexpr std::string_view kCouponShape = "a coupon id (1 to 64 printable characters)";
constexpr std::string_view kReasonShape = "a reason code (a snake_case word of at most 32 characters)";

bool isReason(std::string_view s)
{
    return isReasonCode(s);
}

} // namespace

bool isSessionId(std::string_view s)
{
    return !s.empty() && s.size() <= kMaxIdLength && allOf(s, isIdChar);
}

bool isFlag(std::string_view s)
{
    return !s.empty() && s.size() <= kMaxFlagLength && allOf(s, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

bool isTicket(std::string_view s)
{
    return !s.empty() && s.size() <= kMaxTicketLength && s.front() != '-' && allOf(s, [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
    });
}

bool isServiceCode(std::string_view s)
{
    return !s.empty() && s.size() <= 24 && allOf(s, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

json EventClock::toJson() const
{
    return {{"offset_s", offsetSeconds ? json(*offsetSeconds) : json()}, {"verified", verified}};
}

json Opened::toJson() const
{
    json j = {{"coupon_id", couponId}, {"source", source}, {"service", service},
              {"start", start},        {"date", date},     {"coupon", coupon}};
    putCommon(j, common);
    return j;
}

Expected<Opened> Opened::fromJson(const json& body)
{
    const Reader r(body, event_type::session_opened);
    if (auto o = r.object(); !o)
        return tl::unexpected(o.error());
    Opened e;
    SANGO_TRY_ASSIGN(e.common, r.common());
    SANGO_TRY_ASSIGN(e.couponId, r.text("coupon_id", kMaxIdLength, isCouponText, kCouponShape));
    SANGO_TRY_ASSIGN(e.source, r.checked(
                                  "source", [](std::string_view s) { return s == "qr" || s == "manual"; },
                                  "qr or manual"));
    SANGO_TRY_ASSIGN(e.service, r.checked("service", isServiceCode, "a service code ([a-z0-9_], 1 to 24)"));
    SANGO_TRY_ASSIGN(e.start, r.time("start"));
    SANGO_TRY_ASSIGN(e.date, r.date("date"));
    SANGO_TRY_ASSIGN(e.coupon, r.object("coupon"));
    return e;
}

json Closed::toJson() const
{
    json j = {{"coupon_id", couponId},           {"stop", stop},       {"actual_minutes", actualMinutes},
              {"billed_minutes", billedMinutes}, {"by_scan", byScan}, {"coupon", coupon}};
    if (sessionStart)
        j["session_start"] = *sessionStart;
    putCommon(j, common);
    return j;
}

Expected<Closed> Closed::fromJson(const json& body)
{
    const Reader r(body, event_type::session_closed);
    if (auto o = r.object(); !o)
        return tl::unexpected(o.error());
    Closed e;
    SANGO_TRY_ASSIGN(e.common, r.common());
    SANGO_TRY_ASSIGN(e.couponId, r.text("coupon_id", kMaxIdLength, isCouponText, kCouponShape));
    SANGO_TRY_ASSIGN(e.sessionStart, r.optionalTime("session_start"));
    SANGO_TRY_ASSIGN(e.stop, r.time("stop"));
    SANGO_TRY_ASSIGN(e.actualMinutes, r.minutes("actual_minutes"));
    SANGO_TRY_ASSIGN(e.billedMinutes, r.minutes("billed_minutes"));
    if (const json* b = r.find("by_scan")) {
        if (!b->is_boolean())
            return r.bad("by_scan", "must be true or false");
        e.byScan = b->get<bool>();
    }
    SANGO_TRY_ASSIGN(e.coupon, r.object("coupon"));
    return e;
}

json Cancelled::toJson() const
{
    json j = {{"corrects", corrects}, {"reason", reason}};
    if (couponId)
        j["coupon_id"] = *couponId;
    if (sessionStart)
        j["session_start"] = *sessionStart;
    putCommon(j, common);
    return j;
}

Expected<Cancelled> Cancelled::fromJson(const json& body)
{
    const Reader r(body, event_type::session_cancelled);
    if (auto o = r.object(); !o)
        return tl::unexpected(o.error());
    Cancelled e;
    SANGO_TRY_ASSIGN(e.common, r.common());
    SANGO_TRY_ASSIGN(e.corrects, r.text("corrects", kMaxIdLength, isCorrectsChar, "an event id"));
    SANGO_TRY_ASSIGN(e.reason, r.checked("reason", isReason, kReasonShape));
    SANGO_TRY_ASSIGN(e.couponId, r.optionalText("coupon_id", kMaxIdLength, isCouponText, kCouponShape));
    SANGO_TRY_ASSIGN(e.sessionStart, r.optionalTime("session_start"));
    return e;
}

json Corrected::toJson() const
{
    json j = {{"corrects", corrects},          {"start", start},   {"stop", stop},
              {"date", date},                  {"reason", reason}, {"actual_minutes", actualMinutes},
              {"billed_minutes", billedMinutes}};
    if (couponId)
        j["coupon_id"] = *couponId;
    if (sessionStart)
        j["session_start"] = *sessionStart;
    putCommon(j, common);
    return j;
}

Expected<Corrected> Corrected::fromJson(const json& body)
{
    const Reader r(body, event_type::session_corrected);
    if (auto o = r.object(); !o)
        return tl::unexpected(o.error());
    Corrected e;
    SANGO_TRY_ASSIGN(e.common, r.common());
    SANGO_TRY_ASSIGN(e.corrects, r.text("corrects", kMaxIdLength, isCorrectsChar, "an event id"));
    SANGO_TRY_ASSIGN(e.start, r.time("start"));
    SANGO_TRY_ASSIGN(e.stop, r.time("stop"));
    SANGO_TRY_ASSIGN(e.date, r.date("date"));
    SANGO_TRY_ASSIGN(e.actualMinutes, r.minutes("actual_minutes"));
    SANGO_TRY_ASSIGN(e.billedMinutes, r.minutes("billed_minutes"));
    SANGO_TRY_ASSIGN(e.reason, r.checked("reason", isReason, kReasonShape));
    SANGO_TRY_ASSIGN(e.couponId, r.optionalText("coupon_id", kMaxIdLength, isCouponText, kCouponShape));
    SANGO_TRY_ASSIGN(e.sessionStart, r.optionalTime("session_start"));
    return e;
}

json Paper::toJson() const
{
    json j = {{"ticket", ticket},
              {"service", service},
              {"start", start},
              {"stop", stop},
              {"date", date},
              {"actual_minutes", actualMinutes},
              {"billed_minutes", billedMinutes}};
    putCommon(j, common);
    return j;
}

Expected<Paper> Paper::fromJson(const json& body)
{
    const Reader r(body, event_type::paper_session);
    if (auto o = r.object(); !o)
        return tl::unexpected(o.error());
    Paper e;
    SANGO_TRY_ASSIGN(e.common, r.common());
    SANGO_TRY_ASSIGN(e.ticket, r.checked("ticket", isTicket, "a ticket number (1 to 32 letters, digits or '-')"));
    SANGO_TRY_ASSIGN(e.service, r.checked("service", isServiceCode, "a service code ([a-z0-9_], 1 to 24)"));
    SANGO_TRY_ASSIGN(e.start, r.time("start"));
    SANGO_TRY_ASSIGN(e.stop, r.time("stop"));
    SANGO_TRY_ASSIGN(e.date, r.date("date"));
    SANGO_TRY_ASSIGN(e.actualMinutes, r.minutes("actual_minutes"));
    SANGO_TRY_ASSIGN(e.billedMinutes, r.minutes("billed_minutes"));
    return e;
}

Expected<SessionEvent> parse(std::string_view type, const json& body)
{
    auto wrap = [](auto parsed) -> Expected<SessionEvent> {
        if (!parsed)
            return tl::unexpected(parsed.error());
        return SessionEvent(std::move(*parsed));
    };
    if (type == event_type::session_opened)
        return wrap(Opened::fromJson(body));
    if (type == event_type::session_closed)
        return wrap(Closed::fromJson(body));
    if (type == event_type::session_cancelled)
        return wrap(Cancelled::fromJson(body));
    if (type == event_type::session_corrected)
        return wrap(Corrected::fromJson(body));
    if (type == event_type::paper_session)
        return wrap(Paper::fromJson(body));
    return fail(Errc::malformed, "an event of type \"" + std::string(type.substr(0, 32)) +
                                     "\" is not a session event");
}

const Common& common(const SessionEvent& e)
{
    return std::visit([](const auto& v) -> const Common& { return v.common; }, e);
}

bool isReasonCode(std::string_view reason)
{
    if (reason.empty() || reason.size() > 32 || !(reason[0] >= 'a' && reason[0] <= 'z'))
        return false;
    return std::all_of(reason.begin(), reason.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool isStaffId(std::string_view staffId)
{
    // Starts with a letter or digit: nothing a spreadsheet would take for a formula (=, +, -, @).
    if (staffId.empty() || staffId.size() > 32 || !std::isalnum(static_cast<unsigned char>(staffId[0])))
        return false;
    return std::all_of(staffId.begin(), staffId.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    });
}

} // namespace sango::session_events
