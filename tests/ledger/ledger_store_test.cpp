// The ledger's store: init makes an encrypted store and a 0600 key, refuses a second init, reopens, and tells
// a wrong key and a missing ledger apart as store errors. The tests of the SQLCipher file itself (its mode, its
// key, its migrations table) run on that engine only (tests/ledger/CMakeLists.txt, kSqliteOnly).
#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "ledger_fixture.h"
#include "sango/database.h"
#include "sango/trust_store.h"

namespace sango::test {
namespace {

namespace fs = std::filesystem;

int modeOf(const fs::path& p)
{
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return static_cast<int>(st.st_mode & 0777);
}

using LedgerStoreTest = LedgerFixture;

TEST_F(LedgerStoreTest, InitMakesAnEncryptedStoreAndAPrivateKey)
{
    EXPECT_TRUE(fs::exists(m_dataDir / "ledger.db"));
    EXPECT_EQ(modeOf(m_dataDir / "ledger.key"), 0600);
    EXPECT_EQ(modeOf(m_dataDir / "ledger.db"), 0600);
    EXPECT_EQ(modeOf(m_dataDir), 0700);
    // Encrypted: the SQLite header is not there in plain text.
    std::ifstream in(m_dataDir / "ledger.db", std::ios::binary);
    std::string head(16, '\0');
    in.read(head.data(), 16);
    EXPECT_NE(head.substr(0, 15), "SQLite format 3");
    EXPECT_EQ(m_ledger->municipality(), "131016");
}

TEST_F(LedgerStoreTest, FirstIssuerKeyIsNamedByMunicipalityAndYear)
{
    auto trust = m_ledger->trustStore();
    ASSERT_TRUE(trust) << trust.error().message;
    ASSERT_EQ(trust->size(), 1u);
    EXPECT_EQ((*trust)[0]["kid"], "131016-2026a");
    EXPECT_EQ((*trust)[0]["municipality"], "131016");
    EXPECT_EQ((*trust)[0]["alg"], "EdDSA");
    // The terminal's own parser accepts it.
    auto parsed = TrustStore::fromJson(*trust);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_NE(parsed->find("131016-2026a"), nullptr);
}

TEST_F(LedgerStoreTest, RefusesASecondInit)
{
    auto again = ledger::Ledger::create(m_location, "131016", readTestJson("policy.json"), m_clock);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::store_exists);
    // The first ledger is untouched.
    m_ledger.reset();
    auto reopened = ledger::Ledger::open(m_location, m_clock);
    ASSERT_TRUE(reopened) << reopened.error().message;
    auto trust = reopened->trustStore();
    ASSERT_TRUE(trust);
    EXPECT_EQ(trust->size(), 1u);
}

TEST_F(LedgerStoreTest, RefusesAPolicyOfAnotherMunicipality)
{
    TempDir other;
    auto made = ledger::Ledger::create(other.path() / "l", "271004", readTestJson("policy.json"), m_clock);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().code, Errc::invalid_config);
    EXPECT_FALSE(fs::exists(other.path() / "l" / "ledger.db"));
    EXPECT_FALSE(fs::exists(other.path() / "l" / "ledger.key"));
}

TEST_F(LedgerStoreTest, WrongKeyIsAStoreError)
{
    m_ledger.reset();
    {
        std::ofstream key(m_dataDir / "ledger.key", std::ios::trunc);
        key << std::string(64, 'a') << '\n';
    }
    auto opened = ledger::Ledger::open(m_dataDir, m_clock);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, Errc::wrong_key);
    EXPECT_EQ(exitStatus(opened.error().code), 3);
}

TEST_F(LedgerStoreTest, MissingLedgerAndMissingKeyAreStoreErrors)
{
    TempDir empty;
    auto none = ledger::Ledger::open(empty.path(), m_clock);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, Errc::store_missing);
    m_ledger.reset();
    fs::remove(m_dataDir / "ledger.key");
    auto noKey = ledger::Ledger::open(m_dataDir, m_clock);
    ASSERT_FALSE(noKey);
    EXPECT_EQ(noKey.error().code, Errc::key_missing);
    EXPECT_EQ(exitStatus(noKey.error().code), 3);
}

TEST_F(LedgerStoreTest, RecordsItsSchemaMigrations)
{
    m_ledger.reset();
    // Opened with the ledger's own key through sango::sql, as an operator's tool would.
    auto d = db::Database::open(m_dataDir / "ledger.db", false);
    ASSERT_TRUE(d);
    std::ifstream keyFile(m_dataDir / "ledger.key");
    std::string hex;
    keyFile >> hex;
    const std::string literal = "x'" + hex + "'";
    ASSERT_TRUE(d->key(literal));
    ASSERT_TRUE(d->exec("PRAGMA cipher_page_size = 4096"));
    auto st = d->prepare("SELECT max(version) FROM schema_migrations");
    ASSERT_TRUE(st) << st.error().message;
    ASSERT_TRUE(st->step().value_or(false));
    EXPECT_EQ(st->int64(0), ledger::Ledger::kSchemaVersion);
}

TEST_F(LedgerStoreTest, TwoConnectionsShareTheFile)
{
    // An admin command while `serve` holds the ledger open: both write, neither fails.
    auto second = ledger::Ledger::open(m_location, m_clock);
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_TRUE(second->addProvider(providerJson("P-0002")));
    EXPECT_TRUE(m_ledger->addProvider(providerJson("P-0003")));
    EXPECT_TRUE(second->newEnrolmentCode("P-0003"));
    auto health = m_ledger->health();
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, "ok");
    EXPECT_EQ(health->municipality, "131016");
    EXPECT_EQ(health->serverTime, now());
}

} // namespace
} // namespace sango::test
