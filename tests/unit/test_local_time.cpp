// LocalTime over the system's tz database: local dates, ISO 8601 text, and the start of a local day, in Asia/Tokyo
// and in zones with daylight saving time.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <string>

#include "sango/local_time.h"

namespace sango {
namespace {

using namespace std::chrono_literals;

// An instant from UTC fields, without going through the code under test.
Instant utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0)
{
    return date::sys_days{date::year{y} / date::month{mo} / date::day{d}} + std::chrono::hours{h} +
           std::chrono::minutes{mi} + std::chrono::seconds{s};
}

date::year_month_day ymd(int y, unsigned m, unsigned d)
{
    return date::year{y} / date::month{m} / date::day{d};
}

LocalTime zone(const char* name)
{
    auto lt = LocalTime::forZone(name);
    EXPECT_TRUE(lt) << name << ": " << (lt ? "" : lt.error().message);
    return lt.value(); // throws (and fails the test) when the zone is missing

}

TEST(LocalTime, ForZone)
{
    const auto tokyo = LocalTime::forZone("Asia/Tokyo");
    ASSERT_TRUE(tokyo);
    EXPECT_EQ(tokyo->zoneName(), "Asia/Tokyo");
    EXPECT_TRUE(LocalTime::forZone("UTC"));
    EXPECT_TRUE(LocalTime::forZone("Europe/Berlin"));
    EXPECT_TRUE(LocalTime::forZone("America/New_York"));
}

TEST(LocalTime, UnknownZoneIsInvalidConfig)
{
    for (const char* name : {"Asia/Tokio", "", "Tokyo", "asia/tokyo", "../../etc/passwd", "/etc/localtime",
                             "Asia/Tokyo\n"}) {
        const auto lt = LocalTime::forZone(name);
        ASSERT_FALSE(lt) << name;
        EXPECT_EQ(lt.error().code, Errc::invalid_config) << name;
    }
    const auto lt = LocalTime::forZone("Asia/Tokio");
    ASSERT_FALSE(lt);
    EXPECT_NE(lt.error().message.find("Asia/Tokio"), std::string::npos) << lt.error().message;
}

TEST(LocalTime, TokyoDateOfAtMonthEdges)
{
    const LocalTime tokyo = zone("Asia/Tokyo");
    EXPECT_EQ(tokyo.dateOf(utc(2026, 3, 31, 15, 0, 0)), ymd(2026, 4, 1));
    EXPECT_EQ(tokyo.dateOf(utc(2026, 3, 31, 14, 59, 59)), ymd(2026, 3, 31));
    EXPECT_EQ(tokyo.dateOf(utc(2026, 4, 30, 14, 59, 59)), ymd(2026, 4, 30));
    EXPECT_EQ(tokyo.dateOf(utc(2026, 4, 30, 15, 0, 0)), ymd(2026, 5, 1));
    EXPECT_EQ(tokyo.dateOf(utc(2026, 12, 31, 15, 0, 0)), ymd(2027, 1, 1));
}

TEST(LocalTime, TokyoStartOf)
{
    const LocalTime tokyo = zone("Asia/Tokyo");
    EXPECT_EQ(tokyo.startOf(ymd(2026, 4, 1)), utc(2026, 3, 31, 15));
    EXPECT_EQ(tokyo.startOf(ymd(2026, 5, 1)), utc(2026, 4, 30, 15));
    EXPECT_EQ(tokyo.dateOf(tokyo.startOf(ymd(2026, 4, 1))), ymd(2026, 4, 1));
    EXPECT_EQ(tokyo.dateOf(tokyo.startOf(ymd(2026, 4, 1)) - 1s), ymd(2026, 3, 31));
}

TEST(LocalTime, Format)
{
    const LocalTime tokyo = zone("Asia/Tokyo");
    EXPECT_EQ(tokyo.format(utc(2026, 4, 3, 1, 7, 0)), "2026-04-03T10:07:00+09:00");
    EXPECT_EQ(tokyo.format(utc(2026, 3, 31, 15, 0, 0)), "2026-04-01T00:00:00+09:00");
    EXPECT_EQ(tokyo.format(utc(2026, 4, 30, 14, 59, 59)), "2026-04-30T23:59:59+09:00");
    EXPECT_EQ(zone("UTC").format(utc(2026, 4, 3, 1, 7, 0)), "2026-04-03T01:07:00+00:00");
    const LocalTime ny = zone("America/New_York");
    EXPECT_EQ(ny.format(utc(2026, 1, 15, 17, 30, 5)), "2026-01-15T12:30:05-05:00");
    EXPECT_EQ(ny.format(utc(2026, 7, 15, 17, 30, 5)), "2026-07-15T13:30:05-04:00");
    const LocalTime berlin = zone("Europe/Berlin");
    EXPECT_EQ(berlin.format(utc(2026, 3, 29, 0, 59, 59)), "2026-03-29T01:59:59+01:00");
    EXPECT_EQ(berlin.format(utc(2026, 3, 29, 1, 0, 0)), "2026-03-29T03:00:00+02:00");
    EXPECT_EQ(zone("Asia/Kolkata").format(utc(2026, 4, 3, 0, 0, 0)), "2026-04-03T05:30:00+05:30");
}

TEST(LocalTime, ParseWithOffsetOrZ)
{
    const LocalTime tokyo = zone("Asia/Tokyo");
    const Instant expected = utc(2026, 4, 3, 1, 7, 0);
    EXPECT_EQ(tokyo.parse("2026-04-03T10:07:00+09:00"), expected);
    EXPECT_EQ(tokyo.parse("2026-04-03T01:07:00Z"), expected);
    EXPECT_EQ(tokyo.parse("2026-04-03T01:07:00+00:00"), expected);
    EXPECT_EQ(tokyo.parse("2026-04-03T01:07:00-00:00"), expected);
    EXPECT_EQ(tokyo.parse("2026-04-02T21:07:00-04:00"), expected);
    EXPECT_EQ(tokyo.parse("2026-04-03T06:37:00+05:30"), expected);
    EXPECT_EQ(tokyo.parse("2026-04-02T11:07:00-14:00"), expected);
    // The offset decides, whatever the zone.
    EXPECT_EQ(zone("America/New_York").parse("2026-04-03T10:07:00+09:00"), expected);
}

TEST(LocalTime, ParseWithoutOffsetIsLocal)
{
    EXPECT_EQ(zone("Asia/Tokyo").parse("2026-04-03T10:07:00"), utc(2026, 4, 3, 1, 7, 0));
    EXPECT_EQ(zone("UTC").parse("2026-04-03T10:07:00"), utc(2026, 4, 3, 10, 7, 0));
    const LocalTime ny = zone("America/New_York");
    EXPECT_EQ(ny.parse("2026-01-15T12:30:05"), utc(2026, 1, 15, 17, 30, 5));
    EXPECT_EQ(ny.parse("2026-07-15T13:30:05"), utc(2026, 7, 15, 17, 30, 5));
    // Just around the changes: 01:59:59 EST, then 03:00:00 EDT.
    EXPECT_EQ(ny.parse("2026-03-08T01:59:59"), utc(2026, 3, 8, 6, 59, 59));
    EXPECT_EQ(ny.parse("2026-03-08T03:00:00"), utc(2026, 3, 8, 7, 0, 0));
    EXPECT_EQ(ny.parse("2026-11-01T00:59:59"), utc(2026, 11, 1, 4, 59, 59));
    EXPECT_EQ(ny.parse("2026-11-01T02:00:00"), utc(2026, 11, 1, 7, 0, 0));
}

TEST(LocalTime, ParseRefusesLocalTimesThatDoNotExistOrRepeat)
{
    const LocalTime ny = zone("America/New_York");
    // Spring forward: 02:30 never happened on 2026-03-08.
    const auto gap = ny.parse("2026-03-08T02:30:00");
    ASSERT_FALSE(gap);
    EXPECT_EQ(gap.error().code, Errc::invalid_argument);
    EXPECT_NE(gap.error().message.find("does not exist"), std::string::npos) << gap.error().message;
    // Fall back: 01:30 happened twice on 2026-11-01.
    const auto twice = ny.parse("2026-11-01T01:30:00");
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, Errc::invalid_argument);
    EXPECT_NE(twice.error().message.find("twice"), std::string::npos) << twice.error().message;
    // With the offset each is fine.
    EXPECT_EQ(ny.parse("2026-11-01T01:30:00-04:00"), utc(2026, 11, 1, 5, 30, 0));
    EXPECT_EQ(ny.parse("2026-11-01T01:30:00-05:00"), utc(2026, 11, 1, 6, 30, 0));
}

TEST(LocalTime, ParseRejectsEverythingElse)
{
    const LocalTime tokyo = zone("Asia/Tokyo");
    const char* bad[] = {
        "",
        "2026-04-03",
        "2026-04-03 10:07:00",
        "2026-04-03t10:07:00Z",
        "2026-04-03T10:07",
        "2026-04-03T10:07Z",
        "2026-04-03T10:07:00z",
        "2026-04-03T10:07:00.000Z",
        "2026-04-03T10:07:00.5+09:00",
        "2026-04-03T10:07:00+0900",
        "2026-04-03T10:07:00+09",
        "2026-04-03T10:07:00+9:00",
        "2026-04-03T10:07:00+24:00",
        "2026-04-03T10:07:00+09:60",
        "2026-04-03T10:07:00 +09:00",
        "2026-04-03T10:07:00+09:00 ",
        " 2026-04-03T10:07:00+09:00",
        "2026-04-03T10:07:00+09:00Z",
        "2026-04-03T10:07:00ZZ",
        "2026-04-03T10:07:00JST",
        "2026-04-03T24:00:00Z",
        "2026-04-03T10:60:00Z",
        "2026-04-03T10:07:60Z",
        "2026-02-29T10:07:00Z",
        "2026-02-30T10:07:00Z",
        "2026-13-01T10:07:00Z",
        "2026-00-01T10:07:00Z",
        "2026-04-00T10:07:00Z",
        "2026-4-3T10:07:00Z",
        "+2026-04-03T10:07:00Z",
        "20260403T100700Z",
        "2026/04/03T10:07:00Z",
        "-026-04-03T10:07:00Z",
        "2026-04-03T-1:07:00Z",
        "２０２６-04-03T10:07:00Z",
        "1775178420",
        "now",
    };
    for (const char* text : bad) {
        const auto t = tokyo.parse(text);
        ASSERT_FALSE(t) << "accepted \"" << text << "\"";
        EXPECT_EQ(t.error().code, Errc::invalid_argument) << text;
        EXPECT_NE(t.error().message.find("2026-04-03T10:07:00+09:00"), std::string::npos) << t.error().message;
    }
    // An embedded NUL ends nothing early.
    const std::string withNul("2026-04-03T10:07:00\0Z", 21);
    EXPECT_FALSE(tokyo.parse(withNul));
}

TEST(LocalTime, LeapDayParses)
{
    EXPECT_EQ(zone("UTC").parse("2028-02-29T12:00:00Z"), utc(2028, 2, 29, 12));
}

TEST(LocalTime, FormatParseRoundTrip)
{
    std::mt19937_64 rng(42);
    // 1970 .. 2100
    std::uniform_int_distribution<std::int64_t> dist(0, 4102444800);
    for (const char* name : {"Asia/Tokyo", "UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata",
                             "Australia/Lord_Howe", "America/Havana"}) {
        const LocalTime lt = zone(name);
        for (int i = 0; i < 2000; ++i) {
            const Instant t{std::chrono::seconds{dist(rng)}};
            const std::string text = lt.format(t);
            const auto back = lt.parse(text);
            ASSERT_TRUE(back) << name << " " << text << ": " << back.error().message;
            EXPECT_EQ(*back, t) << name << " " << text;
            // The date part of the text is dateOf.
            EXPECT_EQ(text.substr(0, 10), formatDate(lt.dateOf(t))) << name;
        }
    }
}

TEST(LocalTime, RoundTripOfAnOffsetWithSeconds)
{
    // Tokyo kept local mean time (+09:18:59) until 1888.
    const LocalTime tokyo = zone("Asia/Tokyo");
    const Instant t = utc(1880, 6, 1, 0, 0, 0);
    const std::string text = tokyo.format(t);
    const auto back = tokyo.parse(text);
    ASSERT_TRUE(back) << text;
    EXPECT_EQ(*back, t) << text;
}

TEST(LocalTime, StartOfAcrossDstInNewYork)
{
    const LocalTime ny = zone("America/New_York");
    // Midnight EST (-05:00), then EDT (-04:00): 2026-03-08 has 23 hours.
    EXPECT_EQ(ny.startOf(ymd(2026, 3, 8)), utc(2026, 3, 8, 5));
    EXPECT_EQ(ny.startOf(ymd(2026, 3, 9)), utc(2026, 3, 9, 4));
    EXPECT_EQ(ny.startOf(ymd(2026, 3, 9)) - ny.startOf(ymd(2026, 3, 8)), 23h);
    // 2026-11-01 has 25 hours.
    EXPECT_EQ(ny.startOf(ymd(2026, 11, 1)), utc(2026, 11, 1, 4));
    EXPECT_EQ(ny.startOf(ymd(2026, 11, 2)), utc(2026, 11, 2, 5));
    EXPECT_EQ(ny.startOf(ymd(2026, 11, 2)) - ny.startOf(ymd(2026, 11, 1)), 25h);
    // dateOf agrees on both sides of each start.
    for (const auto day : {ymd(2026, 3, 8), ymd(2026, 3, 9), ymd(2026, 11, 1), ymd(2026, 11, 2)}) {
        EXPECT_EQ(ny.dateOf(ny.startOf(day)), day);
        EXPECT_NE(ny.dateOf(ny.startOf(day) - 1s), day);
    }
    EXPECT_EQ(ny.dateOf(utc(2026, 3, 9, 3, 59, 59)), ymd(2026, 3, 8));
}

TEST(LocalTime, StartOfAcrossDstInBerlin)
{
    const LocalTime berlin = zone("Europe/Berlin");
    EXPECT_EQ(berlin.startOf(ymd(2026, 3, 29)), utc(2026, 3, 28, 23));
    EXPECT_EQ(berlin.startOf(ymd(2026, 3, 30)), utc(2026, 3, 29, 22));
    EXPECT_EQ(berlin.startOf(ymd(2026, 10, 25)), utc(2026, 10, 24, 22));
    EXPECT_EQ(berlin.startOf(ymd(2026, 10, 26)), utc(2026, 10, 25, 23));
    EXPECT_EQ(berlin.format(berlin.startOf(ymd(2026, 3, 30))), "2026-03-30T00:00:00+02:00");
}

TEST(LocalTime, StartOfADayWhoseMidnightDoesNotExist)
{
    // Havana springs forward at midnight (00:00 -> 01:00 on 2026-03-08, per the tzdata of 2024/2025): the day
    // begins at 01:00 CDT, the instant of the change.
    const LocalTime havana = zone("America/Havana");
    const Instant start = havana.startOf(ymd(2026, 3, 8));
    EXPECT_EQ(start, utc(2026, 3, 8, 5));
    EXPECT_EQ(havana.dateOf(start), ymd(2026, 3, 8));
    EXPECT_EQ(havana.dateOf(start - 1s), ymd(2026, 3, 7));
    EXPECT_EQ(havana.format(start), "2026-03-08T01:00:00-04:00");
    // Falling back at 01:00 -> 00:00 on 2026-11-01: midnight happens twice; the day begins at the first.
    EXPECT_EQ(havana.startOf(ymd(2026, 11, 1)), utc(2026, 11, 1, 4));
}

TEST(LocalTime, StartOfIsTheFirstInstantOfTheDayEverywhere)
{
    for (const char* name : {"Asia/Tokyo", "America/New_York", "Europe/Berlin", "America/Havana",
                             "America/Santiago", "Asia/Beirut", "Australia/Lord_Howe"}) {
        const LocalTime lt = zone(name);
        for (date::sys_days d = date::sys_days{ymd(2026, 1, 1)}; d < date::sys_days{ymd(2027, 1, 1)};
             d += date::days{1}) {
            const date::year_month_day day{d};
            const Instant s = lt.startOf(day);
            ASSERT_EQ(lt.dateOf(s), day) << name << " " << formatDate(day);
            ASSERT_LT(lt.dateOf(s - 1s), day) << name << " " << formatDate(day);
        }
    }
}

TEST(Dates, ParseAndFormat)
{
    EXPECT_EQ(parseDate("2026-04-03"), ymd(2026, 4, 3));
    EXPECT_EQ(parseDate("2028-02-29"), ymd(2028, 2, 29));
    EXPECT_EQ(parseMonth("2026-04"), date::year{2026} / date::April);
    EXPECT_EQ(parseMonth("2026-12"), date::year{2026} / date::December);
    EXPECT_EQ(formatDate(ymd(2026, 4, 3)), "2026-04-03");
    EXPECT_EQ(formatDate(ymd(987, 1, 9)), "0987-01-09");
    EXPECT_EQ(formatMonth(date::year{2026} / date::April), "2026-04");
    for (const char* text : {"2026-04-03", "2028-02-29", "1999-12-31"})
        EXPECT_EQ(formatDate(*parseDate(text)), text);
    for (const char* text : {"2026-04", "2026-01", "1999-12"})
        EXPECT_EQ(formatMonth(*parseMonth(text)), text);
}

TEST(Dates, RejectsOthers)
{
    for (const char* text : {"", "2026-4-3", "2026-04-3", "2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10",
                             "2026-04-00", "2026-04-03T00:00:00", "2026/04/03", "20260403", " 2026-04-03",
                             "2026-04-03 ", "2026-04", "abcd-ef-gh"}) {
        const auto d = parseDate(text);
        ASSERT_FALSE(d) << text;
        EXPECT_EQ(d.error().code, Errc::invalid_argument) << text;
        EXPECT_NE(d.error().message.find("YYYY-MM-DD"), std::string::npos);
    }
    for (const char* text : {"", "2026-4", "2026-13", "2026-00", "2026-04-01", "202604", "2026/04", "2026-1a"}) {
        const auto m = parseMonth(text);
        ASSERT_FALSE(m) << text;
        EXPECT_EQ(m.error().code, Errc::invalid_argument) << text;
        EXPECT_NE(m.error().message.find("YYYY-MM"), std::string::npos);
    }
}

} // namespace
} // namespace sango
