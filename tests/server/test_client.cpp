#include "test_client.h"

#include <array>
#include <chrono>
#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

namespace sango::server::test {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// Not a synchronisation delay: only how long a broken server may keep a test waiting before it fails.
constexpr std::chrono::seconds guard{30};

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

} // namespace

const std::string* ClientResponse::header(std::string_view lowerName) const
{
    for (const auto& [name, value] : headers)
        if (name == lowerName)
            return &value;
    return nullptr;
}

TestClient::TestClient()
    : m_socket(m_ioc)
{
}

TestClient::~TestClient()
{
    boost::system::error_code ignored;
    m_socket.close(ignored);
}

std::unique_ptr<TestClient> TestClient::connect(std::uint16_t port, std::string_view from)
{
    std::unique_ptr<TestClient> client(new TestClient());
    if (!from.empty()) {
        boost::system::error_code ec;
        const auto source = net::ip::make_address_v4(std::string(from), ec);
        if (!ec)
            client->m_socket.open(tcp::v4(), ec);
        if (!ec)
            client->m_socket.bind(tcp::endpoint(source, 0), ec);
        if (ec) {
            ADD_FAILURE() << "cannot connect from " << from << ": " << ec.message();
            return nullptr;
        }
    }
    const auto ec = client->await([&](auto handler) {
        client->m_socket.async_connect(tcp::endpoint(net::ip::make_address_v4("127.0.0.1"), port),
            [handler](boost::system::error_code e) mutable { handler(e, 0); });
    });
    if (ec) {
        ADD_FAILURE() << "cannot connect to 127.0.0.1:" << port << ": " << ec.message();
        return nullptr;
    }
    return client;
}

std::unique_ptr<TestClient> TestClient::connectTls(
    std::uint16_t port, const std::filesystem::path& trusted, std::string* error)
{
    auto client = connect(port);
    if (!client)
        return nullptr;
    boost::system::error_code ec;
    client->m_tlsContext.load_verify_file(trusted.string(), ec);
    if (ec) {
        ADD_FAILURE() << "cannot load " << trusted << ": " << ec.message();
        return nullptr;
    }
    client->m_tls = std::make_unique<net::ssl::stream<tcp::socket&>>(client->m_socket, client->m_tlsContext);
    client->m_tls->set_verify_mode(net::ssl::verify_peer);
    client->m_tls->set_verify_callback(net::ssl::host_name_verification("127.0.0.1"));
    ec = client->await([&](auto handler) {
        client->m_tls->async_handshake(net::ssl::stream_base::client,
            [handler](boost::system::error_code e) mutable { handler(e, 0); });
    });
    if (ec) {
        if (error)
            *error = ec.message();
        return nullptr;
    }
    return client;
}

template <class Start>
boost::system::error_code TestClient::await(Start start, std::size_t* bytes)
{
    std::optional<boost::system::error_code> result;
    std::size_t count = 0;
    start([&result, &count](boost::system::error_code ec, std::size_t n) {
        result = ec;
        count = n;
    });
    m_ioc.restart();
    m_ioc.run_for(guard);
    if (!result) {
        ADD_FAILURE() << "the server did not answer within " << guard.count() << " s";
        boost::system::error_code ignored;
        m_socket.close(ignored);
        m_ioc.restart();
        m_ioc.run(); // let the cancelled operation finish before its state goes
        return net::error::timed_out;
    }
    if (bytes)
        *bytes = count;
    return *result;
}

template <class Handler>
void TestClient::asyncReadSome(net::mutable_buffer buffer, Handler&& handler)
{
    if (m_tls)
        m_tls->async_read_some(buffer, std::forward<Handler>(handler));
    else
        m_socket.async_read_some(buffer, std::forward<Handler>(handler));
}

bool TestClient::send(std::string_view bytes)
{
    const auto ec = await([&](auto handler) {
        if (m_tls)
            net::async_write(*m_tls, net::buffer(bytes.data(), bytes.size()), handler);
        else
            net::async_write(m_socket, net::buffer(bytes.data(), bytes.size()), handler);
    });
    return !ec;
}

bool TestClient::readMore()
{
    if (m_closed)
        return false;
    std::array<char, 4096> chunk{};
    std::size_t n = 0;
    const auto ec = await([&](auto handler) { asyncReadSome(net::buffer(chunk), handler); }, &n);
    if (ec) {
        m_closed = ec != net::error::timed_out;
        return false;
    }
    m_data.append(chunk.data(), n);
    return true;
}

std::optional<ClientResponse> TestClient::readResponse()
{
    std::size_t headerEnd = 0;
    while ((headerEnd = m_data.find("\r\n\r\n")) == std::string::npos)
        if (!readMore())
            return std::nullopt;

    const std::string head = m_data.substr(0, headerEnd);
    ClientResponse response;
    const std::size_t lineEnd = head.find("\r\n");
    const std::string statusLine = head.substr(0, lineEnd);
    if (statusLine.rfind("HTTP/1.", 0) != 0 || statusLine.size() < 12)
        return std::nullopt;
    response.status = std::stoi(statusLine.substr(9, 3));
    std::size_t contentLength = 0;
    for (std::size_t at = lineEnd; at != std::string::npos && at < head.size();) {
        const std::size_t start = at + 2;
        const std::size_t next = head.find("\r\n", start);
        const std::string line = head.substr(start, next == std::string::npos ? std::string::npos : next - start);
        const std::size_t colon = line.find(':');
        if (colon != std::string::npos) {
            const std::string_view value = trim(std::string_view(line).substr(colon + 1));
            response.headers.emplace_back(lower(line.substr(0, colon)), std::string(value));
            if (response.headers.back().first == "content-length")
                contentLength = std::stoul(response.headers.back().second);
        }
        at = next;
    }
    const std::size_t bodyStart = headerEnd + 4;
    while (m_data.size() < bodyStart + contentLength)
        if (!readMore())
            return std::nullopt;
    response.body = m_data.substr(bodyStart, contentLength);
    m_data.erase(0, bodyStart + contentLength);
    return response;
}

bool TestClient::waitForClose(std::string* received)
{
    if (received)
        *received = m_data;
    // Asio would wait for a new readiness event after an end of stream it has already reported, and none
    // comes: remember it instead of reading again.
    if (m_closed)
        return true;
    for (;;) {
        std::array<char, 4096> chunk{};
        std::size_t n = 0;
        const auto ec = await([&](auto handler) { asyncReadSome(net::buffer(chunk), handler); }, &n);
        if (ec == net::error::timed_out)
            return false;
        if (ec) {
            m_closed = true; // end of stream, reset or a TLS stream cut short: closed all the same
            return true;
        }
        if (received)
            received->append(chunk.data(), n);
    }
}

std::optional<ClientResponse> TestClient::request(std::string_view bytes)
{
    if (!send(bytes))
        return std::nullopt;
    return readResponse();
}

std::string getRequest(std::string_view target, std::string_view extraHeaders)
{
    return "GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + std::string(extraHeaders) + "\r\n";
}

std::string postRequest(std::string_view target, std::string_view body, std::string_view extraHeaders)
{
    return "POST " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
        + std::to_string(body.size()) + "\r\n" + std::string(extraHeaders) + "\r\n" + std::string(body);
}

} // namespace sango::server::test
