// The ledger's upgrades keep everything: each tests/data/ledger-v<N>/ is a ledger of schema N made by the
// `sango-ledger` of that version (its make-fixture.sh), with what that binary said about it. Opened by this
// version it migrates in place: the same events, totals and balances; what the new schema adds is filled in
// from what the old one held (sessions' identity, the revocations' change numbers, codes' expiry, terminals'
// last seq); and it takes new events under the new rules — a session left open is closed with the ledger's own
// figures, and an old unused enrolment code expires seven days after it was made.
#include <regex>

#include <gtest/gtest.h>

#include "ledger_fixture.h"
#include "sango/database.h"
#include "sango/key_file.h"
#include "sango/report_format.h"
#include "store_fixture.h"

namespace sango::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct LedgerFixtureDir {
    int version = 0;
    fs::path dir;
};

void PrintTo(const LedgerFixtureDir& f, std::ostream* os)
{
    *os << f.dir.filename().string();
}

std::vector<LedgerFixtureDir> ledgerFixtures()
{
    std::vector<LedgerFixtureDir> out;
    const std::regex name("ledger-v([0-9]+)");
    for (const auto& e : fs::directory_iterator(testDataDir())) {
        std::smatch m;
        const std::string n = e.path().filename().string();
        if (e.is_directory() && std::regex_match(n, m, name))
            out.push_back({std::stoi(m[1]), e.path()});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    return out;
}

TEST(LedgerFixtures, EveryEarlierSchemaVersionHasAFixture)
{
    const auto fixtures = ledgerFixtures();
    for (int v = 1; v < ledger::Ledger::kSchemaVersion; ++v)
        EXPECT_TRUE(std::any_of(fixtures.begin(), fixtures.end(), [v](const auto& f) { return f.version == v; }))
            << "no tests/data/ledger-v" << v << "/: make one with the sango-ledger of that schema";
}

class LedgerUpgrade : public ::testing::TestWithParam<LedgerFixtureDir> {
protected:
    void SetUp() override
    {
        m_data = m_dir.path() / "ledger";
        fs::create_directories(m_data);
        for (const char* f : {"ledger.db", "ledger.key"})
            fs::copy_file(GetParam().dir / f, m_data / f);
        fs::permissions(m_data / "ledger.key", fs::perms::owner_read | fs::perms::owner_write);
        m_facts = readJson(GetParam().dir / "facts.json");
    }

    json expected(const char* file) const { return readJson(GetParam().dir / file); }

    TempDir m_dir;
    fs::path m_data;
    json m_facts;
    FakeClock m_clock{Instant(std::chrono::seconds(1775185200))}; // 2026-04-03T03:00:00Z, as the fixture was made
};

TEST_P(LedgerUpgrade, KeepsEveryEventTotalAndBalance)
{
    auto l = ledger::Ledger::open(m_data, m_clock);
    ASSERT_TRUE(l) << l.error().message;
    auto events = l->events(std::nullopt, std::nullopt);
    ASSERT_TRUE(events) << events.error().message;
    const json before = expected("events.json");
    ASSERT_EQ(events->size(), before.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        const json now = (*events)[i].toJson();
        for (const char* k : {"id", "type", "status", "reason", "session_id", "coupon_id", "terminal_id", "at", "body"})
            EXPECT_EQ(now[k], before[i][k]) << k << " of event " << i;
    }
    auto totals = l->totals("P-0001", date::year{2026} / date::April);
    ASSERT_TRUE(totals);
    json t = totalsTable(*totals).toJson();
    t.erase(t.size() - 1);
    EXPECT_EQ(t, expected("totals.json"));
    for (const json& b : expected("balances.json")) {
        auto now = l->balance(b["coupon_id"].get<std::string>());
        ASSERT_TRUE(now);
        EXPECT_EQ(now->usedMinutes, b["used_minutes"]);
        EXPECT_EQ(now->balanceMinutes, b["balance_minutes"]);
    }
    auto terminals = l->terminals();
    ASSERT_TRUE(terminals);
    ASSERT_EQ(terminals->size(), 1u);
    EXPECT_EQ((*terminals)[0].state(), "active");
}

TEST_P(LedgerUpgrade, FillsInWhatTheNewSchemaHolds)
{
    {
        auto l = ledger::Ledger::open(m_data, m_clock);
        ASSERT_TRUE(l) << l.error().message;
    }
    auto key = KeyFile(m_data / "ledger.key").load();
    ASSERT_TRUE(key);
    auto d = db::Database::open(m_data / "ledger.db", false);
    ASSERT_TRUE(d && d->key(key->sqlcipherLiteral()) && d->exec("PRAGMA cipher_page_size = 4096"));
    auto scalar = [&](const std::string& sql) -> std::int64_t {
        auto st = d->prepare(sql);
        EXPECT_TRUE(st) << sql;
        if (!st || !st->step().value_or(false))
            return -1;
        return st->isNull(0) ? -2 : st->int64(0);
    };
    EXPECT_EQ(scalar("SELECT max(version) FROM schema_migrations"), ledger::Ledger::kSchemaVersion);
    // The revocation is known by the change that carried it.
    const std::string revoked = m_facts["coupons"]["revoked_after_visit"];
    EXPECT_EQ(scalar("SELECT revoked_change FROM coupons WHERE coupon_id = '" + revoked + "'"),
              scalar("SELECT max(seq) FROM changes WHERE kind = 'revocation'"));
    // Every session keeps the start it was opened with; the old codes expire a week after they were made.
    EXPECT_EQ(scalar("SELECT count(*) FROM sessions WHERE opened_start IS NULL OR opened_start != start"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM enrolment_codes WHERE expires_at != created_at + 604800"), 0);
}

TEST_P(LedgerUpgrade, TakesNewEventsUnderTheNewRules)
{
    auto l = ledger::Ledger::open(m_data, m_clock);
    ASSERT_TRUE(l) << l.error().message;
    auto terminals = l->terminals();
    ASSERT_TRUE(terminals && terminals->size() == 1u);
    const ledger::TerminalInfo t = terminals->front();
    // The session left open, closed four hours after it started by an event of the old form (no session_start):
    // the ledger bills it from the times, by its policy.
    const std::string session = m_facts["open_session"]["session_id"];
    std::int64_t start = 0;
    for (const json& e : expected("events.json"))
        if (e["session_id"] == session && e["type"] == "session_opened")
            start = e["body"]["start"];
    ASSERT_GT(start, 0);
    const std::int64_t stop = start + 4 * 3600;
    m_clock.set(Instant(std::chrono::seconds(stop + 60)));
    protocol::WireEvent close;
    close.id = crypto::randomUuid();
    close.seq = 100;
    close.type = "session_closed";
    close.at = stop;
    close.body = {{"session_id", session},      {"coupon_id", m_facts["open_session"]["coupon_id"]},
                  {"stop", stop},               {"actual_minutes", 240},
                  {"billed_minutes", 240},      {"flags", json::array()},
                  {"staff_id", "m1"},           {"by_scan", true},
                  {"coupon", json::object()},   {"clock", nullptr}};
    protocol::PushRequest batch;
    batch.events = {close};
    auto pushed = l->push(t, {"n-upgrade", stop + 60}, batch);
    ASSERT_TRUE(pushed && *pushed) << (pushed ? "replayed" : pushed.error().message);
    const auto& r = (*pushed)->results.at(0);
    EXPECT_EQ(r.status, protocol::EventStatus::accepted) << r.reason << ": " << r.detail;
    ASSERT_TRUE(r.figures);
    EXPECT_EQ(r.figures->billedMinutes, 240);
    EXPECT_EQ(r.figures->amountYen, 5200); // 4 h of stay care at 1,300 yen an hour
    auto b = l->balance(m_facts["open_session"]["coupon_id"].get<std::string>());
    ASSERT_TRUE(b);
    EXPECT_EQ(b->usedMinutes, 240);

    // The old unused code works within its week, and not after.
    const auto key = crypto::SigningKey::generate();
    const std::string pub = base64url::encode(key.publicKey.data(), key.publicKey.size());
    const std::string code = m_facts["unused_enrolment_code"];
    m_clock.set(Instant(std::chrono::seconds(m_facts["code_made_at"].get<std::int64_t>() + 8 * 86400)));
    EXPECT_FALSE(l->enrol({code, pub, "late"}));
    m_clock.set(Instant(std::chrono::seconds(m_facts["code_made_at"].get<std::int64_t>() + 6 * 86400)));
    EXPECT_TRUE(l->enrol({code, pub, "in time"}));
}

INSTANTIATE_TEST_SUITE_P(EveryEarlierSchema, LedgerUpgrade, ::testing::ValuesIn(ledgerFixtures()),
                         [](const auto& param) { return "v" + std::to_string(param.param.version); });

} // namespace
} // namespace sango::test
