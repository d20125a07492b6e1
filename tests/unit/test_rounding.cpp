// Billed minutes (spec/policy.md "Billed minutes of a closed session"): rounding tables with the expected
// values written out, the default policy's examples, bounds and balance caps, and properties over many random
// durations and rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <random>
#include <vector>

#include "sango/rounding.h"

namespace sango {
namespace {

using namespace std::chrono_literals;
using R = Rounding;

ServiceRule makeRule(int unit, Rounding rounding, int grace, int minMinutes = 0, int maxMinutes = 0)
{
    ServiceRule r;
    r.unitMinutes = unit;
    r.rounding = rounding;
    r.graceMinutes = grace;
    r.minMinutes = minMinutes;
    r.maxMinutes = maxMinutes;
    return r;
}

const char* name(Rounding r)
{
    switch (r) {
    case Rounding::floor: return "floor";
    case Rounding::ceil: return "ceil";
    case Rounding::nearest: return "nearest";
    }
    return "?";
}

// ---------------------------------------------------------------------------------------------------------
// actualMinutes

TEST(ActualMinutes, DropsWholeSeconds)
{
    const Instant t0{std::chrono::seconds{1775178420}}; // 2026-04-03T01:07:00Z
    EXPECT_EQ(actualMinutes(t0, t0), 0);
    EXPECT_EQ(actualMinutes(t0, t0 + 59s), 0);
    EXPECT_EQ(actualMinutes(t0, t0 + 60s), 1);
    EXPECT_EQ(actualMinutes(t0, t0 + 119s), 1);
    EXPECT_EQ(actualMinutes(t0, t0 + 120s), 2);
    EXPECT_EQ(actualMinutes(t0, t0 + 84min + 59s), 84);
    EXPECT_EQ(actualMinutes(t0, t0 + 24h), 1440);
    EXPECT_EQ(actualMinutes(t0, t0 + 72h + 1s), 4320);
}

TEST(ActualMinutes, StopBeforeStartIsZero)
{
    const Instant t0{std::chrono::seconds{1775178420}};
    EXPECT_EQ(actualMinutes(t0, t0 - 1s), 0);
    EXPECT_EQ(actualMinutes(t0, t0 - 10min), 0);
}

TEST(ActualMinutes, AbsurdSpanDoesNotOverflow)
{
    const Instant a{std::chrono::seconds{0}};
    const Instant b{std::chrono::seconds{std::int64_t{1} << 50}};
    EXPECT_EQ(actualMinutes(a, b), std::numeric_limits<int>::max());
}

// ---------------------------------------------------------------------------------------------------------
// roundMinutes: every mode x unit (15, 30, 60) x grace (0, 5, unit - 1), at d = 0, 1, g - 1, g, g + 1,
// u - g - 1, u - g, u - 1, u, u + 1, 2u - g (negative and repeated d left out). The expected values were
// worked out from the words of the policy (floor: the last boundary that d + grace reaches; ceil: the first
// boundary at or after d - grace, 0 when d <= grace; nearest: the closest boundary, a tie going up), not from
// the formulas of rounding.cpp.

struct RoundRow {
    Rounding rounding;
    int unit;
    int grace;
    std::vector<std::pair<int, int>> cases; // {d, expected}
};

const std::vector<RoundRow> kRoundTable = {
    // floor, unit 15, grace 0
    {R::floor, 15, 0, {{0, 0}, {1, 0}, {14, 0}, {15, 15}, {16, 15}, {30, 30}}},
    // floor, unit 15, grace 5
    {R::floor, 15, 5, {{0, 0}, {1, 0}, {4, 0}, {5, 0}, {6, 0}, {9, 0},
        {10, 15}, {14, 15}, {15, 15}, {16, 15}, {25, 30}}},
    // floor, unit 15, grace 14
    {R::floor, 15, 14, {{0, 0}, {1, 15}, {13, 15}, {14, 15}, {15, 15}, {16, 30}}},
    // floor, unit 30, grace 0
    {R::floor, 30, 0, {{0, 0}, {1, 0}, {29, 0}, {30, 30}, {31, 30}, {60, 60}}},
    // floor, unit 30, grace 5
    {R::floor, 30, 5, {{0, 0}, {1, 0}, {4, 0}, {5, 0}, {6, 0}, {24, 0},
        {25, 30}, {29, 30}, {30, 30}, {31, 30}, {55, 60}}},
    // floor, unit 30, grace 29
    {R::floor, 30, 29, {{0, 0}, {1, 30}, {28, 30}, {29, 30}, {30, 30}, {31, 60}}},
    // floor, unit 60, grace 0
    {R::floor, 60, 0, {{0, 0}, {1, 0}, {59, 0}, {60, 60}, {61, 60}, {120, 120}}},
    // floor, unit 60, grace 5
    {R::floor, 60, 5, {{0, 0}, {1, 0}, {4, 0}, {5, 0}, {6, 0}, {54, 0},
        {55, 60}, {59, 60}, {60, 60}, {61, 60}, {115, 120}}},
    // floor, unit 60, grace 59
    {R::floor, 60, 59, {{0, 0}, {1, 60}, {58, 60}, {59, 60}, {60, 60}, {61, 120}}},
    // ceil, unit 15, grace 0
    {R::ceil, 15, 0, {{0, 0}, {1, 15}, {14, 15}, {15, 15}, {16, 30}, {30, 30}}},
    // ceil, unit 15, grace 5
    {R::ceil, 15, 5, {{0, 0}, {1, 0}, {4, 0}, {5, 0}, {6, 15}, {9, 15},
        {10, 15}, {14, 15}, {15, 15}, {16, 15}, {25, 30}}},
    // ceil, unit 15, grace 14
    {R::ceil, 15, 14, {{0, 0}, {1, 0}, {13, 0}, {14, 0}, {15, 15}, {16, 15}}},
    // ceil, unit 30, grace 0
    {R::ceil, 30, 0, {{0, 0}, {1, 30}, {29, 30}, {30, 30}, {31, 60}, {60, 60}}},
    // ceil, unit 30, grace 5
    {R::ceil, 30, 5, {{0, 0}, {1, 0}, {4, 0}, {5, 0}, {6, 30}, {24, 30},
        {25, 30}, {29, 30}, {30, 30}, {31, 30}, {55, 60}}},
    // ceil, unit 30, grace 29
    {R::ceil, 30, 29, {{0, 0}, {1, 0}, {28, 0}, {29, 0}, {30, 30}, {31, 30}}},
    // ceil, unit 60, grace 0
    {R::ceil, 60, 0, {{0, 0}, {1, 60}, {59, 60}, {60, 60}, {61, 120}, {120, 120}}},
    // ceil, unit 60, grace 5
    {R::ceil, 60, 5, {{0, 0}, {1, 0}, {4, 0}, {5, 0}, {6, 60}, {54, 60},
        {55, 60}, {59, 60}, {60, 60}, {61, 60}, {115, 120}}},
    // ceil, unit 60, grace 59
    {R::ceil, 60, 59, {{0, 0}, {1, 0}, {58, 0}, {59, 0}, {60, 60}, {61, 60}}},
    // nearest, unit 15, grace 0
    {R::nearest, 15, 0, {{0, 0}, {1, 0}, {14, 15}, {15, 15}, {16, 15}, {30, 30}}},
    // nearest, unit 15, grace 5
    {R::nearest, 15, 5, {{0, 0}, {1, 0}, {4, 0}, {5, 0}, {6, 0}, {9, 15},
        {10, 15}, {14, 15}, {15, 15}, {16, 15}, {25, 30}}},
    // nearest, unit 15, grace 14
    {R::nearest, 15, 14, {{0, 0}, {1, 0}, {13, 15}, {14, 15}, {15, 15}, {16, 15}}},
    // nearest, unit 30, grace 0
    {R::nearest, 30, 0, {{0, 0}, {1, 0}, {29, 30}, {30, 30}, {31, 30}, {60, 60}}},
    // nearest, unit 30, grace 5
    {R::nearest, 30, 5, {{0, 0}, {1, 0}, {4, 0}, {5, 0}, {6, 0}, {24, 30},
        {25, 30}, {29, 30}, {30, 30}, {31, 30}, {55, 60}}},
    // nearest, unit 30, grace 29
    {R::nearest, 30, 29, {{0, 0}, {1, 0}, {28, 30}, {29, 30}, {30, 30}, {31, 30}}},
    // nearest, unit 60, grace 0
    {R::nearest, 60, 0, {{0, 0}, {1, 0}, {59, 60}, {60, 60}, {61, 60}, {120, 120}}},
    // nearest, unit 60, grace 5
    {R::nearest, 60, 5, {{0, 0}, {1, 0}, {4, 0}, {5, 0}, {6, 0}, {54, 60},
        {55, 60}, {59, 60}, {60, 60}, {61, 60}, {115, 120}}},
    // nearest, unit 60, grace 59
    {R::nearest, 60, 59, {{0, 0}, {1, 0}, {58, 60}, {59, 60}, {60, 60}, {61, 60}}},
};

TEST(RoundMinutes, TableEveryModeUnitAndGrace)
{
    int checked = 0;
    for (const RoundRow& row : kRoundTable) {
        const ServiceRule rule = makeRule(row.unit, row.rounding, row.grace);
        for (const auto& [d, expected] : row.cases) {
            EXPECT_EQ(roundMinutes(rule, d), expected)
                << name(row.rounding) << " unit " << row.unit << " grace " << row.grace << " d " << d;
            // Without bounds or balance, bill() is the rounding itself.
            const Billing b = bill(rule, d, std::nullopt);
            EXPECT_EQ(b.billedMinutes, expected);
            EXPECT_FALSE(b.capped);
            ++checked;
        }
    }
    EXPECT_EQ(kRoundTable.size(), 27u);
    EXPECT_GT(checked, 200);
}

TEST(RoundMinutes, NearestHalfGoesUp)
{
    // u/2 is 7 for u = 15 (7.5 lies between 7 and 8), 15 for 30 and 30 for 60.
    struct Case {
        int unit;
        int d;
        int expected;
    };
    const Case cases[] = {
        {15, 7, 0},   {15, 8, 15},  {15, 22, 15}, {15, 23, 30},
        {30, 14, 0},  {30, 15, 30}, {30, 44, 30}, {30, 45, 60},
        {60, 29, 0},  {60, 30, 60}, {60, 89, 60}, {60, 90, 120},
    };
    for (const Case& c : cases)
        for (int grace : {0, 5, c.unit - 1}) // grace is ignored by nearest
            EXPECT_EQ(roundMinutes(makeRule(c.unit, R::nearest, grace), c.d), c.expected)
                << "unit " << c.unit << " d " << c.d << " grace " << grace;
}

TEST(RoundMinutes, LongSessions)
{
    EXPECT_EQ(roundMinutes(makeRule(30, R::floor, 5), 1439), 1440);
    EXPECT_EQ(roundMinutes(makeRule(30, R::floor, 5), 1434), 1410);
    EXPECT_EQ(roundMinutes(makeRule(30, R::ceil, 5), 1436), 1440);
    EXPECT_EQ(roundMinutes(makeRule(30, R::ceil, 5), 1415), 1410);
    EXPECT_EQ(roundMinutes(makeRule(15, R::nearest, 0), 1447), 1440);
    EXPECT_EQ(roundMinutes(makeRule(15, R::nearest, 0), 1448), 1455);
}

TEST(RoundMinutes, NegativeDurationIsZero)
{
    for (Rounding r : {R::floor, R::ceil, R::nearest})
        EXPECT_EQ(roundMinutes(makeRule(30, r, 29), -10), 0) << name(r);
}

TEST(RoundMinutes, HugeDurationDoesNotOverflow)
{
    const int big = std::numeric_limits<int>::max();
    for (Rounding r : {R::floor, R::ceil, R::nearest}) {
        const int got = roundMinutes(makeRule(30, r, 29), big);
        EXPECT_GT(got, 0) << name(r);
        EXPECT_EQ(got % 30, 0) << name(r);
        EXPECT_GE(got, roundMinutes(makeRule(30, r, 29), big - 1000)) << name(r);
    }
}

// ---------------------------------------------------------------------------------------------------------
// The default policy of the brief: every service 30 min, floor, grace 5; day 60..480, visit 30..240.

TEST(Bill, DefaultPolicyExamples)
{
    const ServiceRule stay = makeRule(30, R::floor, 5, 0, 0);
    const ServiceRule day = makeRule(30, R::floor, 5, 60, 480);
    const ServiceRule visit = makeRule(30, R::floor, 5, 30, 240);

    EXPECT_EQ(bill(day, 55, std::nullopt).billedMinutes, 60);
    EXPECT_EQ(bill(day, 84, std::nullopt).billedMinutes, 60);
    EXPECT_EQ(bill(day, 85, std::nullopt).billedMinutes, 90);
    EXPECT_EQ(bill(visit, 20, std::nullopt).billedMinutes, 30); // the minimum
    EXPECT_EQ(bill(day, 600, std::nullopt).billedMinutes, 480); // the maximum

    EXPECT_EQ(bill(day, 0, std::nullopt).billedMinutes, 60);
    EXPECT_EQ(bill(day, 474, std::nullopt).billedMinutes, 450);
    EXPECT_EQ(bill(day, 475, std::nullopt).billedMinutes, 480);
    EXPECT_EQ(bill(day, 505, std::nullopt).billedMinutes, 480);
    EXPECT_EQ(bill(visit, 0, std::nullopt).billedMinutes, 30);
    EXPECT_EQ(bill(visit, 54, std::nullopt).billedMinutes, 30);
    EXPECT_EQ(bill(visit, 55, std::nullopt).billedMinutes, 60);
    EXPECT_EQ(bill(visit, 300, std::nullopt).billedMinutes, 240);
    EXPECT_EQ(bill(stay, 0, std::nullopt).billedMinutes, 0);
    EXPECT_EQ(bill(stay, 24, std::nullopt).billedMinutes, 0);
    EXPECT_EQ(bill(stay, 1435, std::nullopt).billedMinutes, 1440);
    EXPECT_EQ(bill(stay, 2000, std::nullopt).billedMinutes, 1980);
}

// Bounds and the balance, each row worked out by hand.
struct BillRow {
    const char* what;
    ServiceRule rule;
    int d;
    std::optional<int> balance;
    int expected;
    bool capped;
};

const std::vector<BillRow> kBillTable = {
    // min / max
    {"min lifts a short session", makeRule(30, R::floor, 5, 60, 480), 10, std::nullopt, 60, false},
    {"min equal to the rounding", makeRule(30, R::floor, 5, 60, 480), 70, std::nullopt, 60, false},
    {"max cuts a long session", makeRule(30, R::floor, 5, 60, 480), 1000, std::nullopt, 480, false},
    {"max equal to the rounding", makeRule(30, R::floor, 5, 60, 480), 480, std::nullopt, 480, false},
    {"min not a multiple of the unit", makeRule(30, R::floor, 0, 45, 0), 0, std::nullopt, 45, false},
    {"min not a multiple, rounding above", makeRule(30, R::floor, 0, 45, 0), 60, std::nullopt, 60, false},
    {"max not a multiple of the unit", makeRule(30, R::ceil, 0, 0, 100), 95, std::nullopt, 100, false},
    {"max not a multiple, rounding below", makeRule(30, R::ceil, 0, 0, 100), 61, std::nullopt, 90, false},
    {"min == max", makeRule(15, R::nearest, 0, 90, 90), 5, std::nullopt, 90, false},
    {"min == max, long", makeRule(15, R::nearest, 0, 90, 90), 500, std::nullopt, 90, false},
    {"max only", makeRule(60, R::ceil, 0, 0, 120), 121, std::nullopt, 120, false},
    // balance
    {"balance 0", makeRule(30, R::floor, 5, 0, 0), 85, 0, 0, true},
    {"balance 0, nothing to bill", makeRule(30, R::floor, 5, 0, 0), 3, 0, 0, false},
    {"balance 0 with a minimum", makeRule(30, R::floor, 5, 60, 480), 3, 0, 0, true},
    {"balance below min", makeRule(30, R::floor, 5, 60, 480), 10, 45, 45, true},
    {"balance below the rounding", makeRule(30, R::floor, 5, 60, 480), 85, 89, 89, true},
    {"balance exactly the rounding", makeRule(30, R::floor, 5, 60, 480), 85, 90, 90, false},
    {"balance exactly the minimum", makeRule(30, R::floor, 5, 60, 480), 10, 60, 60, false},
    {"balance exactly the maximum", makeRule(30, R::floor, 5, 60, 480), 700, 480, 480, false},
    {"balance just below the maximum", makeRule(30, R::floor, 5, 60, 480), 700, 479, 479, true},
    {"balance above", makeRule(30, R::floor, 5, 60, 480), 85, 2520, 90, false},
    {"negative balance counts as 0", makeRule(30, R::floor, 5, 0, 0), 60, -30, 0, true},
    {"unknown balance never caps", makeRule(30, R::floor, 5, 0, 0), 5000, std::nullopt, 4980, false},
    {"ceil with a small balance", makeRule(15, R::ceil, 0, 0, 0), 1, 10, 10, true},
    {"nearest with a small balance", makeRule(60, R::nearest, 0, 0, 0), 31, 59, 59, true},
};

TEST(Bill, BoundsAndBalanceTable)
{
    for (const BillRow& row : kBillTable) {
        const Billing b = bill(row.rule, row.d, row.balance);
        EXPECT_EQ(b.billedMinutes, row.expected) << row.what;
        EXPECT_EQ(b.capped, row.capped) << row.what;
    }
}

// ---------------------------------------------------------------------------------------------------------
// Properties over random rules and durations (fixed seed: the same cases every run).

struct RandomCase {
    ServiceRule rule;
    std::optional<int> balance;
};

RandomCase randomCase(std::mt19937_64& rng)
{
    auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const int units[] = {15, 30, 60};
    const Rounding modes[] = {R::floor, R::ceil, R::nearest};
    RandomCase c;
    c.rule.unitMinutes = units[pick(0, 2)];
    c.rule.rounding = modes[pick(0, 2)];
    c.rule.graceMinutes = pick(0, c.rule.unitMinutes - 1);
    c.rule.minMinutes = pick(0, 2) == 0 ? 0 : pick(0, 300);
    c.rule.maxMinutes = pick(0, 2) == 0 ? 0 : pick(std::max(c.rule.minMinutes, 1), 1500);
    if (pick(0, 3) != 0)
        c.balance = pick(0, 9) == 0 ? pick(-100, 0) : pick(0, 3000);
    return c;
}

TEST(BillProperties, RandomRulesAndDurations)
{
    std::mt19937_64 rng(20260401);
    constexpr int kRules = 2000;
    constexpr int kPerRule = 100; // 200,000 cases
    int cases = 0;
    for (int i = 0; i < kRules; ++i) {
        const RandomCase c = randomCase(rng);
        const ServiceRule& rule = c.rule;
        const int u = rule.unitMinutes;
        std::uniform_int_distribution<int> dist(0, 3000);
        std::vector<int> ds(kPerRule);
        for (int& d : ds)
            d = dist(rng);
        std::sort(ds.begin(), ds.end());

        int previous = -1;
        for (int d : ds) {
            const int r = roundMinutes(rule, d);
            const Billing b = bill(rule, d, c.balance);
            const int billed = b.billedMinutes;
            SCOPED_TRACE(testing::Message() << name(rule.rounding) << " u " << u << " g " << rule.graceMinutes
                                            << " min " << rule.minMinutes << " max " << rule.maxMinutes
                                            << " balance " << (c.balance ? *c.balance : -999) << " d " << d);

            // Rounding alone: a multiple of the unit within one unit of d, on the side the mode promises.
            ASSERT_EQ(r % u, 0);
            ASSERT_GE(r, 0);
            ASSERT_LT(std::abs(r - d), u);
            if (rule.rounding == R::floor) {
                ASSERT_LE(r, d + rule.graceMinutes);
            }
            if (rule.rounding == R::ceil) {
                ASSERT_GE(r, d - rule.graceMinutes);
            }
            if (rule.rounding == R::nearest) {
                ASSERT_LE(2 * std::abs(r - d), u);
            }

            // Never negative, never above what is left.
            ASSERT_GE(billed, 0);
            if (c.balance) {
                ASSERT_LE(billed, std::max(*c.balance, 0));
            } else {
                ASSERT_FALSE(b.capped);
            }
            // A multiple of the unit unless a bound or the balance cut it, and then it is that bound.
            const bool onUnit = billed % u == 0;
            const bool atMin = billed == rule.minMinutes;
            const bool atMax = rule.maxMinutes > 0 && billed == rule.maxMinutes;
            const bool atBalance = b.capped && c.balance && billed == std::max(*c.balance, 0);
            ASSERT_TRUE(onUnit || atMin || atMax || atBalance);
            if (b.capped) {
                ASSERT_EQ(billed, std::max(*c.balance, 0));
            }
            // Bounds hold unless the balance is smaller.
            if (rule.maxMinutes > 0) {
                ASSERT_LE(billed, rule.maxMinutes);
            }
            if (!b.capped) {
                ASSERT_GE(billed, rule.minMinutes);
            }
            // Non-decreasing in d for a fixed rule and balance.
            ASSERT_GE(billed, previous);
            previous = billed;
            ++cases;
        }
    }
    EXPECT_EQ(cases, kRules * kPerRule);
}

TEST(BillProperties, StepByOneMinuteIsMonotone)
{
    // Every minute from 0 to 10 hours, for every mode, unit and a spread of graces and bounds.
    for (Rounding mode : {R::floor, R::ceil, R::nearest})
        for (int u : {15, 30, 60})
            for (int g : {0, 1, 5, u / 2, u - 1})
                for (auto [lo, hi] : {std::pair{0, 0}, std::pair{60, 480}, std::pair{45, 100}})
                    for (std::optional<int> balance : {std::optional<int>{}, std::optional<int>{0},
                                                       std::optional<int>{75}, std::optional<int>{2520}}) {
                        const ServiceRule rule = makeRule(u, mode, g, lo, hi);
                        int previous = 0;
                        for (int d = 0; d <= 600; ++d) {
                            const int billed = bill(rule, d, balance).billedMinutes;
                            ASSERT_GE(billed, previous) << name(mode) << " u " << u << " g " << g << " d " << d;
                            ASSERT_LE(billed - previous, std::max(u, lo)) << name(mode) << " d " << d;
                            previous = billed;
                        }
                    }
}

} // namespace
} // namespace sango
