// The `sango` command line against spec/cli.md: every command except enroll/sync and --image (in
// tests/hal/cli_image_test.cpp), on temporary stores. Most run in this process (sango::cli::runCli with a
// FakeClock, cli_in_process.h); a few run the real binary under libfaketime, for what only a process shows: exit
// statuses of usage errors, PINs on stdin, the language from --lang and from the environment, the data directory
// from the environment.
#include <sys/stat.h>

#include <algorithm>
#include <memory>

#include <gtest/gtest.h>

#include "cli_in_process.h"
#include "cli_words.h"
#include "sango_runner.h"
#include "spec_model.h"

namespace sango::itest {
namespace {

using test::TestIssuer;

const std::vector<std::string> kAllServices{"stay", "day", "visit"};

bool hasFlag(const json& obj, const std::string& flag)
{
    const json flags = obj.value("flags", json::array());
    return flags.is_array() && std::find(flags.begin(), flags.end(), flag) != flags.end();
}

class CliTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_store = std::make_unique<TestStore>(m_issuer, "T1", inProcess());
        s = &m_store->sango();
    }

    std::string qr(std::uint64_t n, int grant = 2520, std::vector<std::string> services = kAllServices,
                   const std::string& type = "standard") const
    {
        TestIssuer::Claims c;
        c.couponId = couponId(n);
        c.grant = grant;
        c.services = std::move(services);
        c.type = type;
        return m_issuer.issue(c);
    }

    CliResult scan(const std::string& qrText, const std::string& service, Instant at,
                   const std::string& staff = "s1") const
    {
        return s->run({"scan", qrText, "--service", service, "--staff", staff}, at);
    }

    // Registers s1 (staff, PIN 1234) and m1 (manager, PIN 987654).
    void addStaff() const
    {
        auto a = s->run({"staff", "add", "--id", "s1", "--role", "staff"}, std::nullopt, "1234\n");
        ASSERT_EQ(a.exit, 0) << a;
        auto b = s->run({"staff", "add", "--id", "m1", "--role", "manager"}, std::nullopt, "987654\n");
        ASSERT_EQ(b.exit, 0) << b;
    }

    // What "changes nothing" compares: the session list, the event count and the bytes of the data directory.
    struct State {
        json sessions;
        std::int64_t events = 0;
        std::map<std::string, std::string> files;
    };
    State state() const { return {s->sessions(), s->eventCount(), snapshot(s->dataDir())}; }
    void expectUnchanged(const State& before, const std::string& what) const
    {
        const State after = state();
        EXPECT_EQ(after.sessions, before.sessions) << what;
        EXPECT_EQ(after.events, before.events) << what;
        EXPECT_TRUE(after.files == before.files) << what << ": the data directory's bytes changed";
    }

    // The real binary (under libfaketime) on the same store.
    Sango binary() const { return Sango(s->dataDir()); }

    static void expectRefusal(const CliResult& r, const std::string& code)
    {
        EXPECT_EQ(r.exit, 2) << r;
        EXPECT_EQ(r.result(), code) << r;
        ASSERT_TRUE(r.out.is_object()) << r;
        EXPECT_TRUE(r.out.contains("message") && r.out["message"].is_string() &&
                    !r.out["message"].get<std::string>().empty())
            << r;
    }

    TestIssuer m_issuer;
    std::unique_ptr<TestStore> m_store;
    Sango* s = nullptr;
};

// ---------------------------------------------------------------- init

TEST(CliInit, CreatesAnEncryptedStoreAndAKeyFile)
{
    test::TempDir tmp;
    TestIssuer issuer;
    writeFile(tmp.path() / "trust.json", issuer.trustJson().dump());
    Sango s(tmp.path() / "data", inProcess());
    auto r = s.init(tmp.path() / "trust.json", "KIOSK-01");
    ASSERT_EQ(r.exit, 0) << r;
    EXPECT_EQ(r.out.value("terminal_id", ""), "KIOSK-01");
    EXPECT_EQ(r.out.value("policy_version", ""), "2026-04-01.1");
    EXPECT_EQ(r.out.value("provider_id", ""), "P-0001");
    const fs::path db = tmp.path() / "data" / "sango.db";
    const fs::path key = tmp.path() / "data" / "store.key";
    ASSERT_TRUE(fs::exists(db));
    ASSERT_TRUE(fs::exists(key));
    struct stat st {};
    ASSERT_EQ(::stat(key.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << "the key file must be mode 0600";
    const std::string keyText = readFile(key);
    EXPECT_EQ(keyText.size(), 65u);
    EXPECT_EQ(keyText.find_first_not_of("0123456789abcdefABCDEF"), 64u);
    const std::string head = readFile(db).substr(0, 16);
    EXPECT_NE(head, std::string("SQLite format 3\0", 16)) << "the store must not be a plain SQLite file";

    auto st2 = s.run({"status"});
    ASSERT_EQ(st2.exit, 0) << st2;
    EXPECT_EQ(st2.out.value("terminal_id", ""), "KIOSK-01");
}

// The published test keys: the spec's (tests/data/trust.json) and the tests' and demo's issuer (TestIssuer's
// default seed). A real store refuses each (exit 2, test_key_refused, the kid named, nothing made); `--demo`
// makes a demonstration store that says so in `status` and in every report's header on stderr.
TEST(CliInit, APublishedTestKeyIsRefusedUnlessTheStoreIsADemo)
{
    test::TempDir tmp;
    writeFile(tmp.path() / "issuer-trust.json", TestIssuer().trustJson().dump());
    struct Case {
        fs::path trust;
        std::string kid;
    };
    for (const Case& c : {Case{test::testDataDir() / "trust.json", "131016-2026a"},
                          Case{tmp.path() / "issuer-trust.json", "131016-test"}}) {
        SCOPED_TRACE(c.trust.string());
        const fs::path dir = tmp.path() / ("data-" + c.kid);
        Sango s(dir, inProcess());
        auto refused = s.init(c.trust, "T1", test::testDataDir() / "policy.json",
                              test::testDataDir() / "provider.json", /*demo=*/false);
        EXPECT_EQ(refused.exit, 2) << refused;
        EXPECT_EQ(refused.result(), "test_key_refused") << refused;
        EXPECT_NE(refused.out.value("detail", "").find("\"" + c.kid + "\""), std::string::npos) << refused;
        EXPECT_NE(refused.out.value("message", "").find("--demo"), std::string::npos) << refused;
        EXPECT_NE(refused.err.find("municipality"), std::string::npos) << refused;
        EXPECT_FALSE(fs::exists(dir / "sango.db")) << "a refused init makes no store";
        EXPECT_FALSE(fs::exists(dir / "store.key")) << "a refused init makes no key";

        auto demo = s.init(c.trust);
        ASSERT_EQ(demo.exit, 0) << demo;
        EXPECT_EQ(demo.out.value("demo", false), true) << demo;
        auto status = s.run({"status"});
        ASSERT_EQ(status.exit, 0) << status;
        EXPECT_EQ(status.out.value("demo", false), true) << status;
        auto report = s.run({"report", "totals", "--month", "2026-04"});
        ASSERT_EQ(report.exit, 0) << report;
        EXPECT_NE(report.err.find("DEMO"), std::string::npos) << report.err;
        EXPECT_EQ(report.raw.find("DEMO"), std::string::npos) << "machine output keeps its columns: " << report.raw;
    }
}

// A municipality's real ledger names its first key like the spec's test key: keys decide, never kids.
TEST(CliInit, ARealKeyWithTheSpecsTestKidIsAccepted)
{
    test::TempDir tmp;
    json trust = TestIssuer("131016-2026a", "131016", 42).trustJson(); // a seed nobody publishes
    writeFile(tmp.path() / "trust.json", trust.dump());
    Sango s(tmp.path() / "data", inProcess());
    auto r = s.init(tmp.path() / "trust.json", "T1", test::testDataDir() / "policy.json",
                    test::testDataDir() / "provider.json", /*demo=*/false);
    ASSERT_EQ(r.exit, 0) << r;
    EXPECT_EQ(r.out.value("demo", true), false) << r;
    auto status = s.run({"status"});
    EXPECT_EQ(status.out.value("demo", true), false) << status;
    auto report = s.run({"report", "totals", "--month", "2026-04"});
    ASSERT_EQ(report.exit, 0) << report;
    EXPECT_EQ(report.err.find("DEMO"), std::string::npos) << report.err;
}

TEST_F(CliTest, InitRefusesToOverwriteAStore)
{
    const auto before = snapshot(s->dataDir());
    ASSERT_FALSE(before.empty());
    auto r = s->init(m_store->trustFile(), "T2");
    EXPECT_EQ(r.exit, 3) << r;
    EXPECT_EQ(r.result(), "store_exists") << r;
    EXPECT_FALSE(r.err.empty());
    EXPECT_TRUE(snapshot(s->dataDir()) == before) << "a refused init changed the data directory";
    auto st = s->run({"status"});
    EXPECT_EQ(st.out.value("terminal_id", ""), "T1");
}

TEST(CliInit, BadPolicyFileIsAUsageErrorNamingTheMember)
{
    const json good = json::parse(readFile(test::testDataDir() / "policy.json"));
    struct Case {
        std::string member;
        std::function<void(json&)> spoil;
    };
    const std::vector<Case> cases{
        {"time_zone", [](json& j) { j.erase("time_zone"); }},
        {"version", [](json& j) { j.erase("version"); }},
        {"services.day.unit_minutes", [](json& j) { j["services"]["day"]["unit_minutes"] = 45; }},
        {"services.visit.rounding", [](json& j) { j["services"]["visit"]["rounding"] = "upwards"; }},
        {"cancel_window_minutes", [](json& j) { j["cancel_window_minutes"] = "5"; }},
        {"coupon_types", [](json& j) { j.erase("coupon_types"); }},
    };
    TestIssuer issuer;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.member);
        test::TempDir tmp;
        json policy = good;
        c.spoil(policy);
        writeFile(tmp.path() / "policy.json", policy.dump());
        writeFile(tmp.path() / "trust.json", issuer.trustJson().dump());
        Sango s(tmp.path() / "data", inProcess());
        auto r = s.init(tmp.path() / "trust.json", "T1", tmp.path() / "policy.json");
        EXPECT_EQ(r.exit, 1) << r;
        EXPECT_EQ(r.result(), "invalid_config") << r;
        EXPECT_NE(r.err.find(c.member), std::string::npos) << "stderr does not name " << c.member << ": " << r.err;
        EXPECT_FALSE(fs::exists(tmp.path() / "data" / "sango.db")) << "a refused init created a store";
    }
    // Not JSON at all.
    test::TempDir tmp;
    writeFile(tmp.path() / "policy.json", "{\"version\": ");
    writeFile(tmp.path() / "trust.json", issuer.trustJson().dump());
    Sango s(tmp.path() / "data", inProcess());
    auto r = s.init(tmp.path() / "trust.json", "T1", tmp.path() / "policy.json");
    EXPECT_EQ(r.exit, 1) << r;
    EXPECT_FALSE(fs::exists(tmp.path() / "data" / "sango.db"));
}

// Files that cannot work together are refused at init (exit 1, invalid_config), before anything is created.
TEST(CliInit, RefusesATrustStoreWithoutAKeyOfThePolicysMunicipality)
{
    TestIssuer tokyo; // 131016, the test policy's municipality
    TestIssuer osaka("271004-test", "271004", 8);
    {
        test::TempDir tmp;
        writeFile(tmp.path() / "trust.json", osaka.trustJson().dump());
        Sango s(tmp.path() / "data", inProcess());
        auto r = s.init(tmp.path() / "trust.json");
        EXPECT_EQ(r.exit, 1) << r;
        EXPECT_EQ(r.result(), "invalid_config") << r;
        EXPECT_NE(r.err.find("131016"), std::string::npos) << "stderr does not name the municipality: " << r.err;
        EXPECT_FALSE(fs::exists(tmp.path() / "data")) << "a refused init created the data directory";
    }
    // With a key of each municipality it is accepted, and a coupon of the other municipality is refused at scan.
    test::TempDir tmp;
    json both = tokyo.trustJson();
    both.push_back(osaka.trustJson().at(0));
    writeFile(tmp.path() / "trust.json", both.dump());
    Sango s(tmp.path() / "data", inProcess());
    auto ok = s.init(tmp.path() / "trust.json");
    ASSERT_EQ(ok.exit, 0) << ok;
    TestIssuer::Claims c;
    c.couponId = couponId(195);
    auto refused = s.run({"scan", osaka.issue(c), "--service", "day", "--staff", "s1"});
    EXPECT_EQ(refused.exit, 2) << refused;
    EXPECT_EQ(refused.result(), "wrong_municipality") << refused;
    auto accepted = s.run({"scan", tokyo.issue(c), "--service", "day", "--staff", "s1"});
    EXPECT_EQ(accepted.exit, 0) << accepted;
    EXPECT_EQ(accepted.out.value("action", ""), "opened") << accepted;
}

TEST(CliInit, RefusesAProviderOfferingAServiceThePolicyHasNoRuleFor)
{
    TestIssuer issuer;
    json policy = json::parse(readFile(test::testDataDir() / "policy.json"));
    policy["services"].erase("visit");
    {
        test::TempDir tmp;
        writeFile(tmp.path() / "policy.json", policy.dump());
        writeFile(tmp.path() / "trust.json", issuer.trustJson().dump());
        Sango s(tmp.path() / "data", inProcess());
        // The test provider offers stay, day and visit.
        auto r = s.init(tmp.path() / "trust.json", "T1", tmp.path() / "policy.json");
        EXPECT_EQ(r.exit, 1) << r;
        EXPECT_EQ(r.result(), "invalid_config") << r;
        EXPECT_NE(r.err.find("visit"), std::string::npos) << "stderr does not name the service: " << r.err;
        EXPECT_FALSE(fs::exists(tmp.path() / "data")) << "a refused init created the data directory";
    }
    // A provider offering only what the policy has rules for is accepted.
    test::TempDir tmp;
    json provider = json::parse(readFile(test::testDataDir() / "provider.json"));
    provider["services"] = json::array({"stay", "day"});
    json prices = json::array();
    for (const auto& p : provider["prices"])
        if (p["service"] != "visit")
            prices.push_back(p);
    provider["prices"] = prices;
    writeFile(tmp.path() / "policy.json", policy.dump());
    writeFile(tmp.path() / "provider.json", provider.dump());
    writeFile(tmp.path() / "trust.json", issuer.trustJson().dump());
    Sango s(tmp.path() / "data", inProcess());
    auto ok = s.init(tmp.path() / "trust.json", "T1", tmp.path() / "policy.json", tmp.path() / "provider.json");
    EXPECT_EQ(ok.exit, 0) << ok;
}

// ---------------------------------------------------------------- verify

TEST_F(CliTest, VerifyOkPrintsTheCouponAndRecordsNothing)
{
    const std::string q = qr(1, 3780, {"stay", "visit"}, "multiple_birth");
    const State before = state();
    auto r = s->run({"verify", q});
    ASSERT_EQ(r.exit, 0) << r;
    EXPECT_EQ(r.out.value("result", ""), "ok");
    EXPECT_EQ(r.out.value("coupon_id", ""), couponId(1));
    EXPECT_EQ(r.out.value("coupon_type", ""), "multiple_birth");
    EXPECT_EQ(r.out.value("grant_minutes", 0), 3780);
    EXPECT_EQ(r.out.value("services", json()), json::array({"stay", "visit"}));
    ASSERT_TRUE(r.out.contains("message") && r.out["message"].is_string());
    EXPECT_FALSE(r.out["message"].get<std::string>().empty());
    expectUnchanged(before, "verify");
    expectRefusal(s->run({"balance", couponId(1)}), "unknown_coupon");
}

TEST_F(CliTest, VerifyRefusalsExitTwo)
{
    expectRefusal(s->run({"verify", "https://example.org/coupon"}), "not_a_coupon");
    TestIssuer::Claims c;
    c.couponId = couponId(2);
    c.exp = epoch(jst(2026, 4, 1, 0, 0));
    expectRefusal(s->run({"verify", m_issuer.issue(c)}), "expired");
    // --at moves the verification instant: before exp + 300 s it was fine.
    auto atOk = s->run({"verify", m_issuer.issue(c), "--at", "2026-03-31T23:59:00+09:00"});
    EXPECT_EQ(atOk.exit, 0) << atOk;
    EXPECT_EQ(atOk.out.value("result", ""), "ok");
}

class CredentialVectors : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_vectors = json::parse(readFile(test::testDataDir() / "credentials.json"));
        m_sango = std::make_unique<Sango>(m_tmp.path() / "data", inProcess());
        auto r = m_sango->init(test::testDataDir() / "trust.json");
        ASSERT_EQ(r.exit, 0) << r;
        ASSERT_EQ(m_vectors.at("now").get<std::int64_t>(), 1775000000);
    }
    void check(bool useAt)
    {
        const Instant now{std::chrono::seconds(m_vectors.at("now").get<std::int64_t>())};
        // The vectors' `now` (1775000000) is 2026-03-31T23:33:20Z, that is 2026-04-01T08:33:20+09:00.
        ASSERT_EQ(isoJst(now), "2026-04-01T08:33:20+09:00");
        const auto& vectors = m_vectors.at("vectors");
        ASSERT_GE(vectors.size(), 20u);
        for (const auto& v : vectors) {
            const std::string name = v.at("name").get<std::string>();
            const std::string expect = v.at("expect").get<std::string>();
            SCOPED_TRACE(name);
            std::vector<std::string> args{"verify", v.at("qr_text").get<std::string>()};
            if (useAt) {
                args.push_back("--at");
                args.push_back(isoJst(now));
            }
            // With --at the process clock is elsewhere (2026-04-03) and must not matter.
            auto r = m_sango->run(args, useAt ? defaultNow() : now);
            EXPECT_EQ(r.result(), expect) << r;
            EXPECT_EQ(r.exit, expect == "ok" ? 0 : 2) << r;
            if (expect == "ok" && v.contains("claims")) {
                EXPECT_EQ(r.out.value("coupon_id", ""), v["claims"].value("sub", "")) << r;
            }
        }
    }
    test::TempDir m_tmp;
    json m_vectors;
    std::unique_ptr<Sango> m_sango;
};

TEST_F(CredentialVectors, EveryVectorWithAt) { check(true); }
// Without --at: the command's own clock (a FakeClock in this process) at the vectors' `now`.
TEST_F(CredentialVectors, EveryVectorUnderFaketime) { check(false); }

// ---------------------------------------------------------------- scan

TEST_F(CliTest, ScanOpensIgnoresRepeatAndCloses)
{
    const std::string q = qr(10);
    const Instant t0 = jst(2026, 4, 3, 10, 0, 0);
    auto open = scan(q, "day", t0);
    ASSERT_EQ(open.exit, 0) << open;
    const json& o = open.out;
    EXPECT_EQ(o.value("action", ""), "opened");
    ASSERT_TRUE(o.contains("session_id") && o["session_id"].is_string());
    const std::string sid = o["session_id"].get<std::string>();
    EXPECT_FALSE(sid.empty());
    EXPECT_EQ(o.value("coupon_id", ""), couponId(10));
    EXPECT_EQ(o.value("service", ""), "day");
    EXPECT_EQ(o.value("start", ""), "2026-04-03T10:00:00+09:00");
    for (const char* k : {"stop", "actual_minutes", "billed_minutes"}) {
        ASSERT_TRUE(o.contains(k)) << k;
        EXPECT_TRUE(o[k].is_null()) << k << " of an open session";
    }
    EXPECT_EQ(o.value("balance_minutes", -1), 2520);
    EXPECT_EQ(o.value("flags", json()), json::array());

    const std::int64_t eventsAfterOpen = s->eventCount();
    auto repeat = scan(q, "day", t0 + std::chrono::seconds(5));
    ASSERT_EQ(repeat.exit, 0) << repeat;
    EXPECT_EQ(repeat.out.value("action", ""), "ignored");
    EXPECT_EQ(repeat.out.value("session_id", ""), sid);
    EXPECT_EQ(s->eventCount(), eventsAfterOpen) << "an ignored scan recorded something";
    EXPECT_EQ(s->sessions({"--open"}).size(), 1u);

    // 2 h 7 min 30 s: d = 127, floor((127 + 5) / 30) * 30 = 120.
    const Instant t1 = jst(2026, 4, 3, 12, 7, 30);
    auto close = scan(q, "day", t1);
    ASSERT_EQ(close.exit, 0) << close;
    const json& c = close.out;
    EXPECT_EQ(c.value("action", ""), "closed");
    EXPECT_EQ(c.value("session_id", ""), sid);
    EXPECT_EQ(c.value("start", ""), "2026-04-03T10:00:00+09:00");
    EXPECT_EQ(c.value("stop", ""), "2026-04-03T12:07:30+09:00");
    EXPECT_EQ(c.value("actual_minutes", -1), 127);
    EXPECT_EQ(c.value("billed_minutes", -1), 120);
    EXPECT_EQ(c.value("balance_minutes", -1), 2400);
    EXPECT_EQ(c.value("flags", json()), json::array());

    // A repeat right after the close does not open a new session.
    auto again = scan(q, "day", t1 + std::chrono::seconds(4));
    ASSERT_EQ(again.exit, 0) << again;
    EXPECT_EQ(again.out.value("action", ""), "ignored");
    EXPECT_EQ(s->sessions().size(), 1u);
    EXPECT_EQ(s->sessions({"--open"}).size(), 0u);

    // 11 s later it is a new instruction: a new session.
    auto next = scan(q, "visit", t1 + std::chrono::seconds(11));
    ASSERT_EQ(next.exit, 0) << next;
    EXPECT_EQ(next.out.value("action", ""), "opened");
    EXPECT_NE(next.out.value("session_id", ""), sid);
    EXPECT_EQ(next.out.value("service", ""), "visit");
    EXPECT_EQ(next.out.value("balance_minutes", -1), 2400);
}

TEST_F(CliTest, ScanRefusalsExitTwoAndChangeNothing)
{
    addStaff();
    // An open session and a closed one, so that "nothing changed" has something to compare.
    ASSERT_EQ(scan(qr(20), "day", jst(2026, 4, 3, 9, 0)).exit, 0);
    ASSERT_EQ(scan(qr(21), "stay", jst(2026, 4, 3, 9, 0)).exit, 0);
    ASSERT_EQ(scan(qr(21), "stay", jst(2026, 4, 3, 9, 45)).exit, 0);
    const State before = state();

    expectRefusal(scan("hello", "day", defaultNow()), "not_a_coupon");
    expectRefusal(scan(qr(22, 2520, {"visit"}), "stay", defaultNow()), "service_not_allowed");
    {
        TestIssuer::Claims c;
        c.couponId = couponId(23);
        c.exp = epoch(jst(2026, 4, 1, 0, 0));
        expectRefusal(scan(m_issuer.issue(c), "day", defaultNow()), "expired");
        c.couponId = couponId(24);
        c.exp = TestIssuer::Claims{}.exp;
        c.nbf = epoch(jst(2026, 5, 1, 0, 0));
        expectRefusal(scan(m_issuer.issue(c), "day", defaultNow()), "not_yet_valid");
        c.couponId = couponId(25);
        c.nbf = TestIssuer::Claims{}.nbf;
        c.iss = "271004";
        expectRefusal(scan(m_issuer.issue(c), "day", defaultNow()), "wrong_municipality");
    }
    {
        TestIssuer other("999999-test", "131016", 9);
        TestIssuer::Claims c;
        c.couponId = couponId(26);
        expectRefusal(scan(other.issue(c), "day", defaultNow()), "unknown_key");
    }
    {
        std::string tampered = qr(27);
        const std::size_t pos = tampered.size() - 20;
        tampered[pos] = tampered[pos] == 'A' ? 'B' : 'A';
        expectRefusal(scan(tampered, "day", defaultNow()), "bad_signature");
    }
    {
        std::string badId = couponId(28);
        badId.back() = badId.back() == 'Z' ? 'Y' : 'Z'; // wrong check character
        expectRefusal(s->run({"scan", "--id", badId, "--service", "day", "--staff", "s1"}), "malformed");
    }
    expectRefusal(scan(qr(29), "day", defaultNow(), "nobody"), "staff_unknown");
    expectUnchanged(before, "scan refusals");
}

TEST_F(CliTest, ScanCapsAtTheBalanceThenRefusesNoBalance)
{
    const std::string q = qr(30, 90, {"day"});
    auto a = scan(q, "day", jst(2026, 4, 3, 10, 0));
    ASSERT_EQ(a.exit, 0) << a;
    EXPECT_EQ(a.out.value("balance_minutes", -1), 90);
    // 61 min: 60 billed; 30 left.
    auto b = scan(q, "day", jst(2026, 4, 3, 11, 1));
    ASSERT_EQ(b.exit, 0) << b;
    EXPECT_EQ(b.out.value("billed_minutes", -1), 60);
    EXPECT_EQ(b.out.value("balance_minutes", -1), 30);
    EXPECT_EQ(b.out.value("flags", json()), json::array());
    // 40 min of day care: the minimum of 60 applies, then the balance of 30 caps it.
    auto c = scan(q, "day", jst(2026, 4, 3, 13, 0));
    ASSERT_EQ(c.exit, 0) << c;
    EXPECT_EQ(c.out.value("action", ""), "opened");
    EXPECT_EQ(c.out.value("balance_minutes", -1), 30);
    auto d = scan(q, "day", jst(2026, 4, 3, 13, 40));
    ASSERT_EQ(d.exit, 0) << d;
    EXPECT_EQ(d.out.value("action", ""), "closed");
    EXPECT_EQ(d.out.value("actual_minutes", -1), 40);
    EXPECT_EQ(d.out.value("billed_minutes", -1), 30);
    EXPECT_EQ(d.out.value("balance_minutes", -1), 0);
    EXPECT_EQ(d.out.value("flags", json()), json::array({"capped"}));

    const State before = state();
    expectRefusal(scan(q, "day", jst(2026, 4, 3, 14, 0)), "no_balance");
    expectRefusal(s->run({"scan", "--id", grouped(couponId(30)), "--service", "day", "--staff", "s1"},
                         jst(2026, 4, 3, 14, 1)),
                  "no_balance");
    expectUnchanged(before, "no_balance");

    auto bal = s->run({"balance", couponId(30)});
    ASSERT_EQ(bal.exit, 0) << bal;
    EXPECT_EQ(bal.out.value("grant_minutes", -1), 90);
    EXPECT_EQ(bal.out.value("used_minutes", -1), 90);
    EXPECT_EQ(bal.out.value("balance_minutes", -1), 0);
}

TEST_F(CliTest, TypedIdOfAnUnseenCouponIsUnverified)
{
    // Typed as printed, in lower case with hyphens.
    std::string typed = grouped(couponId(40));
    std::transform(typed.begin(), typed.end(), typed.begin(), [](char ch) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    });
    auto a = s->run({"scan", "--id", typed, "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 10, 0));
    ASSERT_EQ(a.exit, 0) << a;
    EXPECT_EQ(a.out.value("action", ""), "opened");
    EXPECT_EQ(a.out.value("coupon_id", ""), couponId(40));
    EXPECT_EQ(a.out.value("flags", json()), json::array({"unverified"}));
    ASSERT_TRUE(a.out.contains("balance_minutes"));
    EXPECT_TRUE(a.out["balance_minutes"].is_null()) << "an unverified id has no known balance";
    auto list = s->sessions();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].value("source", ""), "manual");
    EXPECT_EQ(list[0].value("flags", json()), json::array({"unverified"}));

    auto b = s->run({"scan", "--id", couponId(40), "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 11, 31));
    ASSERT_EQ(b.exit, 0) << b;
    EXPECT_EQ(b.out.value("action", ""), "closed");
    EXPECT_EQ(b.out.value("billed_minutes", -1), 90);
    EXPECT_EQ(b.out.value("flags", json()), json::array({"unverified"}));

    // A coupon verified by its QR once is known afterwards: a typed id is not unverified.
    ASSERT_EQ(scan(qr(41, 600), "stay", jst(2026, 4, 3, 12, 0)).exit, 0);
    ASSERT_EQ(scan(qr(41, 600), "stay", jst(2026, 4, 3, 13, 0)).exit, 0);
    auto c = s->run({"scan", "--id", grouped(couponId(41)), "--service", "stay", "--staff", "s1"},
                    jst(2026, 4, 3, 14, 0));
    ASSERT_EQ(c.exit, 0) << c;
    EXPECT_EQ(c.out.value("action", ""), "opened");
    EXPECT_EQ(c.out.value("flags", json()), json::array());
    EXPECT_EQ(c.out.value("balance_minutes", -1), 540);
    auto last = s->sessions({"--open"});
    ASSERT_EQ(last.size(), 1u);
    EXPECT_EQ(last[0].value("source", ""), "manual");
}

// Typed ids fold case, read O as 0 and I, L as 1, and drop spaces and hyphens (spec/credential.md).
TEST_F(CliTest, TypedIdIsNormalised)
{
    std::string id;
    std::uint64_t n = 200;
    for (;; ++n) {
        id = couponId(n);
        if (id.find('0') != std::string::npos && id.find('1') != std::string::npos)
            break;
    }
    std::string typed;
    for (std::size_t i = 0; i < id.size(); ++i) {
        if (i && i % 4 == 0)
            typed += i == 8 ? " " : "-";
        const char ch = id[i];
        typed += ch == '0' ? 'o' : ch == '1' ? (i % 2 ? 'L' : 'i') : static_cast<char>(std::tolower(ch));
    }
    ASSERT_NE(typed, id);
    auto r = s->run({"scan", "--id", typed, "--service", "visit", "--staff", "s1"}, jst(2026, 4, 3, 10, 0));
    ASSERT_EQ(r.exit, 0) << typed << ": " << r;
    EXPECT_EQ(r.out.value("coupon_id", ""), id) << typed;
    auto b = s->run({"balance", typed});
    EXPECT_EQ(b.exit, 0) << b;
    EXPECT_EQ(b.out.value("coupon_id", ""), id);
    // The QR of the same coupon closes that session: one coupon, however it was typed.
    auto q = scan(qr(n), "visit", jst(2026, 4, 3, 11, 0));
    ASSERT_EQ(q.exit, 0) << q;
    EXPECT_EQ(q.out.value("action", ""), "closed");
    EXPECT_EQ(q.out.value("session_id", ""), r.out.value("session_id", ""));
}

// With "allow_unverified_entry": false a typed id never verified is refused as unknown_coupon.
TEST(CliPolicy, UnverifiedEntryForbidden)
{
    test::TempDir tmp;
    TestIssuer issuer;
    json policy = json::parse(readFile(test::testDataDir() / "policy.json"));
    policy["allow_unverified_entry"] = false;
    writeFile(tmp.path() / "policy.json", policy.dump());
    writeFile(tmp.path() / "trust.json", issuer.trustJson().dump());
    Sango s(tmp.path() / "data", inProcess());
    ASSERT_EQ(s.init(tmp.path() / "trust.json", "T1", tmp.path() / "policy.json").exit, 0);
    const std::int64_t events = s.eventCount();
    auto r = s.run({"scan", "--id", couponId(180), "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 10, 0));
    EXPECT_EQ(r.exit, 2) << r;
    EXPECT_EQ(r.result(), "unknown_coupon") << r;
    EXPECT_EQ(s.eventCount(), events);
    TestIssuer::Claims c;
    c.couponId = couponId(180);
    const std::string q = issuer.issue(c);
    ASSERT_EQ(s.run({"scan", q, "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 10, 1)).exit, 0);
    ASSERT_EQ(s.run({"scan", q, "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 11, 1)).exit, 0);
    auto typed = s.run({"scan", "--id", couponId(180), "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 12, 0));
    EXPECT_EQ(typed.exit, 0) << "a coupon verified once may be typed: " << typed;
    EXPECT_EQ(typed.out.value("flags", json()), json::array());
}

// --key-file puts the key somewhere else (a USB key, a systemd credential): the data directory holds no key.
TEST(CliInit, KeyFileElsewhere)
{
    test::TempDir tmp;
    TestIssuer issuer;
    writeFile(tmp.path() / "trust.json", issuer.trustJson().dump());
    const fs::path key = tmp.path() / "keys" / "sango.key";
    fs::create_directories(key.parent_path());
    Sango s(tmp.path() / "data", inProcess());
    auto init = s.run({"--key-file", key.string(), "init", "--terminal-id", "T1", "--policy",
                       (test::testDataDir() / "policy.json").string(), "--provider",
                       (test::testDataDir() / "provider.json").string(), "--trust", (tmp.path() / "trust.json").string(),
                       "--demo"});
    ASSERT_EQ(init.exit, 0) << init;
    EXPECT_TRUE(fs::exists(key));
    EXPECT_FALSE(fs::exists(tmp.path() / "data" / "store.key"));
    EXPECT_EQ(fs::status(key).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
    auto without = s.run({"sessions"});
    EXPECT_EQ(without.exit, 3) << without;
    EXPECT_EQ(without.result(), "key_missing") << without;
    auto with = s.run({"--key-file", key.string(), "sessions"});
    EXPECT_EQ(with.exit, 0) << with;
    EXPECT_EQ(with.out, json::array());
}

// A session opened by a typed id never verified and closed by scanning the coupon's QR: the QR's grant caps it
// (spec/policy.md step 3), and the coupon is verified from then on.
TEST_F(CliTest, TypedIdSessionClosedByItsQrIsCappedByTheGrant)
{
    const std::string q = qr(45, 60, {"day"});
    auto open = s->run({"scan", "--id", couponId(45), "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 10, 0));
    ASSERT_EQ(open.exit, 0) << open;
    EXPECT_EQ(open.out.value("flags", json()), json::array({"unverified"}));
    // The QR, verified now, says the grant is 60 minutes; two hours of day care bill 120 before the cap.
    auto close = scan(q, "day", jst(2026, 4, 3, 12, 0));
    ASSERT_EQ(close.exit, 0) << close;
    EXPECT_EQ(close.out.value("action", ""), "closed");
    EXPECT_EQ(close.out.value("billed_minutes", json()), json(60)) << close;
    EXPECT_TRUE(hasFlag(close.out, "capped")) << close;
    EXPECT_EQ(close.out.value("balance_minutes", json()), json(0)) << close;
    auto bal = s->run({"balance", couponId(45)}, jst(2026, 4, 3, 12, 1));
    ASSERT_EQ(bal.exit, 0) << bal;
    EXPECT_EQ(bal.out.value("grant_minutes", json()), json(60)) << bal;
    EXPECT_EQ(bal.out.value("used_minutes", json()), json(60)) << bal;
}

// When the terminal's clock has stepped back (an RTC corrected by NTP, a kiosk rebooted with a wrong clock), a
// scan never records a session that ends before it starts: the close is refused (invalid_time) and a manager
// corrects.
TEST_F(CliTest, ClockSteppedBackNeverRecordsAStopBeforeTheStart)
{
    const std::string q = qr(47);
    auto open = scan(q, "day", jst(2026, 4, 3, 11, 0));
    ASSERT_EQ(open.exit, 0) << open;
    auto back = scan(q, "day", jst(2026, 4, 3, 10, 30)); // the clock went back 30 minutes
    EXPECT_EQ(back.exit, 2) << back;
    EXPECT_EQ(back.out.value("result", ""), "invalid_time") << back;
    for (const auto& row : s->sessions()) {
        if (!text(row, "stop").empty()) {
            EXPECT_GE(text(row, "stop"), text(row, "start")) << row;
        }
    }
}

// ---------------------------------------------------------------- cancel, correct, paper

TEST_F(CliTest, CancelWithinTheWindowAndTooLateAfter)
{
    addStaff();
    const std::string q = qr(50);
    ASSERT_EQ(scan(q, "day", jst(2026, 4, 3, 10, 0)).exit, 0);
    auto closed = scan(q, "day", jst(2026, 4, 3, 11, 0));
    ASSERT_EQ(closed.exit, 0) << closed;
    const std::string first = closed.out.value("session_id", "");
    EXPECT_EQ(closed.out.value("billed_minutes", -1), 60);

    // 3 minutes after the stop, within the 5-minute window: staff may cancel.
    auto c1 = s->run({"cancel", first, "--staff", "s1", "--reason", "mother_left"}, jst(2026, 4, 3, 11, 3));
    ASSERT_EQ(c1.exit, 0) << c1;
    EXPECT_EQ(c1.out.value("status", ""), "cancelled");
    EXPECT_EQ(c1.out.value("billed_minutes", -1), 0);
    auto bal = s->run({"balance", couponId(50)});
    EXPECT_EQ(bal.out.value("used_minutes", -1), 0) << bal;
    EXPECT_EQ(bal.out.value("balance_minutes", -1), 2520) << bal;
    expectRefusal(s->run({"cancel", first, "--staff", "s1", "--reason", "mother_left"}, jst(2026, 4, 3, 11, 4)),
                  "already_cancelled");

    // Closed at 12:00; at 12:06 the window is over for staff.
    ASSERT_EQ(scan(q, "day", jst(2026, 4, 3, 11, 10)).exit, 0);
    auto closed2 = scan(q, "day", jst(2026, 4, 3, 12, 0));
    ASSERT_EQ(closed2.exit, 0) << closed2;
    const std::string second = closed2.out.value("session_id", "");
    const State before = state();
    expectRefusal(s->run({"cancel", second, "--staff", "s1", "--reason", "mother_left"}, jst(2026, 4, 3, 12, 6)),
                  "too_late_to_cancel");
    expectRefusal(s->run({"cancel", "T1-999999", "--staff", "s1", "--reason", "mother_left"}, jst(2026, 4, 3, 12, 6)),
                  "session_not_found");
    expectUnchanged(before, "refused cancel");

    // An open session opened by mistake.
    auto open = scan(q, "day", jst(2026, 4, 3, 13, 0));
    ASSERT_EQ(open.exit, 0) << open;
    const std::string third = open.out.value("session_id", "");
    auto c3 = s->run({"cancel", third, "--staff", "s1", "--reason", "opened_by_mistake"}, jst(2026, 4, 3, 13, 2));
    ASSERT_EQ(c3.exit, 0) << c3;
    EXPECT_EQ(c3.out.value("status", ""), "cancelled");
    EXPECT_TRUE(s->sessions({"--open"}).empty());

    const json all = s->sessions();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].value("status", ""), "cancelled");
    EXPECT_EQ(all[1].value("status", ""), "closed");
    EXPECT_EQ(all[1].value("billed_minutes", -1), 60);
    EXPECT_EQ(all[2].value("status", ""), "cancelled");
    EXPECT_EQ(all[2].value("billed_minutes", -1), 0);
}

// "up to cancel_window_minutes after its stop": 5:00 after is in, 5:01 is out.
TEST_F(CliTest, CancelWindowBoundary)
{
    addStaff();
    const std::string q = qr(55);
    ASSERT_EQ(scan(q, "day", jst(2026, 4, 3, 14, 0)).exit, 0);
    auto a = scan(q, "day", jst(2026, 4, 3, 14, 30));
    ASSERT_EQ(a.exit, 0) << a;
    auto inWindow = s->run({"cancel", a.out.value("session_id", ""), "--staff", "s1", "--reason", "mother_left"},
                           jst(2026, 4, 3, 14, 35, 0));
    EXPECT_EQ(inWindow.exit, 0) << inWindow;
    ASSERT_EQ(scan(q, "day", jst(2026, 4, 3, 15, 0)).exit, 0);
    auto b = scan(q, "day", jst(2026, 4, 3, 15, 30));
    ASSERT_EQ(b.exit, 0) << b;
    expectRefusal(s->run({"cancel", b.out.value("session_id", ""), "--staff", "s1", "--reason", "mother_left"},
                         jst(2026, 4, 3, 15, 35, 1)),
                  "too_late_to_cancel");
}

TEST_F(CliTest, CorrectionIsANewEventWithReasonAndFlag)
{
    addStaff();
    const std::string q = qr(60);
    ASSERT_EQ(scan(q, "day", jst(2026, 4, 3, 10, 0)).exit, 0);
    auto closed = scan(q, "day", jst(2026, 4, 3, 16, 0)); // the stop was forgotten until 16:00
    ASSERT_EQ(closed.exit, 0) << closed;
    EXPECT_EQ(closed.out.value("billed_minutes", -1), 360);
    const std::string sid = closed.out.value("session_id", "");
    const Instant now = jst(2026, 4, 3, 16, 30);

    const State before = state();
    expectRefusal(s->run({"correct", sid, "--start", "2026-04-03T10:00:00+09:00", "--stop", "2026-04-03T11:10:00+09:00",
                          "--staff", "s1", "--reason", "forgotten_stop"},
                         now),
                  "not_permitted");
    expectRefusal(s->run({"correct", sid, "--start", "2026-04-03T10:00:00+09:00", "--stop", "2026-04-03T09:10:00+09:00",
                          "--staff", "m1", "--reason", "forgotten_stop"},
                         now),
                  "invalid_time");
    expectRefusal(s->run({"correct", sid, "--start", "2026-04-03T10:00:00+09:00", "--stop", "2026-04-03T17:00:00+09:00",
                          "--staff", "m1", "--reason", "forgotten_stop"},
                         now),
                  "invalid_time");
    expectRefusal(s->run({"correct", "T1-999999", "--start", "2026-04-03T10:00:00+09:00", "--stop",
                          "2026-04-03T11:10:00+09:00", "--staff", "m1", "--reason", "forgotten_stop"},
                         now),
                  "session_not_found");
    expectUnchanged(before, "refused corrections");

    auto r = s->run({"correct", sid, "--start", "2026-04-03T10:00:00+09:00", "--stop", "2026-04-03T11:10:00+09:00",
                     "--staff", "m1", "--reason", "forgotten_stop"},
                    now);
    ASSERT_EQ(r.exit, 0) << r;
    // 70 min: floor(75 / 30) * 30 = 60, the day minimum is 60.
    EXPECT_EQ(r.out.value("billed_minutes", -1), 60);
    EXPECT_EQ(r.out.value("actual_minutes", -1), 70);
    EXPECT_EQ(r.out.value("stop", ""), "2026-04-03T11:10:00+09:00");
    EXPECT_EQ(r.out.value("correction_reason", ""), "forgotten_stop");
    EXPECT_EQ(s->eventCount(), before.events + 1) << "a correction is exactly one new event";

    const json list = s->sessions();
    ASSERT_EQ(list.size(), 1u);
    const json& row = list[0];
    EXPECT_EQ(row.value("session_id", ""), sid);
    EXPECT_EQ(row.value("status", ""), "closed");
    EXPECT_EQ(row.value("start", ""), "2026-04-03T10:00:00+09:00");
    EXPECT_EQ(row.value("stop", ""), "2026-04-03T11:10:00+09:00");
    EXPECT_EQ(row.value("billed_minutes", -1), 60);
    EXPECT_EQ(row.value("correction_reason", ""), "forgotten_stop");
    EXPECT_TRUE(hasFlag(row, "corrected")) << row;
    auto bal = s->run({"balance", couponId(60)});
    EXPECT_EQ(bal.out.value("used_minutes", -1), 60) << bal;

    // The history shows both: the original close (16:00, 360 billed, by s1) and the correction naming it.
    auto h = s->run({"history", sid});
    ASSERT_EQ(h.exit, 0) << h;
    ASSERT_TRUE(h.out.is_array()) << h;
    ASSERT_EQ(h.out.size(), 3u) << h;
    EXPECT_EQ(h.out[0].value("type", ""), "session_opened");
    EXPECT_EQ(h.out[1].value("type", ""), "session_closed");
    EXPECT_EQ(h.out[1].value("stop", ""), "2026-04-03T16:00:00+09:00");
    EXPECT_EQ(h.out[1].value("billed_minutes", -1), 360);
    EXPECT_EQ(h.out[1].value("staff_id", ""), "s1");
    EXPECT_EQ(h.out[2].value("type", ""), "session_corrected");
    EXPECT_EQ(h.out[2].value("corrects", ""), h.out[1].value("event_id", "x"));
    EXPECT_EQ(h.out[2].value("staff_id", ""), "m1");
    EXPECT_EQ(h.out[2].value("reason", ""), "forgotten_stop");
    EXPECT_EQ(h.out[2].value("stop", ""), "2026-04-03T11:10:00+09:00");
    expectRefusal(s->run({"history", "T1-999999"}), "session_not_found");
}

TEST_F(CliTest, CorrectionClosesAForgottenOpenSessionAndMovesItsDate)
{
    addStaff();
    const std::string q = qr(65);
    auto open = scan(q, "day", jst(2026, 4, 3, 10, 0));
    ASSERT_EQ(open.exit, 0) << open;
    const std::string sid = open.out.value("session_id", "");
    // Times with Z: 2026-03-31T14:00Z is 23:00 on March 31 in Tokyo, so the session moves to March.
    auto r = s->run({"correct", sid, "--start", "2026-03-31T14:00:00Z", "--stop", "2026-03-31T16:00:00Z", "--staff",
                     "m1", "--reason", "forgotten_stop"},
                    jst(2026, 4, 3, 11, 0));
    ASSERT_EQ(r.exit, 0) << r;
    EXPECT_EQ(r.out.value("status", ""), "closed");
    EXPECT_EQ(r.out.value("start", ""), "2026-03-31T23:00:00+09:00");
    EXPECT_EQ(r.out.value("stop", ""), "2026-04-01T01:00:00+09:00");
    EXPECT_EQ(r.out.value("date", ""), "2026-03-31");
    EXPECT_EQ(r.out.value("billed_minutes", -1), 120);
    EXPECT_TRUE(s->sessions({"--open"}).empty()) << "the corrected session is closed";
    const json march = s->sessions({"--month", "2026-03"});
    ASSERT_EQ(march.size(), 1u);
    EXPECT_EQ(march[0].value("session_id", ""), sid);
    EXPECT_TRUE(s->sessions({"--month", "2026-04"}).empty());
    auto totals = s->run({"report", "totals", "--month", "2026-04", "--format", "csv"});
    ASSERT_FALSE(splitCsv(totals.raw).lines.empty());
    EXPECT_EQ(splitCsv(totals.raw).lines.back(), "total,0,0,,0") << "a session moved to March bills nothing in April";
    // The coupon has no open session any more: the next scan opens one.
    auto next = scan(q, "day", jst(2026, 4, 3, 11, 5));
    ASSERT_EQ(next.exit, 0) << next;
    EXPECT_EQ(next.out.value("action", ""), "opened");
    EXPECT_EQ(next.out.value("balance_minutes", -1), 2520 - 120);
    // A session cancelled by mistake is brought back by a manager's correction, and billed.
    auto cancelled = s->run({"cancel", next.out.value("session_id", ""), "--staff", "s1", "--reason", "opened_by_mistake"},
                            jst(2026, 4, 3, 11, 6));
    ASSERT_EQ(cancelled.exit, 0) << cancelled;
    auto again = s->run({"correct", next.out.value("session_id", ""), "--start", "2026-04-03T11:05:00+09:00", "--stop",
                         "2026-04-03T11:06:00+09:00", "--staff", "m1", "--reason", "wrong_time"},
                        jst(2026, 4, 3, 11, 7));
    EXPECT_EQ(again.exit, 0) << again;
    EXPECT_EQ(again.out.value("status", ""), "closed") << again;
    EXPECT_EQ(again.out.value("correction_reason", ""), "wrong_time") << again;
}

TEST_F(CliTest, PaperTicketSession)
{
    addStaff();
    const Instant now = jst(2026, 4, 3, 10, 0);
    auto r = s->run({"paper", "--ticket", "PT-0001", "--service", "day", "--start", "2026-04-02T13:00:00+09:00",
                     "--stop", "2026-04-02T15:10:00+09:00", "--staff", "m1"},
                    now);
    ASSERT_EQ(r.exit, 0) << r;
    EXPECT_EQ(r.out.value("source", ""), "paper");
    EXPECT_EQ(r.out.value("coupon_id", ""), "PT-0001");
    EXPECT_EQ(r.out.value("date", ""), "2026-04-02");
    EXPECT_EQ(r.out.value("actual_minutes", -1), 130);
    EXPECT_EQ(r.out.value("billed_minutes", -1), 120);
    EXPECT_EQ(r.out.value("status", ""), "closed");

    const State before = state();
    expectRefusal(s->run({"paper", "--ticket", "PT-0001", "--service", "day", "--start", "2026-04-02T16:00:00+09:00",
                          "--stop", "2026-04-02T17:10:00+09:00", "--staff", "m1"},
                         now),
                  "duplicate_ticket");
    expectRefusal(s->run({"paper", "--ticket", "PT-0002", "--service", "day", "--start", "2026-04-02T16:00:00+09:00",
                          "--stop", "2026-04-02T17:10:00+09:00", "--staff", "s1"},
                         now),
                  "not_permitted");
    expectRefusal(s->run({"paper", "--ticket", "PT-0003", "--service", "day", "--start", "2026-04-03T09:00:00+09:00",
                          "--stop", "2026-04-03T11:00:00+09:00", "--staff", "m1"},
                         now),
                  "invalid_time");
    expectUnchanged(before, "refused paper");

    const json list = s->sessions({"--month", "2026-04"});
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].value("source", ""), "paper");
    EXPECT_EQ(list[0].value("start", ""), "2026-04-02T13:00:00+09:00");
}

// ---------------------------------------------------------------- sessions, balance

TEST_F(CliTest, SessionsFilterByOpenAndMonthAndRenderCsv)
{
    // 2026-03-31 23:30 JST to 2026-04-01 00:40: attributed to March.
    const std::string a = qr(70), b = qr(71);
    ASSERT_EQ(scan(a, "stay", jst(2026, 3, 31, 23, 30)).exit, 0);
    auto marchClose = scan(a, "stay", jst(2026, 4, 1, 0, 40));
    ASSERT_EQ(marchClose.exit, 0) << marchClose;
    ASSERT_EQ(scan(b, "day", jst(2026, 4, 3, 9, 0)).exit, 0);
    ASSERT_EQ(scan(b, "day", jst(2026, 4, 3, 10, 0)).exit, 0);
    auto open = scan(a, "visit", jst(2026, 4, 3, 10, 5));
    ASSERT_EQ(open.exit, 0) << open;

    const json all = s->sessions();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].value("date", ""), "2026-03-31");
    EXPECT_EQ(all[0].value("stop", ""), "2026-04-01T00:40:00+09:00");
    EXPECT_EQ(all[0].value("billed_minutes", -1), 60); // 70 min of stay: floor(75/30)*30
    EXPECT_EQ(all[2].value("status", ""), "open");
    for (const auto& row : all)
        for (const char* k : {"session_id", "coupon_id", "source", "service", "date", "start", "stop",
                              "actual_minutes", "billed_minutes", "staff_id", "status", "flags", "correction_reason"})
            EXPECT_TRUE(row.contains(k)) << k;

    const json openOnly = s->sessions({"--open"});
    ASSERT_EQ(openOnly.size(), 1u);
    EXPECT_EQ(openOnly[0].value("session_id", ""), open.out.value("session_id", ""));
    const json march = s->sessions({"--month", "2026-03"});
    ASSERT_EQ(march.size(), 1u);
    EXPECT_EQ(march[0].value("session_id", ""), marchClose.out.value("session_id", ""));
    EXPECT_EQ(s->sessions({"--month", "2026-04"}).size(), 2u);
    EXPECT_EQ(s->sessions({"--month", "2026-05"}).size(), 0u);

    auto csv = s->run({"sessions", "--format", "csv"});
    ASSERT_EQ(csv.exit, 0) << csv;
    const CsvLines lines = splitCsv(csv.raw);
    EXPECT_TRUE(lines.bom);
    EXPECT_TRUE(lines.crlfOnly);
    ASSERT_EQ(lines.lines.size(), 4u) << csv.raw;
    EXPECT_EQ(lines.lines[0], "session_id,coupon_id,source,service,date,start,stop,actual_minutes,billed_minutes,"
                              "staff_id,status,flags,correction_reason");
    const auto f = splitFields(lines.lines[1]);
    ASSERT_EQ(f.size(), 13u);
    EXPECT_EQ(f[0], all[0].value("session_id", ""));
    EXPECT_EQ(f[1], couponId(70));
    EXPECT_EQ(f[2], "qr");
    EXPECT_EQ(f[3], "stay");
    EXPECT_EQ(f[4], "2026-03-31");
    EXPECT_EQ(f[5], "2026-03-31T23:30:00+09:00");
    EXPECT_EQ(f[6], "2026-04-01T00:40:00+09:00");
    EXPECT_EQ(f[7], "70");
    EXPECT_EQ(f[8], "60");
    EXPECT_EQ(f[9], "s1");
    EXPECT_EQ(f[10], "closed");
    const auto fo = splitFields(lines.lines[3]);
    ASSERT_EQ(fo.size(), 13u);
    EXPECT_EQ(fo[6], "");
    EXPECT_EQ(fo[10], "open");
}

TEST_F(CliTest, BalanceOfACoupon)
{
    const std::string q = qr(80, 600);
    ASSERT_EQ(scan(q, "stay", jst(2026, 4, 2, 20, 0)).exit, 0);
    ASSERT_EQ(scan(q, "stay", jst(2026, 4, 3, 8, 26)).exit, 0); // 746 min: floor(751/30)*30 = 750
    auto r = s->run({"balance", grouped(couponId(80))}, jst(2026, 4, 3, 9, 0));
    ASSERT_EQ(r.exit, 0) << r;
    EXPECT_EQ(r.out.value("coupon_id", ""), couponId(80));
    EXPECT_EQ(r.out.value("grant_minutes", -1), 600);
    EXPECT_EQ(r.out.value("used_minutes", -1), 600); // capped at the grant
    EXPECT_EQ(r.out.value("balance_minutes", -1), 0);
    EXPECT_EQ(r.out.value("as_of", ""), "2026-04-03T09:00:00+09:00");
    EXPECT_EQ(r.out.value("source", ""), "local");
    expectRefusal(s->run({"balance", couponId(81)}), "unknown_coupon");
}

// ---------------------------------------------------------------- reports

class CliReports : public CliTest {
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        addStaff();
        const std::string a = qr(90), b = qr(91), c = qr(92);
        auto ok = [&](const CliResult& r) { ASSERT_EQ(r.exit, 0) << r; };
        ok(scan(a, "stay", jst(2026, 4, 3, 10, 0)));
        ok(scan(b, "day", jst(2026, 4, 3, 10, 0)));
        auto cOpen = scan(c, "day", jst(2026, 4, 3, 10, 5));
        ok(cOpen);
        ok(s->run({"cancel", cOpen.out.value("session_id", ""), "--staff", "s1", "--reason", "opened_by_mistake"},
                  jst(2026, 4, 3, 10, 6)));
        ok(scan(b, "day", jst(2026, 4, 3, 12, 7)));       // 127 → 120
        ok(scan(a, "stay", jst(2026, 4, 4, 9, 47, 30)));  // 1427 → 1410
        ok(scan(b, "visit", jst(2026, 4, 5, 9, 0)));
        ok(scan(b, "visit", jst(2026, 4, 5, 9, 20)));     // 20 → 0 → min 30
        ok(s->run({"paper", "--ticket", "PT-7", "--service", "day", "--start", "2026-04-02T13:00:00+09:00", "--stop",
                   "2026-04-02T15:10:00+09:00", "--staff", "m1"},
                  jst(2026, 4, 5, 12, 0)));               // 130 → 120
        s->setNow(jst(2026, 4, 6, 9, 0));
    }
};

TEST_F(CliReports, MonthlyJsonAndCsv)
{
    auto j = s->run({"report", "monthly", "--month", "2026-04"});
    ASSERT_EQ(j.exit, 0) << j;
    ASSERT_TRUE(j.out.is_array()) << j;
    ASSERT_EQ(j.out.size(), 5u);
    std::vector<std::string> starts;
    for (const auto& row : j.out)
        starts.push_back(row.value("start", ""));
    EXPECT_TRUE(std::is_sorted(starts.begin(), starts.end())) << "monthly lines must be in start order";
    EXPECT_EQ(j.out[0].value("source", ""), "paper");
    std::map<std::string, int> statuses;
    for (const auto& row : j.out)
        ++statuses[row.value("status", "")];
    EXPECT_EQ(statuses["closed"], 4);
    EXPECT_EQ(statuses["cancelled"], 1);

    auto c = s->run({"report", "monthly", "--month", "2026-04", "--format", "csv"});
    ASSERT_EQ(c.exit, 0) << c;
    const CsvLines lines = splitCsv(c.raw);
    EXPECT_TRUE(lines.bom);
    EXPECT_TRUE(lines.crlfOnly);
    ASSERT_EQ(lines.lines.size(), 6u);
    EXPECT_EQ(lines.lines[0], "session_id,coupon_id,source,service,date,start,stop,actual_minutes,billed_minutes,"
                              "staff_id,status,flags,correction_reason");
    for (std::size_t i = 1; i < lines.lines.size(); ++i) {
        const auto f = splitFields(lines.lines[i]);
        ASSERT_EQ(f.size(), 13u);
        EXPECT_EQ(f[0], j.out[i - 1].value("session_id", ""));
        EXPECT_EQ(f[10], j.out[i - 1].value("status", ""));
    }
}

TEST_F(CliReports, DailyJsonAndCsv)
{
    auto j = s->run({"report", "daily", "--month", "2026-04"});
    ASSERT_EQ(j.exit, 0) << j;
    const json expected = json::parse(R"([
        {"date": "2026-04-02", "service": "day", "sessions": 1, "billed_minutes": 120},
        {"date": "2026-04-03", "service": "stay", "sessions": 1, "billed_minutes": 1410},
        {"date": "2026-04-03", "service": "day", "sessions": 1, "billed_minutes": 120},
        {"date": "2026-04-05", "service": "visit", "sessions": 1, "billed_minutes": 30}])");
    EXPECT_EQ(j.out, expected);

    auto c = s->run({"report", "daily", "--month", "2026-04", "--format", "csv"});
    ASSERT_EQ(c.exit, 0) << c;
    EXPECT_EQ(c.raw, "\xEF\xBB\xBF"
                     "date,service,sessions,billed_minutes\r\n"
                     "2026-04-02,day,1,120\r\n"
                     "2026-04-03,stay,1,1410\r\n"
                     "2026-04-03,day,1,120\r\n"
                     "2026-04-05,visit,1,30\r\n");
}

TEST_F(CliReports, TotalsJsonCsvAndOutFile)
{
    const std::int64_t stayYen = model::amountYen(1410, 1300);
    const std::int64_t dayYen = model::amountYen(240, 3400);
    const std::int64_t visitYen = model::amountYen(30, 5000);
    auto j = s->run({"report", "totals", "--month", "2026-04", "--format", "json"});
    ASSERT_EQ(j.exit, 0) << j;
    const json expected = {
        {{"service", "stay"}, {"sessions", 1}, {"billed_minutes", 1410}, {"yen_per_hour", 1300}, {"amount_yen", stayYen}},
        {{"service", "day"}, {"sessions", 2}, {"billed_minutes", 240}, {"yen_per_hour", 3400}, {"amount_yen", dayYen}},
        {{"service", "visit"}, {"sessions", 1}, {"billed_minutes", 30}, {"yen_per_hour", 5000}, {"amount_yen", visitYen}},
    };
    EXPECT_EQ(j.out, expected);

    auto c = s->run({"report", "totals", "--month", "2026-04", "--format", "csv"});
    ASSERT_EQ(c.exit, 0) << c;
    const std::string expectedCsv = "\xEF\xBB\xBF"
                                    "service,sessions,billed_minutes,yen_per_hour,amount_yen\r\n"
                                    "stay,1,1410,1300," + std::to_string(stayYen) + "\r\n"
                                    "day,2,240,3400," + std::to_string(dayYen) + "\r\n"
                                    "visit,1,30,5000," + std::to_string(visitYen) + "\r\n"
                                    "total,4,1680,," + std::to_string(stayYen + dayYen + visitYen) + "\r\n";
    EXPECT_EQ(c.raw, expectedCsv);

    const fs::path out = m_store->root() / "totals.csv";
    auto f = s->run({"report", "totals", "--month", "2026-04", "--format", "csv", "--out", out.string()});
    ASSERT_EQ(f.exit, 0) << f;
    EXPECT_TRUE(f.raw.empty()) << "with --out nothing goes to stdout: " << f.raw;
    ASSERT_TRUE(fs::exists(out));
    EXPECT_EQ(readFile(out), expectedCsv);
    const fs::path outJson = m_store->root() / "daily.json";
    auto fj = s->run({"report", "daily", "--month", "2026-04", "--out", outJson.string()});
    ASSERT_EQ(fj.exit, 0) << fj;
    EXPECT_EQ(json::parse(readFile(outJson)).size(), 4u);

    // A month with nothing: the services with zero, and a zero total.
    auto may = s->run({"report", "totals", "--month", "2026-05", "--format", "csv"});
    ASSERT_EQ(may.exit, 0) << may;
    const CsvLines ml = splitCsv(may.raw);
    ASSERT_FALSE(ml.lines.empty());
    EXPECT_EQ(ml.lines.back(), "total,0,0,,0");
}

// Prices have effective dates: a month with two day prices has two day lines, each amount floored on its own
// (spec/policy.md: Σ over the price periods of floor(minutes × yen / 60)).
TEST(CliPrices, TotalsSplitByPricePeriodFloorEachPeriod)
{
    test::TempDir tmp;
    TestIssuer issuer;
    json provider = json::parse(readFile(test::testDataDir() / "provider.json"));
    provider["prices"] = json::parse(R"([
        {"service": "stay", "yen_per_hour": 1300, "from": "2026-04-01"},
        {"service": "day", "yen_per_hour": 3401, "from": "2026-04-01"},
        {"service": "day", "yen_per_hour": 3601, "from": "2026-04-16"},
        {"service": "visit", "yen_per_hour": 5000, "from": "2026-04-01"}])");
    writeFile(tmp.path() / "provider.json", provider.dump());
    writeFile(tmp.path() / "trust.json", issuer.trustJson().dump());
    Sango s(tmp.path() / "data", inProcess());
    auto init = s.init(tmp.path() / "trust.json", "T1", test::testDataDir() / "policy.json", tmp.path() / "provider.json");
    ASSERT_EQ(init.exit, 0) << init;
    TestIssuer::Claims c;
    c.couponId = couponId(150);
    const std::string q = issuer.issue(c);
    auto scanAt = [&](Instant t) {
        auto r = s.run({"scan", q, "--service", "day", "--staff", "s1"}, t);
        EXPECT_EQ(r.exit, 0) << r;
    };
    scanAt(jst(2026, 4, 15, 23, 0)); // 95 min → 90, on the 15th: 3401 yen/h
    scanAt(jst(2026, 4, 16, 0, 35));
    scanAt(jst(2026, 4, 16, 9, 0)); // 95 min → 90, on the 16th: 3601 yen/h
    scanAt(jst(2026, 4, 16, 10, 35));
    auto csv = s.run({"report", "totals", "--month", "2026-04", "--format", "csv"}, jst(2026, 5, 1, 9, 0));
    ASSERT_EQ(csv.exit, 0) << csv;
    const std::int64_t a = model::amountYen(90, 3401), b = model::amountYen(90, 3601);
    ASSERT_EQ(a, 5101);
    ASSERT_EQ(b, 5401);
    EXPECT_EQ(csv.raw, "\xEF\xBB\xBF"
                       "service,sessions,billed_minutes,yen_per_hour,amount_yen\r\n"
                       "stay,0,0,1300,0\r\n"
                       "day,1,90,3401,5101\r\n"
                       "day,1,90,3601,5401\r\n"
                       "visit,0,0,5000,0\r\n"
                       "total,2,180,,10502\r\n");
}

// The three rounding rules of spec/policy.md with another municipality's policy, through paper sessions (no
// balance in the way) and one scanned session: ceil with grace, nearest (half up), floor without grace.
TEST(CliPolicy, RoundingRulesOfThePolicy)
{
    test::TempDir tmp;
    TestIssuer issuer;
    json policy = json::parse(readFile(test::testDataDir() / "policy.json"));
    policy["services"]["stay"] = {{"unit_minutes", 15}, {"rounding", "ceil"}, {"grace_minutes", 5},
                                  {"min_minutes", 0}, {"max_minutes", 0}};
    policy["services"]["day"] = {{"unit_minutes", 60}, {"rounding", "nearest"}, {"grace_minutes", 0},
                                 {"min_minutes", 0}, {"max_minutes", 0}};
    policy["services"]["visit"] = {{"unit_minutes", 30}, {"rounding", "floor"}, {"grace_minutes", 0},
                                   {"min_minutes", 0}, {"max_minutes", 90}};
    writeFile(tmp.path() / "policy.json", policy.dump());
    writeFile(tmp.path() / "trust.json", issuer.trustJson().dump());
    Sango s(tmp.path() / "data", inProcess());
    auto init = s.init(tmp.path() / "trust.json", "T1", tmp.path() / "policy.json");
    ASSERT_EQ(init.exit, 0) << init;

    // The spec's formulas, here and nowhere else.
    auto expected = [](const std::string& service, std::int64_t d) -> std::int64_t {
        if (service == "stay") {
            const std::int64_t x = std::max<std::int64_t>(d - 5, 0);
            return (x + 15 - 1) / 15 * 15;
        }
        if (service == "day")
            return (d + 30) / 60 * 60;
        return std::min<std::int64_t>(d / 30 * 30, 90);
    };
    struct Case {
        std::string service;
        int minutes;
        int seconds;
    };
    const std::vector<Case> cases{{"stay", 0, 59}, {"stay", 5, 0},  {"stay", 20, 0}, {"stay", 20, 59}, {"stay", 21, 0},
                                  {"stay", 35, 30}, {"stay", 36, 0}, {"day", 29, 59}, {"day", 30, 0},  {"day", 89, 0},
                                  {"day", 90, 0},  {"visit", 29, 59}, {"visit", 59, 0}, {"visit", 150, 0}};
    int ticket = 0;
    for (const auto& c : cases) {
        const Instant start = jst(2026, 4, 2, 9, 0) + std::chrono::hours(ticket);
        const Instant stop = start + std::chrono::minutes(c.minutes) + std::chrono::seconds(c.seconds);
        auto r = s.run({"paper", "--ticket", "R-" + std::to_string(++ticket), "--service", c.service, "--start",
                        isoJst(start), "--stop", isoJst(stop), "--staff", "m1"},
                       jst(2026, 4, 3, 10, 0));
        ASSERT_EQ(r.exit, 0) << r;
        EXPECT_EQ(r.out.value("actual_minutes", -1), c.minutes) << c.service << " " << c.minutes << ":" << c.seconds;
        EXPECT_EQ(r.out.value("billed_minutes", json()), json(expected(c.service, c.minutes)))
            << c.service << " " << c.minutes << ":" << c.seconds << "\n" << r;
    }
    // A scanned stay of 20 min 30 s: ceil((20 - 5) / 15) * 15 = 15.
    TestIssuer::Claims cl;
    cl.couponId = couponId(170);
    const std::string q = issuer.issue(cl);
    ASSERT_EQ(s.run({"scan", q, "--service", "stay", "--staff", "s1"}, jst(2026, 4, 3, 11, 0)).exit, 0);
    auto closed = s.run({"scan", q, "--service", "stay", "--staff", "s1"}, jst(2026, 4, 3, 11, 20, 30));
    ASSERT_EQ(closed.exit, 0) << closed;
    EXPECT_EQ(closed.out.value("billed_minutes", -1), 15) << closed;
}

// --lang chooses the language of the human messages; the result code stays the same.
TEST_F(CliTest, LanguageOfMessages)
{
    const Sango bin = binary();
    std::map<std::string, std::string> messages;
    for (const char* lang : {"ja", "en", "zh"}) {
        auto r = bin.run({"--lang", lang, "scan", "hello", "--service", "day", "--staff", "s1"});
        EXPECT_EQ(r.exit, 2) << r;
        EXPECT_EQ(r.result(), "not_a_coupon") << r;
        messages[lang] = text(r.out, "message");
        EXPECT_FALSE(messages[lang].empty()) << lang;
        EXPECT_NE(r.err.find(messages[lang]), std::string::npos) << lang << ": stderr says it too: " << r.err;
    }
    EXPECT_NE(messages["ja"], messages["en"]);
    EXPECT_NE(messages["zh"], messages["en"]);
    EXPECT_NE(messages["ja"], messages["zh"]);
    const auto nonAscii = [](const std::string& t) {
        return std::any_of(t.begin(), t.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; });
    };
    EXPECT_TRUE(nonAscii(messages["ja"]));
    EXPECT_TRUE(nonAscii(messages["zh"]));
    EXPECT_FALSE(nonAscii(messages["en"]));
}

// Without --lang the language is the environment's: LANGUAGE (its first entry), then LC_ALL, LC_MESSAGES, LANG;
// English when none names ja or zh, and a set LC_ALL that names another language decides (the real binary).
TEST_F(CliTest, LanguageFromTheEnvironment)
{
    const json words = json::parse(readFile(test::testDataDir() / "cli_words.json")).at("staff").at("not_a_coupon");
    struct Case {
        std::map<std::string, std::string> env;
        std::string lang;
    };
    const std::vector<Case> cases{
        {{{"LANGUAGE", ""}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}, {"LANG", "ja_JP.UTF-8"}}, "ja"},
        {{{"LANGUAGE", "zh_CN:en"}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}, {"LANG", "ja_JP.UTF-8"}}, "zh"},
        {{{"LANGUAGE", ""}, {"LC_ALL", "C"}, {"LC_MESSAGES", ""}, {"LANG", "ja_JP.UTF-8"}}, "en"},
        {{{"LANGUAGE", ""}, {"LC_ALL", ""}, {"LC_MESSAGES", "zh_CN.UTF-8"}, {"LANG", "ja_JP.UTF-8"}}, "zh"},
        {{{"LANGUAGE", ""}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}, {"LANG", "fr_FR.UTF-8"}}, "en"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.lang + ": " + json(c.env).dump());
        auto r = Sango::runBare({"--data-dir", s->dataDir().string(), "scan", "hello", "--service", "day", "--staff",
                                 "s1"},
                                defaultNow(), c.env);
        EXPECT_EQ(r.exit, 2) << r;
        EXPECT_EQ(r.result(), "not_a_coupon") << r;
        EXPECT_EQ(text(r.out, "message"), words.at(c.lang).get<std::string>()) << r;
    }
}

// Without --data-dir the store is $SANGO_DATA_DIR's.
TEST_F(CliTest, DataDirFromTheEnvironment)
{
    ASSERT_EQ(scan(qr(160), "stay", jst(2026, 4, 3, 9, 0)).exit, 0);
    auto r = Sango::runBare({"sessions"}, defaultNow(), {{"SANGO_DATA_DIR", s->dataDir().string()}});
    ASSERT_EQ(r.exit, 0) << r;
    ASSERT_TRUE(r.out.is_array()) << r;
    EXPECT_EQ(r.out, s->sessions());
    EXPECT_EQ(r.out.size(), 1u);
}

// A session id that is not UTF-8 still gets one parseable JSON answer (the id shown with U+FFFD).
TEST_F(CliTest, CloseOfANonUtf8SessionIdIsSessionNotFoundAsJson)
{
    ASSERT_EQ(scan(qr(190), "day", jst(2026, 4, 3, 9, 0)).exit, 0);
    const State before = state();
    const std::string badId = "\xff\xfe";
    std::vector<CliResult> results;
    results.push_back(s->run({"close", badId, "--staff", "s1"}, jst(2026, 4, 3, 10, 0)));
    results.push_back(s->run({"cancel", badId, "--staff", "s1", "--reason", "mother_left"}, jst(2026, 4, 3, 10, 0)));
    for (const auto& r : results) {
        EXPECT_EQ(r.signal, 0) << r;
        ASSERT_TRUE(r.isJson()) << "stdout is not parseable JSON: " << r;
        ASSERT_TRUE(r.out.is_object()) << r;
        expectRefusal(r, "session_not_found");
        EXPECT_EQ(r.raw.find(badId), std::string::npos) << "stdout carries the raw non-UTF-8 bytes";
        EXPECT_NE(text(r.out, "detail").find("\xEF\xBF\xBD"), std::string::npos)
            << "the id is not shown with U+FFFD: " << r;
    }
    expectUnchanged(before, "close and cancel of a non-UTF-8 id");
    EXPECT_EQ(s->sessions({"--open"}).size(), 1u);
}

// ---------------------------------------------------------------- audit, status, staff

TEST_F(CliTest, AuditIsIntact)
{
    ASSERT_EQ(scan(qr(100), "day", jst(2026, 4, 3, 9, 0)).exit, 0);
    ASSERT_EQ(scan(qr(100), "day", jst(2026, 4, 3, 10, 0)).exit, 0);
    auto r = s->run({"audit"});
    ASSERT_EQ(r.exit, 0) << r;
    EXPECT_EQ(r.out.value("intact", false), true);
    EXPECT_GE(r.out.value("events", 0), 3);
    EXPECT_TRUE(r.out.contains("broken_at") && r.out["broken_at"].is_null());
    const auto n = r.out.value("events", 0);
    ASSERT_EQ(scan(qr(101), "day", jst(2026, 4, 3, 10, 1)).exit, 0);
    EXPECT_EQ(s->eventCount(), n + 1);
}

TEST_F(CliTest, StatusFields)
{
    ASSERT_EQ(scan(qr(110), "stay", jst(2026, 4, 3, 10, 0)).exit, 0);
    auto r = s->run({"status"}, jst(2026, 4, 3, 10, 30));
    ASSERT_EQ(r.exit, 0) << r;
    const json& o = r.out;
    EXPECT_EQ(o.value("terminal_id", ""), "T1");
    EXPECT_EQ(o.value("policy_version", ""), "2026-04-01.1");
    EXPECT_EQ(o.value("provider_id", ""), "P-0001");
    EXPECT_EQ(o.value("open_sessions", -1), 1);
    EXPECT_EQ(o.value("events", -1), s->eventCount());
    EXPECT_GE(o.value("queue_length", -1), 1);
    EXPECT_EQ(o.value("oldest_unsynced_age_seconds", -1), 1800);
    for (const char* k : {"store", "last_sync", "last_sync_result"})
        EXPECT_TRUE(o.contains(k)) << k;
    EXPECT_TRUE(o["last_sync"].is_null());
}

TEST_F(CliTest, StatusQueueCountsSessionEventsAndTheOldestOnesAge)
{
    auto empty = s->run({"status"}, jst(2026, 4, 3, 8, 0));
    ASSERT_EQ(empty.exit, 0) << empty;
    EXPECT_EQ(empty.out.value("queue_length", -1), 0) << "the store's own set-up events are not session events";
    ASSERT_TRUE(empty.out.contains("oldest_unsynced_age_seconds"));
    EXPECT_TRUE(empty.out["oldest_unsynced_age_seconds"].is_null()) << empty;

    // One closed session: its open and close events.
    ASSERT_EQ(scan(qr(115), "day", jst(2026, 4, 3, 9, 0)).exit, 0);
    ASSERT_EQ(scan(qr(115), "day", jst(2026, 4, 3, 10, 0)).exit, 0);
    auto one = s->run({"status"}, jst(2026, 4, 3, 10, 30));
    ASSERT_EQ(one.exit, 0) << one;
    EXPECT_EQ(one.out.value("queue_length", -1), 2) << one;
    EXPECT_EQ(one.out.value("oldest_unsynced_age_seconds", -1), 5400) << one; // 9:00 to 10:30
    EXPECT_EQ(one.out.value("open_sessions", -1), 0);

    // Staff members are no session events; a paper session (recorded at 11:00, for 8:00 to 8:45) is one.
    addStaff();
    auto paper = s->run({"paper", "--ticket", "PT-115", "--service", "stay", "--start", "2026-04-03T08:00:00+09:00",
                         "--stop", "2026-04-03T08:45:00+09:00", "--staff", "m1"},
                        jst(2026, 4, 3, 11, 0));
    ASSERT_EQ(paper.exit, 0) << paper;
    auto two = s->run({"status"}, jst(2026, 4, 3, 11, 30));
    ASSERT_EQ(two.exit, 0) << two;
    EXPECT_EQ(two.out.value("queue_length", -1), 3) << two;
    EXPECT_EQ(two.out.value("oldest_unsynced_age_seconds", -1), 9000) << two; // still the 9:00 scan
    EXPECT_EQ(two.out.value("events", -1), 4 + 2 + 2 + 1) << two;
}

TEST_F(CliTest, StaffAddOfAnExistingIdReplacesItAndSaysSo)
{
    const Sango bin = binary();
    auto a = bin.run({"staff", "add", "--id", "s1", "--role", "staff"}, std::nullopt, "1234\n");
    ASSERT_EQ(a.exit, 0) << a;
    ASSERT_TRUE(a.out.contains("replaced")) << a;
    EXPECT_EQ(a.out["replaced"], false) << a;
    auto m = bin.run({"staff", "add", "--id", "m1", "--role", "manager"}, std::nullopt, "987654\n");
    ASSERT_EQ(m.exit, 0) << m;
    EXPECT_EQ(m.out.value("replaced", true), false) << m;
    // As staff, s1 may not record a paper ticket.
    const std::vector<std::string> paper{"paper", "--ticket", "PT-9", "--service", "day", "--start",
                                         "2026-04-02T10:00:00+09:00", "--stop", "2026-04-02T11:00:00+09:00",
                                         "--staff", "s1"};
    expectRefusal(bin.run(paper), "not_permitted");

    // A manager's PIN has at least six digits: the four-digit staff PIN is refused for the new role.
    auto shortPin = bin.run({"staff", "add", "--id", "s1", "--role", "manager"}, std::nullopt, "5678\n");
    EXPECT_EQ(shortPin.exit, 1) << shortPin;
    EXPECT_EQ(shortPin.result(), "invalid_argument") << shortPin;
    auto again = bin.run({"staff", "add", "--id", "s1", "--role", "manager"}, std::nullopt, "567890\n");
    ASSERT_EQ(again.exit, 0) << again;
    EXPECT_EQ(again.out.value("staff_id", ""), "s1");
    EXPECT_EQ(again.out.value("role", ""), "manager");
    ASSERT_TRUE(again.out.contains("replaced")) << again;
    EXPECT_EQ(again.out["replaced"], true) << again;
    EXPECT_NE(again.err.find("replaced"), std::string::npos) << "stderr does not say so: " << again.err;
    auto st = bin.run({"status"});
    EXPECT_EQ(st.out.value("staff_registered", -1), 2) << st;
    // The new role is in force.
    auto byS1 = bin.run(paper);
    EXPECT_EQ(byS1.exit, 0) << byS1;
}

// Staff ids and paper tickets end up in CSV reports: nothing a spreadsheet would take for a formula.
TEST_F(CliTest, StaffIdsAndTicketsStartingWithAFormulaCharacterAreRefused)
{
    addStaff();
    const State before = state();
    for (const std::string id : {"-s2", "=s2", "-", "=1+1", "+s2", "@s2"}) {
        auto r = s->run({"staff", "add", "--id=" + id, "--role", "staff"}, std::nullopt, "1234\n");
        EXPECT_EQ(r.exit, 1) << id << ": " << r;
        EXPECT_EQ(r.result(), "invalid_argument") << id << ": " << r;
        EXPECT_FALSE(r.err.empty()) << id;
    }
    for (const std::string id : {"-s1", "=s1"}) {
        auto r = s->run({"scan", qr(196), "--service", "day", "--staff=" + id});
        EXPECT_EQ(r.exit, 1) << id << ": " << r;
        EXPECT_EQ(r.result(), "invalid_argument") << id << ": " << r;
    }
    for (const std::string ticket : {"-1234", "-PT-1", "=1+1", "-"}) {
        auto r = s->run({"paper", "--ticket=" + ticket, "--service", "day", "--start", "2026-04-02T10:00:00+09:00",
                         "--stop", "2026-04-02T11:00:00+09:00", "--staff", "m1"});
        EXPECT_EQ(r.exit, 1) << ticket << ": " << r;
        EXPECT_EQ(r.result(), "invalid_argument") << ticket << ": " << r;
        EXPECT_FALSE(r.err.empty()) << ticket;
    }
    expectUnchanged(before, "staff ids and tickets starting with a formula character");
    auto st = s->run({"status"});
    EXPECT_EQ(st.out.value("staff_registered", -1), 2) << st;
    // The same ticket number without the leading '-' is fine.
    auto ok = s->run({"paper", "--ticket", "1234", "--service", "day", "--start", "2026-04-02T10:00:00+09:00",
                      "--stop", "2026-04-02T11:00:00+09:00", "--staff", "m1"});
    EXPECT_EQ(ok.exit, 0) << ok;
}

TEST_F(CliTest, StaffAddThenUnknownAndNotPermitted)
{
    auto a = s->run({"staff", "add", "--id", "s1", "--role", "staff"}, std::nullopt, "1234\n");
    ASSERT_EQ(a.exit, 0) << a;
    EXPECT_EQ(a.out.value("staff_id", ""), "s1");
    EXPECT_EQ(a.out.value("role", ""), "staff");
    auto m = s->run({"staff", "add", "--id", "m1", "--role", "manager"}, std::nullopt, "987654\n");
    ASSERT_EQ(m.exit, 0) << m;
    auto st = s->run({"status"});
    EXPECT_EQ(st.out.value("staff_registered", -1), 2) << st;

    const std::int64_t events = s->eventCount();
    auto badPin = s->run({"staff", "add", "--id", "s2", "--role", "staff"}, std::nullopt, "12a\n");
    EXPECT_EQ(badPin.exit, 1) << badPin;
    auto badRole = s->run({"staff", "add", "--id", "s2", "--role", "boss"}, std::nullopt, "1234\n");
    EXPECT_EQ(badRole.exit, 1) << badRole;
    EXPECT_EQ(s->eventCount(), events);

    expectRefusal(scan(qr(120), "day", jst(2026, 4, 3, 10, 0), "s9"), "staff_unknown");
    auto ok = scan(qr(120), "day", jst(2026, 4, 3, 10, 0), "s1");
    ASSERT_EQ(ok.exit, 0) << ok;
    auto closed = scan(qr(120), "day", jst(2026, 4, 3, 11, 0), "s1");
    ASSERT_EQ(closed.exit, 0) << closed;
    expectRefusal(s->run({"correct", closed.out.value("session_id", ""), "--start", "2026-04-03T10:00:00+09:00",
                          "--stop", "2026-04-03T10:50:00+09:00", "--staff", "s1", "--reason", "wrong_time"},
                         jst(2026, 4, 3, 11, 30)),
                  "not_permitted");
    expectRefusal(s->run({"paper", "--ticket", "PT-1", "--service", "day", "--start", "2026-04-02T10:00:00+09:00",
                          "--stop", "2026-04-02T11:00:00+09:00", "--staff", "s1"}),
                  "not_permitted");
    auto byManager = s->run({"correct", closed.out.value("session_id", ""), "--start", "2026-04-03T10:00:00+09:00",
                             "--stop", "2026-04-03T10:50:00+09:00", "--staff", "m1", "--reason", "wrong_time"},
                            jst(2026, 4, 3, 11, 30));
    EXPECT_EQ(byManager.exit, 0) << byManager;
}

// ---------------------------------------------------------------- not available, usage errors

TEST_F(CliTest, SyncWithoutALedgerIsNotEnrolledAndAnUnreachableLedgerChangesNothing)
{
    const State before = state();
    for (const std::vector<std::string>& args : {std::vector<std::string>{"sync"}, {"sync", "--once"}}) {
        auto r = s->run(args);
        EXPECT_EQ(r.exit, 2) << r;
        EXPECT_EQ(r.result(), "not_enrolled") << r;
    }
    // Nothing listens on port 1: the enrolment fails as a network error (exit 4) before anything is written.
    auto r = s->run({"enroll", "--ledger", "https://127.0.0.1:1", "--code", "ABCD-1234"});
    EXPECT_EQ(r.exit, 4) << r;
    EXPECT_EQ(r.result(), "ledger_unreachable") << r;
    // Plain HTTP to a host that is not this machine is refused before any connection.
    auto plain = s->run({"enroll", "--ledger", "http://192.0.2.10", "--code", "ABCD-1234"});
    EXPECT_EQ(plain.exit, 1) << plain;
    expectUnchanged(before, "sync and enroll without a ledger");
}

// --image decodes the file now (tests/hal/cli_image_test.cpp); a file that is not there is a usage error.
// `report --format pdf` is available now: report_pdf_test.cpp
TEST_F(CliTest, ImageOfAMissingFileIsAUsageError)
{
    const State before = state();
    const std::vector<std::vector<std::string>> commands{
        {"verify", "--image", "x.png"},
        {"scan", "--image", "x.png", "--service", "day", "--staff", "s1"},
    };
    for (const auto& args : commands) {
        auto r = s->run(args);
        EXPECT_EQ(r.exit, 1) << args[0] << ": " << r;
        EXPECT_EQ(r.result(), "invalid_argument") << args[0] << ": " << r;
        EXPECT_NE(text(r.out, "detail").find("x.png"), std::string::npos) << args[0] << ": " << r;
        EXPECT_FALSE(r.err.empty()) << args[0];
    }
    expectUnchanged(before, "--image of a missing file");
}

TEST_F(CliTest, UsageErrorsExitOne)
{
    const std::string q = qr(130);
    ASSERT_EQ(scan(q, "day", jst(2026, 4, 3, 9, 0)).exit, 0);
    const State before = state();
    const Sango bin = binary();
    const std::vector<std::vector<std::string>> commands{
        {"scan", q, "--service", "day", "--staff", "s1", "--bogus"},
        {"scan", q, "--staff", "s1"},
        {"scan", q, "--service", "day"},
        {"scan", q, "--service", "spa", "--staff", "s1"},
        {"scan", q, "--id", couponId(130), "--service", "day", "--staff", "s1"},
        {"scan", "--service", "day", "--staff", "s1"},
        {"report", "totals"},
        {"report", "totals", "--month", "2026-4"},
        {"report", "totals", "--month", "2026-13"},
        {"report", "weekly", "--month", "2026-04"},
        {"report", "totals", "--month", "2026-04", "--format", "xlsx"},
        {"sessions", "--format", "xml"},
        {"sessions", "--month", "April"},
        {"cancel", "T1-000005", "--staff", "s1", "--reason", "Mother Left"},
        {"correct", "T1-000005", "--start", "yesterday", "--stop", "2026-04-03T09:30:00+09:00", "--staff", "s1",
         "--reason", "wrong_time"},
        {"frobnicate"},
        {},
        {"--lang", "xx", "status"},
    };
    for (const auto& args : commands) {
        auto r = bin.run(args, jst(2026, 4, 3, 9, 30));
        std::string shown;
        for (const auto& a : args)
            shown += a.substr(0, 20) + " ";
        EXPECT_EQ(r.exit, 1) << shown << ": " << r;
        EXPECT_FALSE(r.err.empty()) << shown << ": a usage error says what is wrong on stderr";
    }
    expectUnchanged(before, "usage errors");
}

TEST_F(CliTest, ARefusedCommandChangesNothing)
{
    addStaff();
    const std::string a = qr(140, 60, {"day", "visit"}), b = qr(141);
    ASSERT_EQ(scan(a, "day", jst(2026, 4, 3, 8, 0)).exit, 0);
    auto closedA = scan(a, "day", jst(2026, 4, 3, 9, 0)); // 60 billed, balance 0
    ASSERT_EQ(closedA.exit, 0) << closedA;
    ASSERT_EQ(scan(b, "stay", jst(2026, 4, 3, 9, 0)).exit, 0); // open
    const std::string closedId = closedA.out.value("session_id", "");
    const Instant now = jst(2026, 4, 3, 10, 0);
    const State before = state();
    const auto countBefore = s->run({"report", "totals", "--month", "2026-04", "--format", "csv"}, now).raw;

    std::vector<CliResult> refused;
    refused.push_back(scan(a, "day", now));                          // no_balance
    refused.push_back(scan(qr(142, 600, {"visit"}), "stay", now));   // service_not_allowed
    refused.push_back(scan(qr(143), "day", now, "intruder"));        // staff_unknown
    refused.push_back(s->run({"cancel", closedId, "--staff", "s1", "--reason", "mother_left"}, now)); // too late
    refused.push_back(s->run({"correct", closedId, "--start", "2026-04-03T08:00:00+09:00", "--stop",
                              "2026-04-03T08:30:00+09:00", "--staff", "s1", "--reason", "wrong_time"},
                             now)); // not_permitted
    refused.push_back(s->run({"correct", closedId, "--start", "2026-04-03T08:00:00+09:00", "--stop",
                              "2026-04-03T07:30:00+09:00", "--staff", "m1", "--reason", "wrong_time"},
                             now)); // invalid_time
    refused.push_back(s->run({"cancel", "T1-424242", "--staff", "s1", "--reason", "mother_left"}, now));
    for (const auto& r : refused) {
        EXPECT_EQ(r.exit, 2) << r;
        EXPECT_FALSE(r.result().empty()) << r;
    }
    EXPECT_EQ(refused[0].result(), "no_balance");
    EXPECT_EQ(refused[1].result(), "service_not_allowed");
    EXPECT_EQ(refused[2].result(), "staff_unknown");
    EXPECT_EQ(refused[3].result(), "too_late_to_cancel");
    EXPECT_EQ(refused[4].result(), "not_permitted");
    EXPECT_EQ(refused[5].result(), "invalid_time");
    EXPECT_EQ(refused[6].result(), "session_not_found");
    expectUnchanged(before, "refused commands");
    EXPECT_EQ(s->run({"report", "totals", "--month", "2026-04", "--format", "csv"}, now).raw, countBefore);
}

// ---------------------------------------------------------------- words

// The words in each language are the ones the command line printed before they moved to the Qt Linguist
// catalogues (tests/data/cli_words.json): the staff's and the mother's message of every result code, and every
// outcome's.
TEST(CliWords, EveryWordIsTheOneThePrintedTableHad)
{
    const json expected = json::parse(readFile(test::testDataDir() / "cli_words.json"));
    const std::vector<std::pair<cli::Lang, std::string>> langs{
        {cli::Lang::ja, "ja"}, {cli::Lang::en, "en"}, {cli::Lang::zh, "zh"}};
    // In the order of cli::Outcome.
    const std::vector<std::string> outcomes{"verified", "opened", "closed", "ignored", "cancelled", "corrected",
                                            "paper_recorded", "staff_added", "store_created", "audit_intact",
                                            "enrolled", "backup_written", "store_restored"};
    ASSERT_EQ(expected.at("outcome").size(), outcomes.size());
    for (const auto& [lang, name] : langs) {
        const cli::Words words(lang);
        for (int i = 0; i <= static_cast<int>(Errc::ledger_error); ++i) {
            const auto code = static_cast<Errc>(i);
            const std::string key(toString(code));
            SCOPED_TRACE(name + " " + key);
            EXPECT_EQ(words.staff(code), expected.at("staff").at(key).at(name).get<std::string>());
            EXPECT_EQ(words.mother(code), expected.at("mother").at(key).at(name).get<std::string>());
        }
        for (std::size_t i = 0; i < outcomes.size(); ++i) {
            SCOPED_TRACE(name + " " + outcomes[i]);
            EXPECT_EQ(words.outcome(static_cast<cli::Outcome>(i)),
                      expected.at("outcome").at(outcomes[i]).at(name).get<std::string>());
        }
    }
}

} // namespace
} // namespace sango::itest
