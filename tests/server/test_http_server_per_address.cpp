// The cap on open connections from one remote address (ServerOptions::maxConnectionsPerAddress): beyond it
// a connection is told 503 and closed, other addresses are served, and a closed connection frees its place.
// 127.0.0.2 is a second client address: on Linux all of 127.0.0.0/8 is loopback, so a client socket bound
// to it reaches the server on 127.0.0.1 and is seen as coming from 127.0.0.2.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "server_fixture.h"

namespace sango::server::test {
namespace {

constexpr std::size_t cap = 3;

ServerOptions cappedOptions()
{
    ServerOptions options = loopbackOptions();
    options.maxConnectionsPerAddress = cap;
    return options;
}

// A request without the blank line that ends its header: the server waits for the rest (until the read
// timeout, 15 s by default), holding the connection.
constexpr std::string_view partialRequest = "GET /held HTTP/1.1\r\nHost: 127.0.0.1\r\n";

// `cap` connections from `from`, each holding a partial request. The server accepts connections in the
// order they were made, one after the other, so any connection made after these is counted after them.
std::vector<std::unique_ptr<TestClient>> holdConnections(std::uint16_t port, std::string_view from)
{
    std::vector<std::unique_ptr<TestClient>> held;
    for (std::size_t i = 0; i < cap; ++i) {
        auto client = TestClient::connect(port, from);
        if (!client || !client->send(partialRequest))
            return {};
        held.push_back(std::move(client));
    }
    return held;
}

void expectRefusedForItsAddress(TestClient& client)
{
    const auto refused = client.readResponse();
    expectErrorAnswer(refused, 503, "unavailable");
    ASSERT_TRUE(refused);
    ASSERT_NE(refused->header("retry-after"), nullptr);
    EXPECT_EQ(*refused->header("retry-after"), "1");
    EXPECT_NE(refused->body.find("this address"), std::string::npos) << refused->body;
    EXPECT_TRUE(client.waitForClose());
}

TEST(HttpServerPerAddress, TheConnectionBeyondTheCapGets503AndOtherAddressesAreServed)
{
    Recorder recorder;
    auto server = startOrFail(cappedOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto held = holdConnections(server->port(), "127.0.0.1");
    ASSERT_EQ(held.size(), cap);

    // One more from the same address: refused without having sent anything.
    auto beyond = TestClient::connect(server->port(), "127.0.0.1");
    ASSERT_TRUE(beyond);
    expectRefusedForItsAddress(*beyond);

    // Another address is not affected: it may hold as many of its own, and is served.
    auto otherHeld = holdConnections(server->port(), "127.0.0.2");
    ASSERT_EQ(otherHeld.size(), cap) << "cannot connect from 127.0.0.2";
    auto other = TestClient::connect(server->port(), "127.0.0.2");
    ASSERT_TRUE(other);
    expectRefusedForItsAddress(*other); // the cap holds for it too, counted apart

    // The held connections were all served: each finishes its request and is answered.
    for (auto* group : {&held, &otherHeld})
        for (auto& client : *group) {
            const auto answer = client->request("\r\n");
            ASSERT_TRUE(answer);
            EXPECT_EQ(answer->status, 200);
        }
    EXPECT_EQ(recorder.count(), 2 * cap);
}

TEST(HttpServerPerAddress, AClosedConnectionFreesItsPlace)
{
    Recorder recorder;
    auto server = startOrFail(cappedOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto held = holdConnections(server->port(), "127.0.0.1");
    ASSERT_EQ(held.size(), cap);
    auto beyond = TestClient::connect(server->port(), "127.0.0.1");
    ASSERT_TRUE(beyond);
    expectRefusedForItsAddress(*beyond);
    beyond.reset();

    // One held connection goes: the client closes it with its request half sent.
    held.front().reset();

    // The server frees the place when it notices that close, which no client can observe: new connections
    // are tried until one is served. Each one before it must be refused (503, or closed unanswered while
    // the refusals of this address are at their own cap), never served.
    std::size_t tries = 0;
    std::unique_ptr<TestClient> served;
    while (!served && tries++ < 1000) {
        auto client = TestClient::connect(server->port(), "127.0.0.1");
        ASSERT_TRUE(client);
        const auto answer = client->request(getRequest("/after"));
        if (answer && answer->status == 200) {
            EXPECT_EQ(answer->body, "GET /after ");
            served = std::move(client);
        } else if (answer) {
            ASSERT_EQ(answer->status, 503);
        }
    }
    ASSERT_TRUE(served) << "no place came free after " << tries << " tries";

    // The served connection, kept alive, and the other held ones fill the cap again: one more is not
    // served (503, or closed unanswered if the refusals above are still being closed).
    auto beyondAgain = TestClient::connect(server->port(), "127.0.0.1");
    ASSERT_TRUE(beyondAgain);
    const auto answer = beyondAgain->request(getRequest("/beyond"));
    if (answer) {
        EXPECT_EQ(answer->status, 503);
    }
    EXPECT_TRUE(beyondAgain->waitForClose());
    EXPECT_EQ(recorder.count(), 1u); // only /after
}

} // namespace
} // namespace sango::server::test
