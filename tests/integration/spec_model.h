#pragma once
// The billing rules of spec/policy.md for tests/data/policy.json and provider.json, written again from the
// spec text (not from the product's code), to compute what the reports must say.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace sango::itest::model {

struct Rule {
    std::int64_t unit, grace, min, max; // floor rounding for every service of the test policy
};

inline Rule rule(const std::string& service)
{
    if (service == "stay")
        return {30, 5, 0, 0};
    if (service == "day")
        return {30, 5, 60, 480};
    if (service == "visit")
        return {30, 5, 30, 240};
    throw std::invalid_argument("unknown service " + service);
}

inline std::int64_t yenPerHour(const std::string& service)
{
    if (service == "stay")
        return 1300;
    if (service == "day")
        return 3400;
    if (service == "visit")
        return 5000;
    throw std::invalid_argument("unknown service " + service);
}

// d = floor(seconds / 60)
inline std::int64_t actualMinutes(std::int64_t seconds)
{
    return seconds <= 0 ? 0 : seconds / 60;
}

struct Billed {
    std::int64_t minutes = 0;
    bool capped = false;
};

// 1. floor((d + g) / u) * u; 2. max, then min; 3. the balance cap (none when the balance is unknown).
inline Billed bill(const std::string& service, std::int64_t d, std::optional<std::int64_t> balance)
{
    const Rule r = rule(service);
    std::int64_t m = (d + r.grace) / r.unit * r.unit;
    if (r.max > 0)
        m = std::min(m, r.max);
    if (m < r.min)
        m = r.min;
    Billed b{m, false};
    if (balance) {
        const std::int64_t left = std::max<std::int64_t>(*balance, 0);
        if (b.minutes > left) {
            b.minutes = left;
            b.capped = true;
        }
    }
    return b;
}

// floor(minutes × yen / 60)
inline std::int64_t amountYen(std::int64_t minutes, std::int64_t yenPerHourValue)
{
    return minutes * yenPerHourValue / 60;
}

} // namespace sango::itest::model
