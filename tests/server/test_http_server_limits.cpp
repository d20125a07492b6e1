// The server's bounds: body and header sizes, malformed requests, read and idle timeouts, the connection
// limit. Timeouts are waited for as events (the server closing the socket), never slept for.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace sango::server::test {
namespace {

constexpr std::size_t bodyLimit = 1024;

ServerOptions limitedOptions()
{
    ServerOptions options = loopbackOptions();
    options.maxBodyBytes = bodyLimit;
    options.maxHeaderBytes = 1024;
    return options;
}

TEST(HttpServerLimits, ABodyOfExactlyTheLimitIsAccepted)
{
    Recorder recorder;
    auto server = startOrFail(limitedOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const std::string body(bodyLimit, 'x');
    const auto response = client->request(postRequest("/big", body));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    const auto requests = recorder.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].body, body);
}

TEST(HttpServerLimits, AnOversizeBodyGets413AndNeverReachesTheHandler)
{
    Recorder recorder;
    auto server = startOrFail(limitedOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const auto response = client->request(postRequest("/big", std::string(bodyLimit + 1, 'x')));
    ASSERT_TRUE(response);
    expectErrorAnswer(response, 413, "too_large");
    ASSERT_NE(response->header("connection"), nullptr);
    EXPECT_EQ(*response->header("connection"), "close");
    EXPECT_TRUE(client->waitForClose());
    EXPECT_EQ(recorder.count(), 0u);
}

TEST(HttpServerLimits, AnOversizeChunkedBodyGets413)
{
    Recorder recorder;
    auto server = startOrFail(limitedOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    std::string request = "POST /chunked HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i)
        request += "200\r\n" + std::string(0x200, 'y') + "\r\n";
    request += "0\r\n\r\n";
    const auto response = client->request(request);
    ASSERT_TRUE(response);
    expectErrorAnswer(response, 413, "too_large");
    EXPECT_EQ(recorder.count(), 0u);
}

TEST(HttpServerLimits, AChunkedBodyWithinTheLimitIsAccepted)
{
    Recorder recorder;
    auto server = startOrFail(limitedOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const auto response = client->request(
        "POST /chunked HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "POST /chunked abcde");
}

TEST(HttpServerLimits, AnOversizeHeaderGets431)
{
    Recorder recorder;
    auto server = startOrFail(limitedOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const auto response = client->request(getRequest("/", "X-Padding: " + std::string(2000, 'p') + "\r\n"));
    ASSERT_TRUE(response);
    expectErrorAnswer(response, 431, "too_large");
    EXPECT_TRUE(client->waitForClose());
    EXPECT_EQ(recorder.count(), 0u);
}

TEST(HttpServerLimits, AMalformedRequestLineGets400AndTheConnectionCloses)
{
    Recorder recorder;
    auto server = startOrFail(limitedOptions(), recorder.handler());
    ASSERT_TRUE(server);
    for (const char* garbage : {"this is not http\r\n\r\n", "GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n",
             "GET / HTTP/1.1\r\nContent-Length: twelve\r\n\r\n"}) {
        auto client = TestClient::connect(server->port());
        ASSERT_TRUE(client);
        const auto response = client->request(garbage);
        ASSERT_TRUE(response) << garbage;
        expectErrorAnswer(response, 400, "malformed");
        EXPECT_TRUE(client->waitForClose());
    }
    EXPECT_EQ(recorder.count(), 0u);
}

TEST(HttpServerLimits, AStalledRequestIsDroppedAfterTheReadTimeout)
{
    Recorder recorder;
    ServerOptions options = limitedOptions();
    options.readTimeout = std::chrono::milliseconds(200);
    auto server = startOrFail(options, recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    ASSERT_TRUE(client->send("POST /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nabc"));
    // The read returns only when the server closes the connection.
    std::string received;
    EXPECT_TRUE(client->waitForClose(&received));
    EXPECT_EQ(received, "");
    EXPECT_EQ(recorder.count(), 0u);
}

TEST(HttpServerLimits, AStalledHeaderIsDroppedAfterTheReadTimeout)
{
    Recorder recorder;
    ServerOptions options = limitedOptions();
    options.readTimeout = std::chrono::milliseconds(200);
    auto server = startOrFail(options, recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    ASSERT_TRUE(client->send("GET / HTTP/1.1\r\nHost: 12"));
    EXPECT_TRUE(client->waitForClose());
    EXPECT_EQ(recorder.count(), 0u);
}

TEST(HttpServerLimits, AnIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout)
{
    Recorder recorder;
    ServerOptions options = limitedOptions();
    options.idleTimeout = std::chrono::milliseconds(200);
    auto server = startOrFail(options, recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const auto response = client->request(getRequest("/"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    std::string received;
    EXPECT_TRUE(client->waitForClose(&received));
    EXPECT_EQ(received, "");
}

TEST(HttpServerLimits, ConnectionsBeyondTheLimitGet503)
{
    Recorder recorder;
    ServerOptions options = limitedOptions();
    options.maxConnections = 1;
    auto server = startOrFail(options, recorder.handler());
    ASSERT_TRUE(server);
    // A full round trip proves the server has accepted (and counts) the first connection.
    auto first = TestClient::connect(server->port());
    ASSERT_TRUE(first);
    ASSERT_TRUE(first->request(getRequest("/first")));

    auto second = TestClient::connect(server->port());
    ASSERT_TRUE(second);
    const auto refused = second->request(getRequest("/second"));
    ASSERT_TRUE(refused);
    expectErrorAnswer(refused, 503, "unavailable");
    EXPECT_TRUE(second->waitForClose());

    // The first connection is still served.
    const auto again = first->request(getRequest("/again"));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 200);
    EXPECT_EQ(recorder.count(), 2u);
}

TEST(HttpServerLimits, ExpectContinueGets100BeforeTheBody)
{
    Recorder recorder;
    auto server = startOrFail(limitedOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    ASSERT_TRUE(client->send("POST /ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
    const auto interim = client->readResponse();
    ASSERT_TRUE(interim);
    EXPECT_EQ(interim->status, 100);
    const auto response = client->request("hello");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "POST /ask hello");
}

TEST(HttpServerLimits, ExpectContinueWithAnOversizeBodyGets413WithoutTheBody)
{
    Recorder recorder;
    auto server = startOrFail(limitedOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const auto response = client->request("POST /ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n"
                                          "Expect: 100-continue\r\n\r\n");
    ASSERT_TRUE(response);
    expectErrorAnswer(response, 413, "too_large");
    EXPECT_EQ(recorder.count(), 0u);
}

} // namespace
} // namespace sango::server::test
