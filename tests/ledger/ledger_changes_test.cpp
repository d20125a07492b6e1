// The changes feed: pages after a cursor with `more`, cursors that are not the ledger's refused, and
// balances shown only to the providers that have sessions of the coupon, with their own terminal's share.
#include <gtest/gtest.h>

#include "ledger_fixture.h"

namespace sango::test {
namespace {

using nlohmann::json;
using LedgerChangesTest = LedgerFixture;

constexpr std::int64_t kMinute = 60;

TEST_F(LedgerChangesTest, PagesFollowTheCursor)
{
    auto t = enrolTerminal("P-0001");
    std::vector<std::string> revoked;
    for (int i = 0; i < 5; ++i) {
        revoked.push_back(issue());
        ASSERT_TRUE(m_ledger->revoke(revoked.back(), "paper"));
    }
    std::vector<std::string> seen;
    std::string cursor = "0";
    std::vector<bool> mores;
    for (int page = 0; page < 4; ++page) {
        auto r = pull(t, cursor, 2);
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(r->serverTime, now());
        for (const auto& c : r->changes) {
            EXPECT_EQ(c.kind, "revocation");
            seen.push_back(c.body["coupon_id"]);
        }
        mores.push_back(r->more);
        if (!r->changes.empty()) {
            EXPECT_EQ(r->cursor, std::to_string(r->changes.back().seq));
        }
        cursor = r->cursor;
    }
    EXPECT_EQ(seen, revoked);
    EXPECT_EQ(mores, (std::vector<bool>{true, true, false, false}));
    // At the end: nothing more, the cursor stays.
    auto end = pull(t, cursor, 10);
    ASSERT_TRUE(end);
    EXPECT_TRUE(end->changes.empty());
    EXPECT_EQ(end->cursor, cursor);
    EXPECT_FALSE(end->more);
    // limit 0 or too large means the largest page.
    auto all = pull(t, "0", 0);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->changes.size(), 5u);
    all = pull(t, "0", protocol::kMaxChangesPerPage + 5);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->changes.size(), 5u);
}

TEST_F(LedgerChangesTest, CursorsThatAreNotTheLedgersAreRefused)
{
    auto t = enrolTerminal("P-0001");
    ASSERT_TRUE(m_ledger->revoke(issue(), "paper"));
    for (const std::string bad : {"", "-1", "abc", "1.5", " 1", "2", "99999999999999999999", "0x1"}) {
        auto r = pull(t, bad, 10);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, Errc::invalid_argument) << bad;
    }
    EXPECT_TRUE(pull(t, "1", 10));
    EXPECT_TRUE(pull(t, "0", 10));
}

TEST_F(LedgerChangesTest, BalancesGoToTheProvidersThatSawTheCoupon)
{
    auto a1 = enrolTerminal("P-0001");
    auto a2 = enrolTerminal("P-0001");
    auto b1 = enrolTerminal("P-0002");
    auto c1 = enrolTerminal("P-0003");
    const std::string coupon = issue(600);
    const std::int64_t start = now();
    ASSERT_EQ(verdict(pushOne(a1, opened("s", coupon, start))), "accepted");
    ASSERT_EQ(verdict(pushOne(a1, closed("s", coupon, start + 90 * kMinute, 90))), "accepted");
    ASSERT_EQ(verdict(pushOne(b1, opened("s", coupon, start))), "accepted");
    ASSERT_EQ(verdict(pushOne(b1, closed("s", coupon, start + 60 * kMinute, 60))), "accepted");

    auto balanceFor = [&](const ledger::TerminalInfo& t) -> std::optional<json> {
        auto r = pull(t, "0", 100);
        EXPECT_TRUE(r);
        std::optional<json> found;
        for (const auto& c : r->changes)
            if (c.kind == "balance") {
                EXPECT_FALSE(found) << "one balance change per coupon";
                found = c.body;
            }
        return found;
    };
    const auto a1b = balanceFor(a1);
    ASSERT_TRUE(a1b);
    EXPECT_EQ(*a1b, json({{"coupon_id", coupon}, {"grant_minutes", 600}, {"used_minutes", 150},
                          {"used_here_minutes", 90}}));
    const auto a2b = balanceFor(a2); // the same provider, another terminal: none of it was here
    ASSERT_TRUE(a2b);
    EXPECT_EQ((*a2b)["used_minutes"], 150);
    EXPECT_EQ((*a2b)["used_here_minutes"], 0);
    const auto b1b = balanceFor(b1);
    ASSERT_TRUE(b1b);
    EXPECT_EQ((*b1b)["used_here_minutes"], 60);
    EXPECT_FALSE(balanceFor(c1)); // never saw the coupon

    // A terminal past the first balance change sees the next one when the figures change again.
    auto r = pull(a1, "0", 100);
    ASSERT_TRUE(r);
    const std::string cursor = r->cursor;
    ASSERT_EQ(verdict(pushOne(b1, cancelled("s", {"corrected"}))), "accepted"); // a manager's, after the window
    auto next = pull(a1, cursor, 100);
    ASSERT_TRUE(next);
    ASSERT_EQ(next->changes.size(), 1u);
    EXPECT_EQ(next->changes[0].kind, "balance");
    EXPECT_EQ(next->changes[0].body["used_minutes"], 90);
    EXPECT_EQ(next->changes[0].body["used_here_minutes"], 90);
}

TEST_F(LedgerChangesTest, AProviderHearsTheFiguresOfACouponItHasSeenEvenWhenRefused)
{
    auto t = enrolTerminal("P-0001");
    const std::string coupon = issue(60);
    const std::int64_t start = now();
    ASSERT_EQ(verdict(pushOne(t, opened("s", coupon, start))), "accepted");
    ASSERT_EQ(verdict(pushOne(t, closed("s", coupon, start + 90 * kMinute, 90))), "rejected:no_balance");
    auto r = pull(t, "0", 100);
    ASSERT_TRUE(r);
    // One figure (balance changes are compacted per coupon and provider), and the refused close used nothing.
    ASSERT_EQ(r->changes.size(), 1u);
    EXPECT_EQ(r->changes[0].kind, "balance");
    EXPECT_EQ(r->changes[0].body["grant_minutes"], 60);
    EXPECT_EQ(r->changes[0].body["used_minutes"], 0);
    EXPECT_EQ(r->changes[0].body["used_here_minutes"], 0);
}

} // namespace
} // namespace sango::test
