#pragma once
// Billed minutes of a closed session (spec/policy.md): round, then bound, then cap by the balance.
#include <cstdint>
#include <optional>

#include "sango/clock.h"
#include "sango/policy.h"

namespace sango {

struct Billing {
    int billedMinutes = 0;
    bool capped = false; // the balance cut the billed time
};

// d = floor(seconds / 60) of a session from start to stop (stop >= start).
int actualMinutes(Instant start, Instant stop);

// Step 1 only: the rounding rule with unit and grace.
int roundMinutes(const ServiceRule& rule, int actualMinutes);

// Steps 1–3. balanceMinutes is what the coupon has left before this session; nullopt when unknown (an
// unverified typed id, or a paper ticket), in which case nothing is capped.
Billing bill(const ServiceRule& rule, int actualMinutes, std::optional<int> balanceMinutes);

} // namespace sango
