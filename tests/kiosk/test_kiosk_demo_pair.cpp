// The README's run command, as a test: the demo pair — the real `sango-ledger serve` on loopback and the real
// `sango-kiosk` — completes one scan-open-close cycle through the real sync. The kiosk runs on the offscreen
// platform in its self-test mode, which takes a coupon's QR from the PNG the ledger made, through the same
// decoder and scan screen as a camera scan, then closes the session from the open list and syncs once. Time is
// libfaketime's for both processes.
#include <gtest/gtest.h>

#include "ledger_runner.h"
#include "sango_runner.h"

namespace sango::itest {
namespace {

const Instant kStart = jst(2026, 6, 10, 9, 0);

TEST(KioskDemoPair, ScanOpenCloseThroughTheRealSync)
{
    ASSERT_TRUE(fs::exists(test::kioskBinary())) << test::kioskBinary();
    test::TempDir tmp;
    LedgerRunner ledger(tmp.path() / "ledger", kStart);
    ledger.init();
    const std::string code = ledger.addProvider("P-0001", tmp.path());
    const fs::path png = tmp.path() / "coupon.png";
    const json issued = ledger.must({"issue", "--type", "standard", "--png", png.string()});
    const std::string couponId = issued.at("coupon_id").get<std::string>();
    ledger.startServer();

    Sango terminal(tmp.path() / "terminal");
    terminal.setNow(kStart + std::chrono::minutes(5));
    auto enrolled = terminal.run({"enroll", "--ledger", ledger.url(), "--code", code, "--label", "kiosk"});
    ASSERT_EQ(enrolled.exit, 0) << enrolled;
    auto staff = terminal.run({"staff", "add", "--id", "rec1", "--role", "staff"}, std::nullopt, "1357\n");
    ASSERT_EQ(staff.exit, 0) << staff;

    test::RunOptions o = Sango::options(kStart + std::chrono::minutes(10));
    o.env["QT_QPA_PLATFORM"] = "offscreen";
    o.env["SANGO_DATA_DIR"] = terminal.dataDir().string();
    o.stdinText = "1357\n";
    auto r = toCliResult(test::run({test::kioskBinary().string(), "--self-test", png.string(), "--staff", "rec1"}, o));
    ASSERT_EQ(r.exit, 0) << r;
    ASSERT_TRUE(r.out.is_object()) << r;
    EXPECT_EQ(r.out.value("coupon_id", ""), couponId) << r;
    EXPECT_EQ(r.out.value("opened", false), true) << r;
    EXPECT_EQ(r.out.value("closed", false), true) << r;
    EXPECT_EQ(r.out.value("synced", false), true) << r;

    // The ledger accepted both events of the session, once.
    const json events = ledger.must({"events", "--coupon", couponId});
    ASSERT_TRUE(events.is_array());
    int opened = 0, closed = 0;
    for (const json& e : events) {
        EXPECT_EQ(e.value("status", ""), "accepted") << e;
        opened += e.value("type", "") == "session_opened";
        closed += e.value("type", "") == "session_closed";
    }
    EXPECT_EQ(opened, 1) << events;
    EXPECT_EQ(closed, 1) << events;
    // And the terminal has nothing left to send.
    auto status = terminal.run({"status"});
    ASSERT_EQ(status.exit, 0) << status;
    EXPECT_EQ(status.out.value("queue_length", -1), 0) << status;
}

} // namespace
} // namespace sango::itest
