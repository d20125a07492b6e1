// `sango-ledger` through runLedgerCli: one JSON value on stdout, exit statuses 0 / 1 usage / 2 refused /
// 3 store error, and each admin command end to end on a real ledger.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ledger_cli.h"
#include "ledger_fixture.h"
#include "process.h"
#include "sango/credential.h"
#include "sango/trust_store.h"

namespace sango::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct CliResult {
    int status = -1;
    std::string out;
    std::string err;
    json j; // stdout parsed (null when it is not JSON)
};

class LedgerCliTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ::unsetenv("SANGO_LEDGER_DATA_DIR");
        ::unsetenv("SANGO_LEDGER_DATABASE");
        m_location = newLedgerLocation(m_data);
    }

    // withDataDir: the ledger's location as an option (--data-dir, or --database on PostgreSQL).
    CliResult run(std::vector<std::string> args, bool withDataDir = true)
    {
        if (withDataDir) {
            const auto where = locationArgs(m_location);
            args.insert(args.begin(), where.begin(), where.end());
        }
        args.insert(args.begin(), "sango-ledger");
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        std::ostringstream out, err;
        CliResult r;
        r.status = ledger::runLedgerCli(static_cast<int>(args.size()), argv.data(), m_clock, out, err);
        r.out = out.str();
        r.err = err.str();
        r.j = json::parse(r.out, nullptr, false);
        if (r.j.is_discarded())
            r.j = nullptr;
        return r;
    }

    CliResult init()
    {
        return run({"init", "--municipality", "131016", "--policy", (testDataDir() / "policy.json").string()});
    }

    fs::path writeJson(const std::string& name, const json& j)
    {
        const fs::path p = m_dir.path() / name;
        std::ofstream(p) << j.dump();
        return p;
    }

    TempDir m_dir;
    fs::path m_data = m_dir.path() / "data";
    ledger::LedgerLocation m_location; // m_data, or a PostgreSQL database
    FakeClock m_clock{kLedgerStart};
};

TEST_F(LedgerCliTest, DataDirIsRequired)
{
    auto r = run({"terminals"}, false);
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.j["result"], "invalid_argument");
    EXPECT_NE(r.err.find("--data-dir"), std::string::npos);

    ::setenv("SANGO_LEDGER_DATA_DIR", m_data.c_str(), 1);
    auto made = run({"init", "--municipality", "131016", "--policy", (testDataDir() / "policy.json").string()}, false);
    ::unsetenv("SANGO_LEDGER_DATA_DIR");
    EXPECT_EQ(made.status, 0) << made.err;
    EXPECT_TRUE(fs::exists(m_data / "ledger.db"));
}

TEST_F(LedgerCliTest, UsageErrors)
{
    EXPECT_EQ(run({}).status, 1);
    EXPECT_EQ(run({"frobnicate"}).status, 1);
    EXPECT_EQ(run({"init", "--policy", "x"}).status, 1); // --municipality missing
    EXPECT_EQ(run({"revoke", "AAAA", "--reason", "lost"}).status, 1);
    EXPECT_EQ(run({"--help"}).status, 0);
}

TEST_F(LedgerCliTest, InitPrintsTheTrustStoreAndRefusesASecond)
{
    auto r = init();
    ASSERT_EQ(r.status, 0) << r.err;
    ASSERT_TRUE(r.j.is_array());
    ASSERT_EQ(r.j.size(), 1u);
    EXPECT_EQ(r.j[0]["kid"], "131016-2026a");
    EXPECT_TRUE(TrustStore::fromJson(r.j));
    auto again = init();
    EXPECT_EQ(again.status, 3);
    EXPECT_EQ(again.j["result"], "store_exists");
    auto badPolicy = run({"init", "--municipality", "131016", "--policy", (m_dir.path() / "none.json").string()});
    EXPECT_EQ(badPolicy.status, 1);
}

TEST_F(LedgerCliTest, StatusNamesTheEngineAndWhetherItIsReadOnly)
{
    ASSERT_EQ(init().status, 0);
    auto r = run({"status"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.j.value("engine", ""), onPostgres() ? "postgresql" : "sqlcipher");
    EXPECT_EQ(r.j.value("location", ""),
              onPostgres() ? m_location.databaseUrl : (m_data / "ledger.db").string());
    EXPECT_EQ(r.j.value("read_only", true), false);
    EXPECT_EQ(r.j.value("schema_version", 0), ledger::Ledger::kSchemaVersion);
    EXPECT_EQ(r.j.value("municipality", ""), "131016");
}

TEST_F(LedgerCliTest, StoreErrorsExitThree)
{
    auto missing = run({"terminals"});
    EXPECT_EQ(missing.status, 3);
    EXPECT_EQ(missing.j["result"], "store_missing");
    ASSERT_EQ(init().status, 0);
    std::ofstream(m_data / "ledger.key", std::ios::trunc) << std::string(64, 'b') << '\n';
    auto wrong = run({"terminals"});
    EXPECT_EQ(wrong.status, 3);
    EXPECT_EQ(wrong.j["result"], "wrong_key");
}

TEST_F(LedgerCliTest, AdministrationEndToEnd)
{
    ASSERT_EQ(init().status, 0);

    // Providers.
    auto added = run({"provider", "add", "--provider", (testDataDir() / "provider.json").string()});
    ASSERT_EQ(added.status, 0) << added.err;
    EXPECT_EQ(added.j["provider_id"], "P-0001");
    EXPECT_EQ(added.j["enrolment_code"].get<std::string>().size(), 19u);
    auto code = run({"provider", "code", "--provider", "P-0001"});
    ASSERT_EQ(code.status, 0);
    EXPECT_NE(code.j["enrolment_code"], added.j["enrolment_code"]);
    EXPECT_EQ(run({"provider", "code", "--provider", "P-0404"}).status, 1);
    auto profile = readTestJson("provider.json");
    profile["name"] = "renamed";
    EXPECT_EQ(run({"provider", "update", "--provider", writeJson("p.json", profile).string()}).status, 0);
    profile["municipality"] = "271004";
    EXPECT_EQ(run({"provider", "add", "--provider", writeJson("q.json", profile).string()}).status, 1);

    // A coupon with its PNG.
    const fs::path png = m_dir.path() / "coupon.png";
    auto issued = run({"issue", "--type", "standard", "--grant", "120", "--services", "day,visit", "--png",
                       png.string(), "--valid-days", "30"});
    ASSERT_EQ(issued.status, 0) << issued.err;
    for (const char* k : {"coupon_id", "qr_text", "serial", "pass"})
        EXPECT_TRUE(issued.j[k].is_string()) << k;
    EXPECT_EQ(issued.j["grant_minutes"], 120);
    EXPECT_EQ(issued.j["services"], json({"day", "visit"}));
    EXPECT_EQ(issued.j["expires"], "2026-05-03T10:00:00+09:00");
    {
        std::ifstream in(png, std::ios::binary);
        std::string head(8, '\0');
        in.read(head.data(), 8);
        EXPECT_EQ(head, std::string("\x89PNG\r\n\x1a\n", 8));
    }
    const std::string id = issued.j["coupon_id"];
    // A refused issue leaves no PNG behind.
    const fs::path none = m_dir.path() / "none.png";
    EXPECT_EQ(run({"issue", "--type", "no_such_type", "--png", none.string()}).status, 1);
    EXPECT_FALSE(fs::exists(none));

    // Balance, revocation (twice is fine), unknown coupons refused.
    auto bal = run({"balance", id});
    ASSERT_EQ(bal.status, 0);
    EXPECT_EQ(bal.j, json({{"coupon_id", id}, {"grant_minutes", 120}, {"used_minutes", 0}, {"balance_minutes", 120}}));
    EXPECT_EQ(run({"revoke", id, "--reason", "paper"}).status, 0);
    EXPECT_EQ(run({"revoke", id, "--reason", "paper"}).status, 0);
    auto unknown = run({"revoke", "0000000000000000", "--reason", "withdrawn"});
    EXPECT_EQ(unknown.status, 2);
    EXPECT_EQ(unknown.j["result"], "unknown_coupon");
    EXPECT_EQ(run({"balance", "nonsense"}).status, 2);

    // Keys.
    auto key = run({"key", "add"});
    ASSERT_EQ(key.status, 0) << key.err;
    EXPECT_EQ(key.j["kid"], "131016-2026b");
    EXPECT_EQ(key.j["trust"].size(), 2u);
    EXPECT_EQ(run({"key", "retire", "131016-2026a"}).status, 0);
    auto last = run({"key", "retire", "131016-2026b"});
    EXPECT_EQ(last.status, 2);
    EXPECT_EQ(last.j["result"], "not_permitted");
    auto signedNew = run({"issue", "--type", "disability"});
    ASSERT_EQ(signedNew.status, 0);
    EXPECT_EQ(signedNew.j["kid"], "131016-2026b");
    EXPECT_EQ(signedNew.j["grant_minutes"], 5040);
    auto ts = TrustStore::fromJson(key.j["trust"]);
    ASSERT_TRUE(ts);
    EXPECT_TRUE(CredentialVerifier(*ts, "131016").verify(signedNew.j["qr_text"].get<std::string>(), m_clock.now()));
    EXPECT_EQ(run({"issue", "--type", "disability", "--kid", "131016-2026a"}).status, 1);

    // Policy, lists, totals.
    auto next = readTestJson("policy.json");
    next["version"] = "2026-05-01.1";
    auto set = run({"policy", "set", "--policy", writeJson("policy2.json", next).string(), "--from", "2026-05-01"});
    ASSERT_EQ(set.status, 0) << set.err;
    EXPECT_EQ(set.j, json({{"version", "2026-05-01.1"}, {"from", "2026-05-01"}}));
    EXPECT_EQ(run({"policy", "set", "--policy", writeJson("p3.json", next).string(), "--from", "May"}).status, 1);
    auto terminals = run({"terminals"});
    ASSERT_EQ(terminals.status, 0);
    EXPECT_EQ(terminals.j, json::array());
    auto events = run({"events", "--status", "rejected"});
    ASSERT_EQ(events.status, 0);
    EXPECT_EQ(events.j, json::array());
    auto totals = run({"totals", "--provider", "P-0001", "--month", "2026-04"});
    ASSERT_EQ(totals.status, 0) << totals.err;
    ASSERT_TRUE(totals.j.is_array());
    ASSERT_EQ(totals.j.size(), 3u); // stay, day, visit: the total line is left out, as the terminal does
    EXPECT_EQ(totals.j[0], json({{"service", "stay"}, {"sessions", 0}, {"billed_minutes", 0},
                                 {"yen_per_hour", 1300}, {"amount_yen", 0}}));
    EXPECT_EQ(run({"totals", "--provider", "P-0001", "--month", "April"}).status, 1);
}

TEST_F(LedgerCliTest, EventsListsWhatTheLedgerJudged)
{
    ASSERT_EQ(init().status, 0);
    {
        auto l = ledger::Ledger::open(m_location, m_clock);
        ASSERT_TRUE(l);
        auto code = l->addProvider(readTestJson("provider.json"));
        ASSERT_TRUE(code);
        const auto key = crypto::SigningKey::generate();
        auto enrolled = l->enrol({code->enrolmentCode, base64url::encode(key.publicKey.data(), 32), ""});
        ASSERT_TRUE(enrolled);
        auto t = l->terminal(enrolled->terminalId);
        ASSERT_TRUE(t && *t);
        protocol::WireEvent e;
        e.id = "e-1";
        e.seq = 1;
        e.type = "session_opened";
        e.at = m_clock.now().time_since_epoch().count();
        e.body = {{"session_id", "s"}, {"coupon_id", "0000000000000000"}, {"service", "day"}, {"start", e.at},
                  {"date", "2026-04-03"}};
        e.body.update({{"source", "qr"}, {"staff_id", "S1"}});
        auto pushed = l->push(**t, {"n-1", e.at}, {{e}});
        ASSERT_TRUE(pushed && *pushed);
    }
    auto rejected = run({"events", "--status", "rejected"});
    ASSERT_EQ(rejected.status, 0);
    ASSERT_EQ(rejected.j.size(), 1u);
    EXPECT_EQ(rejected.j[0]["id"], "e-1");
    EXPECT_EQ(rejected.j[0]["status"], "rejected");
    EXPECT_EQ(rejected.j[0]["reason"], "unknown_coupon");
    EXPECT_EQ(rejected.j[0]["terminal_id"], "P-0001-T01");
    EXPECT_EQ(run({"events", "--status", "accepted"}).j, json::array());
    EXPECT_EQ(run({"events", "--coupon", "0000-0000-0000-0000"}).j.size(), 1u);
    auto terminals = run({"terminals"});
    ASSERT_EQ(terminals.j.size(), 1u);
    EXPECT_EQ(terminals.j[0]["terminal_id"], "P-0001-T01");
}

} // namespace
} // namespace sango::test
