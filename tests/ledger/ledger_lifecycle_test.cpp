// The lifecycle of what the municipality hands out (issue 11), through the Ledger and through the terminal
// API as a terminal meets it (LedgerApi::handle, requests signed with a real device key): a revoked terminal
// is refused every later request (terminal_revoked) and can never enrol again; a suspended provider's
// terminals are refused (provider_suspended) until it is resumed; enrolment codes expire after their days
// and can be cancelled, one or all of a provider's; an enrolment retried with the same code and the same
// device key gets the same answer (the first was lost), another key is refused; `terminals` shows each
// terminal's state and last contact. A refused request stores nothing.
#include <gtest/gtest.h>

#include <cctype>
#include <memory>

#include "ledger_fixture.h"
#include "sango/ledger/ledger_api.h"
#include "sango/protocol/api.h"
#include "sango/protocol/request_signature.h"

namespace sango::test {
namespace {

using nlohmann::json;

class LedgerLifecycleTest : public LedgerFixture {
protected:
    void SetUp() override
    {
        LedgerFixture::SetUp();
        if (HasFatalFailure())
            return;
        m_api = std::make_unique<ledger::LedgerApi>(*m_ledger, m_clock);
    }
    void TearDown() override { m_api.reset(); }

    struct Device {
        std::string id;
        crypto::SigningKey key = crypto::SigningKey::generate();
    };

    server::HttpResponse enrolRequest(const std::string& code, const crypto::SigningKey& key)
    {
        const json body = {{"code", code},
                           {"public_key_b64u", base64url::encode(key.publicKey.data(), key.publicKey.size())},
                           {"label", "reception"}};
        return m_api->handle(server::HttpRequest{"POST", "/v1/enrol", {}, body.dump(), "127.0.0.1"});
    }

    // Enrols a device through the API with this code (a new one of the provider when none is given).
    Device enrolDevice(const std::string& providerId, std::string code = {})
    {
        Device d;
        if (code.empty()) {
            auto c = m_ledger->newEnrolmentCode(providerId);
            if (!c)
                code = addProvider(providerId);
            else
                code = *c;
        }
        const auto r = enrolRequest(code, d.key);
        EXPECT_EQ(r.status, 200) << r.body;
        d.id = json::parse(r.body, nullptr, false).value("terminal_id", "");
        return d;
    }

    server::HttpResponse signedCall(const Device& d, const std::string& method, const std::string& target,
                                    const std::string& body = {})
    {
        const auto h = protocol::signRequest(d.key, d.id, method, target, now(), body);
        server::HttpRequest r{method, target, {}, body, "127.0.0.1"};
        r.headers = {{"sango-terminal", h.terminalId},
                     {"sango-timestamp", std::to_string(h.timestamp)},
                     {"sango-nonce", h.nonce},
                     {"sango-signature", h.signature}};
        return m_api->handle(r);
    }

    server::HttpResponse pushCall(const Device& d)
    {
        const std::string c = issue();
        protocol::PushRequest batch;
        batch.events.push_back(opened("s" + std::to_string(m_seq + 1), c, now() - 60));
        return signedCall(d, "POST", "/v1/events", batch.toJson().dump());
    }
    server::HttpResponse pullCall(const Device& d) { return signedCall(d, "GET", "/v1/changes?cursor=0&limit=10"); }

    static std::string errorOf(const server::HttpResponse& r)
    {
        return std::to_string(r.status) + " " + json::parse(r.body, nullptr, false).value("error", "");
    }

    std::size_t eventCount()
    {
        auto e = m_ledger->events(std::nullopt, std::nullopt);
        EXPECT_TRUE(e);
        return e ? e->size() : 0;
    }

    std::optional<ledger::TerminalInfo> info(const std::string& id)
    {
        auto t = m_ledger->terminal(id);
        EXPECT_TRUE(t);
        return t ? *t : std::nullopt;
    }

    server::HttpRequestHead pushHead(const Device& d)
    {
        return server::HttpRequestHead{"POST", "/v1/events", {{"sango-terminal", d.id}, {"sango-signature", "x"}},
                                       "127.0.0.1"};
    }

    std::unique_ptr<ledger::LedgerApi> m_api;
};

TEST_F(LedgerLifecycleTest, ARevokedTerminalIsRefusedEveryLaterRequest)
{
    const std::string code = addProvider("P-0001");
    Device lost = enrolDevice("P-0001", code);
    Device kept = enrolDevice("P-0001");
    ASSERT_EQ(pushCall(lost).status, 200);
    EXPECT_EQ(m_api->bodyLimit(pushHead(lost)), protocol::kMaxRequestBytes);

    EXPECT_FALSE(m_ledger->revokeTerminal(lost.id, "stolen")); // lost or retired
    EXPECT_FALSE(m_ledger->revokeTerminal("P-0001-T77", "lost"));
    m_clock.advance(std::chrono::minutes(1));
    ASSERT_TRUE(m_ledger->revokeTerminal(lost.id, "lost"));
    const std::int64_t revokedAt = now();
    const std::size_t events = eventCount();
    m_clock.advance(std::chrono::minutes(1));
    EXPECT_EQ(errorOf(pushCall(lost)), "403 terminal_revoked");
    EXPECT_EQ(errorOf(pullCall(lost)), "403 terminal_revoked");
    EXPECT_EQ(eventCount(), events);
    // Its large body limit is gone before its body is read; its provider's other terminal is served.
    EXPECT_EQ(m_api->bodyLimit(pushHead(lost)), protocol::kMaxSmallRequestBytes);
    EXPECT_EQ(pushCall(kept).status, 200);
    EXPECT_EQ(pullCall(kept).status, 200);

    // The first revocation and its reason stand.
    ASSERT_TRUE(m_ledger->revokeTerminal(lost.id, "retired"));
    auto t = info(lost.id);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->state(), "revoked");
    EXPECT_EQ(t->revokedAt, std::optional(revokedAt));
    EXPECT_EQ(t->revokeReason, "lost");
    // Its code and key cannot enrol it again.
    EXPECT_EQ(errorOf(enrolRequest(code, lost.key)), "403 bad_code");
}

TEST_F(LedgerLifecycleTest, ASuspendedProvidersTerminalsAreRefusedUntilItIsResumed)
{
    Device one = enrolDevice("P-0001");
    Device two = enrolDevice("P-0002");
    EXPECT_FALSE(m_ledger->suspendProvider("P-0009"));
    EXPECT_FALSE(m_ledger->resumeProvider("P-0009"));
    ASSERT_TRUE(m_ledger->suspendProvider("P-0001"));
    const std::size_t events = eventCount();
    EXPECT_EQ(errorOf(pushCall(one)), "403 provider_suspended");
    EXPECT_EQ(errorOf(pullCall(one)), "403 provider_suspended");
    EXPECT_EQ(eventCount(), events);
    EXPECT_EQ(m_api->bodyLimit(pushHead(one)), protocol::kMaxSmallRequestBytes);
    EXPECT_EQ(pushCall(two).status, 200);
    auto t = info(one.id);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->state(), "suspended");
    // No new terminal either, and its code is not spent by the refusal.
    auto code = m_ledger->newEnrolmentCode("P-0001");
    ASSERT_TRUE(code);
    const crypto::SigningKey key = crypto::SigningKey::generate();
    EXPECT_EQ(errorOf(enrolRequest(*code, key)), "403 provider_suspended");

    ASSERT_TRUE(m_ledger->suspendProvider("P-0001")); // again: nothing changes
    ASSERT_TRUE(m_ledger->resumeProvider("P-0001"));
    EXPECT_EQ(pushCall(one).status, 200);
    EXPECT_EQ(pullCall(one).status, 200);
    EXPECT_EQ(info(one.id)->state(), "active");
    EXPECT_EQ(enrolRequest(*code, key).status, 200);
}

TEST_F(LedgerLifecycleTest, EnrolmentCodesExpireAfterTheirDays)
{
    // The first code of a provider: 7 days by default, to the second.
    const std::string week = addProvider("P-0001");
    auto two = m_ledger->newEnrolmentCode("P-0001", 2);
    auto twoToo = m_ledger->newEnrolmentCode("P-0001", 2);
    auto provider = m_ledger->addProvider(providerJson("P-0002"), 1);
    ASSERT_TRUE(two && twoToo && provider);
    m_clock.advance(std::chrono::seconds(2 * 86400 - 1));
    EXPECT_EQ(enrolRequest(*two, crypto::SigningKey::generate()).status, 200);
    m_clock.advance(std::chrono::seconds(1));
    EXPECT_EQ(errorOf(enrolRequest(*twoToo, crypto::SigningKey::generate())), "403 bad_code");
    EXPECT_EQ(errorOf(enrolRequest(provider->enrolmentCode, crypto::SigningKey::generate())), "403 bad_code");
    m_clock.advance(std::chrono::seconds(5 * 86400 - 1));
    EXPECT_EQ(enrolRequest(week, crypto::SigningKey::generate()).status, 200);
    auto listed = m_ledger->terminals();
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->size(), 2u);
}

TEST_F(LedgerLifecycleTest, ACancelledCodeCannotEnrol)
{
    const std::string first = addProvider("P-0001");
    auto second = m_ledger->newEnrolmentCode("P-0001");
    auto third = m_ledger->newEnrolmentCode("P-0001");
    ASSERT_TRUE(second && third);
    ASSERT_TRUE(m_ledger->cancelEnrolmentCode(*second));
    EXPECT_EQ(errorOf(enrolRequest(*second, crypto::SigningKey::generate())), "403 bad_code");
    EXPECT_FALSE(m_ledger->cancelEnrolmentCode(*second)); // cancelled already
    EXPECT_FALSE(m_ledger->cancelEnrolmentCode("not a code"));

    // All of a provider's unused codes at once; a used one is not touched, and its retry still works.
    const crypto::SigningKey key = crypto::SigningKey::generate();
    const auto enrolled = enrolRequest(first, key);
    ASSERT_EQ(enrolled.status, 200);
    auto n = m_ledger->cancelEnrolmentCodes("P-0001");
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 1); // the third
    EXPECT_EQ(errorOf(enrolRequest(*third, crypto::SigningKey::generate())), "403 bad_code");
    EXPECT_EQ(enrolRequest(first, key).body, enrolled.body);
    EXPECT_FALSE(m_ledger->cancelEnrolmentCodes("P-0009"));
    auto listed = m_ledger->terminals();
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->size(), 1u);
}

TEST_F(LedgerLifecycleTest, AnEnrolmentRetriedWithTheSameKeyGetsTheSameAnswer)
{
    const std::string code = addProvider("P-0001");
    const crypto::SigningKey key = crypto::SigningKey::generate();
    const protocol::EnrolRequest request{code, base64url::encode(key.publicKey.data(), 32), "reception"};
    auto first = m_ledger->enrol(request);
    ASSERT_TRUE(first) << first.error().message;
    m_clock.advance(std::chrono::minutes(3));
    auto again = m_ledger->enrol(request);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->terminalId, first->terminalId);
    EXPECT_EQ(again->cursor, first->cursor);
    EXPECT_EQ(again->provider, first->provider);

    // Through the API, in another form of the same code: the same terminal.
    std::string lower = code;
    for (char& ch : lower)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto answer = enrolRequest(lower, key);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(json::parse(answer.body).value("terminal_id", ""), first->terminalId);
    // Another key with that code: refused, whoever it is.
    EXPECT_EQ(errorOf(enrolRequest(code, crypto::SigningKey::generate())), "403 bad_code");
    auto otherKey = request;
    otherKey.publicKeyB64u = base64url::encode(crypto::SigningKey::generate().publicKey.data(), 32);
    auto refused = m_ledger->enrol(otherKey);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::invalid_argument);
    auto listed = m_ledger->terminals();
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->size(), 1u);
}

TEST_F(LedgerLifecycleTest, TerminalsShowTheirStateAndLastContact)
{
    Device a = enrolDevice("P-0001");
    Device b = enrolDevice("P-0001");
    Device c = enrolDevice("P-0002");
    auto fresh = info(a.id);
    ASSERT_TRUE(fresh);
    EXPECT_FALSE(fresh->lastContactAt);
    m_clock.advance(std::chrono::minutes(7));
    ASSERT_EQ(pullCall(a).status, 200);
    const std::int64_t contact = now();
    m_clock.advance(std::chrono::minutes(7));
    ASSERT_TRUE(m_ledger->revokeTerminal(b.id, "retired"));
    ASSERT_TRUE(m_ledger->suspendProvider("P-0002"));
    // A refused request is no contact.
    EXPECT_EQ(errorOf(pullCall(c)), "403 provider_suspended");
    auto listed = m_ledger->terminals();
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 3u);
    EXPECT_EQ((*listed)[0].terminalId, a.id);
    EXPECT_EQ((*listed)[0].state(), "active");
    EXPECT_EQ((*listed)[0].lastContactAt, std::optional(contact));
    EXPECT_EQ((*listed)[1].state(), "revoked");
    EXPECT_EQ((*listed)[1].revokeReason, "retired");
    EXPECT_EQ((*listed)[2].state(), "suspended");
    EXPECT_FALSE((*listed)[2].lastContactAt);
}

} // namespace
} // namespace sango::test
