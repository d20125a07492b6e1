// The ledger's accepted totals: closed sessions of the provider attributed to the month by their date (a
// correction's date replaces the opening's), per service and price period, priced like the terminal's report.
#include <gtest/gtest.h>

#include "ledger_fixture.h"
#include "sango/report_format.h"

namespace sango::test {
namespace {

using nlohmann::json;
using LedgerTotalsTest = LedgerFixture;

constexpr date::year_month kApril = date::year{2026} / date::April;

TEST_F(LedgerTotalsTest, PerServiceAndPricePeriod)
{
    auto t = enrolTerminal("P-0001");
    auto other = enrolTerminal("P-0002");
    // Stay: 1300 yen/h until the 15th, 1500 from the 16th.
    auto prices = providerJson("P-0001");
    prices["prices"].push_back({{"service", "stay"}, {"yen_per_hour", 1500}, {"from", "2026-04-16"}});
    ASSERT_TRUE(m_ledger->updateProvider(prices));
    const std::string c = issue();
    const auto paperTicket = tickets(c, 1);
    ASSERT_EQ(paperTicket.size(), 1u);
    // 10:00 in Tokyo on a day of April (or May, after April's 30 days): the ledger attributes each session to
    // the local date of its start.
    const std::int64_t s = now();
    const auto day = [s](int d) { return s + (d - 3) * 86400LL; };
    auto results = push(t, {
        opened("stay1", c, day(3), "stay"), closed("stay1", c, day(3) + 7200, 120),
        opened("stay2", c, day(20), "stay"), closed("stay2", c, day(20) + 3600, 60),
        opened("day1", c, day(10), "day"), closed("day1", c, day(10) + 5400, 90),
        paper("paper1", paperTicket[0], day(11), day(11) + 3600, 60, "day"),
        // Not counted: cancelled, still open, of May, corrected into May.
        opened("gone", c, day(12), "day"), closed("gone", c, day(12) + 3600, 60), cancelled("gone"),
        opened("open", c, day(12), "visit"),
        opened("may", c, day(31), "visit"), closed("may", c, day(31) + 3600, 60),
        opened("moved", c, day(30), "visit"), closed("moved", c, day(30) + 3600, 60),
        corrected("moved", day(31), day(31) + 3600, 60),
        // Counted with its corrected billing.
        opened("fixed", c, day(14), "visit"), closed("fixed", c, day(14) + 1800, 30),
        corrected("fixed", day(14), day(14) + 5400, 90),
    });    for (const auto& r : results)
        ASSERT_EQ(r.status, protocol::EventStatus::accepted) << verdict(r);
    // Another provider's care is not this provider's bill.
    ASSERT_EQ(verdict(pushOne(other, opened("x", c, day(14), "visit"))), "accepted");
    ASSERT_EQ(verdict(pushOne(other, closed("x", c, day(14) + 3600, 60))), "accepted");

    auto rows = m_ledger->totals("P-0001", kApril);
    ASSERT_TRUE(rows) << rows.error().message;
    // The terminal's JSON rendering, with the total line last.
    const json j = totalsTable(*rows).toJson();
    const json expected = json::parse(R"([
      {"service": "stay", "sessions": 1, "billed_minutes": 120, "yen_per_hour": 1300, "amount_yen": 2600},
      {"service": "stay", "sessions": 1, "billed_minutes": 60,  "yen_per_hour": 1500, "amount_yen": 1500},
      {"service": "day",  "sessions": 2, "billed_minutes": 150, "yen_per_hour": 3400, "amount_yen": 8500},
      {"service": "visit","sessions": 1, "billed_minutes": 90,  "yen_per_hour": 5000, "amount_yen": 7500},
      {"service": "total","sessions": 5, "billed_minutes": 420, "yen_per_hour": null, "amount_yen": 20100}
    ])");
    EXPECT_EQ(j, expected) << j.dump(1);
    ASSERT_EQ(rows->size(), 5u);
    EXPECT_EQ(formatDate(*(*rows)[0].to), "2026-04-15");
    EXPECT_EQ(formatDate(*(*rows)[1].from), "2026-04-16");

    auto may = m_ledger->totals("P-0001", date::year{2026} / date::May);
    ASSERT_TRUE(may);
    EXPECT_EQ(may->back().sessions, 2);
    EXPECT_EQ(may->back().billedMinutes, 120);
    auto unknown = m_ledger->totals("P-0404", kApril);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, Errc::invalid_argument);
}

} // namespace
} // namespace sango::test
