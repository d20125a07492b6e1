// The HTTP server's ordinary work over real loopback sockets: requests in, answers out, keep-alive,
// concurrency, failures of the handler, refusals at start, stop().
#include <latch>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "server_fixture.h"

namespace sango::server::test {
namespace {

TEST(IsLoopback, KnowsLoopbackAddresses)
{
    EXPECT_TRUE(isLoopback("127.0.0.1"));
    EXPECT_TRUE(isLoopback("127.255.0.9"));
    EXPECT_TRUE(isLoopback("::1"));
    EXPECT_TRUE(isLoopback("[::1]"));
    EXPECT_TRUE(isLoopback("::ffff:127.0.0.1"));
    EXPECT_TRUE(isLoopback("localhost"));
    EXPECT_FALSE(isLoopback("0.0.0.0"));
    EXPECT_FALSE(isLoopback("::"));
    EXPECT_FALSE(isLoopback("128.0.0.1"));
    EXPECT_FALSE(isLoopback("192.168.1.10"));
    EXPECT_FALSE(isLoopback("ledger.example"));
    EXPECT_FALSE(isLoopback(""));
}

TEST(HttpRequest, HeaderFindsTheFirstOfALowerCaseName)
{
    HttpRequest request;
    request.headers = {{"x-a", "1"}, {"x-b", "2"}, {"x-a", "3"}};
    ASSERT_NE(request.header("x-a"), nullptr);
    EXPECT_EQ(*request.header("x-a"), "1");
    EXPECT_EQ(*request.header("x-b"), "2");
    EXPECT_EQ(request.header("x-c"), nullptr);
}

TEST(HttpServer, GetReachesTheHandlerWithLowerCaseHeaderNames)
{
    Recorder recorder;
    auto server = startOrFail(loopbackOptions(), recorder.handler());
    ASSERT_TRUE(server);
    EXPECT_NE(server->port(), 0);
    EXPECT_FALSE(server->tls());

    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const auto response = client->request(getRequest("/v1/status?terminal=7", "X-Sango-Terminal: T-7\r\n"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "GET /v1/status?terminal=7 ");
    ASSERT_NE(response->header("content-type"), nullptr);
    EXPECT_EQ(*response->header("content-type"), "text/plain");
    ASSERT_NE(response->header("cache-control"), nullptr);
    EXPECT_EQ(*response->header("cache-control"), "no-store");
    ASSERT_NE(response->header("date"), nullptr);
    EXPECT_NE(response->header("date")->find(" GMT"), std::string::npos);
    ASSERT_NE(response->header("x-answer"), nullptr);
    EXPECT_EQ(*response->header("x-answer"), "42");

    const auto requests = recorder.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].target, "/v1/status?terminal=7");
    EXPECT_EQ(requests[0].remoteAddress, "127.0.0.1");
    ASSERT_NE(requests[0].header("x-sango-terminal"), nullptr);
    EXPECT_EQ(*requests[0].header("x-sango-terminal"), "T-7");
    ASSERT_NE(requests[0].header("host"), nullptr);
    for (const auto& [name, value] : requests[0].headers)
        for (char c : name)
            EXPECT_FALSE(c >= 'A' && c <= 'Z') << name;
}

TEST(HttpServer, PostBodyReachesTheHandler)
{
    Recorder recorder;
    auto server = startOrFail(loopbackOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const std::string body = R"({"events":[1,2,3]})";
    const auto response = client->request(postRequest("/v1/sync", body, "Content-Type: application/json\r\n"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "POST /v1/sync " + body);
    const auto requests = recorder.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].body, body);
    ASSERT_NE(requests[0].header("content-type"), nullptr);
    EXPECT_EQ(*requests[0].header("content-type"), "application/json");
}

TEST(HttpServer, KeepAliveServesTwoRequestsOnOneConnection)
{
    Recorder recorder;
    auto server = startOrFail(loopbackOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const auto first = client->request(getRequest("/one"));
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 200);
    EXPECT_EQ(first->header("connection"), nullptr); // HTTP/1.1 keeps the connection by default
    const auto second = client->request(postRequest("/two", "2"));
    ASSERT_TRUE(second);
    EXPECT_EQ(second->body, "POST /two 2");
    EXPECT_EQ(recorder.count(), 2u);
}

TEST(HttpServer, PipelinedRequestsAreAnsweredInOrder)
{
    Recorder recorder;
    auto server = startOrFail(loopbackOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    ASSERT_TRUE(client->send(getRequest("/a") + postRequest("/b", "bee") + getRequest("/c")));
    for (const char* expected : {"GET /a ", "POST /b bee", "GET /c "}) {
        const auto response = client->readResponse();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->body, expected);
    }
}

TEST(HttpServer, ConnectionCloseIsHonoured)
{
    Recorder recorder;
    auto server = startOrFail(loopbackOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const auto response = client->request(getRequest("/bye", "Connection: close\r\n"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    ASSERT_NE(response->header("connection"), nullptr);
    EXPECT_EQ(*response->header("connection"), "close");
    std::string rest;
    EXPECT_TRUE(client->waitForClose(&rest));
    EXPECT_EQ(rest, "");
}

TEST(HttpServer, TwentyConcurrentConnectionsAreAllAnswered)
{
    constexpr int clients = 20;
    Recorder recorder;
    ServerOptions options = loopbackOptions();
    options.threads = 4;
    auto server = startOrFail(options, recorder.handler());
    ASSERT_TRUE(server);

    // All twenty connect before any sends, so that all are open at once.
    std::latch connected(clients);
    std::vector<std::string> bodies(clients);
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&, i] {
            auto client = TestClient::connect(server->port());
            connected.arrive_and_wait();
            if (!client)
                return;
            const auto response = client->request(postRequest("/c/" + std::to_string(i), std::to_string(i * i)));
            if (response && response->status == 200)
                bodies[static_cast<std::size_t>(i)] = response->body;
        });
    }
    for (auto& thread : threads)
        thread.join();
    for (int i = 0; i < clients; ++i)
        EXPECT_EQ(bodies[static_cast<std::size_t>(i)], "POST /c/" + std::to_string(i) + " " + std::to_string(i * i));
    EXPECT_EQ(recorder.count(), static_cast<std::size_t>(clients));
}

TEST(HttpServer, AHandlerThatThrowsGets500Json)
{
    auto server = startOrFail(loopbackOptions(), [](const HttpRequest& request) -> HttpResponse {
        if (request.target == "/std")
            throw std::runtime_error("secret 1234 must not be logged");
        throw 42;
    });
    ASSERT_TRUE(server);
    for (const char* target : {"/std", "/int"}) {
        auto client = TestClient::connect(server->port());
        ASSERT_TRUE(client);
        const auto response = client->request(getRequest(target));
        ASSERT_TRUE(response);
        expectErrorAnswer(response, 500, "internal");
        EXPECT_EQ(response->body.find("1234"), std::string::npos);
        EXPECT_TRUE(client->waitForClose());
    }
}

TEST(HttpServer, AnInvalidStatusFromTheHandlerGets500)
{
    auto server = startOrFail(loopbackOptions(), [](const HttpRequest&) {
        HttpResponse response;
        response.status = 1000;
        return response;
    });
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    expectErrorAnswer(client->request(getRequest("/")), 500, "internal");
}

TEST(HttpServer, ExtraHeadersCannotSplitTheAnswerOrChangeItsFraming)
{
    auto server = startOrFail(loopbackOptions(), [](const HttpRequest&) {
        HttpResponse response;
        response.body = "{}";
        response.headers = {{"X-Ok", "yes"}, {"X-Split", "a\r\nInjected: 1"}, {"Content-Length", "999"},
            {"Cache-Control", "max-age=60"}, {"Bad Name", "x"}};
        return response;
    });
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const auto response = client->request(getRequest("/"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, "{}");
    ASSERT_NE(response->header("x-ok"), nullptr);
    EXPECT_EQ(response->header("x-split"), nullptr);
    EXPECT_EQ(response->header("injected"), nullptr);
    EXPECT_EQ(*response->header("content-length"), "2");
    EXPECT_EQ(*response->header("cache-control"), "no-store");
    EXPECT_EQ(*response->header("content-type"), "application/json");
    // The connection is still usable: the answer was framed right.
    const auto again = client->request(getRequest("/"));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 200);
}

TEST(HttpServer, PlainHttpOffLoopbackIsRefused)
{
    for (const char* host : {"0.0.0.0", "::", "192.0.2.1"}) {
        ServerOptions options = loopbackOptions();
        options.host = host;
        const auto server = HttpServer::start(options, Recorder().handler());
        ASSERT_FALSE(server) << host;
        EXPECT_EQ(server.error().code, Errc::invalid_argument);
        EXPECT_NE(server.error().message.find("plain HTTP is served only on a loopback address"), std::string::npos)
            << server.error().message;
        EXPECT_NE(server.error().message.find(std::string("listen on ") + host), std::string::npos)
            << server.error().message;
    }
}

TEST(HttpServer, OnlyOneOfCertificateAndKeyIsRefused)
{
    ServerOptions certOnly = loopbackOptions();
    certOnly.tlsCertificate = "/nonexistent/cert.pem";
    auto server = HttpServer::start(certOnly, Recorder().handler());
    ASSERT_FALSE(server);
    EXPECT_EQ(server.error().code, Errc::invalid_argument);
    EXPECT_NE(server.error().message.find("--tls-key"), std::string::npos);

    ServerOptions keyOnly = loopbackOptions();
    keyOnly.tlsPrivateKey = "/nonexistent/key.pem";
    server = HttpServer::start(keyOnly, Recorder().handler());
    ASSERT_FALSE(server);
    EXPECT_EQ(server.error().code, Errc::invalid_argument);
    EXPECT_NE(server.error().message.find("--tls-cert"), std::string::npos);
}

TEST(HttpServer, AnAddressThatIsNotAnIpAddressIsRefused)
{
    ServerOptions options = loopbackOptions();
    options.host = "not an address";
    const auto server = HttpServer::start(options, Recorder().handler());
    ASSERT_FALSE(server);
    EXPECT_EQ(server.error().code, Errc::invalid_argument);
    EXPECT_NE(server.error().message.find("not an IP address"), std::string::npos);
}

TEST(HttpServer, BadOptionsAreRefused)
{
    ServerOptions noThreads = loopbackOptions();
    noThreads.threads = 0;
    auto server = HttpServer::start(noThreads, Recorder().handler());
    ASSERT_FALSE(server);
    EXPECT_EQ(server.error().code, Errc::invalid_argument);

    server = HttpServer::start(loopbackOptions(), HttpHandler());
    ASSERT_FALSE(server);
    EXPECT_EQ(server.error().code, Errc::invalid_argument);

    ServerOptions noConnectionPerAddress = loopbackOptions();
    noConnectionPerAddress.maxConnectionsPerAddress = 0;
    server = HttpServer::start(noConnectionPerAddress, Recorder().handler());
    ASSERT_FALSE(server);
    EXPECT_EQ(server.error().code, Errc::invalid_argument);
    EXPECT_NE(server.error().message.find("each address"), std::string::npos) << server.error().message;
}

TEST(HttpServer, APortInUseIsInvalidConfig)
{
    Recorder recorder;
    auto first = startOrFail(loopbackOptions(), recorder.handler());
    ASSERT_TRUE(first);
    ServerOptions same = loopbackOptions();
    same.port = first->port();
    const auto second = HttpServer::start(same, recorder.handler());
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, Errc::invalid_config);
    EXPECT_NE(second.error().message.find("cannot listen on 127.0.0.1:" + std::to_string(first->port())),
        std::string::npos)
        << second.error().message;
}

TEST(HttpServer, LocalhostIsServedOnTheIpv4Loopback)
{
    Recorder recorder;
    ServerOptions options = loopbackOptions();
    options.host = "localhost";
    auto server = startOrFail(options, recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const auto response = client->request(getRequest("/"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
}

TEST(HttpServer, StopWithOpenConnectionsReturnsAndClosesThem)
{
    Recorder recorder;
    auto server = startOrFail(loopbackOptions(), recorder.handler());
    ASSERT_TRUE(server);
    // One connection idle after a request, one in the middle of a request, one that said nothing.
    auto idle = TestClient::connect(server->port());
    ASSERT_TRUE(idle);
    ASSERT_TRUE(idle->request(getRequest("/")));
    auto half = TestClient::connect(server->port());
    ASSERT_TRUE(half);
    ASSERT_TRUE(half->send("POST /half HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nabc"));
    auto silent = TestClient::connect(server->port());
    ASSERT_TRUE(silent);

    server->stop();
    server->stop(); // idempotent
    EXPECT_TRUE(idle->waitForClose());
    EXPECT_TRUE(half->waitForClose());
    EXPECT_TRUE(silent->waitForClose());
    EXPECT_EQ(recorder.count(), 1u);
}

TEST(HttpServer, WaitReturnsOnceAnotherThreadStops)
{
    Recorder recorder;
    auto server = startOrFail(loopbackOptions(), recorder.handler());
    ASSERT_TRUE(server);
    std::thread waiter([&] { server->wait(); });
    server->stop();
    waiter.join();
    server->wait(); // already stopped: returns at once
}

TEST(HttpServer, TheDestructorStopsTheServer)
{
    Recorder recorder;
    auto server = startOrFail(loopbackOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    ASSERT_TRUE(client->request(getRequest("/")));
    server.reset();
    EXPECT_TRUE(client->waitForClose());
}

} // namespace
} // namespace sango::server::test
