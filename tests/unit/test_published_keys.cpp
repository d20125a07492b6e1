// The published test keys (sango/published_keys.h) and a store's set-up from files (sango/initial_setup.h): every
// constant is the key its seed derives (so none drifts), a key is recognised by its bytes and never by its kid
// (a real ledger's first key is named like the spec's test key), a trust store holding one is refused with
// test_key_refused naming the kid unless the store is a demonstration store, which the store then remembers
// (EventStore::isDemo, and every report's header). Also the masked coupon id staff surfaces show.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sango/base64url.h"
#include "sango/coupon_id.h"
#include "sango/crypto.h"
#include "sango/published_keys.h"
#include "sango/reports.h"
#include "sango/initial_setup.h"
#include "store_fixture.h"

namespace sango::test {
namespace {

using nlohmann::json;

json trustWith(const std::string& kid, const std::array<std::uint8_t, 32>& key, const std::string& municipality = "131016")
{
    return json::array({{{"kid", kid},
                         {"municipality", municipality},
                         {"alg", "EdDSA"},
                         {"public_key_b64u", base64url::encode(key.data(), key.size())}}});
}

std::array<std::uint8_t, 32> randomKey()
{
    return crypto::SigningKey::generate().publicKey;
}

TEST(PublishedKeys, EveryFixedSeedIssuerOfTheRepositoryIsListed)
{
    // tests/support/test_issuer.cpp fills the seed with one byte: these are the bytes used anywhere in tests/
    // (7 is the default, the demo issuer's; 1 gives the spec's key of tests/data/trust.json).
    for (int seed : {1, 2, 3, 5, 7, 8, 9, 99}) {
        const TestIssuer issuer("any-kid", "131016", static_cast<std::uint8_t>(seed));
        EXPECT_TRUE(published_keys::isPublished(issuer.trustKey().publicKey)) << seed;
    }
    EXPECT_EQ(published_keys::all().size(), 8u);
    EXPECT_TRUE(published_keys::isPublished("iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w"));
    const json spec = readJson(testDataDir() / "trust.json");
    EXPECT_TRUE(published_keys::isPublished(spec[0]["public_key_b64u"].get<std::string>()));
    const json vectors = readJson(testDataDir() / "credentials.json");
    EXPECT_TRUE(published_keys::isPublished(vectors["trust"][0]["public_key_b64u"].get<std::string>()));
    // Anything else is not: a fresh key, a seed nobody uses, text that is not a key.
    EXPECT_FALSE(published_keys::isPublished(randomKey()));
    EXPECT_FALSE(published_keys::isPublished(TestIssuer("k", "131016", 42).trustKey().publicKey));
    EXPECT_FALSE(published_keys::isPublished("not base64url!"));
    EXPECT_FALSE(published_keys::isPublished("iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1"));
}

TEST(PublishedKeys, ATrustStoreIsJudgedByItsKeysNeverByItsKids)
{
    // A real ledger's first key carries the spec's test kid: accepted.
    const json realFirst = trustWith("131016-2026a", randomKey());
    EXPECT_TRUE(published_keys::checkForStore(realFirst, false));
    // The demo issuer's key under an innocent kid, second in the store: refused, naming that kid.
    json mixed = realFirst;
    mixed.push_back(trustWith("131016-2027b", TestIssuer().trustKey().publicKey)[0]);
    auto refused = published_keys::checkForStore(mixed, false);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::test_key_refused);
    EXPECT_NE(refused.error().message.find("\"131016-2027b\""), std::string::npos) << refused.error().message;
    EXPECT_NE(refused.error().message.find("--demo"), std::string::npos) << refused.error().message;
    EXPECT_EQ(published_keys::firstPublishedKid(*TrustStore::fromJson(mixed)), "131016-2027b");
    // A demonstration store may trust it.
    EXPECT_TRUE(published_keys::checkForStore(mixed, true));
    // Not a trust store at all: its own error.
    auto bad = published_keys::checkForStore(json::object(), false);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, Errc::invalid_config);
}

class StoreSetupTest : public ::testing::Test {
protected:
    SetupFiles files(const json& trust, bool demo)
    {
        writeBytes(m_dir.path() / "trust.json", trust.dump());
        return SetupFiles{"T1", testDataDir() / "policy.json", testDataDir() / "provider.json",
                          m_dir.path() / "trust.json", demo};
    }
    TempDir m_dir;
};

TEST_F(StoreSetupTest, EachPublishedKeyIsRefusedUnlessTheStoreIsADemo)
{
    const json spec = readJson(testDataDir() / "trust.json");
    for (const json& trust : {spec, TestIssuer().trustJson()}) {
        auto refused = InitialSetup::fromFiles(files(trust, false));
        ASSERT_FALSE(refused) << trust.dump();
        EXPECT_EQ(refused.error().code, Errc::test_key_refused);
        EXPECT_NE(refused.error().message.find(trust[0]["kid"].get<std::string>()), std::string::npos);
        EXPECT_EQ(exitStatus(refused.error().code), 2);
        auto demo = InitialSetup::fromFiles(files(trust, true));
        ASSERT_TRUE(demo) << demo.error().message;
        EXPECT_TRUE(demo->config.demo);
    }
    auto real = InitialSetup::fromFiles(files(trustWith("131016-2026a", randomKey()), false));
    ASSERT_TRUE(real) << real.error().message;
    EXPECT_FALSE(real->config.demo);
    // The other checks still come first where they apply: a trust store of another municipality.
    auto elsewhere = InitialSetup::fromFiles(files(trustWith("271004-2026a", randomKey(), "271004"), false));
    ASSERT_FALSE(elsewhere);
    EXPECT_EQ(elsewhere.error().code, Errc::invalid_config);
}

TEST_F(StoreSetupTest, ADemoStoreSaysSoAndAnOtherDoesNot)
{
    FakeClock clock{kApril3Morning};
    for (bool demo : {false, true}) {
        StoreLocation where;
        where.dataDir = m_dir.path() / (demo ? "demo" : "real");
        auto setup = InitialSetup::fromFiles(files(TestIssuer().trustJson(), true));
        ASSERT_TRUE(setup);
        setup->config.demo = demo;
        auto store = EventStore::create(where, setup->config, clock.now());
        ASSERT_TRUE(store) << store.error().message;
        EXPECT_EQ(store->isDemo().value(), demo);
        auto reopened = EventStore::open(where);
        ASSERT_TRUE(reopened);
        EXPECT_EQ(reopened->isDemo().value(), demo);
        auto terminal = Terminal::load(*reopened, clock);
        ASSERT_TRUE(terminal);
        Reports reports(*reopened, terminal->policy(), terminal->provider(), terminal->localTime());
        EXPECT_EQ(reports.header(date::year{2026} / date::April, clock.now()).demo, demo);
        EXPECT_TRUE(reopened->audit().value().intact);
    }
}

TEST(CouponIdMasked, ShowsOnlyTheLastFourCharacters)
{
    EXPECT_EQ(couponid::masked("7K3Q9M2X4T8VWZ1M"), "\u2022\u2022\u2022\u2022-\u2022\u2022\u2022\u2022-"
                                                    "\u2022\u2022\u2022\u2022-WZ1M");
    EXPECT_EQ(couponid::masked("7K3Q9M2X4T8VWZ1M", "*"), "****-****-****-WZ1M");
    EXPECT_EQ(couponid::masked("0012345", "*"), "***2-345") << "a paper ticket keeps the rule";
}

} // namespace
} // namespace sango::test
