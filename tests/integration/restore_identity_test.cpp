// Session identity survives a restore (issue 11), with the real `sango` and `sango-ledger serve`: an enrolled
// terminal is backed up while a session is open, records and syncs more care, and is then restored from that
// backup with --force. The restore begins a new store incarnation; sessions made after it carry its tag and
// never reuse an id the ledger holds. The ledger keeps every session right — those of before the restore
// exactly once, the new ones accepted — and the session the restored terminal closes a second time is
// answered already_closed, which `sango status` puts on the attention list with the ledger's figures. Nothing
// the ledger accepted was applied to a session other than the one it opened.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "ledger_runner.h"
#include "sango_runner.h"

namespace sango::itest {
namespace {

TEST(RestoreIdentityTest, SessionsAfterARestoreOfAnOldBackupNeverTakeTheLedgersSessions)
{
    test::TempDir tmp;
    LedgerRunner ledger(tmp.path() / "ledger", jst(2026, 6, 10, 9, 0));
    ledger.init();
    ledger.startServer();
    Sango t(tmp.path() / "t1");
    t.setNow(jst(2026, 6, 10, 9, 30));
    ledger.setTime(t.now());
    auto enrolled = t.run({"enroll", "--ledger", ledger.url(), "--code", ledger.addProvider("P-0001", tmp.path())});
    ASSERT_EQ(enrolled.exit, 0) << enrolled;
    const auto a = ledger.issue("standard");
    const auto b = ledger.issue("standard");
    const auto c = ledger.issue("standard");
    auto scan = [&](const LedgerRunner::Coupon& coupon, int h, int mi) {
        auto r = t.run({"scan", coupon.qr, "--service", "day", "--staff", "s1"}, jst(2026, 6, 10, h, mi));
        EXPECT_EQ(r.exit, 0) << r;
        return r;
    };
    auto sync = [&](int h, int mi) {
        ledger.setTime(jst(2026, 6, 10, h, mi));
        auto r = t.run({"sync", "--once"}, jst(2026, 6, 10, h, mi));
        EXPECT_EQ(r.exit, 0) << r;
        return r;
    };

    // a's session is open when the backup is made, and closed after it.
    const std::string a1 = text(scan(a, 10, 0).out, "session_id");
    const fs::path backup = tmp.path() / "before.db";
    ASSERT_EQ(t.run({"backup", "--out", backup.string()}, jst(2026, 6, 10, 10, 5)).exit, 0);
    ASSERT_EQ(scan(a, 11, 30).out["billed_minutes"], 90);
    const std::string b1 = text(scan(b, 11, 35).out, "session_id");
    ASSERT_EQ(scan(b, 12, 35).out["billed_minutes"], 60);
    auto first = sync(12, 40);
    EXPECT_EQ(first.out["accepted"], 4) << first;
    std::set<std::string> held;
    for (const auto& e : ledger.must({"events"}))
        held.insert(text(e, "session_id"));
    ASSERT_EQ(held, (std::set<std::string>{a1, b1}));

    // The old backup comes back: the store forgets the close of a's session, b's session, and the sync.
    auto restored = t.run({"restore", backup.string(), "--force"}, jst(2026, 6, 10, 12, 45));
    ASSERT_EQ(restored.exit, 0) << restored;
    const std::string tag = text(restored.out, "incarnation");
    ASSERT_FALSE(tag.empty()) << restored;
    EXPECT_GT(restored.out["events_lost"].get<int>(), 0) << restored;

    // a's session, open in the restored store, is closed again; b and c get new sessions.
    auto reclosed = scan(a, 13, 0);
    EXPECT_EQ(text(reclosed.out, "session_id"), a1) << reclosed;
    EXPECT_EQ(reclosed.out["billed_minutes"], 180);
    std::vector<std::string> fresh;
    fresh.push_back(text(scan(b, 13, 5).out, "session_id"));
    ASSERT_EQ(scan(b, 14, 5).out["billed_minutes"], 60);
    fresh.push_back(text(scan(c, 13, 10).out, "session_id"));
    ASSERT_EQ(scan(c, 14, 10).out["billed_minutes"], 60);
    for (const auto& id : fresh) {
        EXPECT_NE(id.find("-" + tag + "-"), std::string::npos) << id << " does not carry the incarnation " << tag;
        EXPECT_EQ(held.count(id), 0u) << id << " is a session id the ledger already holds";
    }
    EXPECT_NE(fresh[0], fresh[1]);

    auto second = sync(14, 30);
    EXPECT_EQ(second.out["accepted"], 4) << second;   // b's and c's new sessions
    EXPECT_EQ(second.out["duplicate"], 1) << second;  // a's opening, sent again
    EXPECT_EQ(second.out["rejected"], 1) << second;   // a's second close
    EXPECT_EQ(second.out["attention"], 1) << second;

    // The ledger: each session as it was opened, once; a's second close refused with the ledger's figures.
    std::map<std::string, std::set<std::string>> couponsOf; // accepted events' coupons per session
    std::map<std::string, int> opens, closes;
    for (const auto& e : ledger.must({"events"})) {
        const std::string session = text(e, "session_id");
        if (text(e, "status") == "accepted") {
            couponsOf[session].insert(text(e, "coupon_id"));
            opens[session] += text(e, "type") == "session_opened";
            closes[session] += text(e, "type") == "session_closed";
        } else {
            EXPECT_EQ(session, a1) << e;
            EXPECT_EQ(text(e, "reason"), "already_closed") << e;
        }
    }
    for (const auto& s : {a1, b1, fresh[0], fresh[1]}) {
        EXPECT_EQ(opens[s], 1) << s;
        EXPECT_EQ(closes[s], 1) << s;
        EXPECT_EQ(couponsOf[s].size(), 1u) << s << " had events of several coupons applied";
    }
    EXPECT_EQ(couponsOf[a1], std::set<std::string>{a.id});
    EXPECT_EQ(couponsOf[b1], std::set<std::string>{b.id});
    EXPECT_EQ(couponsOf[fresh[0]], std::set<std::string>{b.id});
    EXPECT_EQ(couponsOf[fresh[1]], std::set<std::string>{c.id});
    EXPECT_EQ(ledger.must({"balance", a.id})["used_minutes"], 90);
    EXPECT_EQ(ledger.must({"balance", b.id})["used_minutes"], 120);
    EXPECT_EQ(ledger.must({"balance", c.id})["used_minutes"], 60);
    const json totals = ledger.must({"totals", "--provider", "P-0001", "--month", "2026-06"});
    EXPECT_EQ(sumOf(totals, "sessions"), 4) << totals;
    EXPECT_EQ(sumOf(totals, "billed_minutes"), 90 + 60 + 60 + 60) << totals;

    // The terminal's manager sees it, with the ledger's own figures for a's session.
    auto status = t.run({"status"}, jst(2026, 6, 10, 14, 31));
    ASSERT_EQ(status.out["attention"].size(), 1u) << status;
    const json item = status.out["attention"][0];
    EXPECT_EQ(text(item, "session_id"), a1);
    EXPECT_EQ(text(item, "reason"), "already_closed");
    EXPECT_FALSE(text(item, "detail").empty()) << item;
    EXPECT_EQ(item["ledger_figures"]["billed_minutes"], 90) << item;
    EXPECT_EQ(item["ledger_figures"]["actual_minutes"], 90) << item;
    EXPECT_EQ(item["ledger_figures"]["stop"], epoch(jst(2026, 6, 10, 11, 30))) << item;
    EXPECT_EQ(item["ledger_figures"]["date"], "2026-06-10") << item;
}

} // namespace
} // namespace sango::itest
