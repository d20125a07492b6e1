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
    // Sango extension (optional member `max_duration_minutes`): the longest session the service allows, from
    // start to stop. The ledger refuses a longer one (invalid_time): a forgotten close is corrected by a
    // manager rather than billed. Unset: kDefaultMaxStayMinutes for stay (a stay spans nights),
    // kDefaultMaxDayMinutes for the others.
    std::optional<int> maxDurationMinutes;
};

inline constexpr int kDefaultMaxStayMinutes = 14 * 24 * 60;
inline constexpr int kDefaultMaxDayMinutes = 24 * 60;

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
    // Sango extension (optional member `correction_window_days`, 1 to 3650): the ledger refuses an event
    // about a session that started more than this many days before the ledger received it (too_old), unless
    // the municipality unlocked that session. Unset: kDefaultCorrectionWindowDays.
    std::optional<int> correctionWindowDays;

    // Validates every member; a missing required member or a wrong type or value is an invalid_config error
    // whose message names the member (e.g. "services.day.unit_minutes must be 15, 30 or 60").
    static Expected<Policy> fromJson(const nlohmann::json& j);
    nlohmann::json toJson() const;

    const ServiceRule* rule(Service s) const;
    // The longest session of a service (its rule's max_duration_minutes, or the default for the service).
    int maxDurationMinutes(Service s) const;
    int correctionWindow() const { return correctionWindowDays.value_or(kDefaultCorrectionWindowDays); }

    static constexpr int kDefaultCorrectionWindowDays = 90;
};

} // namespace sango
