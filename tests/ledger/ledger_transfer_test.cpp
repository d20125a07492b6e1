// `sango-ledger export` / `import`: a ledger with real activity (two providers, three terminals, sessions,
// a correction, a revocation, a paper session, a refused event, a duplicate, pulls) moved from SQLCipher to
// PostgreSQL and back, with the same totals, balances, events and changes feed; a terminal then continues on
// the imported ledger (its nonces and its cursor carried over). And the refusals, which write nothing: a
// truncated file, a tampered count or figure, a wrong value, an initialised target, a newer format. Real stores
// and a real PostgreSQL cluster (tests/support/pg_cluster.h); never skipped.
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ledger_transfer.h"
#include "open_ledger_store.h"
#include "rules_fixture.h"

namespace sango::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> readLines(const fs::path& file)
{
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);)
        lines.push_back(l);
    return lines;
}

void writeLines(const fs::path& file, const std::vector<std::string>& lines, bool lastNewline = true)
{
    std::ofstream out(file, std::ios::trunc);
    for (std::size_t i = 0; i < lines.size(); ++i)
        out << lines[i] << (i + 1 < lines.size() || lastNewline ? "\n" : "");
}

class LedgerTransferTest : public RulesFixture {
protected:
    void SetUp() override
    {
        // The source is an embedded SQLCipher ledger; the targets are databases of the test cluster.
        ::unsetenv("SANGO_TEST_LEDGER_ENGINE");
        m_cluster = PgCluster::shared();
        ASSERT_NE(m_cluster, nullptr);
        RulesFixture::SetUp();
    }

    ledger::LedgerLocation newDatabase()
    {
        ledger::LedgerLocation where;
        where.databaseUrl = m_cluster->createDatabase();
        return where;
    }

    // Whether a database holds no ledger at all (nothing was written to it).
    bool untouched(const ledger::LedgerLocation& where)
    {
        const auto rows = m_cluster->rows(PgCluster::databaseOf(where.databaseUrl),
                                          "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
        return !rows.empty() && rows[0][0] == std::optional<std::string>("0");
    }

    // Activity through the real rules, on two providers' terminals.
    void buildActivity()
    {
        t1 = enrolTerminal("P1");
        t2 = enrolTerminal("P1");
        t3 = enrolTerminal("P2");
        c1 = coupon();
        c2 = coupon(600);
        c3 = coupon();
        const std::string c4 = coupon();
        const std::int64_t start = now() - 5 * kHour;
        accepted(t1, opened("a", c1, start));
        accepted(t1, closed("a", c1, start + 90 * kMinute, 90));
        accepted(t1, corrected("a", start, start + kHour, 60)); // a correction
        accepted(t2, opened("b", c2, start + 10 * kMinute, "stay"));
        const auto closedB = closed("b", c2, start + 130 * kMinute, 120);
        accepted(t2, closedB);
        // A duplicate delivery of the same event: answered, not counted again.
        const auto again = push(t2, {closedB});
        ASSERT_EQ(again.size(), 1u);
        EXPECT_EQ(verdict(again.front()), "duplicate");
        accepted(t3, opened("c", c1, start + 3 * kHour, "visit"));
        accepted(t3, closed("c", c1, start + 4 * kHour, 60));
        // A revocation, then a refused event on the revoked coupon.
        ASSERT_TRUE(m_ledger->revoke(c3, "withdrawn"));
        auto first = pull(t1, "0"); // the terminal has the revocation: from then on it is refused
        ASSERT_TRUE(first) << first.error().message;
        m_clock.set(Instant(std::chrono::seconds(now() + 5 * kMinute)));
        refused(t1, opened("d", c3, now()), "revoked");
        // A paper session.
        ASSERT_TRUE(m_ledger->revoke(c4, "paper"));
        const auto paperTickets = tickets(c4, 2);
        ASSERT_EQ(paperTickets.size(), 2u);
        accepted(t1, paper("p", paperTickets[0], now() - 2 * kHour, now() - kHour, 60));
        // Terminals pull: their cursors are recorded.
        auto page = pull(t1, first->cursor);
        ASSERT_TRUE(page) << page.error().message;
        m_cursor = page->cursor;
        ASSERT_TRUE(pull(t3, "0"));
        // A push whose nonce must stay remembered after the move.
        m_lastNonce = nonce();
        protocol::PushRequest req;
        m_eStart = now() - 5 * kMinute;
        req.events = {opened("e", c2, m_eStart)};
        auto r = m_ledger->push(t2, m_lastNonce, req);
        ASSERT_TRUE(r && *r);
        m_replay = req;
    }

    // Balances and totals, every event, and every provider's changes feed from 0, as one text.
    std::string snapshot(const ledger::LedgerLocation& where)
    {
        json out;
        out["books"] = json::parse(books());
        auto events = m_ledger->events(std::nullopt, std::nullopt);
        EXPECT_TRUE(events);
        if (events)
            for (const auto& e : *events)
                out["events"].push_back(e.toJson());
        auto store = ledger::openLedgerStore(where, now());
        EXPECT_TRUE(store) << (store ? "" : store.error().message);
        if (store) {
            for (const std::string p : {"P1", "P2"}) {
                auto changes = (*store)->changesAfter(0, p, 100000);
                EXPECT_TRUE(changes);
                if (changes)
                    for (const auto& c : *changes)
                        out["changes"][p].push_back({c.seq, c.kind, c.couponId, c.body});
            }
            auto seq = (*store)->lastChangeSeq();
            out["last_seq"] = seq ? *seq : -1;
            auto terminals = (*store)->terminals();
            if (terminals)
                for (const auto& t : *terminals)
                    out["terminals"].push_back({t.terminalId, t.providerId, t.revokedAt.value_or(-1), t.lastPullAt.value_or(-1), t.lastContactAt.value_or(-1)});
        }
        return out.dump();
    }

    // The ledger moved: closes the one open, imports the file at where and opens it there.
    void reopen(const ledger::LedgerLocation& where)
    {
        auto opened = ledger::Ledger::open(where, m_clock);
        ASSERT_TRUE(opened) << opened.error().message;
        m_ledger = std::make_unique<ledger::Ledger>(std::move(*opened));
    }

    Expected<ledger::TransferSummary> exportTo(const ledger::LedgerLocation& from, const fs::path& file)
    {
        auto store = ledger::openLedgerStore(from, now());
        if (!store)
            return tl::unexpected(store.error());
        return ledger::exportLedger(**store, file, now());
    }

    PgCluster* m_cluster = nullptr;
    ledger::TerminalInfo t1, t2, t3;
    std::string c1, c2, c3;
    std::string m_cursor;
    ledger::Ledger::Nonce m_lastNonce;
    protocol::PushRequest m_replay;
    std::int64_t m_eStart = 0;
};

TEST_F(LedgerTransferTest, SqlcipherToPostgresAndBackKeepsEveryFigureAndTerminalsContinue)
{
    buildActivity();
    const std::string before = snapshot(m_location);
    const ledger::LedgerLocation source = m_location;
    const fs::path file = m_dir.path() / "ledger.export";
    auto exported = exportTo(source, file);
    ASSERT_TRUE(exported) << exported.error().message;
    EXPECT_EQ(exported->engine, "sqlcipher");
    EXPECT_EQ(exported->tables.at("terminals"), 3);
    EXPECT_GT(exported->tables.at("events"), 8);
    EXPECT_EQ(exported->tables.at("event_conflicts"), 0);
    EXPECT_GT(exported->tables.at("paper_tickets"), 0);
    EXPECT_GT(exported->coupons, 3);
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << "the export holds the issuer keys' secrets";

    const auto pg = newDatabase();
    auto imported = ledger::importLedger(pg, file, now());
    ASSERT_TRUE(imported) << imported.error().message;
    EXPECT_EQ(imported->engine, "postgresql");
    EXPECT_EQ(imported->tables, exported->tables);
    EXPECT_EQ(imported->figuresDigest, exported->figuresDigest);
    reopen(pg);
    EXPECT_EQ(snapshot(pg), before);
    // The same issuer keys: the trust store is the source's.
    auto trust = m_ledger->trustStore();
    ASSERT_TRUE(trust);

    // The terminal continues: its replayed request is still refused, its next events are accepted, its cursor
    // gets what came after it, and new changes are numbered after the source's.
    auto replayed = m_ledger->push(t2, m_lastNonce, m_replay);
    ASSERT_TRUE(replayed) << replayed.error().message;
    EXPECT_FALSE(*replayed) << "a replayed request was accepted after the move";
    accepted(t2, closed("e", c2, m_eStart + 60 * kMinute, 60));
    const std::int64_t lastSeq = exported->lastChangeSeq;
    ASSERT_TRUE(m_ledger->revoke(c1, "withdrawn"));
    auto store = ledger::openLedgerStore(pg, now());
    ASSERT_TRUE(store);
    auto seq = (*store)->lastChangeSeq();
    ASSERT_TRUE(seq);
    EXPECT_GT(*seq, lastSeq);
    auto page = pull(t1, m_cursor);
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_FALSE(page->changes.empty()) << "the revocation after the move reaches the terminal's cursor";
    m_clock.set(Instant(std::chrono::seconds(now() + 5 * kMinute)));
    refused(t1, opened("f", c1, now()), "revoked");

    // And back: PostgreSQL to a new SQLCipher ledger, the same again.
    const std::string moved = snapshot(pg);
    const fs::path back = m_dir.path() / "back.export";
    auto exported2 = exportTo(pg, back);
    ASSERT_TRUE(exported2) << exported2.error().message;
    EXPECT_EQ(exported2->engine, "postgresql");
    ledger::LedgerLocation sqlite;
    sqlite.dataDir = m_dir.path() / "back";
    auto imported2 = ledger::importLedger(sqlite, back, now());
    ASSERT_TRUE(imported2) << imported2.error().message;
    EXPECT_EQ(imported2->engine, "sqlcipher");
    reopen(sqlite);
    EXPECT_EQ(snapshot(sqlite), moved);
    // The export of the copy is the export of the original, row for row.
    const fs::path again = m_dir.path() / "again.export";
    ASSERT_TRUE(exportTo(sqlite, again));
    auto a = readLines(back), b = readLines(again);
    ASSERT_EQ(a.size(), b.size());
    EXPECT_TRUE(std::equal(a.begin() + 1, a.end(), b.begin() + 1)) << "the two engines' exports differ";
    // The same engine, as a backup: SQLCipher to a new SQLCipher ledger, and PostgreSQL to a new database.
    ledger::LedgerLocation copy;
    copy.dataDir = m_dir.path() / "copy";
    auto imported3 = ledger::importLedger(copy, again, now());
    ASSERT_TRUE(imported3) << imported3.error().message;
    reopen(copy);
    EXPECT_EQ(snapshot(copy), moved);
    const auto pg2 = newDatabase();
    ASSERT_TRUE(ledger::importLedger(pg2, back, now()));
    reopen(pg2);
    EXPECT_EQ(snapshot(pg2), moved);
}

TEST_F(LedgerTransferTest, DamagedOrForeignFilesAreRefusedAndNothingIsWritten)
{
    buildActivity();
    const fs::path file = m_dir.path() / "ledger.export";
    ASSERT_TRUE(exportTo(m_location, file));
    const auto lines = readLines(file);
    ASSERT_GT(lines.size(), 20u);

    struct Case {
        std::string name;
        std::vector<std::string> lines;
        bool lastNewline = true;
        Errc code;
    };
    std::vector<Case> cases;
    // Truncated: at a line boundary (no end line), and in the middle of a line.
    cases.push_back({"cut at a line", {lines.begin(), lines.begin() + static_cast<long>(lines.size() / 2)}, true,
                     Errc::malformed});
    {
        auto cut = lines;
        cut.back() = cut.back().substr(0, cut.back().size() / 2);
        cases.push_back({"cut in a line", cut, false, Errc::malformed});
    }
    {
        auto noEnd = lines;
        noEnd.pop_back();
        cases.push_back({"no end line", noEnd, true, Errc::malformed});
    }
    {
        auto tampered = lines;
        json h = json::parse(tampered[0]);
        h["tables"]["events"] = h["tables"]["events"].get<int>() - 1;
        tampered[0] = h.dump();
        cases.push_back({"tampered count", tampered, true, Errc::malformed});
    }
    {
        auto newer = lines;
        json h = json::parse(newer[0]);
        h["version"] = ledger::kExportVersion + 1;
        newer[0] = h.dump();
        cases.push_back({"newer format", newer, true, Errc::schema_too_new});
        h["version"] = ledger::kExportVersion;
        h["schema"] = ledger::Ledger::kSchemaVersion + 1;
        newer[0] = h.dump();
        cases.push_back({"newer schema", newer, true, Errc::schema_too_new});
    }
    {
        auto figure = lines; // a session's counted minutes changed: the balances differ
        for (auto& l : figure) {
            json j = json::parse(l);
            if (j.value("t", "") == "sessions" && j["r"][13].get<std::int64_t>() > 0) {
                j["r"][13] = j["r"][13].get<std::int64_t>() + 1;
                l = j.dump();
                break;
            }
        }
        cases.push_back({"tampered figure", figure, true, Errc::store_corrupt});
    }
    {
        auto typed = lines; // an integer as text
        for (auto& l : typed) {
            json j = json::parse(l);
            if (j.value("t", "") == "events") {
                j["r"][0] = std::to_string(j["r"][0].get<std::int64_t>());
                l = j.dump();
                break;
            }
        }
        cases.push_back({"wrong type", typed, true, Errc::malformed});
    }
    {
        auto deep = lines;
        deep.insert(deep.begin() + 2, std::string(100000, '[') + std::string(100000, ']'));
        cases.push_back({"deep nesting", deep, true, Errc::malformed});
    }
    {
        auto huge = lines; // a line over the bound (16 MiB), refused before it is parsed
        huge.insert(huge.begin() + 2, "{\"t\":\"meta\",\"r\":[\"" + std::string(17 * 1024 * 1024, 'x') + "\"]}");
        cases.push_back({"line too long", huge, true, Errc::malformed});
    }
    cases.push_back({"not an export", {R"({"hello":"world"})"}, true, Errc::malformed});

    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const fs::path bad = m_dir.path() / ("bad-" + std::to_string(&c - cases.data()));
        writeLines(bad, c.lines, c.lastNewline);
        const auto target = newDatabase();
        auto r = ledger::importLedger(target, bad, now());
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, c.code) << r.error().message;
        EXPECT_TRUE(untouched(target)) << "a refused import wrote to the database";
        // On SQLCipher too: no ledger is left behind.
        ledger::LedgerLocation dir;
        dir.dataDir = m_dir.path() / ("bad-dir-" + std::to_string(&c - cases.data()));
        auto r2 = ledger::importLedger(dir, bad, now());
        ASSERT_FALSE(r2);
        EXPECT_FALSE(fs::exists(dir.dataDir / "ledger.db"));
    }

    // An initialised target is refused, and left as it was.
    const auto target = newDatabase();
    ASSERT_TRUE(ledger::importLedger(target, file, now()));
    auto twice = ledger::importLedger(target, file, now());
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, Errc::store_exists) << twice.error().message;
    auto intoSource = ledger::importLedger(m_location, file, now());
    ASSERT_FALSE(intoSource);
    EXPECT_EQ(intoSource.error().code, Errc::store_exists);
}

// The one list of tables and columns (ledger_tables.h) is the whole schema: a new column or table that is not
// moved fails here.
TEST_F(LedgerTransferTest, TheTableListIsTheWholeSchema)
{
    std::vector<std::string> listed;
    for (const auto& t : ledger::ledgerTables())
        for (const auto& c : t.columns)
            listed.push_back(std::string(t.name) + "." + std::string(c.name));
    std::sort(listed.begin(), listed.end());

    const auto pg = newDatabase();
    ASSERT_TRUE(ledger::Ledger::create(pg, "131016", readTestJson("policy.json"), m_clock));
    std::vector<std::string> onPg;
    for (const auto& row : m_cluster->rows(PgCluster::databaseOf(pg.databaseUrl),
                                           "SELECT table_name || '.' || column_name FROM information_schema.columns "
                                           "WHERE table_schema = 'public' AND table_name <> 'schema_migrations'"))
        onPg.push_back(row[0].value_or(""));
    std::sort(onPg.begin(), onPg.end());
    EXPECT_EQ(onPg, listed);

    // SQLCipher's schema has the same tables and columns (sqlite_schema.h, pg_schema.h); that every listed
    // column is there is what every export from it in these tests shows.
}

TEST_F(LedgerTransferTest, TheCommandLineExportsAndImportsWithDatabase)
{
    buildActivity();
    const std::string before = snapshot(m_location);
    m_ledger.reset(); // the commands run as other processes
    const fs::path file = m_dir.path() / "cli.export";
    auto out = run({ledgerBinary().string(), "--data-dir", m_dataDir.string(), "export", "--file", file.string()});
    ASSERT_EQ(out.exitCode, 0) << out.err;
    const json e = json::parse(out.out);
    EXPECT_EQ(e.value("engine", ""), "sqlcipher");
    EXPECT_NE(e.value("secrets", "").find("secret"), std::string::npos);
    EXPECT_NE(out.err.find("secret"), std::string::npos) << "the command says the file holds secrets";

    const auto pg = newDatabase();
    auto in = run({ledgerBinary().string(), "--database", pg.databaseUrl, "import", "--file", file.string()});
    ASSERT_EQ(in.exitCode, 0) << in.err;
    const json i = json::parse(in.out);
    EXPECT_EQ(i.value("engine", ""), "postgresql");
    EXPECT_EQ(i["tables"], e["tables"]);
    EXPECT_EQ(i["figures"], e["figures"]);
    reopen(pg);
    EXPECT_EQ(snapshot(pg), before);

    auto again = run({ledgerBinary().string(), "--database", pg.databaseUrl, "import", "--file", file.string()});
    EXPECT_EQ(again.exitCode, 3) << again.err;
    EXPECT_EQ(json::parse(again.out).value("result", ""), "store_exists");
    auto exists = run({ledgerBinary().string(), "--data-dir", m_dataDir.string(), "export", "--file", file.string()});
    EXPECT_NE(exists.exitCode, 0) << "an export never overwrites a file";
}

} // namespace
} // namespace sango::test
