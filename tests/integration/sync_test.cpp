// Synchronisation with the reference ledger, end to end: the real `sango` and `sango-ledger` binaries, a real
// HTTP server on loopback (and HTTPS with a certificate made at test time), real encrypted stores. Time is
// libfaketime's: the ledger lives from 2026-06-10 00:00 UTC on, each terminal command at a chosen instant.
#include <gtest/gtest.h>

#include <set>

#include "ledger_runner.h"
#include "sango_runner.h"

namespace sango::itest {
namespace {

const Instant kLedgerStart = jst(2026, 6, 10, 9, 0);

class SyncTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_ledger = std::make_unique<LedgerRunner>(m_tmp.path() / "ledger", kLedgerStart);
        m_ledger->init();
    }

    std::unique_ptr<Sango> terminal(const std::string& name)
    {
        auto s = std::make_unique<Sango>(m_tmp.path() / name);
        s->setNow(jst(2026, 6, 10, 10, 0));
        return s;
    }

    // Enrols a terminal with a code; returns the ledger's terminal id.
    std::string enrol(Sango& t, const std::string& code, const std::vector<std::string>& extra = {})
    {
        std::vector<std::string> args{"enroll", "--ledger", m_ledger->url(), "--code", code};
        args.insert(args.end(), extra.begin(), extra.end());
        m_ledger->setTime(t.now()); // both clocks run together, as they would for real
        auto r = t.run(args);
        EXPECT_EQ(r.exit, 0) << r;
        return text(r.out, "terminal_id");
    }

    CliResult sync(Sango& t, Instant at, const std::vector<std::string>& extra = {})
    {
        std::vector<std::string> args{"sync", "--once"};
        args.insert(args.end(), extra.begin(), extra.end());
        m_ledger->setTime(at);
        return t.run(args, at);
    }

    CliResult scan(Sango& t, const std::string& qr, const std::string& service, Instant at)
    {
        return t.run({"scan", qr, "--service", service, "--staff", "s1"}, at);
    }

    test::TempDir m_tmp;
    std::unique_ptr<LedgerRunner> m_ledger;
};

TEST_F(SyncTest, EnrolmentInstallsTheLedgersConfigurationAndTheCodeIsUsedOnce)
{
    m_ledger->startServer();
    const std::string code = m_ledger->addProvider("P-0001", m_tmp.path());
    auto t = terminal("t1");
    const std::string id = enrol(*t, code);
    EXPECT_EQ(id.rfind("P-0001-T", 0), 0u) << id;

    auto status = t->run({"status"});
    ASSERT_EQ(status.exit, 0) << status;
    EXPECT_EQ(status.out["enrolled"], true);
    EXPECT_EQ(text(status.out, "ledger_terminal_id"), id);
    EXPECT_EQ(text(status.out, "provider_id"), "P-0001");
    EXPECT_EQ(status.out["queue_length"], 0);

    // The code is spent: a second terminal cannot use it, and nothing is left behind in its directory.
    auto t2 = terminal("t2");
    auto again = t2->run({"enroll", "--ledger", m_ledger->url(), "--code", code});
    EXPECT_EQ(again.exit, 4) << again;
    EXPECT_EQ(again.result(), "ledger_refused") << again;
    EXPECT_FALSE(fs::exists(t2->dataDir() / "sango.db"));

    // Enrolling an enrolled terminal changes nothing.
    const auto before = snapshot(t->dataDir());
    auto twice = t->run({"enroll", "--ledger", m_ledger->url(), "--code", m_ledger->must({"provider", "code", "--provider", "P-0001"}).at("enrolment_code").get<std::string>()});
    EXPECT_EQ(twice.exit, 3) << twice;
    EXPECT_EQ(snapshot(t->dataDir()), before);
}

TEST_F(SyncTest, NotEnrolledAndUnreachableLedgerAreClearAndChangeNothing)
{
    // A store made from files has no ledger: sync is refused with not_enrolled.
    auto t = terminal("t1");
    test::TestIssuer issuer;
    writeFile(m_tmp.path() / "trust.json", issuer.trustJson().dump());
    ASSERT_EQ(t->init(m_tmp.path() / "trust.json").exit, 0);
    auto r = sync(*t, t->now());
    EXPECT_EQ(r.exit, 2) << r;
    EXPECT_EQ(r.result(), "not_enrolled");

    // An enrolled terminal whose ledger is down: exit 4, events stay queued, scans go on.
    m_ledger->startServer();
    auto t2 = terminal("t2");
    enrol(*t2, m_ledger->addProvider("P-0001", m_tmp.path()));
    const auto coupon = m_ledger->issue("standard");
    ASSERT_EQ(scan(*t2, coupon.qr, "day", jst(2026, 6, 10, 10, 0)).exit, 0);
    m_ledger->stopServer();
    auto down = sync(*t2, jst(2026, 6, 10, 10, 5));
    EXPECT_EQ(down.exit, 4) << down;
    EXPECT_EQ(down.result(), "ledger_unreachable") << down;
    auto status = t2->run({"status"}, jst(2026, 6, 10, 10, 6));
    EXPECT_EQ(status.out["queue_length"], 1) << status;
    // Six minutes, give or take the seconds libfaketime's clock runs on while the commands start.
    EXPECT_NEAR(status.out["oldest_unsynced_age_seconds"].get<int>(), 360, 5) << status;
    EXPECT_EQ(text(status.out, "last_sync_result"), "ledger_unreachable") << status;
    EXPECT_EQ(scan(*t2, coupon.qr, "day", jst(2026, 6, 10, 11, 30)).out["action"], "closed");
}

// Two terminals of two providers use one coupon offline past its balance; the ledger accepts in commit order
// up to the balance and rejects the rest with no_balance; both terminals then show the ledger's figures.
TEST_F(SyncTest, TwoTerminalsPastTheBalanceTheLedgerDecidesInCommitOrder)
{
    m_ledger->startServer();
    auto t1 = terminal("t1");
    auto t2 = terminal("t2");
    enrol(*t1, m_ledger->addProvider("P-0001", m_tmp.path()));
    enrol(*t2, m_ledger->addProvider("P-0002", m_tmp.path()));
    const auto coupon = m_ledger->issue("standard", 120, "day");

    // Offline, each bills 90 of the 120 minutes.
    ASSERT_EQ(scan(*t1, coupon.qr, "day", jst(2026, 6, 10, 10, 0)).out["action"], "opened");
    ASSERT_EQ(scan(*t2, coupon.qr, "day", jst(2026, 6, 10, 10, 5)).out["action"], "opened");
    auto c1 = scan(*t1, coupon.qr, "day", jst(2026, 6, 10, 11, 30));
    auto c2 = scan(*t2, coupon.qr, "day", jst(2026, 6, 10, 11, 35));
    ASSERT_EQ(c1.out["billed_minutes"], 90) << c1;
    ASSERT_EQ(c2.out["billed_minutes"], 90) << c2;

    // t1 syncs first: accepted. t2 second: its opening fits (30 minutes left), its close does not.
    auto s1 = sync(*t1, jst(2026, 6, 10, 12, 0));
    ASSERT_EQ(s1.exit, 0) << s1;
    EXPECT_EQ(s1.out["accepted"], 2);
    auto s2 = sync(*t2, jst(2026, 6, 10, 12, 1));
    ASSERT_EQ(s2.exit, 0) << s2;
    EXPECT_EQ(s2.out["accepted"], 1);
    EXPECT_EQ(s2.out["rejected"], 1);
    EXPECT_EQ(s2.out["attention"], 1);

    auto rejected = m_ledger->must({"events", "--status", "rejected"});
    ASSERT_EQ(rejected.size(), 1u) << rejected;
    EXPECT_EQ(rejected[0]["reason"], "no_balance");
    EXPECT_EQ(rejected[0]["type"], "session_closed");
    auto ledgerBalance = m_ledger->must({"balance", coupon.id});
    EXPECT_EQ(ledgerBalance["used_minutes"], 90);
    EXPECT_EQ(ledgerBalance["balance_minutes"], 30);

    // t2 shows the rejection to its manager, flags the line, and bills nothing for it.
    auto st2 = t2->run({"status"});
    ASSERT_EQ(st2.out["attention"].size(), 1u) << st2;
    EXPECT_EQ(st2.out["attention"][0]["reason"], "no_balance");
    EXPECT_EQ(text(st2.out["attention"][0], "session_id"), text(c2.out, "session_id"));
    auto lines = t2->run({"report", "monthly", "--month", "2026-06"});
    ASSERT_EQ(lines.out.size(), 1u) << lines;
    const auto flags = lines.out[0]["flags"];
    EXPECT_NE(std::find(flags.begin(), flags.end(), "rejected"), flags.end()) << lines;
    auto totals2 = t2->run({"report", "totals", "--month", "2026-06"});
    EXPECT_EQ(sumOf(totals2.out, "billed_minutes"), 0) << totals2;

    // Both terminals now know the ledger's balance: 30 minutes left.
    ASSERT_EQ(sync(*t1, jst(2026, 6, 10, 12, 2)).exit, 0);
    for (Sango* t : {t1.get(), t2.get()}) {
        auto b = t->run({"balance", coupon.id});
        ASSERT_EQ(b.exit, 0) << b;
        EXPECT_EQ(b.out["source"], "ledger") << b;
        EXPECT_EQ(b.out["balance_minutes"], 30) << b;
        EXPECT_EQ(b.out["grant_minutes"], 120) << b;
    }
    // And the ledger's totals for t1's provider equal t1's own.
    auto ledgerTotals = m_ledger->must({"totals", "--provider", "P-0001", "--month", "2026-06"});
    auto localTotals = t1->run({"report", "totals", "--month", "2026-06"});
    EXPECT_EQ(ledgerTotals, localTotals.out);
    EXPECT_EQ(sumOf(ledgerTotals, "amount_yen"), 5100); // 90 minutes of day care at 3,400 yen an hour
}

TEST_F(SyncTest, ALedgerOfTwoProcessesOneKilledTheTerminalMovesOnAndEveryEventCountsOnce)
{
    // Two `serve` processes of one ledger (the same store), each at its own address.
    m_ledger->startServer();
    LedgerRunner second(m_ledger->dataDir(), kLedgerStart);
    second.startServer();
    auto t = terminal("t");
    const std::string urls = m_ledger->url() + " " + second.url();
    std::vector<std::string> args{"enroll", "--ledger", urls, "--code", m_ledger->addProvider("P-0001", m_tmp.path())};
    m_ledger->setTime(t->now());
    auto enrolled = t->run(args);
    ASSERT_EQ(enrolled.exit, 0) << enrolled;

    const auto a = m_ledger->issue("standard", 600, "day");
    const auto b = m_ledger->issue("standard", 600, "day");
    ASSERT_EQ(scan(*t, a.qr, "day", jst(2026, 6, 10, 10, 0)).out["action"], "opened");
    ASSERT_EQ(scan(*t, a.qr, "day", jst(2026, 6, 10, 11, 0)).out["action"], "closed");
    auto s1 = sync(*t, jst(2026, 6, 10, 11, 5));
    ASSERT_EQ(s1.exit, 0) << s1;
    EXPECT_EQ(s1.out["accepted"], 2);

    // The first process dies (a power cut); the terminal reaches the ledger through the second.
    m_ledger->killServer();
    ASSERT_EQ(scan(*t, b.qr, "day", jst(2026, 6, 10, 12, 0)).out["action"], "opened");
    ASSERT_EQ(scan(*t, b.qr, "day", jst(2026, 6, 10, 13, 30)).out["action"], "closed");
    auto s2 = sync(*t, jst(2026, 6, 10, 13, 35));
    ASSERT_EQ(s2.exit, 0) << s2;
    EXPECT_EQ(s2.out["accepted"], 2) << s2;

    // Every event is held once, and the ledger's totals are the terminal's.
    auto events = second.must({"events"});
    std::set<std::string> ids;
    for (const auto& e : events)
        ids.insert(text(e, "id"));
    EXPECT_EQ(ids.size(), events.size()) << events;
    EXPECT_EQ(events.size(), 4u) << events;
    auto ledgerTotals = second.must({"totals", "--provider", "P-0001", "--month", "2026-06"});
    auto localTotals = t->run({"report", "totals", "--month", "2026-06"});
    EXPECT_EQ(ledgerTotals, localTotals.out);
    EXPECT_EQ(sumOf(ledgerTotals, "billed_minutes"), 60 + 90);
}

TEST_F(SyncTest, RevocationAtTheLedgerIsRefusedAtTheNextScanAfterASync)
{
    m_ledger->startServer();
    auto t = terminal("t1");
    enrol(*t, m_ledger->addProvider("P-0001", m_tmp.path()));
    const auto coupon = m_ledger->issue("standard");
    ASSERT_EQ(t->run({"verify", coupon.qr}).exit, 0);

    m_ledger->must({"revoke", coupon.id, "--reason", "paper"});
    // Until the terminal hears of it, it cannot know.
    EXPECT_EQ(t->run({"verify", coupon.qr}).exit, 0);
    auto s = sync(*t, jst(2026, 6, 10, 10, 1));
    ASSERT_EQ(s.exit, 0) << s;
    EXPECT_GE(s.out["changes"].get<int>(), 1);
    auto refused = scan(*t, coupon.qr, "day", jst(2026, 6, 10, 10, 2));
    EXPECT_EQ(refused.exit, 2) << refused;
    EXPECT_EQ(refused.result(), "revoked") << refused;
    EXPECT_NE(text(refused.out, "message_for_mother").find("paper"), std::string::npos) << refused;
    // A second sync brings the same change no more.
    EXPECT_EQ(sync(*t, jst(2026, 6, 10, 10, 3)).out["changes"], 0);
    EXPECT_TRUE(t->run({"audit"}).out["intact"].get<bool>());
}

TEST_F(SyncTest, EventsCarryTheClockOffsetAndAJumpedClockIsFlaggedUnverified)
{
    m_ledger->startServer();
    auto t = terminal("t1");
    enrol(*t, m_ledger->addProvider("P-0001", m_tmp.path()));
    const auto coupon = m_ledger->issue("standard");
    // libfaketime fakes the boot clock along with the wall clock unless told not to; with its boot clock real,
    // a command run two hours later (in fake time) a few seconds later (in real time) saw the wall clock jump.
    auto realBoot = [&](const std::vector<std::string>& args, Instant at) {
        auto o = Sango::options(at);
        o.env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1";
        return toCliResult(test::run(t->argv(args), o));
    };
    const Instant t0 = jst(2026, 6, 10, 10, 0);
    ASSERT_EQ(realBoot({"sync", "--once"}, t0).exit, 0);
    auto opened = realBoot({"scan", coupon.qr, "--service", "day", "--staff", "s1"}, t0 + std::chrono::seconds(20));
    ASSERT_EQ(opened.out["action"], "opened") << opened;
    EXPECT_TRUE(opened.out["flags"].empty()) << opened;
    auto closed = realBoot({"scan", coupon.qr, "--service", "day", "--staff", "s1"}, t0 + std::chrono::hours(2));
    ASSERT_EQ(closed.out["action"], "closed") << closed;
    const auto flags = closed.out["flags"];
    EXPECT_NE(std::find(flags.begin(), flags.end(), "unverified_time"), flags.end()) << closed;
    auto status = realBoot({"status"}, t0 + std::chrono::hours(2));
    EXPECT_EQ(status.out["clock"]["verified"], false) << status;

    m_ledger->setTime(t0 + std::chrono::hours(2));
    ASSERT_EQ(realBoot({"sync", "--once"}, t0 + std::chrono::hours(2)).exit, 0);
    auto events = m_ledger->must({"events", "--coupon", coupon.id});
    ASSERT_EQ(events.size(), 2u) << events;
    std::set<std::string> flagged;
    for (const auto& e : events) {
        EXPECT_EQ(e["status"], "accepted");
        EXPECT_TRUE(e["body"]["clock"]["offset_s"].is_number_integer()) << e;
        for (const auto& f : e["flags"])
            if (f == "unverified_time")
                flagged.insert(e["type"].get<std::string>());
    }
    EXPECT_EQ(flagged, std::set<std::string>{"session_closed"});
    // A fresh measurement verifies the clock again.
    EXPECT_EQ(realBoot({"status"}, t0 + std::chrono::hours(2)).out["clock"]["verified"], true);
}

TEST_F(SyncTest, HttpsWithACertificateMadeForTheTestAndNoWayAroundVerification)
{
    // A self-signed certificate for 127.0.0.1, made now with openssl.
    const fs::path cert = m_tmp.path() / "ledger.crt";
    const fs::path key = m_tmp.path() / "ledger.key";
    // Made "on" 2026-06-01 (libfaketime), valid for a year: the terminal lives on 2026-06-10.
    test::RunOptions atJune = Sango::options(jst(2026, 6, 1, 9, 0));
    auto made = test::run({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                           "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.string(), "-out", cert.string(),
                           "-days", "365", "-subj", "/CN=localhost", "-addext",
                           "subjectAltName=IP:127.0.0.1,DNS:localhost"},
                          atJune);
    ASSERT_EQ(made.exitCode, 0) << made.err;
    m_ledger->startServer("127.0.0.1:0", {"--tls-cert", cert.string(), "--tls-key", key.string()});
    ASSERT_EQ(m_ledger->url().rfind("https://", 0), 0u) << m_ledger->url();
    const std::string code = m_ledger->addProvider("P-0001", m_tmp.path());

    // The system's CAs do not know this certificate: refused, nothing made.
    auto t = terminal("t1");
    auto untrusted = t->run({"enroll", "--ledger", m_ledger->url(), "--code", code});
    EXPECT_EQ(untrusted.exit, 4) << untrusted;
    EXPECT_EQ(untrusted.result(), "ledger_tls") << untrusted;
    EXPECT_FALSE(fs::exists(t->dataDir() / "sango.db"));
    // A pin that does not match is refused even with the right CA.
    auto pinned = t->run({"enroll", "--ledger", m_ledger->url(), "--code", code, "--ca-file", cert.string(),
                          "--pinned-key", "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="});
    EXPECT_EQ(pinned.result(), "ledger_tls") << pinned;
    // With the CA file it works, and later syncs use the same setting.
    enrol(*t, code, {"--ca-file", cert.string()});
    const auto coupon = m_ledger->issue("standard");
    ASSERT_EQ(scan(*t, coupon.qr, "day", jst(2026, 6, 10, 10, 0)).exit, 0);
    auto s = sync(*t, jst(2026, 6, 10, 10, 1));
    ASSERT_EQ(s.exit, 0) << s;
    EXPECT_EQ(s.out["accepted"], 1);
    // Plain HTTP is only for loopback.
    auto plain = t->run({"sync", "--once", "--ledger", "http://192.0.2.1:8080"}, jst(2026, 6, 10, 10, 2));
    EXPECT_EQ(plain.exit, 1) << plain;
}

TEST_F(SyncTest, PolicyAndPriceChangesFromTheLedgerApplyFromTheirDate)
{
    m_ledger->startServer();
    auto t = terminal("t1");
    enrol(*t, m_ledger->addProvider("P-0001", m_tmp.path()));
    // From 2026-07-01 day care is billed in 15-minute units, and costs 3,600 yen an hour.
    json policy = json::parse(readFile(test::testDataDir() / "policy.json"));
    policy["version"] = "2026-07-01.1";
    policy["services"]["day"]["unit_minutes"] = 15;
    writeFile(m_tmp.path() / "policy2.json", policy.dump());
    m_ledger->must({"policy", "set", "--policy", (m_tmp.path() / "policy2.json").string(), "--from", "2026-07-01"});
    json provider = json::parse(readFile(test::testDataDir() / "provider.json"));
    provider["prices"].push_back({{"service", "day"}, {"yen_per_hour", 3600}, {"from", "2026-07-01"}});
    writeFile(m_tmp.path() / "provider2.json", provider.dump());
    m_ledger->must({"provider", "update", "--provider", (m_tmp.path() / "provider2.json").string()});
    ASSERT_EQ(sync(*t, jst(2026, 6, 10, 10, 0)).exit, 0);

    const auto coupon = m_ledger->issue("standard");
    // June: still 30-minute units (79 minutes → 60).
    ASSERT_EQ(scan(*t, coupon.qr, "day", jst(2026, 6, 30, 10, 0)).exit, 0);
    EXPECT_EQ(scan(*t, coupon.qr, "day", jst(2026, 6, 30, 11, 19)).out["billed_minutes"], 60);
    // July: 15-minute units (79 minutes → 75).
    ASSERT_EQ(scan(*t, coupon.qr, "day", jst(2026, 7, 1, 10, 0)).exit, 0);
    EXPECT_EQ(scan(*t, coupon.qr, "day", jst(2026, 7, 1, 11, 19)).out["billed_minutes"], 75);
    auto status = t->run({"status"}, jst(2026, 7, 1, 12, 0));
    EXPECT_EQ(text(status.out, "policy_version"), "2026-07-01.1");
    auto totals = t->run({"report", "totals", "--month", "2026-07"}, jst(2026, 7, 2, 9, 0));
    bool sawNewPrice = false;
    for (const auto& row : totals.out)
        if (row["service"] == "day" && row["yen_per_hour"] == 3600)
            sawNewPrice = row["amount_yen"] == 4500; // 75 minutes at 3,600 yen an hour
    EXPECT_TRUE(sawNewPrice) << totals;
}

} // namespace
} // namespace sango::itest
