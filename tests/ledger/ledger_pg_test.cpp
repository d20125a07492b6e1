// The ledger on PostgreSQL, what only that engine has: the database URL and its password file (never on the
// command line, never printed), a read-only database (a standby) refusing writes, a database server that is
// not there, and several `sango-ledger serve` processes on one database judging in commit order: one coupon
// overspent through two processes at once is accepted once, and one event id pushed through two processes
// at once counts once.
#include <sys/stat.h>

#include <barrier>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api_support.h"
#include "ledger_cli.h"
#include "pg_schema.h"
#include "test_paths.h"

namespace sango::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

static_assert(kApiNow.time_since_epoch().count() == 1775178000, "the serve processes' FAKETIME is kApiNow");
constexpr const char* kPassword = "s3cret pass:w@rd/%"; // characters a URL would need to escape

struct CliRun {
    int status = -1;
    std::string out;
    std::string err;
    json j;
};

CliRun cli(std::vector<std::string> args, const Clock& clock)
{
    args.insert(args.begin(), "sango-ledger");
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::ostringstream out, err;
    CliRun r;
    r.status = ledger::runLedgerCli(static_cast<int>(args.size()), argv.data(), clock, out, err);
    r.out = out.str();
    r.err = err.str();
    r.j = json::parse(r.out, nullptr, false);
    return r;
}

class LedgerPostgres : public ApiFixture {
protected:
    void SetUp() override
    {
        ::setenv("SANGO_TEST_LEDGER_ENGINE", "postgresql", 1); // this executable is about PostgreSQL only
        ::unsetenv("CREDENTIALS_DIRECTORY");
        m_cluster = PgCluster::shared();
        ASSERT_NE(m_cluster, nullptr);
        ApiFixture::SetUp();
    }

    std::string database() const { return PgCluster::databaseOf(m_location.databaseUrl); }

    // `sango-ledger --database URL serve` on a free port, its clock at the fixture's (libfaketime, from then on
    // running); its port.
    std::uint16_t serve(std::unique_ptr<LineChild>& child)
    {
        const fs::path faketime = fakeTimeLibrary();
        if (faketime.empty()) {
            ADD_FAILURE() << "libfaketime is not installed: install the Debian package faketime";
            return 0;
        }
        child = std::make_unique<LineChild>(std::vector<std::string>{
            "/usr/bin/env", "LD_PRELOAD=" + faketime.string(), "FAKETIME=@2026-04-03 01:00:00", "TZ=UTC",
            ledgerBinary().string(), "--database", m_location.databaseUrl, "serve", "--listen", "127.0.0.1:0"});
        const auto line = child->readLine();
        if (!line) {
            ADD_FAILURE() << "sango-ledger serve printed no line";
            return 0;
        }
        const std::string url = json::parse(*line, nullptr, false).value("listening", "");
        return static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
    }

    // The statuses ("accepted", "rejected:no_balance", ...) of a push's answer.
    static std::vector<std::string> verdicts(const HttpReply& r)
    {
        std::vector<std::string> out;
        const json j = r.json();
        for (const auto& e : j.value("results", json::array())) {
            std::string v = e.value("status", "");
            if (e.contains("reason") && e["reason"].is_string() && !e["reason"].get<std::string>().empty())
                v += ":" + e["reason"].get<std::string>();
            out.push_back(v);
        }
        return out;
    }

    PgCluster* m_cluster = nullptr;
};

TEST_F(LedgerPostgres, AUrlWithAPasswordIsRefusedWithWhereToPutIt)
{
    for (const std::string url : {"postgresql://ledger:hunter2@127.0.0.1/ledger",
                                  "postgresql://127.0.0.1/ledger?user=ledger&password=hunter2",
                                  "postgres://ledger:@db/ledger"}) {
        SCOPED_TRACE(url);
        const auto r = cli({"--database", url, "status"}, m_clock);
        EXPECT_EQ(r.status, 1);
        EXPECT_EQ(r.j.value("result", ""), "invalid_config");
        EXPECT_NE(r.err.find("password_file"), std::string::npos) << r.err;
        EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << r.out;
        EXPECT_EQ(r.err.find("hunter2"), std::string::npos) << r.err;
    }
    const auto other = cli({"--database", "mysql://db/ledger", "status"}, m_clock);
    EXPECT_EQ(other.j.value("result", ""), "invalid_config");
}

TEST_F(LedgerPostgres, ThePasswordComesFromAFileOrTheSystemdCredentialAndIsNeverPrinted)
{
    // A role that must give its password, owning a fresh database.
    m_cluster->execute("postgres", std::string("DROP ROLE IF EXISTS ") + PgCluster::kPasswordRole);
    ASSERT_EQ(m_cluster->execute("postgres", std::string("CREATE ROLE ") + PgCluster::kPasswordRole +
                                                 " LOGIN PASSWORD '" + kPassword + "'"),
              "");
    const std::string db = PgCluster::databaseOf(m_cluster->createDatabase());
    ASSERT_EQ(m_cluster->execute("postgres", "ALTER DATABASE " + db + " OWNER TO " + PgCluster::kPasswordRole), "");
    const std::string url = "postgresql://" + std::string(PgCluster::kPasswordRole) + "@127.0.0.1:" +
                            std::to_string(m_cluster->port()) + "/" + db;
    const std::vector<std::string> init{"init", "--municipality", "131016", "--policy",
                                        (testDataDir() / "policy.json").string()};
    auto withUrl = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--database", url});
        return args;
    };

    // No password: a store error that says where the password goes.
    const auto none = cli(withUrl(init), m_clock);
    EXPECT_EQ(none.status, 3) << none.err;
    EXPECT_EQ(none.j.value("result", ""), "store_io");
    EXPECT_NE(none.err.find("password file"), std::string::npos) << none.err;

    // A password file others may read is refused; 0600 is used.
    const fs::path file = m_dir.path() / "db-password";
    std::ofstream(file) << kPassword << '\n';
    ::chmod(file.c_str(), 0644);
    auto args = withUrl(init);
    args.insert(args.begin(), {"--database-password-file", file.string()});
    const auto loose = cli(args, m_clock);
    EXPECT_EQ(loose.status, 1) << loose.err;
    ::chmod(file.c_str(), 0600);
    const auto made = cli(args, m_clock);
    ASSERT_EQ(made.status, 0) << made.err;
    for (const auto* r : {&none, &loose, &made}) {
        EXPECT_EQ(r->out.find(kPassword), std::string::npos);
        EXPECT_EQ(r->err.find(kPassword), std::string::npos);
    }

    // systemd's LoadCredential=ledger-db-password:... gives it in $CREDENTIALS_DIRECTORY.
    const fs::path credentials = m_dir.path() / "credentials";
    fs::create_directories(credentials);
    fs::copy_file(file, credentials / "ledger-db-password");
    ::setenv("CREDENTIALS_DIRECTORY", credentials.c_str(), 1);
    const auto status = cli(withUrl({"status"}), m_clock);
    ::unsetenv("CREDENTIALS_DIRECTORY");
    ASSERT_EQ(status.status, 0) << status.err;
    EXPECT_EQ(status.j.value("engine", ""), "postgresql");
    EXPECT_EQ(status.j.value("location", ""), url);
    EXPECT_EQ(status.j.value("read_only", true), false);
    EXPECT_EQ(status.j.value("schema_version", 0), ledger::Ledger::kSchemaVersion);
    EXPECT_EQ(status.out.find(kPassword), std::string::npos);
}

TEST_F(LedgerPostgres, AReadOnlyDatabaseRefusesWritesAndSaysToUseThePrimary)
{
    const std::string coupon = issueCoupon();
    // A standby refuses writes as a database whose transactions are read-only by default does.
    ASSERT_EQ(m_cluster->execute("postgres", "ALTER DATABASE " + database() + " SET default_transaction_read_only = on"),
              "");
    auto status = cli({"--database", m_location.databaseUrl, "status"}, m_clock);
    ASSERT_EQ(status.status, 0) << status.err;
    EXPECT_EQ(status.j.value("read_only", false), true) << status.out;

    auto issue = cli({"--database", m_location.databaseUrl, "issue", "--type", "standard"}, m_clock);
    EXPECT_EQ(issue.status, 3);
    EXPECT_EQ(issue.j.value("result", ""), "store_read_only");
    EXPECT_NE(issue.err.find("primary"), std::string::npos) << issue.err;
    // Reads still work.
    auto balance = cli({"--database", m_location.databaseUrl, "balance", coupon}, m_clock);
    EXPECT_EQ(balance.status, 0) << balance.err;

    // A terminal's push through a ledger on it: come back later, nothing recorded.
    auto readOnly = ledger::Ledger::open(m_location, m_clock);
    ASSERT_TRUE(readOnly) << readOnly.error().message;
    ledger::LedgerApi api(*readOnly, m_clock);
    const auto answer =
        api.handle(sign(m_terminal, "POST", "/v1/events", batch({openEvent(coupon, "T1-S1", now() - 600, 1)})));
    EXPECT_EQ(answer.status, 503) << answer.body;
    EXPECT_NE(answer.body.find("read-only"), std::string::npos) << answer.body;
}

TEST_F(LedgerPostgres, ALockHeldTooLongIsUnavailableAndStoresNothing)
{
    // Another program holds a lock the ledger's write needs (as SQLCipher's busy test holds the write lock):
    // the write waits out lock_timeout (5 s), the terminal is told to come back later, nothing stays.
    const std::string coupon = issueCoupon();
    const std::string body = batch({openEvent(coupon, "T1-S1", now() - 600, 1)});
    const std::string before = snapshot({coupon});
    {
        auto held = m_cluster->hold(database(), "LOCK TABLE nonces IN EXCLUSIVE MODE");
        ASSERT_TRUE(held);
        const auto busy = call(sign(m_terminal, "POST", "/v1/events", body));
        expectRefusal(busy, 503, "unavailable");
        ASSERT_EQ(busy.headers.size(), 1u);
        EXPECT_EQ(busy.headers[0].first, "Retry-After");
    }
    EXPECT_EQ(snapshot({coupon}), before);
    // Once the lock is gone, the same events are served.
    EXPECT_EQ(call(sign(m_terminal, "POST", "/v1/events", body)).status, 200);
}

TEST_F(LedgerPostgres, AMissingServerOrLedgerIsAStoreErrorThatSaysWhatToDo)
{
    ledger::LedgerLocation nowhere;
    nowhere.databaseUrl = "postgresql://sango@127.0.0.1:1/none";
    auto down = ledger::Ledger::open(nowhere, m_clock);
    ASSERT_FALSE(down);
    EXPECT_EQ(down.error().code, Errc::store_io);
    EXPECT_NE(down.error().message.find("check that PostgreSQL runs"), std::string::npos) << down.error().message;

    ledger::LedgerLocation empty;
    empty.databaseUrl = m_cluster->createDatabase();
    auto missing = ledger::Ledger::open(empty, m_clock);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::store_missing);
    EXPECT_NE(missing.error().message.find("sango-ledger init"), std::string::npos);
}

TEST_F(LedgerPostgres, RecordsItsSchemaMigrationsWithBigintFigures)
{
    const auto versions = m_cluster->rows(database(), "SELECT version FROM schema_migrations ORDER BY version");
    ASSERT_EQ(versions.size(), static_cast<std::size_t>(ledger::Ledger::kSchemaVersion));
    EXPECT_EQ(versions.back()[0], std::to_string(ledger::Ledger::kSchemaVersion));
    // Integers only, and every one of them 64 bits.
    const auto kinds = m_cluster->rows(database(), "SELECT DISTINCT data_type FROM information_schema.columns "
                                                   "WHERE table_schema = 'public' ORDER BY 1");
    std::vector<std::string> types;
    for (const auto& k : kinds)
        types.push_back(k[0].value_or(""));
    EXPECT_EQ(types, (std::vector<std::string>{"bigint", "bytea", "text"}));
}

TEST_F(LedgerPostgres, ADatabaseOfSchemaOneMigratesInPlace)
{
    // A ledger database as migration 1 left it, with a revoked coupon and its revocation in the feed.
    const std::string db = PgCluster::databaseOf(m_cluster->createDatabase());
    ASSERT_EQ(m_cluster->execute(db, std::string(ledger::pg_schema::kMigration1)), "");
    const std::string policy = readJsonFile(testDataDir() / "policy.json").dump();
    auto quoted = [](const std::string& s) {
        std::string out = "'";
        for (char c : s)
            out += c == '\'' ? std::string("''") : std::string(1, c);
        return out + "'";
    };
    for (const std::string& sql :
         {std::string("CREATE TABLE schema_migrations(version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)"),
          std::string("INSERT INTO schema_migrations VALUES (1, 1770000000)"),
          std::string("INSERT INTO meta VALUES ('municipality', '131016'), ('code_secret', '00')"),
          "INSERT INTO policies(from_date, policy, created_at) VALUES ('2026-01-01', " + quoted(policy) + ", 1)",
          std::string("INSERT INTO providers VALUES ('P-0001', '{}', 1, 1)"),
          std::string("INSERT INTO enrolment_codes(code_hash, provider_id, created_at) VALUES ('h', 'P-0001', 1000)"),
          std::string("INSERT INTO coupons VALUES ('C1', 'standard', 600, '[]', 0, 9999999999, 'k', 's1', 'p', 1, "
                      "50, 'paper')"),
          std::string("INSERT INTO changes(kind, provider_id, coupon_id, body, at) VALUES "
                      "('revocation', NULL, NULL, '{\"coupon_id\":\"C1\"}', 50)")})
        ASSERT_EQ(m_cluster->execute(db, sql), "") << sql;

    ledger::LedgerLocation old;
    old.databaseUrl = m_cluster->url(db);
    auto opened = ledger::Ledger::open(old, m_clock);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(opened->storeInfo().schemaVersion, ledger::Ledger::kSchemaVersion);
    const auto versions = m_cluster->rows(db, "SELECT version FROM schema_migrations ORDER BY version");
    ASSERT_EQ(versions.size(), 2u);
    // What version 2 adds is filled in from what version 1 held.
    EXPECT_EQ(m_cluster->rows(db, "SELECT revoked_change FROM coupons WHERE coupon_id = 'C1'").at(0).at(0), "1");
    EXPECT_EQ(m_cluster->rows(db, "SELECT expires_at FROM enrolment_codes").at(0).at(0),
              std::to_string(1000 + 7 * 86400));
    EXPECT_EQ(opened->municipality(), "131016");
    auto inForce = opened->policy();
    EXPECT_TRUE(inForce) << (inForce ? "" : inForce.error().message);
    // Opened again: current, nothing more applied.
    opened = ledger::Ledger::open(old, m_clock);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(m_cluster->rows(db, "SELECT count(*) FROM schema_migrations").at(0).at(0), "2");
}

TEST_F(LedgerPostgres, ACouponOverspentThroughTwoProcessesAtOnceIsAcceptedOnce)
{
    std::unique_ptr<LineChild> first, second;
    const std::uint16_t a = serve(first);
    const std::uint16_t b = serve(second);
    ASSERT_TRUE(a && b);
    const TestTerminal other = enrolTerminal(m_providerId, "reception 2");
    // Rounds of a race: two terminals, each a whole session of 60 minutes on a 60-minute coupon, through two
    // processes at the same moment. The coupon's lock orders them: one is accepted, the other finds nothing
    // left.
    constexpr int kRounds = 4;
    std::int64_t seq = 100;
    for (int round = 0; round < kRounds; ++round) {
        SCOPED_TRACE(round);
        const std::string coupon = issueCoupon(60);
        const std::int64_t start = now() - 7200;
        const auto pushA = sign(m_terminal, "POST", "/v1/events",
                                batch({openEvent(coupon, "A-" + std::to_string(round), start, ++seq),
                                       closeEvent(coupon, "A-" + std::to_string(round), start + 3600, ++seq, 60, 60)}));
        const auto pushB = sign(other, "POST", "/v1/events",
                                batch({openEvent(coupon, "B-" + std::to_string(round), start, ++seq),
                                       closeEvent(coupon, "B-" + std::to_string(round), start + 3600, ++seq, 60, 60)}));
        HttpReply replyA, replyB;
        std::barrier together(2);
        std::thread ta([&] {
            together.arrive_and_wait();
            replyA = httpCall(a, pushA);
        });
        std::thread tb([&] {
            together.arrive_and_wait();
            replyB = httpCall(b, pushB);
        });
        ta.join();
        tb.join();
        ASSERT_EQ(replyA.status, 200) << replyA.body;
        ASSERT_EQ(replyB.status, 200) << replyB.body;
        const auto va = verdicts(replyA);
        const auto vb = verdicts(replyB);
        const std::vector<std::string> won{"accepted", "accepted"};
        ASSERT_EQ(va.size(), 2u);
        ASSERT_EQ(vb.size(), 2u);
        EXPECT_TRUE((va == won) != (vb == won)) << replyA.body << "\n" << replyB.body;
        const auto& lost = va == won ? vb : va;
        EXPECT_EQ(lost[0], "rejected:no_balance") << replyA.body << "\n" << replyB.body;
        auto balance = m_ledger->balance(coupon);
        ASSERT_TRUE(balance) << balance.error().message;
        EXPECT_EQ(balance->usedMinutes, 60);
        EXPECT_EQ(balance->balanceMinutes, 0);
    }
    first->signal(SIGTERM);
    second->signal(SIGTERM);
    EXPECT_EQ(first->wait(), 0);
    EXPECT_EQ(second->wait(), 0);
}

TEST_F(LedgerPostgres, OneEventIdPushedThroughTwoProcessesAtOnceCountsOnce)
{
    std::unique_ptr<LineChild> first, second, third;
    const std::uint16_t a = serve(first);
    const std::uint16_t b = serve(second);
    const std::uint16_t c = serve(third);
    ASSERT_TRUE(a && b && c);
    constexpr int kRounds = 4;
    std::int64_t seq = 0;
    for (int round = 0; round < kRounds; ++round) {
        SCOPED_TRACE(round);
        const std::string coupon = issueCoupon(600);
        const std::int64_t start = now() - 7200;
        const std::string sessionId = "S-" + std::to_string(round);
        // The same batch (the same event ids) sent twice at once, as a terminal retrying after a lost
        // answer through a load balancer would; each request with its own nonce.
        const std::string body = batch({openEvent(coupon, sessionId, start, ++seq),
                                        closeEvent(coupon, sessionId, start + 3600, ++seq, 60, 60)});
        const auto r1 = sign(m_terminal, "POST", "/v1/events", body);
        const auto r2 = sign(m_terminal, "POST", "/v1/events", body);
        const auto r3 = sign(m_terminal, "POST", "/v1/events", body);
        HttpReply answers[3];
        std::barrier together(3);
        std::vector<std::thread> threads;
        const std::uint16_t ports[3] = {a, b, c};
        const server::HttpRequest* requests[3] = {&r1, &r2, &r3};
        for (int i = 0; i < 3; ++i)
            threads.emplace_back([&, i] {
                together.arrive_and_wait();
                answers[i] = httpCall(ports[i], *requests[i]);
            });
        for (auto& t : threads)
            t.join();
        int accepted = 0, duplicate = 0;
        for (const auto& answer : answers) {
            ASSERT_EQ(answer.status, 200) << answer.body;
            const auto v = verdicts(answer);
            ASSERT_EQ(v.size(), 2u) << answer.body;
            EXPECT_EQ(v[0], v[1]) << answer.body; // a batch is judged wholly in one transaction
            accepted += v[0] == "accepted" ? 1 : 0;
            duplicate += v[0] == "duplicate" ? 1 : 0;
        }
        EXPECT_EQ(accepted, 1);
        EXPECT_EQ(duplicate, 2);
        auto balance = m_ledger->balance(coupon);
        ASSERT_TRUE(balance) << balance.error().message;
        EXPECT_EQ(balance->usedMinutes, 60);
        auto events = m_ledger->events(coupon, std::nullopt);
        ASSERT_TRUE(events) << events.error().message;
        EXPECT_EQ(events->size(), 2u);
    }
    for (auto* child : {first.get(), second.get(), third.get()}) {
        child->signal(SIGTERM);
        EXPECT_EQ(child->wait(), 0);
    }
}

} // namespace
} // namespace sango::test
