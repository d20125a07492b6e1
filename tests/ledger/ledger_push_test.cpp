// The rules that judge pushed events: idempotency, the coupon checks at opening, balances across providers
// and terminals in commit order, cancellations, corrections, paper tickets, and rejected events kept.
#include <gtest/gtest.h>

#include "ledger_fixture.h"
#include "random_codes.h"

#include <cctype>

namespace sango::test {
namespace {

using nlohmann::json;
namespace codes = ledger::codes;
using protocol::EventStatus;
using LedgerPushTest = LedgerFixture;

constexpr std::int64_t kMinute = 60;

TEST_F(LedgerPushTest, AcceptsASessionAndAnswersARepeatAsDuplicate)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = issue();
    const std::int64_t start = now();
    auto open = opened("T1-1", c, start);
    auto close = closed("T1-1", c, start + 90 * kMinute, 90);
    auto first = push(t, {open, close});
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(verdict(first[0]), "accepted");
    EXPECT_EQ(verdict(first[1]), "accepted");

    // The same batch again (a lost acknowledgement): duplicates, answered with the first judgement.
    auto second = push(t, {open, close});
    ASSERT_EQ(second.size(), 2u);
    for (const auto& r : second) {
        EXPECT_EQ(r.status, EventStatus::duplicate);
        ASSERT_TRUE(r.original);
        EXPECT_EQ(*r.original, EventStatus::accepted);
        EXPECT_EQ(r.effective(), EventStatus::accepted);
    }
    auto b = m_ledger->balance(c);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->usedMinutes, 90); // counted once
    EXPECT_EQ(b->balanceMinutes, 2520 - 90);
}

TEST_F(LedgerPushTest, DuplicateOfARejectedEventCarriesItsReason)
{
    auto t = enrolTerminal("P-0001");
    auto e = opened("T1-1", codes::couponId(), now());
    EXPECT_EQ(verdict(pushOne(t, e)), "rejected:unknown_coupon");
    auto again = pushOne(t, e);
    EXPECT_EQ(again.status, EventStatus::duplicate);
    ASSERT_TRUE(again.original);
    EXPECT_EQ(*again.original, EventStatus::rejected);
    EXPECT_EQ(again.originalReason, "unknown_coupon");
}

TEST_F(LedgerPushTest, SameIdOtherContentIsAConflictAndTheOriginalStands)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = issue();
    const std::int64_t start = now();
    ASSERT_EQ(verdict(pushOne(t, opened("T1-1", c, start))), "accepted");
    auto close = closed("T1-1", c, start + 60 * kMinute, 60);
    ASSERT_EQ(verdict(pushOne(t, close)), "accepted");
    auto forged = close;
    forged.body["billed_minutes"] = 600;
    EXPECT_EQ(verdict(pushOne(t, forged)), "rejected:conflict");
    auto b = m_ledger->balance(c);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->usedMinutes, 60);
    // Kept for review: listed as a rejected delivery of the same id; the original row is still accepted.
    auto rejected = m_ledger->events(std::nullopt, std::string("rejected"));
    ASSERT_TRUE(rejected);
    ASSERT_EQ(rejected->size(), 1u);
    EXPECT_EQ((*rejected)[0].id, close.id);
    EXPECT_EQ((*rejected)[0].reason, "conflict");
    EXPECT_EQ((*rejected)[0].body["billed_minutes"], 600);
    auto accepted = m_ledger->events(std::nullopt, std::string("accepted"));
    ASSERT_TRUE(accepted);
    EXPECT_EQ(accepted->size(), 2u);
}

TEST_F(LedgerPushTest, OpeningChecksTheCoupon)
{
    auto t = enrolTerminal("P-0001");
    const std::int64_t start = now();
    EXPECT_EQ(verdict(pushOne(t, opened("s1", codes::couponId(), start))), "rejected:unknown_coupon");
    EXPECT_EQ(verdict(pushOne(t, opened("s2", "not-a-coupon", start))), "rejected:unknown_coupon");

    const std::string visitOnly = issue(2520, {"visit"});
    EXPECT_EQ(verdict(pushOne(t, opened("s3", visitOnly, start, "stay"))), "rejected:service_not_allowed");

    // Issued now, valid for a year (±5 minutes of clock skew).
    const std::string c = issue();
    EXPECT_EQ(verdict(pushOne(t, opened("s4", c, start - 301))), "rejected:expired");
    EXPECT_EQ(verdict(pushOne(t, opened("s5", c, start - 300))), "accepted");
    EXPECT_EQ(verdict(pushOne(t, opened("s7", c, start + 365 * 86400 + 299))), "accepted");
    EXPECT_EQ(verdict(pushOne(t, opened("s6", c, start + 365 * 86400 + 300))), "rejected:expired");
}

TEST_F(LedgerPushTest, ProviderMustOfferTheService)
{
    auto t = enrolTerminal("P-0002");
    ASSERT_TRUE(m_ledger->updateProvider(providerJson("P-0002", {"visit"})));
    const std::string c = issue();
    EXPECT_EQ(verdict(pushOne(t, opened("s1", c, now(), "day"))), "rejected:wrong_provider");
    EXPECT_EQ(verdict(pushOne(t, opened("s2", c, now(), "visit"))), "accepted");
    const auto ticket = tickets(c, 1);
    ASSERT_EQ(ticket.size(), 1u);
    EXPECT_EQ(verdict(pushOne(t, paper("s3", ticket[0], now() - 3600, now(), 60, "stay"))), "rejected:wrong_provider");
}

TEST_F(LedgerPushTest, RevokedBeforeTheStartIsRefusedAfterItIsNot)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = issue();
    const std::int64_t morning = now();
    m_clock.advance(std::chrono::hours(2));
    ASSERT_TRUE(m_ledger->revoke(c, "paper"));
    const std::int64_t revokedAt = now();
    // Care that started before the revocation was given: it counts, and so does its close.
    EXPECT_EQ(verdict(pushOne(t, opened("early", c, morning))), "accepted");
    EXPECT_EQ(verdict(pushOne(t, closed("early", c, morning + 3 * 3600, 180))), "accepted");
    EXPECT_EQ(verdict(pushOne(t, opened("at", c, revokedAt))), "rejected:revoked");
    EXPECT_EQ(verdict(pushOne(t, opened("late", c, revokedAt + 60))), "rejected:revoked");
    EXPECT_EQ(verdict(pushOne(t, closed("late", c, revokedAt + 3600, 60))), "rejected:session_rejected");
}

TEST_F(LedgerPushTest, BalanceIsSharedAcrossProvidersInCommitOrder)
{
    auto t1 = enrolTerminal("P-0001");
    auto t2 = enrolTerminal("P-0002");
    const std::string c = issue(120);
    const std::int64_t start = now();
    // Both open while the coupon still has time.
    EXPECT_EQ(verdict(pushOne(t1, opened("a", c, start))), "accepted");
    EXPECT_EQ(verdict(pushOne(t2, opened("a", c, start))), "accepted"); // same session id, other terminal
    EXPECT_EQ(verdict(pushOne(t1, closed("a", c, start + 90 * kMinute, 90))), "accepted");
    // 30 minutes left: 60 do not fit.
    EXPECT_EQ(verdict(pushOne(t2, closed("a", c, start + 60 * kMinute, 60))), "rejected:no_balance");
    // The session stays open at the ledger: the manager settles it, here with a correction that fits.
    EXPECT_EQ(verdict(pushOne(t2, corrected("a", start, start + 150 * kMinute, 150))), "rejected:no_balance");
    EXPECT_EQ(verdict(pushOne(t2, cancelled("a"))), "accepted");
    auto b = m_ledger->balance(c);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->usedMinutes, 90);
    EXPECT_EQ(b->balanceMinutes, 30);

    // What is left can still be used, and then nothing more opens.
    EXPECT_EQ(verdict(pushOne(t2, opened("b", c, start + 2 * 3600))), "accepted");
    // An hour of care with 30 minutes left: billed 30, flagged capped by the terminal.
    EXPECT_EQ(verdict(pushOne(t2, closed("b", c, start + 3 * 3600, 30, 60))), "accepted");
    EXPECT_EQ(verdict(pushOne(t1, opened("c", c, start + 4 * 3600))), "rejected:no_balance");
    EXPECT_EQ(verdict(pushOne(t1, closed("c", c, start + 5 * 3600, 30))), "rejected:session_rejected");
    // A session whose opening was refused is settled by cancelling it.
    EXPECT_EQ(verdict(pushOne(t1, cancelled("c"))), "accepted");
    EXPECT_EQ(verdict(pushOne(t1, closed("c", c, start + 5 * 3600, 30))), "rejected:invalid_event");
    EXPECT_EQ(verdict(pushOne(t1, closed("nope", c, start + 5 * 3600, 30))), "rejected:unknown_session");
}

TEST_F(LedgerPushTest, CancellationRefundsAndCorrectionRestores)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = issue(120);
    const std::int64_t start = now();
    ASSERT_EQ(verdict(pushOne(t, opened("a", c, start))), "accepted");
    ASSERT_EQ(verdict(pushOne(t, closed("a", c, start + 90 * kMinute, 90))), "accepted");
    EXPECT_EQ(verdict(pushOne(t, cancelled("a"))), "accepted");
    auto b = m_ledger->balance(c);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->usedMinutes, 0);

    // A manager restores it with other times; the correction must fit the balance.
    EXPECT_EQ(verdict(pushOne(t, corrected("a", start, start + 150 * kMinute, 150))), "rejected:no_balance");
    EXPECT_EQ(verdict(pushOne(t, corrected("a", start, start + 120 * kMinute, 120))), "accepted");
    b = m_ledger->balance(c);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->usedMinutes, 120);
    EXPECT_EQ(b->balanceMinutes, 0);
    // Shorter: the difference goes back.
    EXPECT_EQ(verdict(pushOne(t, corrected("a", start, start + 60 * kMinute, 60))), "accepted");
    b = m_ledger->balance(c);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->usedMinutes, 60);

    // An open session cancelled: nothing to refund; its later close is not a session event any more.
    ASSERT_EQ(verdict(pushOne(t, opened("b", c, start + 3 * 3600))), "accepted");
    EXPECT_EQ(verdict(pushOne(t, cancelled("b"))), "accepted");
    EXPECT_EQ(verdict(pushOne(t, cancelled("b"))), "accepted");
    EXPECT_EQ(verdict(pushOne(t, cancelled("zzz"))), "rejected:unknown_session");
    EXPECT_EQ(verdict(pushOne(t, corrected("zzz", start, start + 60, 30))), "rejected:unknown_session");
}

TEST_F(LedgerPushTest, PaperTicketsAreIssuedBoundToACouponAndUsedOnce)
{
    auto t1 = enrolTerminal("P-0001");
    auto t2 = enrolTerminal("P-0002");
    const std::string c = issue(150);
    ASSERT_TRUE(m_ledger->revoke(c, "paper"));
    const auto issued = tickets(c, 3);
    ASSERT_EQ(issued.size(), 3u);
    const std::int64_t start = now() - 3 * 3600;
    // Typed in lower case and without its hyphen, a ticket is the same ticket.
    std::string typed = issued[0];
    typed.erase(typed.find('-'), 1);
    for (char& ch : typed)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_EQ(verdict(pushOne(t1, paper("p1", typed, start, start + 3600, 60))), "accepted");
    // Used once, by whichever provider came first.
    EXPECT_EQ(verdict(pushOne(t1, paper("p2", issued[0], start, start + 3600, 60))), "rejected:duplicate_ticket");
    EXPECT_EQ(verdict(pushOne(t2, paper("p1", issued[0], start, start + 3600, 60))), "rejected:duplicate_ticket");
    // A ticket the ledger never issued, or not in the form of one.
    EXPECT_EQ(verdict(pushOne(t2, paper("p4", "T-101", start, start + 3600, 60))), "rejected:unknown_ticket");
    std::string forged = issued[1];
    forged.back() = forged.back() == '0' ? '1' : '0'; // wrong check character
    EXPECT_EQ(verdict(pushOne(t2, paper("p5", forged, start, start + 3600, 60))), "rejected:unknown_ticket");
    EXPECT_EQ(verdict(pushOne(t2, paper("p3", issued[1], start, start + 3600, 60))), "accepted");
    // Billed like a digital session, from the coupon's grant.
    auto b = m_ledger->balance(c);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->usedMinutes, 120);
    // The coupon's grant caps it: 30 minutes left, 60 do not fit; a correction that fits is accepted.
    EXPECT_EQ(verdict(pushOne(t2, paper("p6", issued[2], start, start + 3600, 60))), "rejected:no_balance");
    EXPECT_EQ(verdict(pushOne(t2, corrected("p3", start, start + 7200, 120))), "rejected:no_balance");
    EXPECT_EQ(verdict(pushOne(t2, corrected("p3", start, start + 5400, 90))), "accepted");
    b = m_ledger->balance(c);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->usedMinutes, 150);
    EXPECT_EQ(b->balanceMinutes, 0);
    // The refused paper session spent no ticket.
    auto listed = m_ledger->events(issued[0], std::nullopt);
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->size(), 3u);
    EXPECT_FALSE(m_ledger->issuePaperTickets(codes::couponId(), 1)); // a coupon this ledger never issued
    EXPECT_FALSE(m_ledger->issuePaperTickets(c, 0));
    EXPECT_FALSE(m_ledger->issuePaperTickets(c, 101));
}

TEST_F(LedgerPushTest, MalformedEventsAreRejectedAndKept)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = issue();
    auto noStart = opened("s1", c, now());
    noStart.body.erase("start");
    auto badType = event("staff_added", {{"session_id", "s2"}, {"staff_id", "S1"}});
    auto badService = opened("s3", c, now(), "spa");
    auto badFlags = opened("s4", c, now());
    badFlags.body["flags"] = "capped";
    auto noSession = opened("", c, now());
    auto badMinutes = closed("s5", c, now(), 30);
    badMinutes.body["billed_minutes"] = -30;
    auto results = push(t, {noStart, badType, badService, badFlags, noSession, badMinutes});
    ASSERT_EQ(results.size(), 6u);
    for (const auto& r : results)
        EXPECT_EQ(verdict(r), r.id == badService.id ? "rejected:service_not_allowed" : "rejected:invalid_event")
            << r.id;
    EXPECT_NE(results[0].detail.find("start"), std::string::npos) << results[0].detail;
    // A session opened twice: the second opening is another session under an id the ledger holds.
    EXPECT_EQ(verdict(pushOne(t, opened("s6", c, now()))), "accepted");
    EXPECT_EQ(verdict(pushOne(t, opened("s6", c, now()))), "rejected:conflict");

    auto rejected = m_ledger->events(std::nullopt, std::string("rejected"));
    ASSERT_TRUE(rejected);
    EXPECT_EQ(rejected->size(), 7u);
    EXPECT_EQ((*rejected)[1].type, "staff_added");
    EXPECT_EQ((*rejected)[1].reason, "invalid_event");
    auto duplicates = m_ledger->events(std::nullopt, std::string("duplicate"));
    ASSERT_TRUE(duplicates);
    EXPECT_TRUE(duplicates->empty());
    EXPECT_FALSE(m_ledger->events(std::nullopt, std::string("lost")));
}

TEST_F(LedgerPushTest, KeepsTheTerminalsClockAndFlags)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = issue();
    const std::int64_t received = now() + 3600;
    auto e = opened("s1", c, now() - 42);
    e.body["clock"] = {{"offset_s", nullptr}, {"verified", false}};
    e.body["flags"] = {"unverified"};
    auto skewed = closed("s1", c, now() + 3600, 60);
    skewed.body["clock"] = {{"offset_s", -17}, {"verified", true}};
    push(t, {e, skewed});
    auto rows = m_ledger->events(c, std::nullopt);
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 2u);
    const auto& first = (*rows)[0];
    EXPECT_EQ(first.id, e.id);
    EXPECT_EQ(first.status, "accepted");
    EXPECT_EQ(first.at, received - 3600 - 42);
    EXPECT_EQ(first.receivedAt, received);
    EXPECT_EQ(first.terminalId, "P-0001-T01");
    EXPECT_EQ(first.providerId, "P-0001");
    EXPECT_EQ(first.sessionId, "s1");
    EXPECT_EQ(first.flags, (std::vector<std::string>{"unverified", "unverified_time"}));
    EXPECT_FALSE(first.clockOffsetSeconds);
    const auto& second = (*rows)[1];
    EXPECT_EQ(second.couponId, c);
    EXPECT_TRUE(second.flags.empty());
    ASSERT_TRUE(second.clockOffsetSeconds);
    EXPECT_EQ(*second.clockOffsetSeconds, -17);
    const json j = first.toJson();
    EXPECT_EQ(j["status"], "accepted");
    EXPECT_TRUE(j["reason"].is_null());
    EXPECT_EQ(j["flags"], json({"unverified", "unverified_time"}));
}

} // namespace
} // namespace sango::test
