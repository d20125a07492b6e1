#include "sango/policy.h"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "json_members.h"
#include "sango/local_time.h"

namespace sango {

namespace {

using nlohmann::json;
using json_members::intValue;
using json_members::keyText;
using json_members::member;
using json_members::MemberReader;
using json_members::shown;

// Every integer of a policy is a count of minutes: bounded so that no sum or product of them can overflow an
// int (100,000 minutes is over 69 days; a grant of 5,040 minutes is 84 hours).
constexpr int kMaxMinutes = 100000;

// Every message names the policy: "policy: services.day.unit_minutes must be ...".
const MemberReader kPolicy{"policy"};

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
        return kPolicy.bad(path, "must be an object with unit_minutes, rounding, grace_minutes, min_minutes and "
                                 "max_minutes (got " + shown(j) + ")");
    ServiceRule rule;

    auto unit = kPolicy.required(j, path, "unit_minutes");
    if (!unit)
        return tl::unexpected(unit.error());
    const auto unitMinutes = intValue(**unit, 15, 60);
    if (!unitMinutes || (*unitMinutes != 15 && *unitMinutes != 30 && *unitMinutes != 60))
        return kPolicy.bad(path + ".unit_minutes", "must be 15, 30 or 60 (got " + shown(**unit) + ")");
    rule.unitMinutes = *unitMinutes;

    auto rounding = kPolicy.stringMember(j, path, "rounding");
    if (!rounding)
        return tl::unexpected(rounding.error());
    if (*rounding == "floor")
        rule.rounding = Rounding::floor;
    else if (*rounding == "ceil")
        rule.rounding = Rounding::ceil;
    else if (*rounding == "nearest")
        rule.rounding = Rounding::nearest;
    else
        return kPolicy.bad(path + ".rounding", "must be \"floor\", \"ceil\" or \"nearest\" (got " +
                                                   shown(json(*rounding)) + ")");

    const json* grace = member(j, "grace_minutes");
    if (grace != nullptr && grace->is_number_integer() && *grace >= rule.unitMinutes)
        return kPolicy.bad(path + ".grace_minutes", "must be less than unit_minutes " +
                                                        std::to_string(rule.unitMinutes) + " (got " + shown(*grace) +
                                                        ")");
    auto g = kPolicy.intMember(j, path, "grace_minutes", 0, rule.unitMinutes - 1);
    if (!g)
        return tl::unexpected(g.error());
    rule.graceMinutes = *g;

    auto lo = kPolicy.intMember(j, path, "min_minutes", 0, kMaxMinutes);
    if (!lo)
        return tl::unexpected(lo.error());
    rule.minMinutes = *lo;
    auto hi = kPolicy.intMember(j, path, "max_minutes", 0, kMaxMinutes);
    if (!hi)
        return tl::unexpected(hi.error());
    rule.maxMinutes = *hi;
    if (rule.minMinutes > 0 && rule.maxMinutes > 0 && rule.minMinutes > rule.maxMinutes)
        return kPolicy.bad(path + ".min_minutes", "(" + std::to_string(rule.minMinutes) + ") must not exceed " +
                                                      path + ".max_minutes (" + std::to_string(rule.maxMinutes) +
                                                      ")");
    if (const json* duration = member(j, "max_duration_minutes")) {
        const int floorMinutes = std::max({rule.unitMinutes, rule.minMinutes, rule.maxMinutes});
        const auto d = intValue(*duration, floorMinutes, kMaxMinutes);
        if (!d)
            return kPolicy.bad(path + ".max_duration_minutes", "must be an integer of minutes from " +
                                                                   std::to_string(floorMinutes) + " to " +
                                                                   std::to_string(kMaxMinutes) + " (got " +
                                                                   shown(*duration) + ")");
        rule.maxDurationMinutes = *d;
    }
    return rule;
}

Expected<Policy> parsePolicy(const json& j)
{
    if (!j.is_object())
        return kPolicy.error("must be a JSON object (got " + shown(j) + ")");
    Policy p;

    auto version = kPolicy.nonEmptyStringMember(j, "", "version");
    if (!version)
        return tl::unexpected(version.error());
    p.version = std::move(*version);

    auto municipality = kPolicy.municipalityMember(j);
    if (!municipality)
        return tl::unexpected(municipality.error());
    p.municipality = std::move(*municipality);

    auto zone = kPolicy.stringMember(j, "", "time_zone");
    if (!zone)
        return tl::unexpected(zone.error());
    if (auto lt = LocalTime::forZone(*zone); !lt)
        return kPolicy.error("time_zone: " + lt.error().message);
    p.timeZone = std::move(*zone);

    auto cancel = kPolicy.intMember(j, "", "cancel_window_minutes", 0, kMaxMinutes);
    if (!cancel)
        return tl::unexpected(cancel.error());
    p.cancelWindowMinutes = *cancel;

    auto services = kPolicy.required(j, "", "services");
    if (!services)
        return tl::unexpected(services.error());
    if (!(*services)->is_object() || (*services)->empty())
        return kPolicy.bad("services", "must be an object with a rule for at least one of stay, day, visit (got " +
                                           shown(**services) + ")");
    for (const auto& [key, value] : (*services)->items()) {
        // An unknown key is refused rather than ignored: a rule for a service this terminal cannot bill (or a
        // misspelt "vist") is a mistake in the policy, and ignoring it would leave that service unbillable
        // without anyone noticing.
        const auto service = parseService(key);
        if (!service)
            return kPolicy.bad("services." + keyText(key), "is not a known service (stay, day or visit)");
        auto rule = parseRule(value, "services." + key);
        if (!rule)
            return tl::unexpected(rule.error());
        p.services[*service] = *rule;
    }

    auto coupons = kPolicy.required(j, "", "coupon_types");
    if (!coupons)
        return tl::unexpected(coupons.error());
    if (!(*coupons)->is_object())
        return kPolicy.bad("coupon_types", "must be an object of coupon type to grant minutes (got " +
                                               shown(**coupons) + ")");
    for (const auto& [key, value] : (*coupons)->items()) {
        if (key.empty())
            return kPolicy.bad("coupon_types", "has an empty coupon type name");
        const auto grant = intValue(value, 1, kMaxMinutes);
        if (!grant)
            return kPolicy.bad("coupon_types." + keyText(key), "must be a positive integer of minutes, at most " +
                                                                   std::to_string(kMaxMinutes) + " (got " +
                                                                   shown(value) + ")");
        p.couponTypes[key] = *grant;
    }

    if (const json* allow = member(j, "allow_unverified_entry")) {
        if (!allow->is_boolean())
            return kPolicy.bad("allow_unverified_entry", "must be true or false (got " + shown(*allow) + ")");
        p.allowUnverifiedEntry = allow->get<bool>();
    }
    if (const json* window = member(j, "correction_window_days")) {
        const auto days = intValue(*window, 1, 3650);
        if (!days)
            return kPolicy.bad("correction_window_days", "must be an integer of days from 1 to 3650 (got " +
                                                             shown(*window) + ")");
        p.correctionWindowDays = *days;
    }
    return p;
}

} // namespace

Expected<Policy> Policy::fromJson(const nlohmann::json& j)
{
    // The members are type-checked before any accessor runs; the guard is a last one so that no exception
    // ever crosses the API.
    return kPolicy.guarded([&] { return parsePolicy(j); });
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
        if (r.maxDurationMinutes)
            rules[std::string(toString(service))]["max_duration_minutes"] = *r.maxDurationMinutes;
    }
    json coupons = json::object();
    for (const auto& [type, minutes] : couponTypes)
        coupons[type] = minutes;
    json out{
        {"version", version},
        {"municipality", municipality},
        {"time_zone", timeZone},
        {"cancel_window_minutes", cancelWindowMinutes},
        {"services", std::move(rules)},
        {"coupon_types", std::move(coupons)},
        {"allow_unverified_entry", allowUnverifiedEntry},
    };
    if (correctionWindowDays)
        out["correction_window_days"] = *correctionWindowDays;
    return out;
}

const ServiceRule* Policy::rule(Service s) const
{
    const auto it = services.find(s);
    return it == services.end() ? nullptr : &it->second;
}

int Policy::maxDurationMinutes(Service s) const
{
    if (const ServiceRule* r = rule(s); r && r->maxDurationMinutes)
        return *r->maxDurationMinutes;
    return s == Service::stay ? kDefaultMaxStayMinutes : kDefaultMaxDayMinutes;
}

} // namespace sango
