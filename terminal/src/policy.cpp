#include "sango/policy.h"

#include <cstdint>
#include <exception>
#include <optional>

#include <nlohmann/json.hpp>

#include "sango/local_time.h"

namespace sango {

namespace {

using nlohmann::json;

// Every integer of a policy is a count of minutes: bounded so that no sum or product of them can overflow an
// int (100,000 minutes is over 69 days; a grant of 5,040 minutes is 84 hours).
constexpr int kMaxMinutes = 100000;

// A value as it appeared, for messages: bounded and never throwing on bad UTF-8.
std::string shown(const json& v)
{
    std::string text = v.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > 40)
        text = text.substr(0, 40) + "...";
    return text;
}

// An object key as part of a member path: control characters replaced, length bounded.
std::string keyText(std::string_view key)
{
    std::string out;
    for (std::size_t i = 0; i < key.size() && i < 40; ++i) {
        const auto c = static_cast<unsigned char>(key[i]);
        out += (c < 0x20 || c == 0x7f) ? '?' : key[i];
    }
    if (key.size() > 40)
        out += "...";
    return out;
}

tl::unexpected<Error> bad(const std::string& path, const std::string& what)
{
    return fail(Errc::invalid_config, "policy: " + path + " " + what);
}

const json* member(const json& obj, const char* key)
{
    const auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

std::string join(const std::string& parent, const char* key)
{
    return parent.empty() ? std::string(key) : parent + "." + key;
}

// A JSON integer (30.0 and "30" are refused) within [lo, hi].
std::optional<int> intValue(const json& v, int lo, int hi)
{
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(hi) || static_cast<std::int64_t>(u) < lo)
            return std::nullopt;
        return static_cast<int>(u);
    }
    if (v.is_number_integer()) {
        const auto i = v.get<std::int64_t>();
        if (i < lo || i > hi)
            return std::nullopt;
        return static_cast<int>(i);
    }
    return std::nullopt;
}

// A required JSON integer within [lo, hi].
Expected<int> intMember(const json& obj, const std::string& parent, const char* key, int lo, int hi)
{
    const std::string path = join(parent, key);
    const json* v = member(obj, key);
    if (v == nullptr)
        return bad(path, "is missing");
    const auto value = intValue(*v, lo, hi);
    if (!value)
        return bad(path, "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + " (got " +
                             shown(*v) + ")");
    return *value;
}

Expected<std::string> stringMember(const json& obj, const std::string& parent, const char* key)
{
    const std::string path = join(parent, key);
    const json* v = member(obj, key);
    if (v == nullptr)
        return bad(path, "is missing");
    if (!v->is_string())
        return bad(path, "must be a string (got " + shown(*v) + ")");
    return v->get<std::string>();
}

bool isMunicipalityCode(const std::string& s)
{
    if (s.size() != 6)
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

std::string_view roundingName(Rounding r)
{
    switch (r) {
    case Rounding::floor: return "floor";
    case Rounding::ceil: return "ceil";
    case Rounding::nearest: return "nearest";
    }
    return "floor";
}

Expected<ServiceRule> parseRule(const json& j, const std::string& path)
{
    if (!j.is_object())
        return bad(path, "must be an object with unit_minutes, rounding, grace_minutes, min_minutes and "
                         "max_minutes (got " + shown(j) + ")");
    ServiceRule rule;

    const json* unit = member(j, "unit_minutes");
    const std::string unitPath = path + ".unit_minutes";
    if (unit == nullptr)
        return bad(unitPath, "is missing");
    if (!unit->is_number_integer() ||
        (*unit != 15 && *unit != 30 && *unit != 60))
        return bad(unitPath, "must be 15, 30 or 60 (got " + shown(*unit) + ")");
    rule.unitMinutes = unit->get<int>();

    auto rounding = stringMember(j, path, "rounding");
    if (!rounding)
        return tl::unexpected(rounding.error());
    if (*rounding == "floor")
        rule.rounding = Rounding::floor;
    else if (*rounding == "ceil")
        rule.rounding = Rounding::ceil;
    else if (*rounding == "nearest")
        rule.rounding = Rounding::nearest;
    else
        return bad(path + ".rounding", "must be \"floor\", \"ceil\" or \"nearest\" (got " +
                                           shown(json(*rounding)) + ")");

    const json* grace = member(j, "grace_minutes");
    if (grace != nullptr && grace->is_number_integer() && *grace >= rule.unitMinutes)
        return bad(path + ".grace_minutes", "must be less than unit_minutes " + std::to_string(rule.unitMinutes) +
                                                " (got " + shown(*grace) + ")");
    auto g = intMember(j, path, "grace_minutes", 0, rule.unitMinutes - 1);
    if (!g)
        return tl::unexpected(g.error());
    rule.graceMinutes = *g;

    auto lo = intMember(j, path, "min_minutes", 0, kMaxMinutes);
    if (!lo)
        return tl::unexpected(lo.error());
    rule.minMinutes = *lo;
    auto hi = intMember(j, path, "max_minutes", 0, kMaxMinutes);
    if (!hi)
        return tl::unexpected(hi.error());
    rule.maxMinutes = *hi;
    if (rule.minMinutes > 0 && rule.maxMinutes > 0 && rule.minMinutes > rule.maxMinutes)
        return bad(path + ".min_minutes", "(" + std::to_string(rule.minMinutes) + ") must not exceed " + path +
                                              ".max_minutes (" + std::to_string(rule.maxMinutes) + ")");
    return rule;
}

Expected<Policy> parsePolicy(const json& j)
{
    if (!j.is_object())
        return fail(Errc::invalid_config, "policy: must be a JSON object (got " + shown(j) + ")");
    Policy p;

    auto version = stringMember(j, "", "version");
    if (!version)
        return tl::unexpected(version.error());
    if (version->empty())
        return bad("version", "must not be empty");
    p.version = std::move(*version);

    auto municipality = stringMember(j, "", "municipality");
    if (!municipality)
        return tl::unexpected(municipality.error());
    if (!isMunicipalityCode(*municipality))
        return bad("municipality", "must be a 6-digit municipality code such as \"131016\" (got " +
                                       shown(json(*municipality)) + ")");
    p.municipality = std::move(*municipality);

    auto zone = stringMember(j, "", "time_zone");
    if (!zone)
        return tl::unexpected(zone.error());
    if (auto lt = LocalTime::forZone(*zone); !lt)
        return fail(Errc::invalid_config, "policy: time_zone: " + lt.error().message);
    p.timeZone = std::move(*zone);

    auto cancel = intMember(j, "", "cancel_window_minutes", 0, kMaxMinutes);
    if (!cancel)
        return tl::unexpected(cancel.error());
    p.cancelWindowMinutes = *cancel;

    const json* services = member(j, "services");
    if (services == nullptr)
        return bad("services", "is missing");
    if (!services->is_object() || services->empty())
        return bad("services", "must be an object with a rule for at least one of stay, day, visit (got " +
                                   shown(*services) + ")");
    for (const auto& [key, value] : services->items()) {
        // An unknown key is refused rather than ignored: a rule for a service this terminal cannot bill (or a
        // misspelt "vist") is a mistake in the policy, and ignoring it would leave that service unbillable
        // without anyone noticing.
        const auto service = parseService(key);
        if (!service)
            return bad("services." + keyText(key), "is not a known service (stay, day or visit)");
        auto rule = parseRule(value, "services." + key);
        if (!rule)
            return tl::unexpected(rule.error());
        p.services[*service] = *rule;
    }

    const json* coupons = member(j, "coupon_types");
    if (coupons == nullptr)
        return bad("coupon_types", "is missing");
    if (!coupons->is_object())
        return bad("coupon_types", "must be an object of coupon type to grant minutes (got " + shown(*coupons) +
                                       ")");
    for (const auto& [key, value] : coupons->items()) {
        if (key.empty())
            return bad("coupon_types", "has an empty coupon type name");
        const auto grant = intValue(value, 1, kMaxMinutes);
        if (!grant)
            return fail(Errc::invalid_config, "policy: coupon_types." + keyText(key) + " must be a positive "
                                              "integer of minutes, at most " + std::to_string(kMaxMinutes) +
                                              " (got " + shown(value) + ")");
        p.couponTypes[key] = *grant;
    }

    if (const json* allow = member(j, "allow_unverified_entry")) {
        if (!allow->is_boolean())
            return bad("allow_unverified_entry", "must be true or false (got " + shown(*allow) + ")");
        p.allowUnverifiedEntry = allow->get<bool>();
    }
    return p;
}

} // namespace

Expected<Policy> Policy::fromJson(const nlohmann::json& j)
{
    // The members are type-checked before any accessor runs; the catch is a last guard so that no exception
    // ever crosses the API.
    try {
        return parsePolicy(j);
    } catch (const std::exception& e) {
        return fail(Errc::invalid_config, std::string("policy: ") + e.what());
    }
}

nlohmann::json Policy::toJson() const
{
    json rules = json::object();
    for (const auto& [service, r] : services) {
        rules[std::string(toString(service))] = {
            {"unit_minutes", r.unitMinutes},
            {"rounding", std::string(roundingName(r.rounding))},
            {"grace_minutes", r.graceMinutes},
            {"min_minutes", r.minMinutes},
            {"max_minutes", r.maxMinutes},
        };
    }
    json coupons = json::object();
    for (const auto& [type, minutes] : couponTypes)
        coupons[type] = minutes;
    return json{
        {"version", version},
        {"municipality", municipality},
        {"time_zone", timeZone},
        {"cancel_window_minutes", cancelWindowMinutes},
        {"services", std::move(rules)},
        {"coupon_types", std::move(coupons)},
        {"allow_unverified_entry", allowUnverifiedEntry},
    };
}

const ServiceRule* Policy::rule(Service s) const
{
    const auto it = services.find(s);
    return it == services.end() ? nullptr : &it->second;
}

} // namespace sango
