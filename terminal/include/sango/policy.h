#pragma once
// The municipality's policy (spec/policy.md): how time is rounded and bounded per service type.
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "sango/error.h"
#include "sango/service.h"

namespace sango {

enum class Rounding { floor, ceil, nearest };

struct ServiceRule {
    int unitMinutes = 30;
    Rounding rounding = Rounding::floor;
    int graceMinutes = 0;
    int minMinutes = 0; // 0 = no bound
    int maxMinutes = 0; // 0 = no bound
};

struct Policy {
    std::string version;
    std::string municipality;
    std::string timeZone = "Asia/Tokyo";
    int cancelWindowMinutes = 5;
    std::map<Service, ServiceRule> services;
    std::map<std::string, int> couponTypes;
    // Sango extension (optional member, default true): a typed coupon id never verified by signature is
    // accepted as `unverified`; false refuses it with `unknown_coupon`.
    bool allowUnverifiedEntry = true;

    // Validates every member; a missing required member or a wrong type or value is an invalid_config error
    // whose message names the member (e.g. "services.day.unit_minutes must be 15, 30 or 60").
    static Expected<Policy> fromJson(const nlohmann::json& j);
    nlohmann::json toJson() const;

    const ServiceRule* rule(Service s) const;
};

} // namespace sango
