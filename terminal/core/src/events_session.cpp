// The five session events (events.h): writing their bodies, reading and checking them, and the shapes of the
// identifiers they hold.
#include "sango/events.h"

#include <algorithm>
#include <limits>

#include "sango/json_reader.h"
#include "sango/local_time.h"

namespace sango::events {

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

Expected<std::int64_t> readTime(const JsonReader& r, const char* key)
{
    return r.integer(key, kMinTime, kMaxTime - 1, "Unix seconds within the years 2000 to 2099");
}

Expected<std::optional<std::int64_t>> readOptionalTime(const JsonReader& r, const char* key)
{
    if (!r.find(key))
        return std::optional<std::int64_t>();
    SANGO_TRY_ASSIGN(auto t, readTime(r, key));
    return std::optional<std::int64_t>(t);
}

Expected<std::int64_t> readMinutes(const JsonReader& r, const char* key)
{
    return r.integer(key, 0, kMaxMinutes, "a number of minutes from 0 to " + std::to_string(kMaxMinutes));
}

Expected<std::string> readDate(const JsonReader& r, const char* key)
{
    const json* v = r.find(key);
    if (!v || !v->is_string() || v->get_ref<const std::string&>().size() != 10 ||
        !parseDate(v->get_ref<const std::string&>()))
        return r.bad(key, "must be a date, YYYY-MM-DD");
    return v->get<std::string>();
}

Expected<SessionCommon> readCommon(const JsonReader& r)
{
    SessionCommon c;
    SANGO_TRY_ASSIGN(c.sessionId, r.checked("session_id", isSessionId, "1 to 64 letters, digits, '.', '_' or '-'"));
    SANGO_TRY_ASSIGN(c.staffId,
                     r.checked("staff_id", isStaffId, "a staff id (1 to 32 letters, digits, '.', '_' or '-')"));
    if (const json* flags = r.find("flags")) {
        if (!flags->is_array() || flags->size() > kMaxFlags)
            return r.bad("flags", "must be an array of at most " + std::to_string(kMaxFlags) + " flags");
        for (const json& f : *flags) {
            if (!f.is_string() || !isFlag(f.get_ref<const std::string&>()))
                return r.bad("flags", "must hold snake_case words of at most 32 characters");
            c.flags.push_back(f.get<std::string>());
        }
    }
    if (const json* clock = r.find("clock"); clock && !clock->is_null()) {
        if (!clock->is_object())
            return r.bad("clock", "must be null or an object {offset_s, verified}");
        EventClock ec;
        const auto offset = clock->find("offset_s");
        if (offset != clock->end() && !offset->is_null()) {
            if (!offset->is_number_integer() ||
                (offset->is_number_unsigned() &&
                 offset->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())))
                return r.bad("clock.offset_s", "must be null or an integer of seconds");
            ec.offsetSeconds = offset->get<std::int64_t>();
        }
        const auto verified = clock->find("verified");
        if (verified == clock->end() || !verified->is_boolean())
            return r.bad("clock.verified", "must be true or false");
        ec.verified = verified->get<bool>();
        c.clock = ec;
    }
    return c;
}

void putCommon(json& j, const SessionCommon& c)
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

bool isStaffId(std::string_view s)
{
    const auto first = static_cast<unsigned char>(s.empty() ? '\0' : s[0]);
    if (s.empty() || s.size() > 32 || !((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
                                        (first >= '0' && first <= '9')))
        return false;
    return allOf(s, isIdChar);
}

bool isReasonCode(std::string_view s)
{
    if (s.empty() || s.size() > 32 || !(s[0] >= 'a' && s[0] <= 'z'))
        return false;
    return allOf(s, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

json EventClock::toJson() const
{
    return {{"offset_s", offsetSeconds ? json(*offsetSeconds) : json()}, {"verified", verified}};
}

json SessionOpened::toJson() const
{
    json j = {{"coupon_id", couponId}, {"source", source}, {"service", service},
              {"start", start},        {"date", date},     {"coupon", coupon}};
    putCommon(j, common);
    return j;
}

Expected<SessionOpened> SessionOpened::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    SessionOpened e;
    SANGO_TRY_ASSIGN(e.common, readCommon(r));
    SANGO_TRY_ASSIGN(e.couponId, r.text("coupon_id", kMaxIdLength, isCouponText, kCouponShape));
    SANGO_TRY_ASSIGN(e.source, r.checked(
                                  "source", [](std::string_view s) { return s == "qr" || s == "manual"; },
                                  "qr or manual"));
    SANGO_TRY_ASSIGN(e.service, r.checked("service", isServiceCode, "a service code ([a-z0-9_], 1 to 24)"));
    SANGO_TRY_ASSIGN(e.start, readTime(r, "start"));
    SANGO_TRY_ASSIGN(e.date, readDate(r, "date"));
    SANGO_TRY_ASSIGN(e.coupon, r.objectMember("coupon"));
    return e;
}

json SessionClosed::toJson() const
{
    json j = {{"coupon_id", couponId},           {"stop", stop},       {"actual_minutes", actualMinutes},
              {"billed_minutes", billedMinutes}, {"by_scan", byScan}, {"coupon", coupon}};
    if (sessionStart)
        j["session_start"] = *sessionStart;
    putCommon(j, common);
    return j;
}

Expected<SessionClosed> SessionClosed::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    SessionClosed e;
    SANGO_TRY_ASSIGN(e.common, readCommon(r));
    SANGO_TRY_ASSIGN(e.couponId, r.text("coupon_id", kMaxIdLength, isCouponText, kCouponShape));
    SANGO_TRY_ASSIGN(e.sessionStart, readOptionalTime(r, "session_start"));
    SANGO_TRY_ASSIGN(e.stop, readTime(r, "stop"));
    SANGO_TRY_ASSIGN(e.actualMinutes, readMinutes(r, "actual_minutes"));
    SANGO_TRY_ASSIGN(e.billedMinutes, readMinutes(r, "billed_minutes"));
    if (const json* b = r.find("by_scan")) {
        if (!b->is_boolean())
            return r.bad("by_scan", "must be true or false");
        e.byScan = b->get<bool>();
    }
    SANGO_TRY_ASSIGN(e.coupon, r.objectMember("coupon"));
    return e;
}

json SessionCancelled::toJson() const
{
    json j = {{"corrects", corrects}, {"reason", reason}};
    if (couponId)
        j["coupon_id"] = *couponId;
    if (sessionStart)
        j["session_start"] = *sessionStart;
    putCommon(j, common);
    return j;
}

Expected<SessionCancelled> SessionCancelled::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    SessionCancelled e;
    SANGO_TRY_ASSIGN(e.common, readCommon(r));
    SANGO_TRY_ASSIGN(e.corrects, r.text("corrects", kMaxIdLength, isCorrectsChar, "an event id"));
    SANGO_TRY_ASSIGN(e.reason, r.checked("reason", isReason, kReasonShape));
    SANGO_TRY_ASSIGN(e.couponId, r.optionalText("coupon_id", kMaxIdLength, isCouponText, kCouponShape));
    SANGO_TRY_ASSIGN(e.sessionStart, readOptionalTime(r, "session_start"));
    return e;
}

json SessionCorrected::toJson() const
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

Expected<SessionCorrected> SessionCorrected::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    SessionCorrected e;
    SANGO_TRY_ASSIGN(e.common, readCommon(r));
    SANGO_TRY_ASSIGN(e.corrects, r.text("corrects", kMaxIdLength, isCorrectsChar, "an event id"));
    SANGO_TRY_ASSIGN(e.start, readTime(r, "start"));
    SANGO_TRY_ASSIGN(e.stop, readTime(r, "stop"));
    SANGO_TRY_ASSIGN(e.date, readDate(r, "date"));
    SANGO_TRY_ASSIGN(e.actualMinutes, readMinutes(r, "actual_minutes"));
    SANGO_TRY_ASSIGN(e.billedMinutes, readMinutes(r, "billed_minutes"));
    SANGO_TRY_ASSIGN(e.reason, r.checked("reason", isReason, kReasonShape));
    SANGO_TRY_ASSIGN(e.couponId, r.optionalText("coupon_id", kMaxIdLength, isCouponText, kCouponShape));
    SANGO_TRY_ASSIGN(e.sessionStart, readOptionalTime(r, "session_start"));
    return e;
}

json PaperSession::toJson() const
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

Expected<PaperSession> PaperSession::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    PaperSession e;
    SANGO_TRY_ASSIGN(e.common, readCommon(r));
    SANGO_TRY_ASSIGN(e.ticket, r.checked("ticket", isTicket, "a ticket number (1 to 32 letters, digits or '-')"));
    SANGO_TRY_ASSIGN(e.service, r.checked("service", isServiceCode, "a service code ([a-z0-9_], 1 to 24)"));
    SANGO_TRY_ASSIGN(e.start, readTime(r, "start"));
    SANGO_TRY_ASSIGN(e.stop, readTime(r, "stop"));
    SANGO_TRY_ASSIGN(e.date, readDate(r, "date"));
    SANGO_TRY_ASSIGN(e.actualMinutes, readMinutes(r, "actual_minutes"));
    SANGO_TRY_ASSIGN(e.billedMinutes, readMinutes(r, "billed_minutes"));
    return e;
}

json CouponSeen::toJson() const
{
    return {{"verified", verified},
            {"type", type},
            {"grant", grant ? json(*grant) : json()},
            {"services", services},
            {"not_before", notBefore},
            {"expires", expires}};
}

CouponSeen CouponSeen::read(const json& coupon)
{
    CouponSeen c;
    if (!coupon.is_object())
        return c;
    const auto number = [&](const char* key) -> std::int64_t {
        const auto it = coupon.find(key);
        return it != coupon.end() && (it->is_number() || it->is_boolean()) ? it->get<std::int64_t>() : 0;
    };
    if (const auto it = coupon.find("verified"); it != coupon.end() && it->is_boolean())
        c.verified = it->get<bool>();
    if (const auto it = coupon.find("type"); it != coupon.end() && it->is_string())
        c.type = it->get<std::string>();
    if (const auto it = coupon.find("grant"); it != coupon.end() && it->is_number_integer())
        c.grant = it->get<std::int64_t>();
    if (const auto it = coupon.find("services"); it != coupon.end() && it->is_array())
        for (const json& s : *it)
            if (s.is_string())
                c.services.push_back(s.get<std::string>());
    c.notBefore = number("not_before");
    c.expires = number("expires");
    return c;
}

} // namespace sango::events
