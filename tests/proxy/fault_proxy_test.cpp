// The fault proxy against a tiny upstream HTTP server and a tiny client, all on real loopback sockets. Nothing
// here sleeps to synchronise: the client's reads block until the proxy acts, and the proxy's counters are read
// after waitForExchanges. Every blocking read has a generous timeout only so that a bug fails a test instead of
// hanging it.
#include "fault_proxy.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace sango::test {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using namespace std::chrono_literals;

constexpr std::chrono::milliseconds kWait = 10s; // only ever reached when something is broken

std::string lowercase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return s;
}

// The Content-Length of a lower-cased head, 0 when there is none.
std::size_t contentLength(const std::string& head)
{
    const auto at = head.find("\r\ncontent-length:");
    return at == std::string::npos ? 0 : std::stoul(head.substr(at + 17));
}

// What the upstream answers to its count-th request. The padding puts the middle of the response inside the
// body, so that a truncated response has a whole head and less body than its Content-Length.
std::string upstreamResponse(std::uint64_t count, bool close)
{
    const std::string body = R"({"count":)" + std::to_string(count) + R"(,"pad":")" + std::string(200, 'x') + "\"}";
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n" + body;
}

std::string request(bool close = false, std::string_view extraHeaders = {})
{
    const std::string body = R"({"events":[{"id":"T1-000001","kind":"session_opened"}]})";
    return "POST /v1/events HTTP/1.1\r\nHost: ledger.test\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n" + (close ? "Connection: close\r\n" : "") + std::string(extraHeaders) +
           "\r\n" + body;
}

// ---- a tiny upstream: answers each whole request with the number of whole requests it has received ----

class Upstream {
public:
    Upstream() : m_acceptor(m_io, tcp::endpoint(asio::ip::address_v4::loopback(), 0))
    {
        m_port = m_acceptor.local_endpoint().port(); // read once: the acceptor belongs to the server's thread
        accept();
        m_thread = std::thread([this] { m_io.run(); });
    }
    ~Upstream()
    {
        // Pending handlers (and the connections they hold) are destroyed with m_io, closing their sockets.
        m_io.stop();
        m_thread.join();
    }
    Upstream(const Upstream&) = delete;
    Upstream& operator=(const Upstream&) = delete;

    std::uint16_t port() const { return m_port; }
    std::uint64_t connections() const { return m_connections.load(); }
    void setCloseAfterResponse(bool close) { m_closeAfterResponse = close; }

    std::uint64_t count() const
    {
        const std::lock_guard lock(m_mutex);
        return m_count;
    }
    bool waitForCount(std::uint64_t n) const
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, kWait, [&] { return m_count >= n; });
    }
    std::string lastRequest() const
    {
        const std::lock_guard lock(m_mutex);
        return m_lastRequest;
    }

private:
    class Connection : public std::enable_shared_from_this<Connection> {
    public:
        Connection(Upstream& server, tcp::socket socket) : m_server(server), m_socket(std::move(socket)) {}

        void read()
        {
            // Every whole request already buffered is answered before reading more (pipelining).
            const auto headEnd = m_in.find("\r\n\r\n");
            if (headEnd != std::string::npos) {
                const std::string head = lowercase(m_in.substr(0, headEnd + 4));
                const std::size_t total = headEnd + 4 + contentLength(head);
                if (m_in.size() >= total) {
                    const bool close = head.find("\r\nconnection: close") != std::string::npos ||
                                       m_server.m_closeAfterResponse.load();
                    m_out = upstreamResponse(m_server.countRequest(m_in.substr(0, total)), close);
                    m_in.erase(0, total);
                    asio::async_write(m_socket, asio::buffer(m_out),
                                      [self = shared_from_this(), close](const error_code& ec, std::size_t) {
                                          if (ec)
                                              return;
                                          if (close) {
                                              error_code ignored;
                                              self->m_socket.close(ignored);
                                              return;
                                          }
                                          self->read();
                                      });
                    return;
                }
            }
            m_socket.async_read_some(asio::buffer(m_buffer),
                                     [self = shared_from_this()](const error_code& ec, std::size_t n) {
                                         if (ec) // EOF or reset: the connection ends with this handler
                                             return;
                                         self->m_in.append(self->m_buffer.data(), n);
                                         self->read();
                                     });
        }

    private:
        Upstream& m_server;
        tcp::socket m_socket;
        std::array<char, 4096> m_buffer{};
        std::string m_in;
        std::string m_out;
    };

    void accept()
    {
        m_acceptor.async_accept([this](const error_code& ec, tcp::socket socket) {
            if (ec)
                return;
            ++m_connections;
            std::make_shared<Connection>(*this, std::move(socket))->read();
            accept();
        });
    }

    // The count moves before the answer is written: whoever has seen an answer knows its request was counted.
    std::uint64_t countRequest(std::string requestBytes)
    {
        std::uint64_t n = 0;
        {
            const std::lock_guard lock(m_mutex);
            n = ++m_count;
            m_lastRequest = std::move(requestBytes);
        }
        m_changed.notify_all();
        return n;
    }

    asio::io_context m_io;
    tcp::acceptor m_acceptor;
    std::uint16_t m_port = 0;
    std::atomic<bool> m_closeAfterResponse{false};
    std::atomic<std::uint64_t> m_connections{0};
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::uint64_t m_count = 0;
    std::string m_lastRequest;
    std::thread m_thread;
};

// ---- a tiny blocking client ----

struct Reply {
    std::string raw;
    bool complete = false; // a whole response by its Content-Length
    std::optional<std::uint64_t> count;
};

class Client {
public:
    explicit Client(std::uint16_t port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0)
            throw std::system_error(errno, std::generic_category(), "socket");
        const timeval timeout{static_cast<time_t>(kWait.count() / 1000), 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(0x7f000001); // 127.0.0.1 (INADDR_LOOPBACK is an old-style cast)
        if (::connect(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
            const int error = errno;
            ::close(m_fd);
            throw std::system_error(error, std::generic_category(), "connect");
        }
    }
    ~Client() { ::close(m_fd); }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    static bool canConnect(std::uint16_t port)
    {
        try {
            Client probe(port);
            return true;
        } catch (const std::system_error&) {
            return false;
        }
    }

    void send(std::string_view data)
    {
        while (!data.empty()) {
            const ssize_t n = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            ASSERT_GT(n, 0) << "send: " << std::strerror(errno);
            data.remove_prefix(static_cast<std::size_t>(n));
        }
    }

    // Reads one response: until it is whole by its Content-Length (what follows stays for the next call), or
    // until the connection ends.
    Reply readResponse()
    {
        for (;;) {
            const auto headEnd = m_pending.find("\r\n\r\n");
            if (headEnd != std::string::npos) {
                const std::size_t total = headEnd + 4 + contentLength(lowercase(m_pending.substr(0, headEnd + 4)));
                if (m_pending.size() >= total) {
                    Reply reply{m_pending.substr(0, total), true, std::nullopt};
                    m_pending.erase(0, total);
                    const auto at = reply.raw.find(R"("count":)");
                    if (at != std::string::npos)
                        reply.count = std::stoull(reply.raw.substr(at + 8));
                    return reply;
                }
            }
            if (!receive())
                return Reply{std::exchange(m_pending, {}), false, std::nullopt};
        }
    }

    // Everything until the connection ends.
    std::string readToEof()
    {
        while (receive()) {
        }
        return std::exchange(m_pending, {});
    }

    bool ended() const { return m_ended; }
    bool reset() const { return m_reset; }       // ended by ECONNRESET rather than EOF
    bool timedOut() const { return m_timedOut; } // a bug: the proxy neither answered nor closed

private:
    bool receive()
    {
        if (m_ended)
            return false;
        std::array<char, 4096> buffer{};
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer.data(), buffer.size(), 0);
            if (n > 0) {
                m_pending.append(buffer.data(), static_cast<std::size_t>(n));
                return true;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                m_timedOut = true;
            else if (n < 0)
                m_reset = true;
            m_ended = true;
            return false;
        }
    }

    int m_fd = -1;
    std::string m_pending;
    bool m_ended = false;
    bool m_reset = false;
    bool m_timedOut = false;
};

// What a client saw of one exchange on a fresh connection.
enum class Seen { whole, part, nothing };

Seen exchangeOnce(std::uint16_t port)
{
    Client client(port);
    client.send(request());
    const Reply reply = client.readResponse();
    EXPECT_FALSE(client.timedOut());
    if (reply.complete)
        return Seen::whole;
    return reply.raw.empty() ? Seen::nothing : Seen::part;
}

std::size_t openDescriptors()
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
        ++n;
    return n;
}

// The invariant of FaultStats: every exchange ends in exactly one bucket.
void expectBucketsAddUp(const FaultStats& s)
{
    EXPECT_EQ(s.exchanges, s.forwarded + s.slowed + s.dropped + s.truncated)
        << "exchanges " << s.exchanges << " forwarded " << s.forwarded << " slowed " << s.slowed << " dropped "
        << s.dropped << " truncated " << s.truncated;
}

// Fault f for exchange `at`, none otherwise.
std::function<Fault(std::uint64_t)> faultAt(std::uint64_t at, Fault f)
{
    return [at, f](std::uint64_t n) { return n == at ? f : Fault::none; };
}

class FaultProxyTest : public ::testing::Test {
protected:
    Upstream m_upstream; // declared first: it outlives the proxy
    FaultProxy m_proxy{"127.0.0.1", m_upstream.port()};
};

// ---- forwarding ----

TEST_F(FaultProxyTest, NoFaultForwardsRequestAndResponseIntact)
{
    Client client(m_proxy.port());
    client.send(request());
    const Reply reply = client.readResponse();
    ASSERT_TRUE(reply.complete);
    EXPECT_EQ(reply.raw, upstreamResponse(1, false));
    EXPECT_EQ(m_upstream.count(), 1u);
    EXPECT_EQ(m_upstream.lastRequest(), request());

    ASSERT_TRUE(m_proxy.waitForExchanges(1, kWait));
    const FaultStats s = m_proxy.stats();
    EXPECT_EQ(s.exchanges, 1u);
    EXPECT_EQ(s.forwarded, 1u);
    expectBucketsAddUp(s);
}

TEST_F(FaultProxyTest, KeepAliveCarriesThreeExchangesOverOneUpstreamConnection)
{
    Client client(m_proxy.port());
    for (std::uint64_t i = 1; i <= 3; ++i) {
        client.send(request());
        const Reply reply = client.readResponse();
        ASSERT_TRUE(reply.complete) << "exchange " << i;
        EXPECT_EQ(reply.count, i);
    }
    EXPECT_EQ(m_upstream.connections(), 1u);
    ASSERT_TRUE(m_proxy.waitForExchanges(3, kWait));
    EXPECT_EQ(m_proxy.stats().forwarded, 3u);
    expectBucketsAddUp(m_proxy.stats());
}

TEST_F(FaultProxyTest, ExchangesAreNumberedAcrossConnectionsInOrder)
{
    std::vector<std::uint64_t> asked; // written on the proxy's thread, read after waitForExchanges
    m_proxy.setPolicy([&asked](std::uint64_t n) {
        asked.push_back(n);
        return Fault::none;
    });
    for (int connection = 0; connection < 2; ++connection) {
        Client client(m_proxy.port());
        for (int i = 0; i < 2; ++i) {
            client.send(request());
            ASSERT_TRUE(client.readResponse().complete);
        }
    }
    ASSERT_TRUE(m_proxy.waitForExchanges(4, kWait));
    EXPECT_EQ(asked, (std::vector<std::uint64_t>{0, 1, 2, 3}));
    EXPECT_EQ(m_upstream.connections(), 2u);
}

TEST_F(FaultProxyTest, PipelinedRequestsAreAnsweredInOrder)
{
    Client client(m_proxy.port());
    client.send(request() + request());
    const Reply first = client.readResponse();
    const Reply second = client.readResponse();
    ASSERT_TRUE(first.complete);
    ASSERT_TRUE(second.complete);
    EXPECT_EQ(first.count, 1u);
    EXPECT_EQ(second.count, 2u);
    ASSERT_TRUE(m_proxy.waitForExchanges(2, kWait));
    EXPECT_EQ(m_proxy.stats().forwarded, 2u);
}

TEST_F(FaultProxyTest, ConnectionCloseFromTheClientEndsTheConnectionAfterTheResponse)
{
    Client client(m_proxy.port());
    client.send(request(true));
    const Reply reply = client.readResponse();
    ASSERT_TRUE(reply.complete);
    EXPECT_EQ(reply.raw, upstreamResponse(1, true));
    EXPECT_EQ(client.readToEof(), "");
    EXPECT_FALSE(client.timedOut());
    EXPECT_FALSE(client.reset());
    ASSERT_TRUE(m_proxy.waitForExchanges(1, kWait));
    EXPECT_EQ(m_proxy.stats().forwarded, 1u);
}

TEST_F(FaultProxyTest, ConnectionCloseFromUpstreamEndsTheConnectionAfterTheResponse)
{
    m_upstream.setCloseAfterResponse(true);
    Client client(m_proxy.port());
    client.send(request());
    const Reply reply = client.readResponse();
    ASSERT_TRUE(reply.complete);
    EXPECT_EQ(reply.raw, upstreamResponse(1, true));
    EXPECT_EQ(client.readToEof(), "");
    EXPECT_FALSE(client.timedOut());
    EXPECT_FALSE(client.reset());
}

TEST_F(FaultProxyTest, ExpectContinueIsAnsweredByTheProxyAndNotForwarded)
{
    // libcurl asks permission before sending a large body; the proxy needs the whole request before it acts.
    const std::string full = request(false, "Expect: 100-continue\r\n");
    const std::size_t headSize = full.find("\r\n\r\n") + 4;
    Client client(m_proxy.port());
    client.send(full.substr(0, headSize));
    const Reply interim = client.readResponse();
    ASSERT_TRUE(interim.complete);
    EXPECT_EQ(interim.raw, "HTTP/1.1 100 Continue\r\n\r\n");
    client.send(full.substr(headSize));
    const Reply reply = client.readResponse();
    ASSERT_TRUE(reply.complete);
    EXPECT_EQ(reply.count, 1u);
    EXPECT_EQ(m_upstream.lastRequest(), request());
}

// ---- each fault ----

TEST_F(FaultProxyTest, DropBeforeUpstreamClosesWithoutContactingUpstream)
{
    m_proxy.setPolicy(faultAt(0, Fault::dropBeforeUpstream));
    {
        Client client(m_proxy.port());
        client.send(request());
        EXPECT_EQ(client.readToEof(), "");
        EXPECT_FALSE(client.timedOut());
        EXPECT_FALSE(client.reset()); // a plain EOF, even though it closed mid-exchange
    }
    EXPECT_EQ(m_upstream.count(), 0u);
    EXPECT_EQ(m_upstream.connections(), 0u);
    // The next, clean exchange is the first one upstream ever counted.
    Client client(m_proxy.port());
    client.send(request());
    const Reply reply = client.readResponse();
    ASSERT_TRUE(reply.complete);
    EXPECT_EQ(reply.count, 1u);

    ASSERT_TRUE(m_proxy.waitForExchanges(2, kWait));
    const FaultStats s = m_proxy.stats();
    EXPECT_EQ(s.dropped, 1u);
    EXPECT_EQ(s.forwarded, 1u);
    expectBucketsAddUp(s);
}

TEST_F(FaultProxyTest, DropAfterUpstreamClosesAfterUpstreamCountedTheRequest)
{
    m_proxy.setPolicy(faultAt(0, Fault::dropAfterUpstream));
    {
        Client client(m_proxy.port());
        client.send(request());
        EXPECT_EQ(client.readToEof(), "");
        EXPECT_FALSE(client.timedOut());
        EXPECT_FALSE(client.reset());
    }
    EXPECT_EQ(m_upstream.count(), 1u);
    Client client(m_proxy.port());
    client.send(request());
    const Reply reply = client.readResponse();
    ASSERT_TRUE(reply.complete);
    EXPECT_EQ(reply.count, 2u); // the lost answer's request did reach upstream

    ASSERT_TRUE(m_proxy.waitForExchanges(2, kWait));
    const FaultStats s = m_proxy.stats();
    EXPECT_EQ(s.dropped, 1u);
    EXPECT_EQ(s.forwarded, 1u);
    expectBucketsAddUp(s);
}

TEST_F(FaultProxyTest, TruncateResponseSendsTheFirstHalfThenCloses)
{
    m_proxy.setPolicy(faultAt(0, Fault::truncateResponse));
    Client client(m_proxy.port());
    client.send(request());
    const Reply reply = client.readResponse();
    EXPECT_FALSE(reply.complete);
    EXPECT_TRUE(client.ended());
    EXPECT_FALSE(client.timedOut());
    EXPECT_FALSE(client.reset()); // the half must not be lost to a RST
    const std::string whole = upstreamResponse(1, false);
    EXPECT_EQ(reply.raw, whole.substr(0, whole.size() / 2));
    // A whole head announcing more body than came.
    const auto headEnd = reply.raw.find("\r\n\r\n");
    ASSERT_NE(headEnd, std::string::npos);
    EXPECT_LT(reply.raw.size() - (headEnd + 4), contentLength(lowercase(reply.raw.substr(0, headEnd + 4))));
    EXPECT_EQ(m_upstream.count(), 1u);

    ASSERT_TRUE(m_proxy.waitForExchanges(1, kWait));
    EXPECT_EQ(m_proxy.stats().truncated, 1u);
    expectBucketsAddUp(m_proxy.stats());
}

TEST_F(FaultProxyTest, SlowResponseArrivesIntactAfterTheDelay)
{
    m_proxy.setSlowDelay(100ms);
    m_proxy.setPolicy(faultAt(0, Fault::slowResponse));
    Client client(m_proxy.port());
    const auto sent = std::chrono::steady_clock::now();
    client.send(request());
    const Reply reply = client.readResponse();
    // A lower bound only: a steady timer never fires early, however loaded the machine.
    EXPECT_GE(std::chrono::steady_clock::now() - sent, 100ms);
    ASSERT_TRUE(reply.complete);
    EXPECT_EQ(reply.raw, upstreamResponse(1, false));

    // The connection stays usable.
    client.send(request());
    const Reply next = client.readResponse();
    ASSERT_TRUE(next.complete);
    EXPECT_EQ(next.count, 2u);

    ASSERT_TRUE(m_proxy.waitForExchanges(2, kWait));
    const FaultStats s = m_proxy.stats();
    EXPECT_EQ(s.slowed, 1u);
    EXPECT_EQ(s.forwarded, 1u);
    expectBucketsAddUp(s);
}

TEST_F(FaultProxyTest, ResetConnectionClosesBeforeReadingTheRequest)
{
    m_proxy.setPolicy(faultAt(0, Fault::resetConnection));
    {
        Client client(m_proxy.port());
        client.send(request());
        EXPECT_EQ(client.readToEof(), "");
        EXPECT_FALSE(client.timedOut());
        EXPECT_FALSE(client.reset());
    }
    EXPECT_EQ(m_upstream.connections(), 0u);
    ASSERT_TRUE(m_proxy.waitForExchanges(1, kWait));
    EXPECT_EQ(m_proxy.stats().dropped, 1u);
    expectBucketsAddUp(m_proxy.stats());
}

TEST_F(FaultProxyTest, ResetConnectionOnAKeptAliveConnection)
{
    m_proxy.setPolicy(faultAt(1, Fault::resetConnection));
    Client client(m_proxy.port());
    client.send(request());
    const Reply first = client.readResponse();
    ASSERT_TRUE(first.complete);
    client.send(request());
    const Reply second = client.readResponse();
    EXPECT_EQ(second.raw, "");
    EXPECT_TRUE(client.ended());
    EXPECT_FALSE(client.timedOut());
    EXPECT_EQ(m_upstream.count(), 1u);
    ASSERT_TRUE(m_proxy.waitForExchanges(2, kWait));
    const FaultStats s = m_proxy.stats();
    EXPECT_EQ(s.forwarded, 1u);
    EXPECT_EQ(s.dropped, 1u);
}

// ---- failures that are not faults ----

TEST(FaultProxy, UpstreamRefusingClosesTheClient)
{
    std::uint16_t closedPort = 0;
    {
        // A port that was just free and has no listener now.
        asio::io_context io;
        tcp::acceptor probe(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
        closedPort = probe.local_endpoint().port();
    }
    FaultProxy proxy("127.0.0.1", closedPort);
    Client client(proxy.port());
    client.send(request());
    EXPECT_EQ(client.readToEof(), "");
    EXPECT_FALSE(client.timedOut());
    ASSERT_TRUE(proxy.waitForExchanges(1, kWait));
    EXPECT_EQ(proxy.stats().dropped, 1u);
    expectBucketsAddUp(proxy.stats());
}

TEST_F(FaultProxyTest, ClientLeavingMidRequestCountsAsDropped)
{
    {
        Client client(m_proxy.port());
        const std::string full = request();
        client.send(full.substr(0, full.size() - 5));
    }
    ASSERT_TRUE(m_proxy.waitForExchanges(1, kWait));
    EXPECT_EQ(m_proxy.stats().dropped, 1u);
    EXPECT_EQ(m_upstream.count(), 0u);
    expectBucketsAddUp(m_proxy.stats());
}

TEST_F(FaultProxyTest, AClientThatConnectsAndLeavesIsNoExchange)
{
    {
        Client idle(m_proxy.port());
    }
    EXPECT_EQ(exchangeOnce(m_proxy.port()), Seen::whole);
    ASSERT_TRUE(m_proxy.waitForExchanges(1, kWait));
    EXPECT_EQ(m_proxy.stats().exchanges, 1u);
    EXPECT_EQ(m_upstream.count(), 1u);
}

// ---- random faults ----

struct RandomRun {
    std::vector<Seen> seen;
    FaultStats stats;
    std::uint64_t upstreamCount = 0;
};

RandomRun randomRun(double p, std::uint32_t seed, int exchanges)
{
    Upstream upstream;
    FaultProxy proxy("127.0.0.1", upstream.port());
    proxy.setSlowDelay(1ms);
    proxy.setRandomFaults(p, seed);
    RandomRun run;
    for (int i = 0; i < exchanges; ++i)
        run.seen.push_back(exchangeOnce(proxy.port()));
    EXPECT_TRUE(proxy.waitForExchanges(static_cast<std::uint64_t>(exchanges), kWait));
    run.stats = proxy.stats();
    run.upstreamCount = upstream.count();
    return run;
}

bool operator==(const FaultStats& a, const FaultStats& b)
{
    return a.exchanges == b.exchanges && a.forwarded == b.forwarded && a.dropped == b.dropped &&
           a.truncated == b.truncated && a.slowed == b.slowed;
}

TEST(FaultProxyRandom, TheSameSeedGivesTheSameFaultsOnTwoProxies)
{
    const RandomRun a = randomRun(0.5, 20260403, 200);
    const RandomRun b = randomRun(0.5, 20260403, 200);
    EXPECT_EQ(a.seen, b.seen);
    EXPECT_TRUE(a.stats == b.stats);
    EXPECT_EQ(a.upstreamCount, b.upstreamCount); // same split of drops before and after upstream
    expectBucketsAddUp(a.stats);

    const RandomRun other = randomRun(0.5, 7, 200);
    EXPECT_NE(a.seen, other.seen);
}

TEST(FaultProxyRandom, ProbabilityZeroAndOne)
{
    const RandomRun never = randomRun(0.0, 1, 40);
    EXPECT_EQ(never.stats.forwarded, 40u);

    const RandomRun always = randomRun(1.0, 1, 40);
    EXPECT_EQ(always.stats.forwarded, 0u);
    // Every kind shows up among 40 (for this seed), and none is resetConnection: dropped ones split between
    // before and after upstream.
    EXPECT_GT(always.stats.slowed, 0u);
    EXPECT_GT(always.stats.truncated, 0u);
    EXPECT_GT(always.stats.dropped, 0u);
    const std::uint64_t droppedAfterUpstream =
        always.upstreamCount - always.stats.slowed - always.stats.truncated;
    EXPECT_GT(droppedAfterUpstream, 0u);
    EXPECT_LT(droppedAfterUpstream, always.stats.dropped);
    expectBucketsAddUp(always.stats);
}

TEST_F(FaultProxyTest, AThousandSequentialConnectionsWithRandomFaults)
{
    constexpr std::uint64_t kConnections = 1000;
    m_proxy.setSlowDelay(1ms);
    m_proxy.setRandomFaults(0.3, 42);
    const std::size_t baseline = openDescriptors();
    std::uint64_t whole = 0;
    std::uint64_t part = 0;
    std::uint64_t nothing = 0;
    for (std::uint64_t i = 0; i < kConnections; ++i) {
        switch (exchangeOnce(m_proxy.port())) {
        case Seen::whole: ++whole; break;
        case Seen::part: ++part; break;
        case Seen::nothing: ++nothing; break;
        }
        // A leak of one descriptor per connection would be hundreds by now; the slack covers the few
        // connections whose close is still on its way through the proxy and the upstream.
        if (i % 100 == 99) {
            ASSERT_LE(openDescriptors(), baseline + 32) << "after " << i + 1 << " connections";
        }
    }
    ASSERT_TRUE(m_proxy.waitForExchanges(kConnections, kWait));
    const FaultStats s = m_proxy.stats();
    EXPECT_EQ(s.exchanges, kConnections);
    expectBucketsAddUp(s);
    // What the clients saw matches the buckets one for one.
    EXPECT_EQ(whole, s.forwarded + s.slowed);
    EXPECT_EQ(part, s.truncated);
    EXPECT_EQ(nothing, s.dropped);
    // Upstream counted every delivered or truncated exchange plus the dropAfterUpstream ones, never the
    // dropBeforeUpstream ones.
    const std::uint64_t reachedUpstream = m_upstream.count();
    EXPECT_GE(reachedUpstream, s.forwarded + s.slowed + s.truncated);
    EXPECT_LT(reachedUpstream, s.forwarded + s.slowed + s.truncated + s.dropped);
    // About 30 % faulty, every kind present (fixed for this seed, so no flakiness).
    const std::uint64_t faulty = kConnections - s.forwarded;
    EXPECT_GT(faulty, 200u);
    EXPECT_LT(faulty, 400u);
    EXPECT_GT(s.slowed, 0u);
    EXPECT_GT(s.truncated, 0u);
    EXPECT_GT(reachedUpstream, s.forwarded + s.slowed + s.truncated);
}

// ---- stopping ----

TEST_F(FaultProxyTest, StopsCleanlyWithConnectionsOpen)
{
    m_proxy.setSlowDelay(std::chrono::hours(1));
    m_proxy.setPolicy(faultAt(1, Fault::slowResponse));
    // An idle kept-alive connection ...
    Client idle(m_proxy.port());
    idle.send(request());
    ASSERT_TRUE(idle.readResponse().complete);
    // ... one whose response is held back (its request reached upstream) ...
    Client held(m_proxy.port());
    held.send(request());
    ASSERT_TRUE(m_upstream.waitForCount(2));
    // ... and one in the middle of its request.
    Client partial(m_proxy.port());
    const std::string full = request();
    partial.send(full.substr(0, full.size() / 2));

    m_proxy.stop();
    for (Client* c : {&idle, &held, &partial}) {
        EXPECT_EQ(c->readToEof(), "");
        EXPECT_FALSE(c->timedOut());
    }
    EXPECT_FALSE(Client::canConnect(m_proxy.port()));
    const FaultStats s = m_proxy.stats();
    EXPECT_EQ(s.exchanges, 1u); // exchanges in flight at stop are never counted
    expectBucketsAddUp(s);
    EXPECT_FALSE(m_proxy.waitForExchanges(2, kWait)); // returns at once: the proxy has stopped
    m_proxy.stop();                                   // idempotent; the destructor stops again
}

} // namespace
} // namespace sango::test
