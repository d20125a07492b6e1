// Hostile requests: each is answered with a clear 4xx (an ErrorBody with the ledger's time) and changes
// nothing at the ledger: no event, terminal, balance or change, and not even the nonce (a proper request
// with the same nonce still takes effect).
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "api_support.h"
#include "sango/base64url.h"
#include "sango/database.h"
#include "sango/key_file.h"
#include "sango/protocol/api.h"

namespace sango::test {
namespace {

using nlohmann::json;

class LedgerApiHostile : public ApiFixture {
protected:
    void SetUp() override
    {
        ApiFixture::SetUp();
        if (HasFatalFailure())
            return;
        m_coupon = issueCoupon();
        m_goodBatch = batch({openEvent(m_coupon, "T1-S1", now() - 600, 1)});
        m_before = snapshot({m_coupon});
    }

    void expectNothingStored() { EXPECT_EQ(snapshot({m_coupon}), m_before); }

    std::string changesTarget() const { return "/v1/changes?cursor=" + m_terminal.cursor + "&limit=10"; }

    // The nonce was not remembered: a proper request with it is served.
    void expectNonceFresh(const std::string& nonce)
    {
        const auto r = call(signedRequest(m_terminal, "GET", changesTarget(), "", now(), nonce));
        EXPECT_EQ(r.status, 200) << "the refused request's nonce was remembered: " << r.body;
    }

    std::string m_coupon;
    std::string m_goodBatch;
    std::string m_before;
};

TEST_F(LedgerApiHostile, MalformedJsonIsRefusedAndStoresNothing)
{
    for (const std::string body : {"{not json", "", "{\"events\": [", "nul", "{\"events\": []}}"}) {
        SCOPED_TRACE(body);
        const std::string nonce = randomNonce();
        const auto r = call(signedRequest(m_terminal, "POST", "/v1/events", body, now(), nonce));
        expectRefusal(r, 400, "malformed");
        expectNothingStored();
        expectNonceFresh(nonce);
    }
}

TEST_F(LedgerApiHostile, WrongShapeIsRefusedNamingTheMember)
{
    json wrongId = openEvent(m_coupon, "T1-S1", now(), 1);
    wrongId["id"] = 5;
    json noBody = openEvent(m_coupon, "T1-S1", now(), 1);
    noBody.erase("body");
    json longId = openEvent(m_coupon, "T1-S1", now(), 1);
    longId["id"] = std::string(65, 'a');
    std::vector<json> tooMany(protocol::kMaxBatchEvents + 1, openEvent(m_coupon, "T1-S1", now(), 1));
    const std::vector<std::pair<std::string, std::string>> cases{
        {json{{"events", json::array({wrongId})}}.dump(), "id must be a string"},
        {json{{"events", json::array({noBody})}}.dump(), "body must be an object"},
        {json{{"events", json::array({longId})}}.dump(), "id is longer"},
        {json{{"events", "all of them"}}.dump(), "events must be an array"},
        {json::object().dump(), "events must be an array"},
        {json::array().dump(), "must be a JSON object"},
        {json{{"events", json::array()}}.dump(), "events must not be empty"},
        {json{{"events", tooMany}}.dump(), "smaller batches"},
    };
    for (const auto& [body, member] : cases) {
        SCOPED_TRACE(member);
        const auto r = call(sign(m_terminal, "POST", "/v1/events", body));
        expectRefusal(r, 400, "malformed");
        EXPECT_NE(json::parse(r.body).at("message").get<std::string>().find(member), std::string::npos) << r.body;
    }
    expectNothingStored();
}

TEST_F(LedgerApiHostile, EnrolmentOfWrongShapeNamesTheMember)
{
    const std::vector<std::pair<json, std::string>> cases{
        {json{{"code", 1}, {"public_key_b64u", "x"}}, "code"},
        {json{{"code", "ABC"}}, "public_key_b64u"},
        {json{{"code", "ABC"}, {"public_key_b64u", "x"}, {"label", 7}}, "label"},
        {json::array({1, 2}), "JSON object"},
    };
    for (const auto& [body, member] : cases) {
        SCOPED_TRACE(member);
        const auto r = call(server::HttpRequest{"POST", "/v1/enrol", {}, body.dump(), "127.0.0.1"});
        expectRefusal(r, 400, "malformed");
        EXPECT_NE(r.body.find(member), std::string::npos) << r.body;
    }
    expectNothingStored();
}

TEST_F(LedgerApiHostile, DeepNestingAndInvalidUtf8AreMalformed)
{
    const std::size_t depth = 200000;
    const std::string deep = std::string(depth, '[') + std::string(depth, ']');
    expectRefusal(call(sign(m_terminal, "POST", "/v1/events", deep)), 400, "malformed");
    const std::string deepObject = "{\"events\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
    expectRefusal(call(sign(m_terminal, "POST", "/v1/events", deepObject)), 400, "malformed");
    expectRefusal(call(sign(m_terminal, "POST", "/v1/events", "{\"events\": \"\xff\xfe\"}")), 400, "malformed");
    expectRefusal(call(server::HttpRequest{"POST", "/v1/enrol", {}, "{\"code\": \"\xc3\x28\"}", "127.0.0.1"}), 400,
                  "malformed");
    expectNothingStored();
}

TEST_F(LedgerApiHostile, OversizeBodyIsRefusedEvenWithoutTheServer)
{
    const std::string body(protocol::kMaxRequestBytes + 1, ' ');
    expectRefusal(call(sign(m_terminal, "POST", "/v1/events", body)), 413, "too_large");
    expectRefusal(call(server::HttpRequest{"POST", "/v1/enrol", {}, body, "127.0.0.1"}), 413, "too_large");
    expectNothingStored();
}

TEST_F(LedgerApiHostile, MissingSignatureHeadersAreBadSignature)
{
    const auto good = sign(m_terminal, "POST", "/v1/events", m_goodBatch);
    for (std::size_t drop = 0; drop < good.headers.size(); ++drop) {
        SCOPED_TRACE(good.headers[drop].first);
        auto r = good;
        r.headers.erase(r.headers.begin() + static_cast<std::ptrdiff_t>(drop));
        expectRefusal(call(r), 401, "bad_signature");
    }
    expectNothingStored();
    // And the complete request was never refused for a replay: its nonce is still fresh.
    EXPECT_EQ(call(good).status, 200);
}

TEST_F(LedgerApiHostile, GarbledSignatureHeadersAreBadSignature)
{
    const std::vector<std::pair<std::string, std::string>> garbles{
        {"sango-nonce", std::string(31, 'a')},
        {"sango-nonce", std::string(32, 'A')},
        {"sango-nonce", std::string(32, 'g')},
        {"sango-nonce", ""},
        {"sango-timestamp", "12a"},
        {"sango-timestamp", "-5"},
        {"sango-timestamp", "+1775178000"},
        {"sango-timestamp", "99999999999999999999"},
        {"sango-timestamp", " 1775178000"},
        {"sango-timestamp", ""},
        {"sango-terminal", "P-0001-T01\nX"},
        {"sango-terminal", ""},
        {"sango-terminal", std::string(65, 'T')},
        {"sango-signature", "!!!"},
        {"sango-signature", std::string(86, '=')},
        {"sango-signature", std::string(88, 'A')},
    };
    for (const auto& [name, value] : garbles) {
        SCOPED_TRACE(name + ": " + value);
        auto r = sign(m_terminal, "POST", "/v1/events", m_goodBatch);
        for (auto& [k, v] : r.headers)
            if (k == name)
                v = value;
        expectRefusal(call(r), 401, "bad_signature");
    }
    expectNothingStored();
}

TEST_F(LedgerApiHostile, SignatureByAnotherKeyIsRefused)
{
    TestTerminal impostor = m_terminal;
    impostor.key = crypto::SigningKey::generate();
    const std::string nonce = randomNonce();
    expectRefusal(call(signedRequest(impostor, "POST", "/v1/events", m_goodBatch, now(), nonce)), 401,
                  "bad_signature");
    expectNothingStored();
    expectNonceFresh(nonce);
}

TEST_F(LedgerApiHostile, AnotherProvidersTerminalCannotSpeakForThisOne)
{
    auto other = m_ledger->addProvider(otherProvider("P-0002"));
    ASSERT_TRUE(other) << other.error().message;
    const TestTerminal theirs = enrolTerminal(other->providerId, "their reception");
    ASSERT_FALSE(theirs.id.empty());
    m_before = snapshot({m_coupon}); // with their terminal enrolled

    // Their key, our terminal's id.
    TestTerminal forged = theirs;
    forged.id = m_terminal.id;
    expectRefusal(call(sign(forged, "POST", "/v1/events", m_goodBatch)), 401, "bad_signature");
    expectRefusal(call(sign(forged, "GET", changesTarget())), 401, "bad_signature");
    expectNothingStored();

    // Their key with their own id is served, as themselves.
    EXPECT_EQ(call(sign(theirs, "GET", "/v1/changes?cursor=" + theirs.cursor)).status, 200);
}

TEST_F(LedgerApiHostile, TamperedBodyOrTargetIsBadSignature)
{
    auto r = sign(m_terminal, "POST", "/v1/events", m_goodBatch);
    r.body = batch({openEvent(m_coupon, "T1-S9", now() - 600, 1)});
    expectRefusal(call(r), 401, "bad_signature");

    auto pull = sign(m_terminal, "GET", "/v1/changes?cursor=" + m_terminal.cursor + "&limit=1");
    pull.target = "/v1/changes?cursor=" + m_terminal.cursor + "&limit=1000";
    expectRefusal(call(pull), 401, "bad_signature");

    auto method = sign(m_terminal, "GET", "/v1/events", m_goodBatch);
    method.method = "POST";
    expectRefusal(call(method), 401, "bad_signature");
    expectNothingStored();
}

TEST_F(LedgerApiHostile, ReplayedRequestIsRefused)
{
    const auto r = sign(m_terminal, "POST", "/v1/events", m_goodBatch);
    const auto first = call(r);
    ASSERT_EQ(first.status, 200) << first.body;
    const std::string afterFirst = snapshot({m_coupon});
    expectRefusal(call(r), 401, "replayed");
    EXPECT_EQ(snapshot({m_coupon}), afterFirst);

    // A pull too, even a minute later, inside the window.
    const auto pull = sign(m_terminal, "GET", changesTarget());
    ASSERT_EQ(call(pull).status, 200);
    m_clock.advance(std::chrono::seconds(60));
    expectRefusal(call(pull), 401, "replayed");
}

TEST_F(LedgerApiHostile, StaleTimestampIsRefusedWithTheLedgersTime)
{
    for (const std::int64_t off : {-301, 301, -100000, 100000}) {
        SCOPED_TRACE(off);
        const std::string nonce = randomNonce();
        const auto r = call(signedRequest(m_terminal, "POST", "/v1/events", m_goodBatch, now() + off, nonce));
        expectRefusal(r, 401, "stale_timestamp"); // server_time is checked there: the terminal corrects by it
        expectNothingStored();
        expectNonceFresh(nonce);
    }
    const auto edge = call(signedRequest(m_terminal, "GET", changesTarget(), "", now() - 300, randomNonce()));
    EXPECT_EQ(edge.status, 200) << edge.body;
    const auto edge2 = call(signedRequest(m_terminal, "GET", changesTarget(), "", now() + 300, randomNonce()));
    EXPECT_EQ(edge2.status, 200) << edge2.body;
    const auto zero = call(signedRequest(m_terminal, "GET", changesTarget(), "", 0, randomNonce()));
    expectRefusal(zero, 401, "stale_timestamp");
}

TEST_F(LedgerApiHostile, UnknownTerminalIsNotEnrolled)
{
    TestTerminal stranger{"P-9999-T99", crypto::SigningKey::generate(), {}};
    expectRefusal(call(sign(stranger, "POST", "/v1/events", m_goodBatch)), 401, "not_enrolled");
    expectRefusal(call(sign(stranger, "GET", changesTarget())), 401, "not_enrolled");
    expectNothingStored();
}

TEST_F(LedgerApiHostile, GarbageCursorIsBadCursor)
{
    const std::vector<std::string> queries{
        "cursor=%ZZ", "cursor=%4", "cursor=%00", "cursor=not-a-cursor", "cursor=", "cursor=-1",
        "cursor=99999999999999", "cursor=1%20OR%201=1", "limit=10", "cursor=0&cursor=0",
        "cursor=" + std::string(300, '1')};
    for (const std::string& query : queries) {
        SCOPED_TRACE(query);
        const std::string nonce = randomNonce();
        expectRefusal(call(signedRequest(m_terminal, "GET", "/v1/changes?" + query, "", now(), nonce)), 400,
                      "bad_cursor");
        expectNonceFresh(nonce);
    }
    expectNothingStored();
}

TEST_F(LedgerApiHostile, GarbageLimitIsMalformed)
{
    for (const std::string limit : {"abc", "0", "-1", "1e3", "10.5", "", "9999999999", "99999999999999999999999",
                                    "0x10", " 10", "10&limit=20"}) {
        SCOPED_TRACE(limit);
        expectRefusal(call(sign(m_terminal, "GET", "/v1/changes?cursor=" + m_terminal.cursor + "&limit=" + limit)),
                      400, "malformed");
    }
    // Above the maximum: served, with at most the maximum.
    const auto big = call(sign(m_terminal, "GET", "/v1/changes?cursor=" + m_terminal.cursor + "&limit=5000"));
    EXPECT_EQ(big.status, 200) << big.body;
    expectNothingStored();
}

TEST_F(LedgerApiHostile, UnknownPathIsNotFound)
{
    for (const std::string target : {"/v1/nothing", "/v1/events/", "/v2/events", "/", "*", "", "/V1/EVENTS",
                                     "/v1/health/../events", "http://ledger/v1/health", "/v1/events%00"}) {
        SCOPED_TRACE(target);
        expectRefusal(call(sign(m_terminal, "POST", target, m_goodBatch)), 404, "not_found");
    }
    expectNothingStored();
}

TEST_F(LedgerApiHostile, WrongMethodIsMethodNotAllowedWithAllow)
{
    const std::vector<std::tuple<std::string, std::string, std::string>> cases{
        {"GET", "/v1/events", "POST"},  {"PUT", "/v1/events", "POST"},    {"POST", "/v1/changes", "GET"},
        {"DELETE", "/v1/enrol", "POST"}, {"POST", "/v1/health", "GET"},   {"HEAD", "/v1/health", "GET"},
        {"get", "/v1/health", "GET"},    {"OPTIONS", "/v1/changes", "GET"},
    };
    for (const auto& [method, target, allow] : cases) {
        SCOPED_TRACE(method + " " + target);
        const auto r = call(sign(m_terminal, method, target, method == "GET" ? "" : m_goodBatch));
        expectRefusal(r, 405, "method_not_allowed");
        ASSERT_EQ(r.headers.size(), 1u);
        EXPECT_EQ(r.headers[0].first, "Allow");
        EXPECT_EQ(r.headers[0].second, allow);
    }
    expectNothingStored();
}

TEST_F(LedgerApiHostile, BadOrUsedEnrolmentCodeIsForbidden)
{
    const std::string key = base64url::encode(crypto::SigningKey::generate().publicKey.data(), 32);
    for (const std::string& code : std::vector<std::string>{"NOT-A-CODE", "0000-0000-0000", "0000-0000-0000-0000"}) {
        const json body{{"code", code}, {"public_key_b64u", key}, {"label", "x"}};
        expectRefusal(call(server::HttpRequest{"POST", "/v1/enrol", {}, body.dump(), "127.0.0.1"}), 403, "bad_code");
    }
    // A code no code can be: refused for its shape before anything is looked up.
    const json huge{{"code", std::string(1000, 'A')}, {"public_key_b64u", key}, {"label", "x"}};
    expectRefusal(call(server::HttpRequest{"POST", "/v1/enrol", {}, huge.dump(), "127.0.0.1"}), 400, "malformed");
    expectNothingStored();
}

TEST_F(LedgerApiHostile, ConcurrentRequestsAreSerialisedSafely)
{
    // Several threads at once through handle(): every batch is judged once, every pull served.
    constexpr int kThreads = 6;
    constexpr int kPerThread = 5;
    std::vector<std::string> bodies;
    std::vector<server::HttpRequest> requests;
    for (int i = 0; i < kThreads * kPerThread; ++i) {
        const std::string session = "T1-C" + std::to_string(i);
        const std::string body = batch({openEvent(m_coupon, session, now() - 60, i + 1)});
        requests.push_back(sign(m_terminal, "POST", "/v1/events", body));
        requests.push_back(sign(m_terminal, "GET", changesTarget()));
    }
    std::vector<int> statuses(requests.size());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (std::size_t i = static_cast<std::size_t>(t); i < requests.size(); i += kThreads)
                statuses[i] = call(requests[i]).status;
        });
    for (auto& th : threads)
        th.join();
    for (std::size_t i = 0; i < statuses.size(); ++i)
        EXPECT_EQ(statuses[i], 200) << i;
    auto events = m_ledger->events(std::nullopt, std::string("accepted"));
    ASSERT_TRUE(events) << events.error().message;
    EXPECT_EQ(events->size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_F(LedgerApiHostile, BusyStoreIsUnavailableAndStoresNothing)
{
    // Another program holds the write lock (as an admin command may): the ledger's write waits out its busy
    // timeout (5 s), then the terminal is told to come back later, and nothing of the request stays.
    auto key = KeyFile(m_dir.path() / "ledger" / "ledger.key").load();
    ASSERT_TRUE(key) << key.error().message;
    auto other = db::Database::open(m_dir.path() / "ledger" / "ledger.db", false);
    ASSERT_TRUE(other) << other.error().message;
    ASSERT_TRUE(other->key(key->sqlcipherLiteral()));
    ASSERT_TRUE(other->exec("PRAGMA cipher_page_size = 4096"));
    ASSERT_TRUE(other->exec("BEGIN IMMEDIATE"));

    const auto request = sign(m_terminal, "POST", "/v1/events", m_goodBatch);
    const auto busy = call(request);
    expectRefusal(busy, 503, "unavailable");
    ASSERT_EQ(busy.headers.size(), 1u);
    EXPECT_EQ(busy.headers[0].first, "Retry-After");
    EXPECT_EQ(busy.body.find("ledger.db"), std::string::npos) << "no server paths to terminals: " << busy.body;

    ASSERT_TRUE(other->exec("ROLLBACK"));
    expectNothingStored();
    // The same request, once the store is free: served (its nonce was not kept).
    EXPECT_EQ(call(request).status, 200);
}

// The same over real HTTP through sango::server: the target reaches the API exactly as sent.
class LedgerApiHostileHttp : public HttpApiFixture {
protected:
    void SetUp() override
    {
        HttpApiFixture::SetUp();
        if (HasFatalFailure())
            return;
        m_coupon = issueCoupon();
        m_goodBatch = batch({openEvent(m_coupon, "T1-S1", now() - 600, 1)});
        m_before = snapshot({m_coupon});
    }
    void expectNothingStored() { EXPECT_EQ(snapshot({m_coupon}), m_before); }
    void expectHttpRefusal(const HttpReply& r, int status, const std::string& error)
    {
        EXPECT_EQ(r.status, status) << r.body;
        const json j = r.json();
        ASSERT_TRUE(j.is_object()) << r.body;
        EXPECT_EQ(j.value("error", ""), error) << r.body;
    }

    std::string m_coupon;
    std::string m_goodBatch;
    std::string m_before;
};

TEST_F(LedgerApiHostileHttp, OversizeBodyIs413FromTheServer)
{
    const std::string body(protocol::kMaxRequestBytes + 1, ' ');
    const HttpReply r = http(sign(m_terminal, "POST", "/v1/events", body));
    EXPECT_EQ(r.status, 413) << r.body;
    expectNothingStored();
}

TEST_F(LedgerApiHostileHttp, HostileRequestsOverHttp)
{
    expectHttpRefusal(http(sign(m_terminal, "POST", "/v1/events", "{not json")), 400, "malformed");

    TestTerminal impostor = m_terminal;
    impostor.key = crypto::SigningKey::generate();
    expectHttpRefusal(http(sign(impostor, "POST", "/v1/events", m_goodBatch)), 401, "bad_signature");

    auto stale = signedRequest(m_terminal, "POST", "/v1/events", m_goodBatch, now() - 1000, randomNonce());
    const HttpReply s = http(stale);
    expectHttpRefusal(s, 401, "stale_timestamp");
    EXPECT_EQ(s.json().value("server_time", std::int64_t{0}), now());

    expectHttpRefusal(http(sign(m_terminal, "GET", "/v1/changes?cursor=%ZZ")), 400, "bad_cursor");
    expectHttpRefusal(http(server::HttpRequest{"GET", "/v1/changes?cursor=0", {}, {}, {}}), 401, "bad_signature");
    expectNothingStored();

    const auto good = sign(m_terminal, "POST", "/v1/events", m_goodBatch);
    const HttpReply first = http(good);
    ASSERT_EQ(first.status, 200) << first.body;
    expectHttpRefusal(http(good), 401, "replayed");
}

TEST_F(LedgerApiHostileHttp, SignedQueryIsVerifiedAsSent)
{
    // Percent-encoding is signed as sent, not as decoded.
    const HttpReply r = http(sign(m_terminal, "GET", "/v1/changes?limit=%31%30&cursor=" + m_terminal.cursor));
    EXPECT_EQ(r.status, 200) << r.body;
}

} // namespace
} // namespace sango::test
