#include "sango/rounding.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>

namespace sango {

namespace {

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

// The largest multiple of unit not above INT_MAX when value is out of int range: keeps the result a multiple
// of the unit and non-decreasing in d even for absurd durations (a validated policy never gets near).
int clampToInt(std::int64_t value, std::int64_t unit)
{
    if (value <= kIntMax)
        return static_cast<int>(value);
    return static_cast<int>(kIntMax / unit * unit);
}

} // namespace

int actualMinutes(Instant start, Instant stop)
{
    if (stop <= start)
        return 0;
    const std::int64_t minutes = std::chrono::floor<std::chrono::minutes>(stop - start).count();
    return static_cast<int>(std::min(minutes, kIntMax));
}

int roundMinutes(const ServiceRule& rule, int actualMinutes)
{
    // Integers only. The arithmetic is in 64 bits so that d + g cannot overflow; a rule that a validated
    // policy could not hold (unit <= 0, grace < 0) is made harmless instead of dividing by zero.
    const std::int64_t d = std::max(actualMinutes, 0);
    const std::int64_t u = rule.unitMinutes;
    if (u <= 0)
        return static_cast<int>(d);
    const std::int64_t g = std::max(rule.graceMinutes, 0);

    std::int64_t r = 0;
    switch (rule.rounding) {
    case Rounding::floor: r = (d + g) / u * u; break;
    case Rounding::ceil: r = (std::max<std::int64_t>(d - g, 0) + u - 1) / u * u; break;
    case Rounding::nearest: r = (d + u / 2) / u * u; break;
    }
    return clampToInt(r, u);
}

Billing bill(const ServiceRule& rule, int actualMinutes, std::optional<int> balanceMinutes)
{
    Billing result;
    int r = roundMinutes(rule, actualMinutes);
    if (rule.maxMinutes > 0)
        r = std::min(r, rule.maxMinutes);
    if (r < rule.minMinutes)
        r = rule.minMinutes;
    if (balanceMinutes) {
        const int left = std::max(*balanceMinutes, 0);
        if (r > left) {
            r = left;
            result.capped = true;
        }
    }
    result.billedMinutes = std::max(r, 0);
    return result;
}

} // namespace sango
