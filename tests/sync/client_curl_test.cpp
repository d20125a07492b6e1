// CurlTransport against real sockets: a small HTTP (and HTTPS) server on Boost.Asio on 127.0.0.1, written
// here so that each test controls exactly what the peer sends — a fixed JSON answer, a truncated body, an
// oversized body, silence, a self-signed certificate. The certificates are made at test time with the
// openssl command line tool.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility> // before Boost 1.74's asio/awaitable.hpp, which uses std::exchange without it
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <gtest/gtest.h>

#include "sango/base64url.h"
#include "sango/clock.h"
#include "sango/protocol/messages.h"
#include "sango/protocol/request_signature.h"
#include "sango/sync/curl_transport.h"
#include "sango/sync/ledger_client.h"

namespace sango::sync {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

struct SeenRequest {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers; // names in lower case
    std::string body;

    std::optional<std::string> header(const std::string& lowerName) const
    {
        for (const auto& [k, v] : headers)
            if (k == lowerName)
                return v;
        return std::nullopt;
    }
};

struct CannedReply {
    std::string raw;     // written as it is
    bool close = false;  // close the connection after writing
    bool silent = false; // write nothing and keep the connection open
};

using Handler = std::function<CannedReply(const SeenRequest&)>;

std::string httpResponse(int status, const std::string& body, const std::string& extraHeaders = {})
{
    return "HTTP/1.1 " + std::to_string(status) + " Test\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

std::string lowerCase(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

class TestServer;

// One connection: read a request (headers, then Content-Length bytes), answer as the handler says, repeat.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
public:
    Session(TestServer& server, Stream stream) : m_server(server), m_stream(std::move(stream)) {}

    void start() { readRequest(); }

    void startTls()
    {
        auto self = this->shared_from_this();
        m_stream.async_handshake(asio::ssl::stream_base::server, [self](const error_code& ec) {
            if (!ec)
                self->readRequest();
        });
    }

private:
    void readRequest()
    {
        auto self = this->shared_from_this();
        asio::async_read_until(m_stream, m_buffer, "\r\n\r\n", [self](const error_code& ec, std::size_t headerBytes) {
            if (ec)
                return;
            self->onHeaders(headerBytes);
        });
    }

    void onHeaders(std::size_t headerBytes)
    {
        const std::string head(asio::buffers_begin(m_buffer.data()),
                               asio::buffers_begin(m_buffer.data()) + static_cast<std::ptrdiff_t>(headerBytes));
        m_buffer.consume(headerBytes);
        m_request = SeenRequest{};
        std::size_t contentLength = 0;
        std::size_t pos = head.find("\r\n");
        const std::string first = head.substr(0, pos);
        const auto sp1 = first.find(' ');
        const auto sp2 = first.find(' ', sp1 + 1);
        m_request.method = first.substr(0, sp1);
        m_request.target = first.substr(sp1 + 1, sp2 - sp1 - 1);
        while (pos != std::string::npos && pos + 2 < head.size()) {
            const auto next = head.find("\r\n", pos + 2);
            const std::string line = head.substr(pos + 2, next - pos - 2);
            pos = next;
            const auto colon = line.find(':');
            if (colon == std::string::npos)
                continue;
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            m_request.headers.emplace_back(lowerCase(line.substr(0, colon)), value);
            if (lowerCase(line.substr(0, colon)) == "content-length")
                contentLength = std::stoul(value);
        }
        if (m_buffer.size() >= contentLength) {
            takeBody(contentLength);
            return;
        }
        auto self = this->shared_from_this();
        asio::async_read(m_stream, m_buffer, asio::transfer_exactly(contentLength - m_buffer.size()),
                         [self, contentLength](const error_code& ec, std::size_t) {
                             if (!ec)
                                 self->takeBody(contentLength);
                         });
    }

    void takeBody(std::size_t length)
    {
        m_request.body.assign(asio::buffers_begin(m_buffer.data()),
                              asio::buffers_begin(m_buffer.data()) + static_cast<std::ptrdiff_t>(length));
        m_buffer.consume(length);
        respond();
    }

    void respond();

    TestServer& m_server;
    Stream m_stream;
    asio::streambuf m_buffer;
    SeenRequest m_request;
    std::string m_out;
};

class TestServer {
public:
    explicit TestServer(Handler handler, std::shared_ptr<asio::ssl::context> tls = nullptr)
        : m_handler(std::move(handler)), m_tls(std::move(tls)),
          m_acceptor(m_io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0))
    {
        m_port = m_acceptor.local_endpoint().port();
        accept();
        m_thread = std::thread([this] { m_io.run(); });
    }

    ~TestServer()
    {
        m_io.stop();
        m_thread.join();
    }

    std::string url(const std::string& path = "/") const
    {
        return std::string(m_tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(m_port) + path;
    }

    int connections()
    {
        std::lock_guard lock(m_mutex);
        return m_connections;
    }

    std::vector<SeenRequest> requests()
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

    CannedReply handle(const SeenRequest& request)
    {
        {
            std::lock_guard lock(m_mutex);
            m_requests.push_back(request);
        }
        return m_handler(request);
    }

private:
    void accept()
    {
        m_acceptor.async_accept([this](const error_code& ec, tcp::socket socket) {
            if (ec)
                return;
            {
                std::lock_guard lock(m_mutex);
                ++m_connections;
            }
            if (m_tls) {
                using TlsStream = asio::ssl::stream<tcp::socket>;
                std::make_shared<Session<TlsStream>>(*this, TlsStream(std::move(socket), *m_tls))->startTls();
            } else {
                std::make_shared<Session<tcp::socket>>(*this, std::move(socket))->start();
            }
            accept();
        });
    }

    Handler m_handler;
    std::shared_ptr<asio::ssl::context> m_tls;
    asio::io_context m_io;
    tcp::acceptor m_acceptor;
    std::uint16_t m_port = 0;
    std::thread m_thread;
    std::mutex m_mutex;
    int m_connections = 0;
    std::vector<SeenRequest> m_requests;
};

template <class Stream>
void Session<Stream>::respond()
{
    CannedReply reply = m_server.handle(m_request);
    if (reply.silent) {
        readRequest(); // the client waits for an answer that never comes
        return;
    }
    m_out = std::move(reply.raw);
    auto self = this->shared_from_this();
    asio::async_write(m_stream, asio::buffer(m_out), [self, close = reply.close](const error_code& ec, std::size_t) {
        if (ec)
            return;
        if (close) {
            error_code ignored;
            self->m_stream.lowest_layer().shutdown(tcp::socket::shutdown_both, ignored);
            self->m_stream.lowest_layer().close(ignored);
            return;
        }
        self->readRequest();
    });
}

const std::string kHealthJson = R"({"status":"ok","municipality":"131016","server_time":1750000042})";

Handler fixedJson(const std::string& body = kHealthJson)
{
    return [body](const SeenRequest&) { return CannedReply{httpResponse(200, body, "X-Test: Yes\r\n")}; };
}

HttpExchange get(const std::string& url)
{
    return HttpExchange{"GET", url, {{"Accept", "application/json"}}, {}};
}

// ---------------------------------------------------------------------------------------------------------------
// Plain HTTP on loopback

TEST(CurlTransport, RoundTripOfAGetAndAPost)
{
    TestServer server(fixedJson());
    CurlTransport transport;
    auto reply = transport.send(get(server.url("/v1/health")));
    ASSERT_TRUE(reply) << reply.error().message;
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, kHealthJson);
    bool sawHeader = false;
    for (const auto& [name, value] : reply->headers)
        sawHeader = sawHeader || (name == "x-test" && value == "Yes");
    EXPECT_TRUE(sawHeader) << "reply header names are lower case, values as sent";

    // A body larger than 1 MiB, which would make libcurl ask "Expect: 100-continue" by default.
    const std::string body = "{\"events\":\"" + std::string(1536 * 1024, 'e') + "\"}";
    auto posted = transport.send(HttpExchange{"POST", server.url("/v1/events"),
                                              {{"Content-Type", "application/json"}, {"Sango-Nonce", "n1"}}, body});
    ASSERT_TRUE(posted) << posted.error().message;
    EXPECT_EQ(posted->status, 200);

    const auto seen = server.requests();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].method, "GET");
    EXPECT_EQ(seen[0].target, "/v1/health");
    EXPECT_EQ(seen[0].header("accept"), "application/json");
    EXPECT_EQ(seen[1].method, "POST");
    EXPECT_EQ(seen[1].target, "/v1/events");
    EXPECT_EQ(seen[1].header("content-type"), "application/json");
    EXPECT_EQ(seen[1].header("sango-nonce"), "n1");
    EXPECT_FALSE(seen[1].header("expect").has_value());
    EXPECT_EQ(seen[1].body, body);
    EXPECT_EQ(server.connections(), 1) << "the second request reuses the kept-alive connection";
}

TEST(CurlTransport, ErrorStatusesAreRepliesNotTransportFailures)
{
    TestServer server([](const SeenRequest&) {
        return CannedReply{httpResponse(503, R"({"error":"unavailable","message":"busy","server_time":1})")};
    });
    CurlTransport transport;
    auto reply = transport.send(get(server.url("/v1/health")));
    ASSERT_TRUE(reply) << reply.error().message;
    EXPECT_EQ(reply->status, 503);
}

TEST(CurlTransport, RedirectsAreNotFollowed)
{
    TestServer server([](const SeenRequest&) {
        return CannedReply{httpResponse(302, "{}", "Location: http://127.0.0.1:1/elsewhere\r\n")};
    });
    CurlTransport transport;
    auto reply = transport.send(get(server.url("/v1/health")));
    ASSERT_TRUE(reply) << reply.error().message;
    EXPECT_EQ(reply->status, 302);
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST(CurlTransport, ABodyShorterThanItsContentLengthIsUnreachable)
{
    TestServer server([](const SeenRequest&) {
        return CannedReply{"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"status\":",
                           true};
    });
    CurlTransport transport;
    auto reply = transport.send(get(server.url("/v1/health")));
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, Errc::ledger_unreachable) << reply.error().message;
}

TEST(CurlTransport, AClosedPortIsUnreachable)
{
    std::uint16_t port = 0;
    {
        asio::io_context io;
        tcp::acceptor probe(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        port = probe.local_endpoint().port();
    } // closed: nothing listens there now
    CurlTransport transport;
    auto reply = transport.send(get("http://127.0.0.1:" + std::to_string(port) + "/v1/health"));
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, Errc::ledger_unreachable) << reply.error().message;
    EXPECT_NE(reply.error().message.find("127.0.0.1"), std::string::npos);
}

TEST(CurlTransport, ASilentServerTimesOutAsUnreachable)
{
    TestServer server([](const SeenRequest&) { return CannedReply{{}, false, true}; });
    CurlTransport transport({}, TransportTimeouts{std::chrono::milliseconds(2000), std::chrono::milliseconds(300)});
    auto reply = transport.send(get(server.url("/v1/health")));
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, Errc::ledger_unreachable) << reply.error().message;
}

TEST(CurlTransport, AnOversizedAnswerIsALedgerError)
{
    const std::string huge(CurlTransport::kMaxReplyBytes + 1024 * 1024, 'x');
    {
        TestServer server([&](const SeenRequest&) { return CannedReply{httpResponse(200, huge)}; });
        CurlTransport transport;
        auto reply = transport.send(get(server.url("/")));
        ASSERT_FALSE(reply);
        EXPECT_EQ(reply.error().code, Errc::ledger_error) << reply.error().message;
    }
    {
        // No Content-Length: the cap is met while reading.
        TestServer server([&](const SeenRequest&) {
            return CannedReply{"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + huge, true};
        });
        CurlTransport transport;
        auto reply = transport.send(get(server.url("/")));
        ASSERT_FALSE(reply);
        EXPECT_EQ(reply.error().code, Errc::ledger_error) << reply.error().message;
    }
}

TEST(CurlTransport, PlainHttpOnlyToLoopback)
{
    CurlTransport transport;
    auto reply = transport.send(get("http://example.com/v1/health"));
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, Errc::invalid_argument);
    EXPECT_NE(reply.error().message.find("https"), std::string::npos) << reply.error().message;

    for (const char* ok : {"http://127.0.0.1:8080/", "http://127.1.2.3/x", "http://[::1]:9/", "http://localhost:1/",
                           "http://LOCALHOST/", "https://example.com/", "https://203.0.113.7:8443/sango"})
        EXPECT_TRUE(CurlTransport::checkUrl(ok)) << ok;
    for (const char* bad : {"http://example.com/", "http://10.0.0.1/", "http://127.0.0.1.example.com/",
                            "http://[::2]/", "http://[::ffff:127.0.0.1]/", "ftp://127.0.0.1/", "file:///etc/passwd",
                            "127.0.0.1:8080", "", "https://"}) {
        auto r = CurlTransport::checkUrl(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, Errc::invalid_argument) << bad;
    }
}

TEST(CurlTransport, HeadersThatCouldSplitTheRequestAreRefused)
{
    TestServer server(fixedJson());
    CurlTransport transport;
    auto reply = transport.send(HttpExchange{"GET", server.url("/"), {{"X-A", "1\r\nX-Injected: 2"}}, {}});
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, Errc::invalid_argument);
    EXPECT_TRUE(server.requests().empty());
}

TEST(CurlTransport, TheLedgerClientRunsOverItAndSignsWhatTheServerReceives)
{
    // A ledger behind a path prefix; the cursor needs encoding. What the server receives must verify.
    TestServer server([](const SeenRequest& r) {
        if (r.target == "/sango/v1/health")
            return CannedReply{httpResponse(200, kHealthJson)};
        if (r.target == "/sango/v1/events") {
            protocol::PushResponse answer;
            answer.serverTime = 1'750'000'042;
            const auto body = nlohmann::json::parse(r.body); // named: a range-for would not keep a temporary alive
            for (const auto& e : body.at("events"))
                answer.results.push_back(
                    protocol::EventResult{e.at("id").get<std::string>(), protocol::EventStatus::accepted, {}, {}, {}, {}, {}});
            return CannedReply{httpResponse(200, answer.toJson().dump())};
        }
        return CannedReply{httpResponse(
            200, R"({"changes":[],"cursor":"next","more":false,"server_time":1750000042})")};
    });
    CurlTransport transport;
    FakeClock clock(Instant(std::chrono::seconds(1'750'000'000)));
    const auto key = crypto::SigningKey::generate();
    LedgerClient client(transport, server.url("/sango/"), clock);
    client.setIdentity("P-0001-T01", key);

    auto health = client.health();
    ASSERT_TRUE(health) << health.error().message;
    EXPECT_EQ(health->municipality, "131016");
    ASSERT_TRUE(client.lastMeasurement());
    EXPECT_EQ(client.lastMeasurement()->offsetSeconds, 42);

    protocol::PushRequest batch;
    protocol::WireEvent event;
    event.id = "0b6f3c1e-0000-4000-8000-000000000001";
    event.seq = 1;
    event.type = "session_opened";
    event.at = 1'750'000'000;
    event.body = {{"coupon_id", "ABCD2345EFGH6789"}, {"note", "\u00e9\u6f22"}};
    batch.events.push_back(event);
    auto pushed = client.push(batch);
    ASSERT_TRUE(pushed) << pushed.error().message;
    auto page = client.changes("c 1/+=&\xE6\xBC\xA2", 10);
    ASSERT_TRUE(page) << page.error().message;

    const auto seen = server.requests();
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[2].target, "/sango/v1/changes?cursor=c%201%2F%2B%3D%26%E6%BC%A2&limit=10");
    const std::string publicKey = base64url::encode(key.publicKey.data(), key.publicKey.size());
    for (std::size_t i = 1; i < 3; ++i) {
        const auto& r = seen[i];
        protocol::SignedHeaders h{r.header("sango-terminal").value_or(""),
                                  std::stoll(r.header("sango-timestamp").value_or("0")),
                                  r.header("sango-nonce").value_or(""), r.header("sango-signature").value_or("")};
        EXPECT_EQ(h.terminalId, "P-0001-T01");
        EXPECT_EQ(h.timestamp, 1'750'000'042); // the terminal's clock plus the measured offset
        EXPECT_TRUE(protocol::verifyRequest(publicKey, h, r.method, r.target, r.body)) << r.method << " " << r.target;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// TLS with a certificate made for the test

int run(const std::string& command)
{
    return std::system((command + " >/dev/null 2>&1").c_str());
}

std::string capture(const std::string& command)
{
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr)
        return out;
    std::array<char, 256> buffer{};
    while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr)
        out += buffer.data();
    pclose(pipe);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
        out.pop_back();
    return out;
}

class CurlTransportTls : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        std::string dir = (std::filesystem::temp_directory_path() / "sango-sync-tls-XXXXXX").string();
        ASSERT_NE(mkdtemp(dir.data()), nullptr);
        s_dir = dir;
        auto makeCert = [](const std::string& name, const std::string& subject, const std::string& san) {
            const auto key = s_dir / (name + ".key");
            const auto cert = s_dir / (name + ".pem");
            return run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout '" +
                       key.string() + "' -out '" + cert.string() + "' -days 2 -subj " + subject + " -addext " + san);
        };
        ASSERT_EQ(makeCert("good", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost"), 0)
            << "the openssl command line tool is needed to make the test certificate";
        ASSERT_EQ(makeCert("wrong-name", "/CN=ledger.invalid", "subjectAltName=DNS:ledger.invalid"), 0);
        s_pin = "sha256//" + capture("openssl x509 -in '" + (s_dir / "good.pem").string() +
                                     "' -pubkey -noout | openssl pkey -pubin -outform der | "
                                     "openssl dgst -sha256 -binary | base64");
        ASSERT_EQ(s_pin.size(), 8u + 44u) << s_pin;
    }

    static void TearDownTestSuite()
    {
        std::error_code ignored;
        std::filesystem::remove_all(s_dir, ignored);
    }

    static std::shared_ptr<asio::ssl::context> serverContext(const std::string& name)
    {
        auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
        ctx->use_certificate_chain_file((s_dir / (name + ".pem")).string());
        ctx->use_private_key_file((s_dir / (name + ".key")).string(), asio::ssl::context::pem);
        return ctx;
    }

    static TlsSettings trusting(const std::string& name)
    {
        TlsSettings s;
        s.caFile = s_dir / (name + ".pem");
        return s;
    }

    static inline std::filesystem::path s_dir;
    static inline std::string s_pin;
};

TEST_F(CurlTransportTls, WithoutTheCaFileTheCertificateDoesNotVerify)
{
    TestServer server(fixedJson(), serverContext("good"));
    CurlTransport transport;
    auto reply = transport.send(get(server.url("/v1/health")));
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, Errc::ledger_tls) << reply.error().message;
    EXPECT_NE(reply.error().message.find("CA file"), std::string::npos) << reply.error().message;
    EXPECT_TRUE(server.requests().empty()) << "nothing may be sent over an unverified connection";
}

TEST_F(CurlTransportTls, WithTheCaFileItVerifiesAndReusesTheConnection)
{
    TestServer server(fixedJson(), serverContext("good"));
    CurlTransport transport(trusting("good"));
    for (int i = 0; i < 2; ++i) {
        auto reply = transport.send(get(server.url("/v1/health")));
        ASSERT_TRUE(reply) << reply.error().message;
        EXPECT_EQ(reply->status, 200);
        EXPECT_EQ(reply->body, kHealthJson);
    }
    EXPECT_EQ(server.connections(), 1);
}

TEST_F(CurlTransportTls, AHostNameNotInTheCertificateIsRefused)
{
    TestServer server(fixedJson(), serverContext("wrong-name"));
    CurlTransport transport(trusting("wrong-name")); // the chain is trusted; the name is not 127.0.0.1
    auto reply = transport.send(get(server.url("/v1/health")));
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, Errc::ledger_tls) << reply.error().message;
    EXPECT_NE(reply.error().message.find("ledger URL"), std::string::npos) << reply.error().message;
    EXPECT_TRUE(server.requests().empty());
}

TEST_F(CurlTransportTls, AWrongPinnedKeyIsRefused)
{
    TestServer server(fixedJson(), serverContext("good"));
    TlsSettings tls = trusting("good");
    tls.pinnedPublicKey = "sha256//" + std::string(43, 'A') + "=";
    CurlTransport transport(tls);
    auto reply = transport.send(get(server.url("/v1/health")));
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, Errc::ledger_tls) << reply.error().message;
    EXPECT_NE(reply.error().message.find("pinned key"), std::string::npos) << reply.error().message;
    EXPECT_TRUE(server.requests().empty());
}

TEST_F(CurlTransportTls, TheRightPinnedKeyVerifies)
{
    TestServer server(fixedJson(), serverContext("good"));
    TlsSettings tls = trusting("good");
    tls.pinnedPublicKey = s_pin;
    CurlTransport transport(tls);
    auto reply = transport.send(get(server.url("/v1/health")));
    ASSERT_TRUE(reply) << reply.error().message;
    EXPECT_EQ(reply->status, 200);
}

TEST_F(CurlTransportTls, APinDoesNotReplaceCertificateVerification)
{
    TestServer server(fixedJson(), serverContext("good"));
    TlsSettings tls;
    tls.pinnedPublicKey = s_pin; // right key, but the chain is not trusted
    CurlTransport transport(tls);
    auto reply = transport.send(get(server.url("/v1/health")));
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, Errc::ledger_tls) << reply.error().message;
}

TEST_F(CurlTransportTls, AnUnreadableCaFileIsATlsError)
{
    TestServer server(fixedJson(), serverContext("good"));
    TlsSettings tls;
    tls.caFile = s_dir / "missing.pem";
    CurlTransport transport(tls);
    auto reply = transport.send(get(server.url("/v1/health")));
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, Errc::ledger_tls) << reply.error().message;
    EXPECT_NE(reply.error().message.find("missing.pem"), std::string::npos) << reply.error().message;
}

} // namespace
} // namespace sango::sync
