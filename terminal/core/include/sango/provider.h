#pragma once
// The provider profile (spec/policy.md, provider.json): who bills, which services, at what hourly prices.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>
#include <nlohmann/json_fwd.hpp>

#include "sango/error.h"
#include "sango/service.h"

namespace sango {

struct Price {
    Service service = Service::stay;
    int yenPerHour = 0;
    date::year_month_day from{};
};

struct Provider {
    std::string providerId;
    std::string name;
    std::string municipality;
    std::vector<Service> services;
    std::vector<Price> prices; // sorted by service, then from

    static Expected<Provider> fromJson(const nlohmann::json& j);
    nlohmann::json toJson() const;

    bool offers(Service s) const;
    // The price in force on a local date: the one with the latest `from` not after it. Nothing when no price
    // of that service has started yet.
    std::optional<Price> priceOn(Service s, date::year_month_day day) const;
    // The prices of a service in force at some point of a month, in date order, each with the first and last
    // day of the month it covers.
    struct Period {
        Price price;
        date::year_month_day first;
        date::year_month_day last;
    };
    std::vector<Period> periodsIn(Service s, date::year_month month) const;
    // A short identifier of the price table, shown in report headers: the latest `from` date of any price,
    // e.g. "2026-04-01".
    std::string priceTableVersion() const;
};

// floor(billedMinutes × yenPerHour / 60), in integers.
std::int64_t amountYen(std::int64_t billedMinutes, std::int64_t yenPerHour);

} // namespace sango
