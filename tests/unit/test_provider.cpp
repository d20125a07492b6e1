// Provider::fromJson / toJson and the price periods (spec/policy.md "provider.json").
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sango/provider.h"
#include "test_paths.h"

namespace sango {
namespace {

using nlohmann::json;
using date::April;
using date::February;
using date::March;
using date::May;

json testProvider()
{
    std::ifstream in(test::testDataDir() / "provider.json");
    EXPECT_TRUE(in.good());
    return json::parse(in, nullptr, false);
}

date::year_month_day ymd(int y, unsigned m, unsigned d)
{
    return date::year{y} / date::month{m} / date::day{d};
}

// The test data with the stay price raised mid-April.
Provider midMonthChange()
{
    json j = testProvider();
    j["prices"].push_back({{"service", "stay"}, {"yen_per_hour", 1500}, {"from", "2026-04-16"}});
    auto p = Provider::fromJson(j);
    EXPECT_TRUE(p) << p.error().message;
    return *p;
}

TEST(Provider, TestDataParses)
{
    const auto p = Provider::fromJson(testProvider());
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_EQ(p->providerId, "P-0001");
    EXPECT_EQ(p->name, "みなと助産院");
    EXPECT_EQ(p->municipality, "131016");
    EXPECT_EQ(p->services, (std::vector<Service>{Service::stay, Service::day, Service::visit}));
    ASSERT_EQ(p->prices.size(), 3u);
    EXPECT_EQ(p->prices[0].service, Service::stay);
    EXPECT_EQ(p->prices[0].yenPerHour, 1300);
    EXPECT_EQ(p->prices[0].from, ymd(2026, 4, 1));
    EXPECT_EQ(p->prices[1].service, Service::day);
    EXPECT_EQ(p->prices[1].yenPerHour, 3400);
    EXPECT_EQ(p->prices[2].service, Service::visit);
    EXPECT_EQ(p->prices[2].yenPerHour, 5000);
    EXPECT_TRUE(p->offers(Service::stay));
    EXPECT_TRUE(p->offers(Service::day));
    EXPECT_TRUE(p->offers(Service::visit));
    EXPECT_EQ(p->priceTableVersion(), "2026-04-01");
}

TEST(Provider, OffersOnlyListedServices)
{
    json j = testProvider();
    j["services"] = {"visit"};
    j["prices"] = json::array({{{"service", "visit"}, {"yen_per_hour", 5000}, {"from", "2026-04-01"}}});
    const auto p = Provider::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_FALSE(p->offers(Service::stay));
    EXPECT_FALSE(p->offers(Service::day));
    EXPECT_TRUE(p->offers(Service::visit));
}

TEST(Provider, PricesAreSortedByServiceThenFrom)
{
    json j = testProvider();
    j["prices"] = json::array({
        {{"service", "visit"}, {"yen_per_hour", 5200}, {"from", "2026-10-01"}},
        {{"service", "stay"}, {"yen_per_hour", 1500}, {"from", "2026-04-16"}},
        {{"service", "visit"}, {"yen_per_hour", 5000}, {"from", "2026-04-01"}},
        {{"service", "stay"}, {"yen_per_hour", 1300}, {"from", "2026-04-01"}},
    });
    const auto p = Provider::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    ASSERT_EQ(p->prices.size(), 4u);
    EXPECT_EQ(p->prices[0].yenPerHour, 1300);
    EXPECT_EQ(p->prices[1].yenPerHour, 1500);
    EXPECT_EQ(p->prices[2].yenPerHour, 5000);
    EXPECT_EQ(p->prices[3].yenPerHour, 5200);
    EXPECT_EQ(p->priceTableVersion(), "2026-10-01");
}

TEST(Provider, PriceOnEitherSideOfAChange)
{
    const Provider p = midMonthChange();
    EXPECT_FALSE(p.priceOn(Service::stay, ymd(2026, 3, 31)));
    ASSERT_TRUE(p.priceOn(Service::stay, ymd(2026, 4, 1)));
    EXPECT_EQ(p.priceOn(Service::stay, ymd(2026, 4, 1))->yenPerHour, 1300);
    EXPECT_EQ(p.priceOn(Service::stay, ymd(2026, 4, 15))->yenPerHour, 1300);
    EXPECT_EQ(p.priceOn(Service::stay, ymd(2026, 4, 16))->yenPerHour, 1500);
    EXPECT_EQ(p.priceOn(Service::stay, ymd(2026, 4, 30))->yenPerHour, 1500);
    EXPECT_EQ(p.priceOn(Service::stay, ymd(2031, 1, 1))->yenPerHour, 1500); // the latest price is open-ended
    EXPECT_EQ(p.priceOn(Service::stay, ymd(2026, 4, 16))->from, ymd(2026, 4, 16));
    // Other services are not affected.
    EXPECT_EQ(p.priceOn(Service::day, ymd(2026, 4, 20))->yenPerHour, 3400);
    EXPECT_EQ(p.priceTableVersion(), "2026-04-16");
}

TEST(Provider, PriceOnAServiceWithoutPrices)
{
    json j = testProvider();
    j["prices"] = json::array({{{"service", "stay"}, {"yen_per_hour", 1300}, {"from", "2026-04-01"}}});
    const auto p = Provider::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_FALSE(p->priceOn(Service::day, ymd(2026, 4, 10)));
    EXPECT_TRUE(p->periodsIn(Service::day, date::year{2026} / April).empty());
}

TEST(Provider, PeriodsOfAMonthWithAChange)
{
    const Provider p = midMonthChange();
    const auto periods = p.periodsIn(Service::stay, date::year{2026} / April);
    ASSERT_EQ(periods.size(), 2u);
    EXPECT_EQ(periods[0].price.yenPerHour, 1300);
    EXPECT_EQ(periods[0].first, ymd(2026, 4, 1));
    EXPECT_EQ(periods[0].last, ymd(2026, 4, 15));
    EXPECT_EQ(periods[1].price.yenPerHour, 1500);
    EXPECT_EQ(periods[1].first, ymd(2026, 4, 16));
    EXPECT_EQ(periods[1].last, ymd(2026, 4, 30));

    const auto day = p.periodsIn(Service::day, date::year{2026} / April);
    ASSERT_EQ(day.size(), 1u);
    EXPECT_EQ(day[0].first, ymd(2026, 4, 1));
    EXPECT_EQ(day[0].last, ymd(2026, 4, 30));
}

TEST(Provider, PeriodsBeforeAndAfter)
{
    const Provider p = midMonthChange();
    // The prices start after March: no period.
    EXPECT_TRUE(p.periodsIn(Service::stay, date::year{2026} / March).empty());
    // May: only the later price, the whole month.
    const auto may = p.periodsIn(Service::stay, date::year{2026} / May);
    ASSERT_EQ(may.size(), 1u);
    EXPECT_EQ(may[0].price.yenPerHour, 1500);
    EXPECT_EQ(may[0].first, ymd(2026, 5, 1));
    EXPECT_EQ(may[0].last, ymd(2026, 5, 31));
}

TEST(Provider, PeriodStartingMidMonthWithoutEarlierPrice)
{
    json j = testProvider();
    j["prices"] = json::array({{{"service", "day"}, {"yen_per_hour", 3400}, {"from", "2028-02-10"}}});
    const auto p = Provider::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    const auto periods = p->periodsIn(Service::day, date::year{2028} / February);
    ASSERT_EQ(periods.size(), 1u);
    EXPECT_EQ(periods[0].first, ymd(2028, 2, 10));
    EXPECT_EQ(periods[0].last, ymd(2028, 2, 29)); // a leap year
}

TEST(Provider, ChangesOnFirstAndLastDayOfAMonth)
{
    json j = testProvider();
    j["prices"].push_back({{"service", "visit"}, {"yen_per_hour", 5100}, {"from", "2026-05-31"}});
    j["prices"].push_back({{"service", "visit"}, {"yen_per_hour", 5200}, {"from", "2026-06-01"}});
    const auto p = Provider::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    const auto may = p->periodsIn(Service::visit, date::year{2026} / May);
    ASSERT_EQ(may.size(), 2u);
    EXPECT_EQ(may[0].price.yenPerHour, 5000);
    EXPECT_EQ(may[0].last, ymd(2026, 5, 30));
    EXPECT_EQ(may[1].price.yenPerHour, 5100);
    EXPECT_EQ(may[1].first, ymd(2026, 5, 31));
    EXPECT_EQ(may[1].last, ymd(2026, 5, 31));
    const auto june = p->periodsIn(Service::visit, date::year{2026} / date::June);
    ASSERT_EQ(june.size(), 1u); // 5100 was in force on no day of June
    EXPECT_EQ(june[0].price.yenPerHour, 5200);
    EXPECT_EQ(june[0].first, ymd(2026, 6, 1));
}

TEST(Provider, PeriodsCoverTheMonthExactlyOnce)
{
    const Provider p = midMonthChange();
    for (unsigned m = 1; m <= 12; ++m) {
        const date::year_month month = date::year{2026} / date::month{m};
        const auto periods = p.periodsIn(Service::stay, month);
        // Every day of the month is covered by the period whose price priceOn gives, and by no other.
        for (date::sys_days d{month / date::day{1}}; d <= date::sys_days{month / date::last}; d += date::days{1}) {
            const date::year_month_day day{d};
            const auto price = p.priceOn(Service::stay, day);
            int covering = 0;
            for (const auto& period : periods)
                if (period.first <= day && day <= period.last) {
                    ++covering;
                    ASSERT_TRUE(price);
                    EXPECT_EQ(period.price.yenPerHour, price->yenPerHour);
                }
            EXPECT_EQ(covering, price ? 1 : 0) << date::format("%F", day);
        }
    }
}

TEST(Provider, RoundTrip)
{
    const Provider p = midMonthChange();
    const json out = p.toJson();
    const auto again = Provider::fromJson(out);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->providerId, p.providerId);
    EXPECT_EQ(again->name, p.name);
    EXPECT_EQ(again->municipality, p.municipality);
    EXPECT_EQ(again->services, p.services);
    ASSERT_EQ(again->prices.size(), p.prices.size());
    for (std::size_t i = 0; i < p.prices.size(); ++i) {
        EXPECT_EQ(again->prices[i].service, p.prices[i].service);
        EXPECT_EQ(again->prices[i].yenPerHour, p.prices[i].yenPerHour);
        EXPECT_EQ(again->prices[i].from, p.prices[i].from);
    }
    EXPECT_EQ(again->toJson(), out);
    EXPECT_EQ(out["prices"][1]["from"], "2026-04-16");
}

TEST(Provider, UnknownMembersAreIgnored)
{
    json j = testProvider();
    j["address"] = "ignored";
    j["prices"][0]["note"] = "ignored too";
    const auto p = Provider::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_EQ(p->prices.size(), 3u);
}

struct Invalid {
    const char* what;
    const char* pointer;
    std::optional<json> value; // nullopt: removed
    const char* mustMention;
};

const std::vector<Invalid> kInvalid = {
    {"no provider_id", "/provider_id", std::nullopt, "provider_id is missing"},
    {"no name", "/name", std::nullopt, "name is missing"},
    {"no municipality", "/municipality", std::nullopt, "municipality is missing"},
    {"no services", "/services", std::nullopt, "services is missing"},
    {"no prices", "/prices", std::nullopt, "prices is missing"},
    {"provider_id empty", "/provider_id", json(""), "provider_id must not be empty"},
    {"provider_id a number", "/provider_id", json(1), "provider_id must be a string"},
    {"name a number", "/name", json(7), "name must be a string"},
    {"municipality short", "/municipality", json("1310"), "municipality must be a 6-digit"},
    {"municipality a number", "/municipality", json(131016), "municipality must be a string"},
    {"services empty", "/services", json::array(), "services must be a non-empty array"},
    {"services an object", "/services", json::object({{"stay", true}}), "services must be a non-empty array"},
    {"unknown service", "/services/1", json("nap"), "services[1] must be stay, day or visit"},
    {"service a number", "/services/0", json(3), "services[0]"},
    {"service twice", "/services/2", json("stay"), "services[2]"},
    {"prices an object", "/prices", json::object(), "prices must be an array"},
    {"price not an object", "/prices/1", json(3400), "prices[1] must be an object"},
    {"price without service", "/prices/0/service", std::nullopt, "prices[0].service is missing"},
    {"price without yen", "/prices/1/yen_per_hour", std::nullopt, "prices[1].yen_per_hour is missing"},
    {"price without from", "/prices/2/from", std::nullopt, "prices[2].from is missing"},
    {"price unknown service", "/prices/2/service", json("nap"), "prices[2].service"},
    {"price yen zero", "/prices/0/yen_per_hour", json(0), "prices[0].yen_per_hour must be a positive integer"},
    {"price yen negative", "/prices/0/yen_per_hour", json(-1300), "prices[0].yen_per_hour"},
    {"price yen float", "/prices/0/yen_per_hour", json(1300.0), "prices[0].yen_per_hour"},
    {"price yen string", "/prices/0/yen_per_hour", json("1300"), "prices[0].yen_per_hour"},
    {"price yen huge", "/prices/0/yen_per_hour", json(9223372036854775807LL), "prices[0].yen_per_hour"},
    {"price from a number", "/prices/2/from", json(20260401), "prices[2].from must be a string"},
    {"price from no padding", "/prices/2/from", json("2026-4-1"), "prices[2].from must be a date YYYY-MM-DD"},
    {"price from not a day", "/prices/2/from", json("2026-02-30"), "prices[2].from must be a date YYYY-MM-DD"},
    {"price from with time", "/prices/2/from", json("2026-04-01T00:00:00"), "prices[2].from must be a date"},
    {"price from slashes", "/prices/2/from", json("2026/04/01"), "prices[2].from must be a date"},
};

TEST(Provider, InvalidProfilesNameTheMember)
{
    for (const Invalid& c : kInvalid) {
        json j = testProvider();
        const json::json_pointer ptr(c.pointer);
        if (c.value)
            j[ptr] = *c.value;
        else
            j[ptr.parent_pointer()].erase(ptr.back());
        const auto p = Provider::fromJson(j);
        ASSERT_FALSE(p) << c.what;
        EXPECT_EQ(p.error().code, Errc::invalid_config) << c.what;
        EXPECT_NE(p.error().message.find(c.mustMention), std::string::npos)
            << c.what << ": \"" << p.error().message << "\" does not mention \"" << c.mustMention << "\"";
        EXPECT_EQ(p.error().message.rfind("provider: ", 0), 0u) << c.what << ": " << p.error().message;
    }
}

TEST(Provider, PriceForAServiceNotOffered)
{
    json j = testProvider();
    j["services"] = {"stay", "visit"};
    const auto p = Provider::fromJson(j);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, Errc::invalid_config);
    EXPECT_NE(p.error().message.find("prices[1].service"), std::string::npos) << p.error().message;
}

TEST(Provider, TwoPricesWithTheSameServiceAndFrom)
{
    json j = testProvider();
    j["prices"].push_back({{"service", "day"}, {"yen_per_hour", 3600}, {"from", "2026-04-01"}});
    const auto p = Provider::fromJson(j);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, Errc::invalid_config);
    EXPECT_NE(p.error().message.find("prices[3]"), std::string::npos) << p.error().message;
    EXPECT_NE(p.error().message.find("prices[1]"), std::string::npos) << p.error().message;
}

TEST(Provider, NotAnObject)
{
    for (const json& j : {json(nullptr), json::array(), json("provider"), json(1.5)}) {
        const auto p = Provider::fromJson(j);
        ASSERT_FALSE(p);
        EXPECT_EQ(p.error().code, Errc::invalid_config);
    }
}

TEST(Provider, EmptyPriceListIsAccepted)
{
    json j = testProvider();
    j["prices"] = json::array();
    const auto p = Provider::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_FALSE(p->priceOn(Service::stay, ymd(2026, 4, 1)));
    EXPECT_EQ(p->priceTableVersion(), "");
}

TEST(AmountYen, Examples)
{
    EXPECT_EQ(amountYen(90, 3400), 5100);
    EXPECT_EQ(amountYen(61, 1300), 1321); // 1321.66...
    EXPECT_EQ(amountYen(60, 1300), 1300);
    EXPECT_EQ(amountYen(30, 5000), 2500);
    EXPECT_EQ(amountYen(1, 59), 0);       // 0.98...
    EXPECT_EQ(amountYen(1, 60), 1);
    EXPECT_EQ(amountYen(0, 5000), 0);
    EXPECT_EQ(amountYen(2520, 1300), 54600);
    EXPECT_EQ(amountYen(7, 1300), 151); // 151.66...
    EXPECT_EQ(amountYen(-30, 1300), 0); // never negative
}

TEST(AmountYen, LargeValuesStayExact)
{
    // 6e12 minutes at a million yen an hour: 1e17 yen, beyond double precision but within int64.
    EXPECT_EQ(amountYen(6000000000000LL, 1000000), 100000000000000000LL);
    EXPECT_EQ(amountYen(6000000000001LL, 1000000), 100000000000016666LL);
    // The product itself would overflow int64; the quotient does not.
    EXPECT_EQ(amountYen(600000000000000000LL, 60), 600000000000000000LL);
}

TEST(AmountYen, SumOfFlooredPeriodsForAMonth)
{
    // 1,300 yen for 61 minutes in the first half of April and 1,500 for 61 in the second: each period is
    // floored on its own (spec/policy.md).
    const Provider p = midMonthChange();
    const auto periods = p.periodsIn(Service::stay, date::year{2026} / April);
    ASSERT_EQ(periods.size(), 2u);
    const std::int64_t total = amountYen(61, periods[0].price.yenPerHour) + amountYen(61, periods[1].price.yenPerHour);
    EXPECT_EQ(total, 1321 + 1525);
}

} // namespace
} // namespace sango
