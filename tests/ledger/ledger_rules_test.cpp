// The ledger judges every time and every figure a terminal sends (issue 11), each rule at its edge: the
// years every time lies in, a clock offset bounded to a day (and never overflowing), nothing recorded in the
// ledger's future beyond the skew or before the terminal's last sync, stop after start, the longest session a
// service allows, corrections and paper sessions that end before they are recorded, the correction window
// and the municipality's unlock of one session; and the figures — attributed date, actual and billed
// minutes, the balance cap — recomputed from the times, the ledger's own returned when the terminal's differ.
// Every refusal says what exactly in its detail and leaves every balance and every monthly total as it was.
#include <gtest/gtest.h>

#include <limits>

#include "rules_fixture.h"
#include "sango/events.h"

namespace sango::test {
namespace {

using nlohmann::json;
using LedgerRulesTest = RulesFixture;

// An instant given in Japan's time (UTC+9 all year).
std::int64_t jst(int y, unsigned m, unsigned d, int h, int mi)
{
    const auto day = date::sys_days{date::year{y} / date::month{m} / date::day{d}};
    return std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()).count() + h * 3600 + mi * 60 -
           9 * 3600;
}

TEST_F(LedgerRulesTest, EveryTimeLiesInTheYears2000To2099)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    auto before2000 = opened("a", c, now());
    before2000.at = events::kMinTime - 1;
    refused(t, before2000, "invalid_event", true);
    auto after2099 = opened("b", c, now());
    after2099.at = events::kMaxTime;
    refused(t, after2099, "invalid_event", true);

    // The body's own times are read with the same bounds, naming the member.
    auto start = opened("c", c, now());
    start.body["start"] = events::kMinTime - 1;
    EXPECT_NE(refused(t, start, "invalid_event").detail.find("start"), std::string::npos);
    accepted(t, opened("d", c, now() - 2 * kHour));
    auto stop = closed("d", c, now() - kHour, 60);
    stop.body["stop"] = std::numeric_limits<std::int64_t>::max();
    EXPECT_NE(refused(t, stop, "invalid_event").detail.find("stop"), std::string::npos);
    // The session stays open for a close that is right.
    EXPECT_EQ(accepted(t, closed("d", c, now() - kHour, 60)).figures->billedMinutes, 60);
}

TEST_F(LedgerRulesTest, AnOpeningStartsAndACloseStopsWhenRecorded)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    auto open = opened("a", c, now() - 2 * kHour);
    open.at += 60;
    refused(t, open, "invalid_event");
    accepted(t, opened("b", c, now() - 2 * kHour));
    auto close = closed("b", c, now() - kHour, 60);
    close.at -= 60;
    refused(t, close, "invalid_event");
    EXPECT_EQ(used(c), 0);
}

// A terminal's clock a day off is the most the ledger corrects for; beyond, and for any absurd offset, the
// event is refused before the offset is added to anything.
TEST_F(LedgerRulesTest, AClockOffsetWithinADayIsUsedAndBeyondItIsInvalidTime)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon(5040);
    const std::int64_t base = now() - 50 * kHour;
    int n = 0;
    // A session of an hour two days ago, closed with this offset.
    auto closeWith = [&](json offset) {
        const std::string id = "s" + std::to_string(++n);
        accepted(t, opened(id, c, base));
        return withOffset(closed(id, c, base + kHour, 60), std::move(offset));
    };
    EXPECT_EQ(accepted(t, closeWith(86400)).figures->billedMinutes, 60);
    EXPECT_EQ(accepted(t, closeWith(-86400)).figures->billedMinutes, 60);
    EXPECT_EQ(used(c), 120);
    refused(t, closeWith(86401), "invalid_time");
    refused(t, closeWith(-86401), "invalid_time");
    refused(t, closeWith(std::numeric_limits<std::int64_t>::max()), "invalid_time");
    refused(t, closeWith(std::numeric_limits<std::int64_t>::min() + 1), "invalid_time");
    // Beyond any 64-bit signed integer: not a number of seconds at all.
    refused(t, closeWith(std::numeric_limits<std::uint64_t>::max()), "invalid_event");
    // The ledger is still judging: an honest close goes through.
    EXPECT_EQ(accepted(t, closeWith(0)).figures->billedMinutes, 60);
    EXPECT_EQ(used(c), 180);
}

// The most negative offset has no positive counterpart: it is refused like any other, and the detail still
// names a distance (no negation of it, which would overflow).
TEST_F(LedgerRulesTest, TheMostNegativeClockOffsetIsRefusedWithADistanceInItsDetail)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::int64_t start = now() - 3 * kHour;
    accepted(t, opened("a", c, start));
    const auto r = refused(t, withOffset(closed("a", c, start + kHour, 60), std::numeric_limits<std::int64_t>::min()),
                           "invalid_time");
    EXPECT_EQ(r.detail.find('-'), std::string::npos) << r.detail;
}

TEST_F(LedgerRulesTest, NothingRecordedMoreThanTheSkewInTheLedgersFuture)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    accepted(t, opened("a", c, now() + 300), true);
    refused(t, opened("b", c, now() + 301), "invalid_time", true);

    accepted(t, opened("c", c, now() - kHour));
    accepted(t, opened("d", c, now() - kHour));
    // 65 actual minutes, billed 60.
    refused(t, closed("c", c, now() + 301, 60, 65), "invalid_time", true);
    EXPECT_EQ(accepted(t, closed("d", c, now() + 300, 60, 65), true).figures->billedMinutes, 60);
    // Nor with an offset that puts the recording in the future.
    refused(t, withOffset(closed("c", c, now() - 60, 30, 59), 400), "invalid_time", true);
    EXPECT_EQ(used(c), 60);
}

// A terminal pulls only once it has sent everything it recorded: what it sends later, with a higher seq, was
// recorded after that pull, whatever time it claims.
TEST_F(LedgerRulesTest, AnEventRecordedAfterAPullCannotClaimAnEarlierTime)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    accepted(t, opened("a", c, now() - 2 * kHour));
    ASSERT_TRUE(pull(t, "0"));
    // 6,899 s: 114 actual minutes, billed 90.
    refused(t, closed("a", c, now() - 301, 90, 114), "invalid_time");
    // 6,900 s: 115 actual minutes, billed 120.
    EXPECT_EQ(accepted(t, closed("a", c, now() - 300, 120, 115)).figures->billedMinutes, 120);
    // Another terminal's pull says nothing about this one's times.
    auto other = enrolTerminal("P-0001");
    accepted(other, opened("a", c, now() - 2 * kHour));
    ASSERT_TRUE(pull(t, "0"));
    EXPECT_EQ(accepted(other, closed("a", c, now() - kHour, 60)).figures->billedMinutes, 60);
}

TEST_F(LedgerRulesTest, AStopBeforeTheStartIsInvalidTime)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::int64_t start = now() - 3 * kHour;
    accepted(t, opened("a", c, start));
    refused(t, closed("a", c, start - 60, 0), "invalid_time");
    EXPECT_EQ(accepted(t, closed("a", c, start + 90 * kMinute, 90)).figures->billedMinutes, 90);
    refused(t, corrected("a", start, start, 0), "invalid_time");
    refused(t, corrected("a", start, start - kHour, 60), "invalid_time");
    const auto ticket = tickets(c, 1);
    ASSERT_EQ(ticket.size(), 1u);
    refused(t, paper("p", ticket[0], start, start - kHour, 60), "invalid_time");
    EXPECT_EQ(used(c), 90);
}

TEST_F(LedgerRulesTest, ASessionLastsAtMostWhatItsServiceAllows)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon(30000);
    // Day care: 24 hours at most (billed at most the policy's 480 minutes).
    const std::int64_t dayStart = now() - 30 * kHour;
    accepted(t, opened("d1", c, dayStart));
    accepted(t, opened("d2", c, dayStart));
    EXPECT_EQ(accepted(t, closed("d1", c, dayStart + kDay, 480, 1440)).figures->billedMinutes, 480);
    refused(t, closed("d2", c, dayStart + kDay + 1, 480, 1440), "invalid_time");

    // A stay spans nights: two nights and three hours, then fourteen days exactly, then a second more.
    const std::int64_t stayStart = now() - 2 * kDay - 3 * kHour;
    accepted(t, opened("s1", c, stayStart, "stay"));
    EXPECT_EQ(accepted(t, closed("s1", c, now(), 3060)).figures->billedMinutes, 3060);
    const std::int64_t longStart = now() - 15 * kDay;
    accepted(t, opened("s2", c, longStart, "stay"));
    accepted(t, opened("s3", c, longStart, "stay"));
    refused(t, closed("s3", c, longStart + 14 * kDay + 1, 20160), "invalid_time");
    EXPECT_EQ(accepted(t, closed("s2", c, longStart + 14 * kDay, 20160)).figures->billedMinutes, 20160);
    EXPECT_EQ(used(c), 480 + 3060 + 20160);
}

TEST_F(LedgerRulesTest, APolicysMaxDurationIsTheLongestSession)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    // In force from today (the ledger's first policy's date too: the later one of a date wins).
    json policy = readTestJson("policy.json");
    policy["version"] = "2026-04-03.2";
    policy["services"]["visit"]["max_duration_minutes"] = 300;
    ASSERT_TRUE(m_ledger->setPolicy(policy, date::year{2026} / 4 / 3));
    const std::int64_t start = now() - 6 * kHour;
    accepted(t, opened("a", c, start, "visit"));
    accepted(t, opened("b", c, start, "visit"));
    refused(t, closed("b", c, start + 301 * kMinute, 240, 301), "invalid_time");
    // Billed at most the visit's 240 minutes.
    EXPECT_EQ(accepted(t, closed("a", c, start + 300 * kMinute, 240, 300)).figures->billedMinutes, 240);
}

TEST_F(LedgerRulesTest, CorrectionsAndPaperSessionsEndBeforeTheyAreRecorded)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::int64_t start = now() - 3 * kHour;
    accepted(t, opened("a", c, start));
    accepted(t, closed("a", c, start + kHour, 60));
    // Recorded now; ending 301 s later is a session that has not happened yet. 185 actual minutes bill 180.
    auto late = corrected("a", start, now() + 301, 180, 185);
    late.at = now();
    refused(t, late, "invalid_time", true);
    auto edge = corrected("a", start, now() + 300, 180, 185);
    edge.at = now();
    EXPECT_EQ(accepted(t, edge, true).figures->billedMinutes, 180);
    EXPECT_EQ(used(c), 180);

    const auto ticket = tickets(coupon(), 1);
    ASSERT_EQ(ticket.size(), 1u);
    auto latePaper = paper("p1", ticket[0], start, now() + 301, 180, "day", 185);
    latePaper.at = now();
    refused(t, latePaper, "invalid_time", true);
    auto edgePaper = paper("p2", ticket[0], start, now() + 300, 180, "day", 185);
    edgePaper.at = now();
    EXPECT_EQ(accepted(t, edgePaper, true).figures->billedMinutes, 180);
}

TEST_F(LedgerRulesTest, ASessionOlderThanTheCorrectionWindowIsTooOld)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    // The default window: 90 days, to the second.
    accepted(t, opened("edge", c, now() - 90 * kDay));
    refused(t, opened("old", c, now() - 90 * kDay - 1), "too_old");

    // A session opened in time and closed after the window passed.
    const std::int64_t start = now() - 89 * kDay;
    accepted(t, opened("w", c, start));
    m_clock.advance(std::chrono::days(2));
    refused(t, closed("w", c, start + 2 * kHour, 120), "too_old");
    refused(t, cancelled("w"), "too_old");
    EXPECT_EQ(used(c), 0);
}

TEST_F(LedgerRulesTest, TheCorrectionWindowIsThePolicys)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    json policy = readTestJson("policy.json");
    policy["version"] = "2025-10-01.1";
    policy["correction_window_days"] = 30;
    ASSERT_TRUE(m_ledger->setPolicy(policy, date::year{2025} / 10 / 1));
    accepted(t, opened("edge", c, now() - 30 * kDay));
    refused(t, opened("old", c, now() - 30 * kDay - 1), "too_old");
}

TEST_F(LedgerRulesTest, AnUnlockLetsThatSessionThroughAndNoOther)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::int64_t start = now() - 100 * kDay;
    auto until = m_ledger->unlockSession(t.terminalId, "old-1", 14);
    ASSERT_TRUE(until) << until.error().message;
    EXPECT_EQ(*until, now() + 14 * kDay);
    accepted(t, opened("old-1", c, start));
    refused(t, opened("old-2", c, start), "too_old");
    EXPECT_EQ(accepted(t, closed("old-1", c, start + 2 * kHour, 120)).figures->billedMinutes, 120);
    EXPECT_EQ(used(c), 120);
    // Another terminal's session of the same id is not unlocked.
    auto other = enrolTerminal("P-0001");
    refused(other, opened("old-1", c, start), "too_old");
    // The unlock lasts its days, to the second.
    m_clock.advance(std::chrono::days(14));
    EXPECT_EQ(accepted(t, corrected("old-1", start, start + 3 * kHour, 180)).figures->billedMinutes, 180);
    m_clock.advance(std::chrono::seconds(1));
    refused(t, corrected("old-1", start, start + kHour, 60), "too_old");
    EXPECT_EQ(used(c), 180);

    EXPECT_FALSE(m_ledger->unlockSession(t.terminalId, "old-2", 0));
    EXPECT_FALSE(m_ledger->unlockSession(t.terminalId, "old-2", 91));
    EXPECT_FALSE(m_ledger->unlockSession("P-0001-T99", "old-2", 14));
    EXPECT_FALSE(m_ledger->unlockSession(t.terminalId, "not a session id", 14));
}

// The refusal tells the manager to ask for an unlock; once the municipality has unlocked the session, the
// manager's correction (the only event the terminal still sends about it) goes through.
TEST_F(LedgerRulesTest, AfterAnUnlockTheCorrectionOfASessionClosedTooLateGoesThrough)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::int64_t start = now() - 89 * kDay;
    accepted(t, opened("closed-late", c, start));
    m_clock.advance(std::chrono::days(2));
    const auto tooOld = refused(t, closed("closed-late", c, start + kHour, 60), "too_old");
    EXPECT_NE(tooOld.detail.find("closed-late"), std::string::npos) << tooOld.detail;
    ASSERT_TRUE(m_ledger->unlockSession(t.terminalId, "closed-late", 14));
    EXPECT_EQ(accepted(t, corrected("closed-late", start, start + kHour, 60)).figures->billedMinutes, 60);
    EXPECT_EQ(used(c), 60);
}

// The same for a session whose opening was first sent after the window had passed: it is stored as a rejected
// session, the terminal never sends that opening again, so the correction is what the unlock must let through.
TEST_F(LedgerRulesTest, AfterAnUnlockTheCorrectionOfASessionOpenedTooLateGoesThrough)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::int64_t older = now() - 95 * kDay;
    refused(t, opened("opened-late", c, older), "too_old");
    ASSERT_TRUE(m_ledger->unlockSession(t.terminalId, "opened-late", 14));
    const auto fixed = pushOne(t, corrected("opened-late", older, older + kHour, 60));
    EXPECT_EQ(verdict(fixed), "accepted") << fixed.detail << ": the unlock cannot help a session whose opening was "
                                                            "refused too_old";
    EXPECT_EQ(used(c), 60);
}

TEST_F(LedgerRulesTest, FiguresThatDifferAreRefusedWithTheLedgersOwn)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::int64_t start = now() - 2 * kHour; // 2026-04-03 08:00 JST
    const std::int64_t stop = start + 90 * kMinute;
    accepted(t, opened("a", c, start));
    // 90 minutes of day care at 3,400 yen an hour.
    const auto ledgers = figures("2026-04-03", start, stop, 90, 90, 5100);
    for (auto [billed, actual] : {std::pair{120, 90}, std::pair{60, 90}, std::pair{90, 100}, std::pair{90, 89}}) {
        SCOPED_TRACE(std::to_string(billed) + " billed, " + std::to_string(actual) + " actual");
        const auto r = refused(t, closed("a", c, stop, billed, actual), "figures_mismatch");
        EXPECT_EQ(r.figures, std::optional(ledgers)) << describe(r.figures);
    }
    const auto ok = accepted(t, closed("a", c, stop, 90));
    EXPECT_EQ(ok.figures, std::optional(ledgers)) << describe(ok.figures);
    EXPECT_EQ(used(c), 90);
}

TEST_F(LedgerRulesTest, BilledWithinTheRuleButBeyondTheBalanceIsNoBalance)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon(60);
    const std::int64_t start = now() - 2 * kHour;
    const std::int64_t stop = start + 90 * kMinute;
    accepted(t, opened("a", c, start));
    const auto capped = figures("2026-04-03", start, stop, 90, 60, 3400);
    const auto r = refused(t, closed("a", c, stop, 90), "no_balance");
    EXPECT_EQ(r.figures, std::optional(capped)) << describe(r.figures);
    // More than the rule bills is no stale balance: it is wrong.
    EXPECT_EQ(refused(t, closed("a", c, stop, 120, 90), "figures_mismatch").figures, std::optional(capped));
    EXPECT_EQ(accepted(t, closed("a", c, stop, 60, 90)).figures, std::optional(capped));
    EXPECT_EQ(used(c), 60);
}

TEST_F(LedgerRulesTest, TheDateIsTheLocalDateOfTheStart)
{
    m_clock.set(Instant(std::chrono::seconds(jst(2026, 5, 1, 12, 0))));
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    // 23:30 on the last of April in Tokyo is still April, whatever the terminal says.
    const std::int64_t lateApril = jst(2026, 4, 30, 23, 30);
    const auto r = refused(t, opened("a", c, lateApril, "day", "2026-05-01"), "figures_mismatch");
    ASSERT_TRUE(r.figures);
    EXPECT_EQ(r.figures->date, "2026-04-30");
    // Midnight in Tokyo is the 1st of May, though it is still the 30th of April in UTC.
    EXPECT_EQ(refused(t, opened("b", c, jst(2026, 5, 1, 0, 0), "day", "2026-04-30"), "figures_mismatch").figures->date,
              "2026-05-01");

    // A correction cannot move a session into another month by its date; only by its times.
    const std::int64_t start = jst(2026, 4, 30, 21, 0);
    accepted(t, opened("c", c, start));
    accepted(t, closed("c", c, start + kHour, 60));
    auto moved = corrected("c", start, start + kHour, 60);
    moved.body["date"] = "2026-05-01";
    EXPECT_EQ(refused(t, moved, "figures_mismatch").figures->date, "2026-04-30");
    auto april = m_ledger->totals("P-0001", date::year{2026} / 4);
    ASSERT_TRUE(april);
    ASSERT_FALSE(april->empty());
    EXPECT_EQ(april->back().billedMinutes, 60);
    const std::int64_t may = jst(2026, 5, 1, 9, 0);
    EXPECT_EQ(accepted(t, corrected("c", may, may + kHour, 60)).figures->date, "2026-05-01");
    auto mayTotals = m_ledger->totals("P-0001", date::year{2026} / 5);
    ASSERT_TRUE(mayTotals);
    ASSERT_FALSE(mayTotals->empty());
    EXPECT_EQ(mayTotals->back().billedMinutes, 60);
}

TEST_F(LedgerRulesTest, ThePolicyInForceOnTheDateBills)
{
    m_clock.set(Instant(std::chrono::seconds(jst(2026, 4, 11, 12, 0))));
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    json policy = readTestJson("policy.json");
    policy["version"] = "2026-04-10.1";
    policy["services"]["day"]["unit_minutes"] = 15;
    ASSERT_TRUE(m_ledger->setPolicy(policy, date::year{2026} / 4 / 10));
    // 79 minutes: 60 in 30-minute units (before the 10th), 75 in 15-minute units (from the 10th).
    const std::int64_t before = jst(2026, 4, 9, 10, 0);
    const std::int64_t after = jst(2026, 4, 10, 10, 0);
    accepted(t, opened("a", c, before));
    accepted(t, opened("b", c, after));
    EXPECT_EQ(refused(t, closed("b", c, after + 79 * kMinute, 60, 79), "figures_mismatch").figures->billedMinutes, 75);
    EXPECT_EQ(refused(t, closed("a", c, before + 79 * kMinute, 75, 79), "figures_mismatch").figures->billedMinutes, 60);
    EXPECT_EQ(accepted(t, closed("a", c, before + 79 * kMinute, 60, 79)).figures->billedMinutes, 60);
    EXPECT_EQ(accepted(t, closed("b", c, after + 79 * kMinute, 75, 79)).figures->billedMinutes, 75);
    EXPECT_EQ(used(c), 135);
}

} // namespace
} // namespace sango::test
