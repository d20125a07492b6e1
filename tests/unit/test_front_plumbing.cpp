// What the front-ends share instead of writing it each: the typed sync state over the store's sync_state table
// (the same keys and texts as before: the file format does not change), the TLS and ledger URL rules of
// sync::resolveTls, TerminalSession (store, Terminal and clock witness opened together) and readJsonFile.
#include <gtest/gtest.h>

#include "sango/clock_witness.h"
#include "sango/json_file.h"
#include "raw_store.h"
#include "sango/sync/resolve_tls.h"
#include "sango/sync_state.h"
#include "sango/terminal_session.h"
#include "store_fixture.h"

namespace sango::test {
namespace {

using nlohmann::json;

class FixedBootClock final : public BootClock {
public:
    BootReading read() const override { return {"boot-1", 1000}; }
};

class FrontPlumbingTest : public ::testing::Test {
protected:
    Expected<EventStore> make(const EnrolmentRecord* record)
    {
        m_where.dataDir = m_dir.path() / "data";
        InitialConfig config{"P-0001-T01", readJson(testDataDir() / "policy.json"),
                             readJson(testDataDir() / "provider.json"), m_issuer.trustJson()};
        return EventStore::create(m_where, config, m_clock.now(), record);
    }

    TempDir m_dir;
    StoreLocation m_where;
    FakeClock m_clock{kApril3Morning};
    FixedBootClock m_boot;
    TestIssuer m_issuer;
};

TEST_F(FrontPlumbingTest, SyncStateKeepsTheKeysAndTextsOfTheTable)
{
    const auto values = SyncState::enrolmentValues("abcd", "c0", "ca.pem", "sha256//pin");
    ASSERT_EQ(values.size(), 4u);
    EXPECT_EQ(values[0], (std::pair<std::string, std::string>{"device_key", "abcd"}));
    EXPECT_EQ(values[1], (std::pair<std::string, std::string>{"cursor", "c0"}));
    EXPECT_EQ(values[2].first, "ca_file");
    EXPECT_TRUE(std::filesystem::path(values[2].second).is_absolute());
    EXPECT_EQ(values[3], (std::pair<std::string, std::string>{"pinned_key", "sha256//pin"}));
    EXPECT_EQ(SyncState::enrolmentValues("abcd", "c0", "", "").size(), 2u);

    EnrolmentRecord record{Enrolment{"http://127.0.0.1:9", "P-0001-T01", "P-0001", "pub"}, values};
    auto store = make(&record);
    ASSERT_TRUE(store) << store.error().message;
    SyncState state(*store);
    auto settings = state.settings();
    ASSERT_TRUE(settings);
    EXPECT_TRUE(settings->enrolled);
    EXPECT_EQ(settings->ledgerUrl, "http://127.0.0.1:9");
    EXPECT_EQ(settings->terminalId, "P-0001-T01");
    EXPECT_EQ(settings->caFile, std::filesystem::path(values[2].second));
    EXPECT_EQ(settings->pinnedKey, "sha256//pin");
    EXPECT_EQ(state.deviceKeyHex().value(), "abcd");
    EXPECT_EQ(state.cursor().value(), "c0");

    ASSERT_TRUE(state.setCursor("c7"));
    ASSERT_TRUE(state.setLastSync(R"({"result":"ok"})"));
    ASSERT_TRUE(state.setLastSuccess(Instant(std::chrono::seconds(1775170800))));
    EXPECT_EQ(rawSyncValue(m_where, "cursor").value(), "c7");
    EXPECT_EQ(rawSyncValue(m_where, "last_sync").value(), R"({"result":"ok"})");
    EXPECT_EQ(rawSyncValue(m_where, "last_success").value(), "1775170800");
    EXPECT_EQ(state.lastSuccessSeconds().value(), 1775170800);
    EXPECT_EQ(state.lastSync().value(), R"({"result":"ok"})");
}

TEST_F(FrontPlumbingTest, AStoreFromFilesHasNoSyncSettings)
{
    auto store = make(nullptr);
    ASSERT_TRUE(store) << store.error().message;
    SyncState state(*store);
    auto settings = state.settings();
    ASSERT_TRUE(settings);
    EXPECT_FALSE(settings->enrolled);
    EXPECT_FALSE(settings->caFile);
    EXPECT_FALSE(settings->pinnedKey);
    EXPECT_EQ(state.cursor().value(), "0");
    EXPECT_FALSE(state.lastSuccessSeconds().value());
    EXPECT_FALSE(state.deviceKeyHex().value());
}

TEST(ResolveTls, FlagsThenConfigThenWhatEnrolmentRecorded)
{
    SyncSettings recorded;
    recorded.caFile = std::filesystem::path("/recorded/ca.pem");
    recorded.pinnedKey = "sha256//recorded";
    auto both = sync::resolveTls({"flag.pem", "sha256//flag"}, {"config.pem", "sha256//config"}, &recorded);
    ASSERT_TRUE(both);
    EXPECT_EQ(both->caFile, std::filesystem::path("flag.pem"));
    EXPECT_EQ(both->pinnedPublicKey, "sha256//flag");
    auto config = sync::resolveTls({}, {"config.pem", ""}, &recorded);
    ASSERT_TRUE(config);
    EXPECT_EQ(config->caFile, std::filesystem::path("config.pem"));
    EXPECT_EQ(config->pinnedPublicKey, "sha256//recorded");
    auto none = sync::resolveTls({}, {}, nullptr);
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->caFile);
    EXPECT_FALSE(none->pinnedPublicKey);

    EXPECT_EQ(sync::resolveLedgerUrl("https://flag", "https://config", "https://enrolled"), "https://flag");
    EXPECT_EQ(sync::resolveLedgerUrl("", "https://config", "https://enrolled"), "https://config");
    EXPECT_EQ(sync::resolveLedgerUrl("", "", "https://enrolled"), "https://enrolled");
}

TEST_F(FrontPlumbingTest, ATerminalSessionOpensTheStoreTheTerminalAndTheWitness)
{
    auto missing = TerminalSession::open({StoreLocation{m_dir.path() / "none", {}}, &m_clock, &m_boot});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::store_missing);

    ASSERT_TRUE(make(nullptr));
    auto session = TerminalSession::open({m_where, &m_clock, &m_boot});
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_EQ((*session)->terminal().provider().providerId, "P-0001");
    EXPECT_TRUE((*session)->store().eventCount().value() > 0);
    auto reading = (*session)->witness().read();
    ASSERT_TRUE(reading);
    EXPECT_FALSE(reading->enrolled); // a store from files has no ledger to measure against
}

TEST_F(FrontPlumbingTest, ReadJsonFileSaysWhichFileAndWhy)
{
    auto missing = readJsonFile(m_dir.path() / "none.json", "policy");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::invalid_argument);
    EXPECT_EQ(missing.error().message, "cannot read the policy file " + (m_dir.path() / "none.json").string());
    auto hinted = readJsonFile(m_dir.path() / "none.json", "trust store", "check the path");
    ASSERT_FALSE(hinted);
    EXPECT_EQ(hinted.error().message,
              "cannot read the trust store file " + (m_dir.path() / "none.json").string() + ": check the path");
    writeBytes(m_dir.path() / "bad.json", "{not json");
    auto bad = readJsonFile(m_dir.path() / "bad.json", "provider");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, Errc::invalid_config);
    EXPECT_EQ(bad.error().message, "the provider file " + (m_dir.path() / "bad.json").string() + " is not valid JSON");
    writeBytes(m_dir.path() / "good.json", R"({"a": 1})");
    EXPECT_EQ(readJsonFile(m_dir.path() / "good.json", "provider").value(), json({{"a", 1}}));
}

} // namespace
} // namespace sango::test
