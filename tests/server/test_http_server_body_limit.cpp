// A body limit decided per request (ServerOptions::bodyLimit) from the request's header, before its body is
// read: 100 bytes for /small, the server's maxBodyBytes for anything else.
#include <cstddef>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "server_fixture.h"

namespace sango::server::test {
namespace {

constexpr std::size_t smallLimit = 100;
constexpr std::size_t serverLimit = 1000000;

// The body limit under test, keeping every head it was asked about.
class SmallPathLimit {
public:
    BodyLimit limit()
    {
        return [this](const HttpRequestHead& head) {
            std::lock_guard lock(m_mutex);
            m_heads.push_back(head);
            if (pathOf(head.target) == "/throw")
                throw std::runtime_error("the lookup failed");
            // Anything else asks for more than the server allows: the server's own limit still applies.
            return pathOf(head.target) == "/small" ? smallLimit : std::numeric_limits<std::size_t>::max();
        };
    }

    std::vector<HttpRequestHead> heads() const
    {
        std::lock_guard lock(m_mutex);
        return m_heads;
    }

private:
    static std::string_view pathOf(std::string_view target) { return target.substr(0, target.find('?')); }

    mutable std::mutex m_mutex;
    std::vector<HttpRequestHead> m_heads;
};

struct LimitedServer {
    Recorder recorder;
    SmallPathLimit limit;
    std::unique_ptr<HttpServer> server;

    LimitedServer()
    {
        ServerOptions options = loopbackOptions();
        options.maxBodyBytes = serverLimit;
        options.bodyLimit = limit.limit();
        server = startOrFail(options, recorder.handler());
    }
};

std::string askFirst(std::string_view target, std::size_t contentLength)
{
    return "POST " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
        + std::to_string(contentLength) + "\r\nExpect: 100-continue\r\n\r\n";
}

TEST(HttpServerBodyLimit, ABodyAboveTheRequestsLimitGets413BeforeItIsSentAndWithout100Continue)
{
    LimitedServer s;
    ASSERT_TRUE(s.server);
    // 1000000 is within the server's limit: only the per-request limit refuses it.
    for (const std::size_t length : {smallLimit + 1, serverLimit}) {
        auto client = TestClient::connect(s.server->port());
        ASSERT_TRUE(client);
        ASSERT_TRUE(client->send(askFirst("/small", length)));
        // The first answer is the refusal: no "100 Continue" came before it.
        const auto response = client->readResponse();
        expectErrorAnswer(response, 413, "too_large");
        ASSERT_TRUE(response);
        EXPECT_NE(response->body.find("limit of 100 bytes"), std::string::npos) << response->body;
        std::string after;
        EXPECT_TRUE(client->waitForClose(&after));
        EXPECT_EQ(after, "");
    }
    EXPECT_EQ(s.recorder.count(), 0u);
    EXPECT_EQ(s.limit.heads().size(), 2u);
}

TEST(HttpServerBodyLimit, ABodyOfTheRequestsLimitIsServedAfter100Continue)
{
    LimitedServer s;
    ASSERT_TRUE(s.server);
    auto client = TestClient::connect(s.server->port());
    ASSERT_TRUE(client);
    ASSERT_TRUE(client->send(askFirst("/small", smallLimit)));
    const auto interim = client->readResponse();
    ASSERT_TRUE(interim);
    EXPECT_EQ(interim->status, 100);
    const std::string body(smallLimit, 'b');
    const auto response = client->request(body);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "POST /small " + body);
}

TEST(HttpServerBodyLimit, TheLimitSeesMethodTargetHeadersAndRemoteAddress)
{
    LimitedServer s;
    ASSERT_TRUE(s.server);
    auto client = TestClient::connect(s.server->port());
    ASSERT_TRUE(client);
    const auto response = client->request(postRequest("/small?who=me", "hello", "X-Sango-Terminal: T-7\r\n"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);

    const auto heads = s.limit.heads();
    ASSERT_EQ(heads.size(), 1u);
    EXPECT_EQ(heads[0].method, "POST");
    EXPECT_EQ(heads[0].target, "/small?who=me");
    EXPECT_EQ(heads[0].remoteAddress, "127.0.0.1");
    ASSERT_NE(heads[0].header("x-sango-terminal"), nullptr);
    EXPECT_EQ(*heads[0].header("x-sango-terminal"), "T-7");
    ASSERT_NE(heads[0].header("content-length"), nullptr);
    EXPECT_EQ(*heads[0].header("content-length"), "5");
    EXPECT_EQ(heads[0].header("X-Sango-Terminal"), nullptr); // names are lower case

    // A request without a body has nothing to limit: the callback is not asked.
    ASSERT_TRUE(client->request(getRequest("/small")));
    EXPECT_EQ(s.limit.heads().size(), 1u);
}

TEST(HttpServerBodyLimit, AnotherPathTakesALargeBodyUpToTheServersLimit)
{
    LimitedServer s;
    ASSERT_TRUE(s.server);
    auto client = TestClient::connect(s.server->port());
    ASSERT_TRUE(client);
    const std::string large(serverLimit, 'L');
    const auto response = client->request(postRequest("/large", large));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    const auto requests = s.recorder.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].body.size(), serverLimit);

    // The callback asked for more than maxBodyBytes: the smaller of the two applies.
    ASSERT_TRUE(client->send(askFirst("/large", serverLimit + 1)));
    const auto refused = client->readResponse();
    expectErrorAnswer(refused, 413, "too_large");
}

TEST(HttpServerBodyLimit, EachRequestOnAKeptAliveConnectionHasItsOwnLimit)
{
    LimitedServer s;
    ASSERT_TRUE(s.server);
    auto client = TestClient::connect(s.server->port());
    ASSERT_TRUE(client);
    auto response = client->request(postRequest("/large", std::string(500, 'a')));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    response = client->request(postRequest("/small", std::string(50, 'b')));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    response = client->request(postRequest("/large", std::string(500, 'c')));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    response = client->request(postRequest("/small", std::string(smallLimit + 1, 'd')));
    expectErrorAnswer(response, 413, "too_large");
    EXPECT_TRUE(client->waitForClose());
    EXPECT_EQ(s.recorder.count(), 3u);
}

TEST(HttpServerBodyLimit, AChunkedBodyGrowingPastTheRequestsLimitGets413)
{
    LimitedServer s;
    ASSERT_TRUE(s.server);
    const std::string head = "POST /small HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";

    // 60 + 40 bytes: exactly the limit.
    auto client = TestClient::connect(s.server->port());
    ASSERT_TRUE(client);
    auto response = client->request(
        head + "3c\r\n" + std::string(60, 'x') + "\r\n28\r\n" + std::string(40, 'y') + "\r\n0\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);

    // 60 + 41 bytes: one too many. Each chunk alone is within the limit.
    client = TestClient::connect(s.server->port());
    ASSERT_TRUE(client);
    response = client->request(
        head + "3c\r\n" + std::string(60, 'x') + "\r\n29\r\n" + std::string(41, 'y') + "\r\n0\r\n\r\n");
    expectErrorAnswer(response, 413, "too_large");
    EXPECT_EQ(s.recorder.count(), 1u);
}

TEST(HttpServerBodyLimit, ALimitThatThrowsIsAnswered500)
{
    LimitedServer s;
    ASSERT_TRUE(s.server);
    auto client = TestClient::connect(s.server->port());
    ASSERT_TRUE(client);
    expectErrorAnswer(client->request(postRequest("/throw", "x")), 500, "internal");
    EXPECT_TRUE(client->waitForClose());
    EXPECT_EQ(s.recorder.count(), 0u);

    // The server goes on serving.
    client = TestClient::connect(s.server->port());
    ASSERT_TRUE(client);
    const auto response = client->request(postRequest("/small", "fine"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
}

TEST(HttpRequestHead, HeaderFindsTheFirstOfALowerCaseName)
{
    HttpRequestHead head;
    head.headers = {{"x-a", "1"}, {"x-b", "2"}, {"x-a", "3"}};
    ASSERT_NE(head.header("x-a"), nullptr);
    EXPECT_EQ(*head.header("x-a"), "1");
    EXPECT_EQ(*head.header("x-b"), "2");
    EXPECT_EQ(head.header("x-c"), nullptr);
}

} // namespace
} // namespace sango::server::test
