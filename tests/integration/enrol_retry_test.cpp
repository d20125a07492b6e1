// Enrolment survives a lost answer (issue 11): the real `sango enroll` reaches the real `sango-ledger serve`
// through a proxy that drops the ledger's answer to the first POST /v1/enrol only. The ledger has enrolled the
// terminal and spent the code, the terminal has recorded nothing; `sango enroll` run again in the same data
// directory with the same code sends the same device key (derived from the store key and the code) and gets
// the same terminal id; the code in another data directory (another key) is refused bad_code. The terminal
// then scans and syncs like any other.
#include <gtest/gtest.h>

#include "fault_proxy.h"
#include "ledger_runner.h"
#include "sango_runner.h"

namespace sango::itest {
namespace {

TEST(EnrolRetryTest, AnEnrolmentWhoseAnswerWasLostSucceedsWhenRetriedWithTheSameCode)
{
    test::TempDir tmp;
    const Instant now = jst(2026, 6, 10, 10, 0);
    LedgerRunner ledger(tmp.path() / "ledger", now);
    ledger.init();
    ledger.startServer();
    const std::string code = ledger.addProvider("P-0001", tmp.path());
    test::FaultProxy proxy("127.0.0.1", ledger.port());
    proxy.setPolicy([](std::uint64_t n) { return n == 0 ? test::Fault::dropAfterUpstream : test::Fault::none; });
    const std::string url = "http://127.0.0.1:" + std::to_string(proxy.port());

    Sango t(tmp.path() / "t1");
    t.setNow(now);
    auto lost = t.run({"enroll", "--ledger", url, "--code", code});
    EXPECT_EQ(lost.exit, 4) << lost;
    ASSERT_TRUE(proxy.waitForExchanges(1, std::chrono::seconds(30)));
    EXPECT_EQ(proxy.stats().dropped, 1u);
    EXPECT_FALSE(fs::exists(t.dataDir() / "sango.db")) << "nothing is recorded without the ledger's answer";
    // The ledger did enrol it: the code is spent on this terminal.
    const json listed = ledger.must({"terminals"});
    ASSERT_EQ(listed.size(), 1u) << listed;
    const std::string id = text(listed[0], "terminal_id");
    EXPECT_EQ(text(listed[0], "state"), "active");

    auto again = t.run({"enroll", "--ledger", url, "--code", code});
    ASSERT_EQ(again.exit, 0) << again;
    EXPECT_EQ(text(again.out, "terminal_id"), id);
    EXPECT_EQ(ledger.must({"terminals"}).size(), 1u);
    auto status = t.run({"status"});
    EXPECT_EQ(text(status.out, "ledger_terminal_id"), id) << status;

    // Another device (another data directory: another store key, another device key) with the same code.
    Sango other(tmp.path() / "t2");
    other.setNow(now);
    auto refused = other.run({"enroll", "--ledger", ledger.url(), "--code", code});
    EXPECT_EQ(refused.exit, 4) << refused;
    EXPECT_EQ(refused.result(), "ledger_refused") << refused;
    EXPECT_EQ(text(refused.out, "detail").rfind("bad_code", 0), 0u) << refused;
    EXPECT_EQ(ledger.must({"terminals"}).size(), 1u);

    // The terminal works: two scans, one sync.
    const auto coupon = ledger.issue("standard");
    ASSERT_EQ(t.run({"scan", coupon.qr, "--service", "day", "--staff", "s1"}, now + std::chrono::minutes(5)).exit, 0);
    auto closed = t.run({"scan", coupon.qr, "--service", "day", "--staff", "s1"}, now + std::chrono::minutes(95));
    ASSERT_EQ(closed.out["action"], "closed") << closed;
    ledger.setTime(now + std::chrono::minutes(100));
    auto sync = t.run({"sync", "--once"}, now + std::chrono::minutes(100));
    ASSERT_EQ(sync.exit, 0) << sync;
    EXPECT_EQ(sync.out["accepted"], 2) << sync;
    EXPECT_EQ(sync.out["rejected"], 0) << sync;
    EXPECT_EQ(ledger.must({"balance", coupon.id})["used_minutes"], 90);
}

} // namespace
} // namespace sango::itest
