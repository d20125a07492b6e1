#pragma once
// A tiny blocking HTTP/1.1 client for the server tests, on plain Boost.Asio sockets (or Asio SSL). It only
// speaks what the tests need: raw bytes out, responses with Content-Length in. Every wait is for an event
// (bytes, a close); a generous guard turns a server that never answers into a failed test, not a hang.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/system/error_code.hpp>

namespace sango::server::test {

struct ClientResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers; // names in lower case
    std::string body;

    const std::string* header(std::string_view lowerName) const;
};

class TestClient {
public:
    // Connects to 127.0.0.1:port, from `from` (a local address such as 127.0.0.2) when given. Fails the
    // test (and returns null) when it cannot.
    static std::unique_ptr<TestClient> connect(std::uint16_t port, std::string_view from = {});
    // Connects and does a TLS handshake that verifies the server against `trusted` (a PEM certificate) and
    // the name 127.0.0.1. Returns null with *error set when the handshake fails.
    static std::unique_ptr<TestClient> connectTls(
        std::uint16_t port, const std::filesystem::path& trusted, std::string* error = nullptr);

    ~TestClient();
    TestClient(const TestClient&) = delete;
    TestClient& operator=(const TestClient&) = delete;

    bool send(std::string_view bytes);
    // The next response, or nullopt when the connection closed or sent something that is not one.
    std::optional<ClientResponse> readResponse();
    // Waits until the server closes the connection; true when it did. What arrived first goes to *received.
    bool waitForClose(std::string* received = nullptr);
    // send + readResponse.
    std::optional<ClientResponse> request(std::string_view bytes);

private:
    TestClient();
    template <class Start>
    boost::system::error_code await(Start start, std::size_t* bytes = nullptr);
    template <class Handler>
    void asyncReadSome(boost::asio::mutable_buffer buffer, Handler&& handler);
    bool readMore();

    boost::asio::io_context m_ioc;
    boost::asio::ssl::context m_tlsContext{boost::asio::ssl::context::tls_client};
    boost::asio::ip::tcp::socket m_socket;
    std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>> m_tls;
    std::string m_data; // received and not yet parsed
    bool m_closed = false; // the server closed the connection (a read failed)
};

// A GET with Host and the given extra header lines (each ending in \r\n).
std::string getRequest(std::string_view target, std::string_view extraHeaders = {});
// A POST with Content-Length.
std::string postRequest(std::string_view target, std::string_view body, std::string_view extraHeaders = {});

} // namespace sango::server::test
