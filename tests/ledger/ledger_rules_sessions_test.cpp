// The ledger keeps every session the one its opening made (issue 11): a second opening of a (terminal,
// session id) it holds, or a close, cancellation or correction naming another coupon or start, is a conflict
// and touches nothing; closing a session held closed answers already_closed with the ledger's figures.
// Cancellations carry a reason code and, by staff, come within the cancel window; an opening recorded after
// the terminal received a coupon's revocation is refused whatever start it claims; paper sessions spend a
// ticket the ledger issued, once, and are billed by the policy from that ticket's coupon. Every refusal says
// what exactly and leaves every balance and every monthly total as it was.
#include <gtest/gtest.h>

#include <cctype>

#include "rules_fixture.h"

namespace sango::test {
namespace {

using nlohmann::json;
using LedgerSessionRulesTest = RulesFixture;

TEST_F(LedgerSessionRulesTest, OpeningASessionTheLedgerHoldsIsAConflict)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::string other = coupon();
    const std::int64_t start = now() - 3 * kHour;
    accepted(t, opened("a", c, start));
    refused(t, opened("a", c, start), "conflict");
    refused(t, opened("a", other, start + 60), "conflict");
    const auto ticket = tickets(other, 1);
    ASSERT_EQ(ticket.size(), 1u);
    refused(t, paper("a", ticket[0], start, start + kHour, 60), "conflict");
    // The held session is the first opening's: its close is judged with its coupon and start.
    m_opened["a"] = {c, start};
    EXPECT_EQ(accepted(t, closed("a", c, start + kHour, 60)).figures->start, start);
    EXPECT_EQ(used(c), 60);
    EXPECT_EQ(used(other), 0);
    // The refused paper session spent no ticket.
    EXPECT_EQ(accepted(t, paper("p", ticket[0], start, start + kHour, 60)).figures->billedMinutes, 60);
}

TEST_F(LedgerSessionRulesTest, AnEventNamingTheSessionWithAnotherCouponOrStartIsAConflict)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::string other = coupon();
    const std::int64_t start = now() - 3 * kHour;
    accepted(t, opened("a", c, start));
    // A close, as a restored terminal would send it for its own new session of the same id.
    refused(t, closed("a", other, start + kHour, 60), "conflict");
    auto otherStart = closed("a", c, start + kHour, 60);
    otherStart.body["session_start"] = start + 60;
    refused(t, otherStart, "conflict");
    auto cancel = cancelled("a");
    cancel.body["coupon_id"] = other;
    refused(t, cancel, "conflict");
    auto cancelStart = cancelled("a");
    cancelStart.body["session_start"] = start - 60;
    refused(t, cancelStart, "conflict");
    auto correction = corrected("a", start, start + 2 * kHour, 120);
    correction.body["coupon_id"] = other;
    refused(t, correction, "conflict");
    auto correctionStart = corrected("a", start, start + 2 * kHour, 120);
    correctionStart.body["session_start"] = start + 1;
    refused(t, correctionStart, "conflict");
    EXPECT_EQ(used(c), 0);
    EXPECT_EQ(used(other), 0);
    // Nothing of that was applied: the session is still open, and closes with its own figures.
    const auto r = accepted(t, closed("a", c, start + 90 * kMinute, 90));
    EXPECT_EQ(r.figures, std::optional(figures("2026-04-03", start, start + 90 * kMinute, 90, 90, 5100)));
    EXPECT_EQ(used(c), 90);
    EXPECT_EQ(used(other), 0);
    // A typed coupon id, in any case and with its hyphens, is the same coupon.
    std::string typed;
    for (std::size_t i = 0; i < c.size(); ++i)
        typed += std::string(i && i % 4 == 0 ? "-" : "") +
                 static_cast<char>(std::tolower(static_cast<unsigned char>(c[i])));
    accepted(t, opened("b", c, start + 2 * kHour));
    EXPECT_EQ(accepted(t, closed("b", typed, start + 3 * kHour, 60)).figures->billedMinutes, 60);
}

TEST_F(LedgerSessionRulesTest, ClosingASessionHeldClosedIsAlreadyClosedWithItsFigures)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::int64_t start = now() - 3 * kHour;
    accepted(t, opened("a", c, start));
    const auto first = accepted(t, closed("a", c, start + 90 * kMinute, 90));
    ASSERT_TRUE(first.figures);
    // Closed again later (a restored terminal, a second scan recorded offline): the ledger's figures stand.
    const auto again = refused(t, closed("a", c, start + 2 * kHour, 120), "already_closed");
    EXPECT_EQ(again.figures, first.figures) << describe(again.figures);
    EXPECT_EQ(used(c), 90);
    // After a correction, the figures held are the corrected ones.
    const auto fixed = accepted(t, corrected("a", start, start + kHour, 60));
    const auto third = refused(t, closed("a", c, start + 2 * kHour, 120), "already_closed");
    EXPECT_EQ(third.figures, fixed.figures) << describe(third.figures);
    EXPECT_EQ(used(c), 60);
}

TEST_F(LedgerSessionRulesTest, ACancellationsReasonIsAReasonCode)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::int64_t start = now() - 3 * kMinute;
    accepted(t, opened("a", c, start - kHour));
    accepted(t, closed("a", c, start, 60));
    for (const json& reason : {json("the mother left early, so we cancelled"), json("Opened_By_Mistake"),
                               json(std::string(33, 'x')), json(""), json(7), json()}) {
        SCOPED_TRACE(reason.dump());
        auto e = cancelled("a");
        e.body["reason"] = reason;
        EXPECT_NE(refused(t, e, "invalid_event").detail.find("reason"), std::string::npos);
    }
    EXPECT_EQ(used(c), 60);
    auto ok = cancelled("a");
    ok.body["reason"] = "mother_left";
    accepted(t, ok);
    EXPECT_EQ(used(c), 0);
}

// Staff cancel a closed session up to the policy's cancel window (5 minutes) after its stop; both times are
// the terminal's own clock, so no clock skew enters. Later only a manager's correction (flag `corrected`).
TEST_F(LedgerSessionRulesTest, StaffCancelAClosedSessionOnlyWithinTheCancelWindow)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::int64_t stop = now();
    for (const char* id : {"in", "late", "later", "manager"}) {
        accepted(t, opened(id, c, stop - kHour));
        accepted(t, closed(id, c, stop, 60));
    }
    ASSERT_EQ(used(c), 240);
    m_clock.set(Instant(std::chrono::seconds(stop + 300)));
    accepted(t, cancelled("in"));
    EXPECT_EQ(used(c), 180);
    m_clock.set(Instant(std::chrono::seconds(stop + 301)));
    const auto r = pushOne(t, cancelled("late"));
    EXPECT_EQ(verdict(r), "rejected:too_late_to_cancel") << "301 s after the stop, with a 5-minute cancel window";
    m_clock.set(Instant(std::chrono::seconds(stop + 601)));
    refused(t, cancelled("later"), "too_late_to_cancel");
    m_clock.set(Instant(std::chrono::seconds(stop + kDay)));
    accepted(t, cancelled("manager", {"corrected"}));
    EXPECT_EQ(used(c), r.status == protocol::EventStatus::accepted ? 60 : 120);
    // An open session is cancelled at any time.
    accepted(t, opened("open", c, now() - kHour));
    m_clock.advance(std::chrono::hours(5));
    accepted(t, cancelled("open"));
}

// A coupon revoked while the terminal was offline still pays for care that began before the revocation; but
// once the terminal has pulled the revocation, whatever it records later is refused, whatever start it claims.
TEST_F(LedgerSessionRulesTest, AnOpeningRecordedAfterThePullThatDeliveredTheRevocationIsRevoked)
{
    auto t = enrolTerminal("P-0001");
    auto offline = enrolTerminal("P-0001");
    const std::string c = coupon();
    ASSERT_TRUE(m_ledger->revoke(c, "paper"));
    const std::int64_t revokedAt = now();
    m_clock.advance(std::chrono::seconds(60));
    auto page = pull(t, "0");
    ASSERT_TRUE(page) << page.error().message;
    bool delivered = false;
    for (const auto& ch : page->changes)
        delivered = delivered || (ch.kind == "revocation" && ch.body.value("coupon_id", "") == c);
    ASSERT_TRUE(delivered);
    // Claims to have started 30 s before the revocation, within the skew of the pull.
    refused(t, opened("a", c, revokedAt - 30), "revoked");
    // Claims an hour before: before the pull by more than the skew.
    refused(t, opened("b", c, revokedAt - kHour), "invalid_time");
    // The terminal that never heard of it: care begun before the revocation counts.
    accepted(offline, opened("a", c, revokedAt - 30));
    refused(offline, opened("b", c, revokedAt), "revoked");
}

// The pull mark judges by seq: an event the terminal sends after its pull carries a higher seq. A terminal
// that lies about its seq must not open a backdated session on a coupon revoked before it pulled.
TEST_F(LedgerSessionRulesTest, ALowSeqDoesNotHideABackdatedOpeningAfterTheRevocationWasPulled)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon();
    const std::string honest = coupon();
    accepted(t, opened("h", honest, now() - 2 * kHour));
    accepted(t, closed("h", honest, now() - kHour, 60));
    ASSERT_TRUE(m_ledger->revoke(c, "paper"));
    const std::int64_t revokedAt = now();
    m_clock.advance(std::chrono::seconds(600));
    ASSERT_TRUE(pull(t, "0"));
    const std::string before = books();
    auto open = opened("x", c, revokedAt - 2 * kHour);
    open.seq = 1;
    auto close = closed("x", c, revokedAt - kHour, 60);
    close.seq = 2;
    const auto results = pushAsIs(t, {open, close});
    ASSERT_EQ(results.size(), 2u);
    EXPECT_NE(results[0].status, protocol::EventStatus::accepted)
        << "a backdated opening on a revoked coupon, sent after the pull that delivered the revocation";
    EXPECT_NE(results[1].status, protocol::EventStatus::accepted);
    EXPECT_EQ(books(), before);
}

TEST_F(LedgerSessionRulesTest, APaperTicketMustBeIssuedAndUnused)
{
    auto t1 = enrolTerminal("P-0001");
    auto t2 = enrolTerminal("P-0002");
    const std::string c = coupon();
    ASSERT_TRUE(m_ledger->revoke(c, "paper"));
    const auto issued = tickets(c, 2);
    ASSERT_EQ(issued.size(), 2u);
    const std::int64_t start = now() - 3 * kHour;
    refused(t1, paper("p1", "ABCDE-FGHJK", start, start + kHour, 60), "unknown_ticket");
    refused(t1, paper("p2", "T-101", start, start + kHour, 60), "unknown_ticket");
    refused(t1, paper("p3", "!!", start, start + kHour, 60), "invalid_event");
    accepted(t2, paper("p1", issued[0], start, start + kHour, 60));
    EXPECT_EQ(used(c), 60);
    // Used: by the same provider again, or by the other one.
    refused(t2, paper("p2", issued[0], start + kHour, start + 2 * kHour, 60), "duplicate_ticket");
    refused(t1, paper("p4", issued[0], start + kHour, start + 2 * kHour, 60), "duplicate_ticket");
    accepted(t1, paper("p5", issued[1], start + kHour, start + 2 * kHour, 60));
    EXPECT_EQ(used(c), 120);
}

TEST_F(LedgerSessionRulesTest, APaperSessionIsBilledByThePolicyFromItsTicketsCoupon)
{
    auto t = enrolTerminal("P-0001");
    const std::string c = coupon(90);
    const auto issued = tickets(c, 3);
    ASSERT_EQ(issued.size(), 3u);
    const std::int64_t start = now() - 5 * kHour; // 2026-04-03 05:00 JST
    const std::int64_t stop = start + 70 * kMinute;
    // 70 minutes of day care bill 60.
    const auto ledgers = figures("2026-04-03", start, stop, 70, 60, 3400);
    EXPECT_EQ(refused(t, paper("a", issued[0], start, stop, 90, "day", 70), "figures_mismatch").figures,
              std::optional(ledgers));
    EXPECT_EQ(refused(t, paper("b", issued[0], start, stop, 60, "day", 75), "figures_mismatch").figures,
              std::optional(ledgers));
    auto otherDay = paper("c", issued[0], start, stop, 60, "day", 70);
    otherDay.body["date"] = "2026-04-02";
    EXPECT_EQ(refused(t, otherDay, "figures_mismatch").figures, std::optional(ledgers));
    EXPECT_EQ(accepted(t, paper("d", issued[0], start, stop, 60, "day", 70)).figures, std::optional(ledgers));
    EXPECT_EQ(used(c), 60);
    // 30 minutes left: another hour is within the rule but beyond the balance.
    const auto capped = figures("2026-04-03", stop, stop + kHour, 60, 30, 1700);
    EXPECT_EQ(refused(t, paper("e", issued[1], stop, stop + kHour, 60), "no_balance").figures, std::optional(capped));
    EXPECT_EQ(accepted(t, paper("f", issued[1], stop, stop + kHour, 30, "day", 60)).figures, std::optional(capped));
    EXPECT_EQ(used(c), 90);
}

} // namespace
} // namespace sango::test
