// Enrolment (sync/client/enrolment.cpp) over a scripted transport and real encrypted stores: the device key is
// derived from the store key and the code, so that a retry after a lost answer sends the same public key (the
// ledger answers it again; see the ledger's tests); the ledger's trust store may not hold a key published in
// this repository unless the store is a demonstration store.
#include <gtest/gtest.h>

#include "client_fakes.h"
#include "sango/clock_witness.h"
#include "sango/sync/enrolment.h"
#include "sango/sync/ledger_client.h"
#include "sango/sync_state.h"
#include "store_fixture.h"

namespace sango::sync {
namespace {

using nlohmann::json;
using namespace sango::sync::testing;

class StillBoot final : public BootClock {
public:
    BootReading read() const override { return {"boot", 1000}; }
};

class EnrolmentTest : public ::testing::Test {
protected:
    // The ledger's answer, with the trust store given.
    HttpReply answer(const json& trust) const
    {
        protocol::EnrolResponse r;
        r.terminalId = "P-0001-T01";
        r.provider = test::readJson(test::testDataDir() / "provider.json");
        r.policy = test::readJson(test::testDataDir() / "policy.json");
        r.trust = trust;
        r.cursor = "0";
        r.serverTime = kStart.time_since_epoch().count();
        return jsonReply(200, r.toJson());
    }

    // A trust store with a key of its own (random), under the kid the spec's test key has.
    static json realTrust()
    {
        const auto key = crypto::SigningKey::generate();
        return json::array({{{"kid", "131016-2026a"},
                             {"municipality", "131016"},
                             {"alg", "EdDSA"},
                             {"public_key_b64u", publicKeyB64u(key)}}});
    }

    static std::string sentKey(const HttpExchange& e) { return json::parse(e.body).at("public_key_b64u"); }

    Expected<Enrolment> enrol(const StoreLocation& where, bool demo = false)
    {
        LedgerClient client(m_transport, std::string(kBaseUrl), m_clock);
        EnrolOptions options;
        options.code = "K3Q9-M2X4-T8VW-Z1MA";
        options.demo = demo;
        return enrolTerminal(client, where, options, m_clock, m_boot);
    }

    test::TempDir m_dir;
    FakeClock m_clock{kStart};
    StillBoot m_boot;
    ScriptedTransport m_transport;
};

TEST_F(EnrolmentTest, ARetryAfterALostAnswerSendsTheSameDeviceKey)
{
    const StoreLocation where{m_dir.path() / "t1", {}};
    m_transport.replies.push_back(fail(Errc::ledger_unreachable, "the answer was lost"));
    m_transport.replies.push_back(answer(realTrust()));
    auto lost = enrol(where);
    ASSERT_FALSE(lost);
    EXPECT_EQ(lost.error().code, Errc::ledger_unreachable);
    EXPECT_FALSE(std::filesystem::exists(where.database())); // nothing recorded, but the key to retry with
    EXPECT_TRUE(std::filesystem::exists(where.key()));
    auto retried = enrol(where);
    ASSERT_TRUE(retried) << retried.error().message;
    ASSERT_EQ(m_transport.requests.size(), 2u);
    EXPECT_EQ(sentKey(m_transport.requests[0]), sentKey(m_transport.requests[1]));
    EXPECT_EQ(retried->publicKeyB64u, sentKey(m_transport.requests[1]));

    // The store's device key is the key that was sent.
    auto store = EventStore::open(where);
    ASSERT_TRUE(store) << store.error().message;
    auto hex = SyncState(*store).deviceKeyHex();
    ASSERT_TRUE(hex && *hex);
    std::array<std::uint8_t, 64> secret{};
    ASSERT_TRUE(crypto::fromHex(**hex, secret.data(), secret.size()));
    auto key = crypto::SigningKey::fromSecret(secret.data(), secret.size());
    ASSERT_TRUE(key);
    EXPECT_EQ(publicKeyB64u(*key), retried->publicKeyB64u);

    // Another data directory (another store key) makes another device key from the same code.
    m_transport.replies.push_back(answer(realTrust()));
    ASSERT_TRUE(enrol(StoreLocation{m_dir.path() / "t2", {}}));
    EXPECT_NE(sentKey(m_transport.requests[2]), sentKey(m_transport.requests[1]));
}

TEST_F(EnrolmentTest, APublishedTestKeyIsRefusedUnlessTheStoreIsADemo)
{
    // The spec's published test key, under its own kid: refused by the key, and nothing is recorded.
    const json published = test::readJson(test::testDataDir() / "trust.json");
    const StoreLocation where{m_dir.path() / "t1", {}};
    m_transport.replies.push_back(answer(published));
    auto refused = enrol(where);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::test_key_refused);
    EXPECT_NE(refused.error().message.find("131016-2026a"), std::string::npos) << refused.error().message;
    EXPECT_FALSE(std::filesystem::exists(where.database()));

    // A demonstration store may trust it, and says so.
    m_transport.replies.push_back(answer(published));
    auto demo = enrol(where, true);
    ASSERT_TRUE(demo) << demo.error().message;
    auto store = EventStore::open(where);
    ASSERT_TRUE(store);
    EXPECT_TRUE(store->isDemo().value_or(false));
}

} // namespace
} // namespace sango::sync
