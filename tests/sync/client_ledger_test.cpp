// LedgerClient over a scripted transport: what it sends (signed over exactly what goes on the wire), how it
// reads every kind of answer, and how the ledger's clock steers its timestamps.
#include <gtest/gtest.h>

#include "client_fakes.h"
#include "sango/sync/ledger_client.h"

namespace sango::sync {
namespace {

using namespace sango::sync::testing;
using nlohmann::json;

constexpr std::int64_t kNow = 1'750'000'000;

class LedgerClientTest : public ::testing::Test {
protected:
    LedgerClientTest() : m_client(m_transport, std::string(kBaseUrl), m_clock)
    {
        m_client.setIdentity("P-0001-T01", m_key);
    }

    protocol::PushRequest batch(int n = 2)
    {
        protocol::PushRequest r;
        r.events = makeEvents(n);
        return r;
    }

    static json pushAnswer(const protocol::PushRequest& r, std::int64_t serverTime)
    {
        protocol::PushResponse p;
        p.serverTime = serverTime;
        for (const auto& e : r.events)
            p.results.push_back(protocol::EventResult{e.id, protocol::EventStatus::accepted, {}, {}, {}, {}, {}});
        return p.toJson();
    }

    // Asserts that the request is signed by the test key over exactly its method, target and body.
    void expectSignedOverWire(const HttpExchange& e, std::int64_t expectedTimestamp)
    {
        auto h = signedHeaders(e);
        ASSERT_TRUE(h.has_value()) << "missing Sango-* headers";
        EXPECT_EQ(h->terminalId, "P-0001-T01");
        EXPECT_EQ(h->timestamp, expectedTimestamp);
        EXPECT_EQ(h->nonce.size(), 32u);
        EXPECT_TRUE(protocol::verifyRequest(publicKeyB64u(m_key), *h, e.method, targetOf(e), e.body));
        // ... and over nothing else.
        EXPECT_FALSE(protocol::verifyRequest(publicKeyB64u(m_key), *h, e.method, targetOf(e), e.body + " "));
        EXPECT_FALSE(protocol::verifyRequest(publicKeyB64u(m_key), *h, e.method, targetOf(e) + "x", e.body));
        EXPECT_FALSE(protocol::verifyRequest(publicKeyB64u(m_key), *h, e.method == "GET" ? "POST" : "GET",
                                             targetOf(e), e.body));
    }

    FakeClock m_clock{Instant(std::chrono::seconds(kNow))};
    crypto::SigningKey m_key = crypto::SigningKey::generate();
    ScriptedTransport m_transport;
    LedgerClient m_client;
};

TEST_F(LedgerClientTest, HealthIsUnsignedAndMeasuresTheLedgersClock)
{
    m_transport.replies.push_back(jsonReply(200, {{"status", "ok"}, {"municipality", "131016"}, {"server_time", kNow + 42}}));
    auto h = m_client.health();
    ASSERT_TRUE(h) << h.error().message;
    EXPECT_EQ(h->municipality, "131016");
    ASSERT_EQ(m_transport.requests.size(), 1u);
    const auto& e = m_transport.requests[0];
    EXPECT_EQ(e.method, "GET");
    EXPECT_EQ(e.url, "https://ledger.test/v1/health");
    EXPECT_FALSE(signedHeaders(e).has_value());
    ASSERT_TRUE(m_client.lastMeasurement().has_value());
    EXPECT_EQ(m_client.lastMeasurement()->offsetSeconds, 42);
    EXPECT_EQ(m_client.lastMeasurement()->measuredAt, m_clock.now());
}

TEST_F(LedgerClientTest, PushIsSignedOverExactlyWhatIsSentWithTimestampNowPlusOffset)
{
    m_client.setClockOffset(7);
    const auto request = batch(3);
    m_transport.replies.push_back(jsonReply(200, pushAnswer(request, kNow + 7)));
    auto r = m_client.push(request);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->results.size(), 3u);

    ASSERT_EQ(m_transport.requests.size(), 1u);
    const auto& e = m_transport.requests[0];
    EXPECT_EQ(e.method, "POST");
    EXPECT_EQ(e.url, "https://ledger.test/v1/events");
    EXPECT_EQ(header(e, "Content-Type"), "application/json");
    expectSignedOverWire(e, kNow + 7);
    auto sent = protocol::PushRequest::fromJson(json::parse(e.body));
    ASSERT_TRUE(sent);
    ASSERT_EQ(sent->events.size(), 3u);
    EXPECT_EQ(sent->events[2].id, request.events[2].id);
    EXPECT_EQ(sent->events[2].contentDigest(), request.events[2].contentDigest());
}

TEST_F(LedgerClientTest, SignedTargetIncludesTheBaseUrlsPathPrefix)
{
    LedgerClient prefixed(m_transport, "https://city.example/sango/", m_clock);
    prefixed.setIdentity("P-0001-T01", m_key);
    const auto request = batch(1);
    m_transport.replies.push_back(jsonReply(200, pushAnswer(request, kNow)));
    ASSERT_TRUE(prefixed.push(request));
    const auto& e = m_transport.requests.at(0);
    EXPECT_EQ(e.url, "https://city.example/sango/v1/events");
    EXPECT_EQ(targetOf(e), "/sango/v1/events");
    expectSignedOverWire(e, kNow);
    EXPECT_EQ(prefixed.baseUrl(), "https://city.example/sango");
}

TEST_F(LedgerClientTest, SeveralUrlsMoveOnWhenOneIsDownAndStayOnTheOneThatAnswers)
{
    LedgerClient several(m_transport, "https://a.city.example/sango/ https://b.city.example:8443, https://c.city.example",
                         m_clock);
    several.setIdentity("P-0001-T01", m_key);
    EXPECT_EQ(several.baseUrl(), "https://a.city.example/sango https://b.city.example:8443 https://c.city.example");
    EXPECT_EQ(several.currentUrl(), "https://a.city.example/sango");
    const auto request = batch(1);
    // a: no connection; b: a process without a database (503); c answers.
    m_transport.replies.push_back(fail(Errc::ledger_unreachable, "connection refused"));
    m_transport.replies.push_back(errorReply(503, "unavailable", "read-only standby", kNow));
    m_transport.replies.push_back(jsonReply(200, pushAnswer(request, kNow)));
    auto answer = several.push(request);
    ASSERT_TRUE(answer) << answer.error().message;
    ASSERT_EQ(m_transport.requests.size(), 3u);
    EXPECT_EQ(m_transport.requests[0].url, "https://a.city.example/sango/v1/events");
    EXPECT_EQ(m_transport.requests[1].url, "https://b.city.example:8443/v1/events");
    EXPECT_EQ(m_transport.requests[2].url, "https://c.city.example/v1/events");
    // The same body each time, each signed for its own target with a fresh nonce.
    EXPECT_EQ(m_transport.requests[0].body, m_transport.requests[2].body);
    EXPECT_EQ(targetOf(m_transport.requests[0]), "/sango/v1/events");
    for (const auto& e : m_transport.requests)
        expectSignedOverWire(e, kNow);
    EXPECT_NE(header(m_transport.requests[0], protocol::kHeaderNonce),
              header(m_transport.requests[2], protocol::kHeaderNonce));
    EXPECT_EQ(several.currentUrl(), "https://c.city.example");

    // The next request starts where the last one was answered.
    m_transport.replies.push_back(jsonReply(200, pushAnswer(request, kNow)));
    ASSERT_TRUE(several.push(request));
    EXPECT_EQ(m_transport.requests.at(3).url, "https://c.city.example/v1/events");
}

TEST_F(LedgerClientTest, SeveralUrlsAllDownIsUnreachableAfterOneRoundAndOtherFailuresAreNotPassedOver)
{
    LedgerClient several(m_transport, "https://a.example https://b.example", m_clock);
    several.setIdentity("P-0001-T01", m_key);
    const auto request = batch(1);
    m_transport.replies.push_back(fail(Errc::ledger_unreachable, "connection refused"));
    m_transport.replies.push_back(fail(Errc::ledger_unreachable, "timed out"));
    auto down = several.push(request);
    ASSERT_FALSE(down);
    EXPECT_EQ(down.error().code, Errc::ledger_unreachable);
    EXPECT_EQ(m_transport.requests.size(), 2u); // one round, no more

    // A certificate that does not verify is shown, never hidden behind another address.
    m_transport.replies.push_back(fail(Errc::ledger_tls, "certificate verify failed"));
    auto tls = several.push(request);
    ASSERT_FALSE(tls);
    EXPECT_EQ(tls.error().code, Errc::ledger_tls);
    EXPECT_EQ(m_transport.requests.size(), 3u);

    // Nor is a refusal: the ledger has judged the request, another process would judge it the same.
    m_transport.replies.push_back(errorReply(400, "bad_request", "no", kNow));
    auto refused = several.push(request);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::ledger_refused);
    EXPECT_EQ(m_transport.requests.size(), 4u);
}

TEST_F(LedgerClientTest, ChangesCursorIsUrlEncodedAndSignedAsSent)
{
    const std::string cursor = "a b/c+d=\xC3\xA9&x?y#z~._-";
    m_transport.replies.push_back(jsonReply(200, {{"changes", json::array()}, {"cursor", "next"}, {"more", false}, {"server_time", kNow}}));
    auto page = m_client.changes(cursor, 50);
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_EQ(page->cursor, "next");
    const auto& e = m_transport.requests.at(0);
    EXPECT_EQ(e.method, "GET");
    EXPECT_TRUE(e.body.empty());
    EXPECT_EQ(targetOf(e), "/v1/changes?cursor=a%20b%2Fc%2Bd%3D%C3%A9%26x%3Fy%23z~._-&limit=50");
    expectSignedOverWire(e, kNow);
}

TEST_F(LedgerClientTest, EveryAnswerWithServerTimeMovesTheOffsetForTheNextSignature)
{
    const auto request = batch(1);
    m_transport.replies.push_back(jsonReply(200, pushAnswer(request, kNow + 100)));
    ASSERT_TRUE(m_client.push(request));
    EXPECT_EQ(m_client.lastMeasurement()->offsetSeconds, 100);

    // An error body carries the ledger's time too.
    m_clock.advance(std::chrono::seconds(10));
    m_transport.replies.push_back(errorReply(400, "malformed", "events must be an array", kNow + 10 - 30));
    auto refused = m_client.push(request);
    ASSERT_FALSE(refused);
    EXPECT_EQ(m_client.lastMeasurement()->offsetSeconds, -30);
    EXPECT_EQ(m_client.lastMeasurement()->measuredAt, m_clock.now());

    m_transport.replies.push_back(jsonReply(200, pushAnswer(request, kNow)));
    ASSERT_TRUE(m_client.push(request));
    auto h = signedHeaders(m_transport.requests.at(2));
    ASSERT_TRUE(h);
    EXPECT_EQ(h->timestamp, kNow + 10 - 30);
}

TEST_F(LedgerClientTest, StaleTimestampIsResignedOnceWithTheFreshOffset)
{
    const auto request = batch(2);
    m_transport.replies.push_back(errorReply(401, "stale_timestamp", "the clock is 600 s off", kNow + 600));
    m_transport.replies.push_back(jsonReply(200, pushAnswer(request, kNow + 600)));
    auto r = m_client.push(request);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(m_transport.requests.size(), 2u);
    expectSignedOverWire(m_transport.requests[0], kNow);
    expectSignedOverWire(m_transport.requests[1], kNow + 600);
    EXPECT_NE(signedHeaders(m_transport.requests[0])->nonce, signedHeaders(m_transport.requests[1])->nonce);
    EXPECT_EQ(m_transport.requests[0].body, m_transport.requests[1].body);
}

TEST_F(LedgerClientTest, StaleTimestampTwiceIsRefusedWithoutAThirdRequest)
{
    m_transport.replies.push_back(errorReply(401, "stale_timestamp", "off", kNow + 600));
    m_transport.replies.push_back(errorReply(401, "stale_timestamp", "still off", kNow + 1200));
    m_transport.replies.push_back(jsonReply(200, json::object())); // must not be asked for
    auto r = m_client.changes("c0", 10);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::ledger_refused);
    EXPECT_EQ(LedgerClient::refusalCode(r.error()), "stale_timestamp");
    EXPECT_EQ(m_transport.requests.size(), 2u);
}

TEST_F(LedgerClientTest, OtherRefusalsAreNotRetried)
{
    m_transport.replies.push_back(errorReply(401, "bad_signature", "the signature does not verify", kNow));
    auto r = m_client.push(batch());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::ledger_refused);
    EXPECT_EQ(r.error().message, "bad_signature: the signature does not verify");
    EXPECT_EQ(LedgerClient::refusalCode(r.error()), "bad_signature");
    EXPECT_EQ(m_transport.requests.size(), 1u);
}

TEST_F(LedgerClientTest, FourHundredWithoutAProtocolBodyIsRefusedWithTheHttpStatus)
{
    HttpReply notFound;
    notFound.status = 404;
    notFound.body = "<html>Not Found</html>";
    m_transport.replies.push_back(notFound);
    auto r = m_client.health();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::ledger_refused);
    EXPECT_EQ(LedgerClient::refusalCode(r.error()), "http_404");
    EXPECT_NE(r.error().message.find("ledger URL"), std::string::npos);
}

TEST_F(LedgerClientTest, FiveHundredIsALedgerError)
{
    m_transport.replies.push_back(errorReply(503, "unavailable", "the store is busy", kNow + 5));
    auto r = m_client.push(batch());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::ledger_error);
    EXPECT_NE(r.error().message.find("unavailable: the store is busy"), std::string::npos);
    EXPECT_EQ(m_client.lastMeasurement()->offsetSeconds, 5); // the error body's time still counts

    HttpReply bare;
    bare.status = 502;
    m_transport.replies.push_back(bare);
    auto r2 = m_client.health();
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error().code, Errc::ledger_error);
    EXPECT_EQ(LedgerClient::refusalCode(r2.error()), "");
}

TEST_F(LedgerClientTest, AnAnswerThatIsNotTheProtocolIsALedgerError)
{
    HttpReply html;
    html.status = 200;
    html.body = "<html>captive portal</html>";
    m_transport.replies.push_back(html);
    auto r = m_client.health();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::ledger_error);
    EXPECT_EQ(r.error().message.rfind("the ledger's answer is not the Sango protocol: ", 0), 0u) << r.error().message;

    m_transport.replies.push_back(jsonReply(200, {{"results", "none"}, {"server_time", kNow}}));
    auto r2 = m_client.push(batch());
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error().code, Errc::ledger_error);
    EXPECT_NE(r2.error().message.find("results"), std::string::npos) << r2.error().message;

    HttpReply redirect;
    redirect.status = 302;
    redirect.headers = {{"location", "https://elsewhere.example/"}};
    m_transport.replies.push_back(redirect);
    auto r3 = m_client.health();
    ASSERT_FALSE(r3);
    EXPECT_EQ(r3.error().code, Errc::ledger_error);
    EXPECT_NE(r3.error().message.find("redirect"), std::string::npos);
}

TEST_F(LedgerClientTest, TransportFailuresPassThroughUnchanged)
{
    m_transport.replies.push_back(fail(Errc::ledger_tls, "the certificate did not verify"));
    auto r = m_client.push(batch());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::ledger_tls);
    EXPECT_EQ(r.error().message, "the certificate did not verify");
    EXPECT_EQ(LedgerClient::refusalCode(r.error()), "");
}

TEST_F(LedgerClientTest, SignedRequestsNeedAnIdentity)
{
    LedgerClient anonymous(m_transport, std::string(kBaseUrl), m_clock);
    auto r = anonymous.push(batch());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::not_enrolled);
    EXPECT_TRUE(m_transport.requests.empty());
}

TEST_F(LedgerClientTest, EnrolIsAnUnsignedPostOfTheProtocolBody)
{
    protocol::EnrolRequest request{"ENROL-CODE-1", publicKeyB64u(m_key), "reception 1"};
    protocol::EnrolResponse answer;
    answer.terminalId = "P-0001-T02";
    answer.provider = json::object();
    answer.policy = json::object();
    answer.trust = json::array();
    answer.cursor = "c0";
    answer.serverTime = kNow - 3;
    m_transport.replies.push_back(jsonReply(200, answer.toJson()));
    auto r = m_client.enrol(request);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->terminalId, "P-0001-T02");
    const auto& e = m_transport.requests.at(0);
    EXPECT_EQ(e.method, "POST");
    EXPECT_EQ(e.url, "https://ledger.test/v1/enrol");
    EXPECT_FALSE(signedHeaders(e).has_value());
    auto sent = protocol::EnrolRequest::fromJson(json::parse(e.body));
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->code, "ENROL-CODE-1");
    EXPECT_EQ(m_client.lastMeasurement()->offsetSeconds, -3);
}

TEST(LedgerClientStatic, RefusalCodeOnlyForRefusals)
{
    EXPECT_EQ(LedgerClient::refusalCode(Error{Errc::ledger_refused, "replayed: nonce seen", "replayed"}), "replayed");
    EXPECT_EQ(LedgerClient::refusalCode(Error{Errc::ledger_refused, "Not A Code: x"}), "");
    EXPECT_EQ(LedgerClient::refusalCode(Error{Errc::ledger_error, "internal: x", "internal"}), "");
    EXPECT_EQ(LedgerClient::urlEncode("AZaz09-._~"), "AZaz09-._~");
    EXPECT_EQ(LedgerClient::urlEncode(" %"), "%20%25");
}

} // namespace
} // namespace sango::sync
