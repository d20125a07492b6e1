#pragma once
// A small HTTP/1.1 server on Boost.Asio/Beast (PRIVATE to this target): keep-alive, concurrent connections
// on a few threads, bounded header and body sizes (the body's bound may be decided per request from its
// header, before the body is read), bounded connections over the server and per remote address, read and
// idle timeouts, TLS when given a certificate and key. Plain HTTP is refused unless the listen address is a
// loopback address. It knows nothing of the ledger: every request goes to one handler.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sango/error.h"

namespace sango::server {

// A request as far as its header: what a BodyLimit decides on.
struct HttpRequestHead {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers; // names in lower case
    std::string remoteAddress;

    // The first header of that (lower-case) name, or nullptr.
    const std::string* header(std::string_view lowerName) const;
};

struct HttpRequest {
    std::string method;  // "GET", "POST", ...
    std::string target;  // path and query, as sent
    std::vector<std::pair<std::string, std::string>> headers; // names in lower case
    std::string body;
    std::string remoteAddress;

    // The first header of that (lower-case) name, or nullptr.
    const std::string* header(std::string_view lowerName) const;
};

struct HttpResponse {
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    // Extra headers. The server owns Content-Length, Transfer-Encoding, Connection, Content-Type (from
    // contentType), Cache-Control (always no-store) and Date: extra headers of those names are ignored, as
    // are names or values that are not valid in HTTP (so a handler cannot split a response).
    std::vector<std::pair<std::string, std::string>> headers;
};

// Called for every well-formed request, possibly from several threads at once.
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// The most body bytes this request may carry; the server takes the smaller of this and maxBodyBytes. Called
// once the header is in and before any of the body is read (before "100 Continue" too), for requests that
// announce a body (a Content-Length above 0, or chunked); a Content-Length above the limit is answered 413
// at once, a chunked body that grows past it 413 too. Like the handler it runs on the server's threads,
// possibly several at once, and may block briefly (a lookup) at the cost of holding one; it should not
// throw (if it does, the request is answered 500).
using BodyLimit = std::function<std::size_t(const HttpRequestHead&)>;

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0; // 0: any free port (see HttpServer::port)
    std::optional<std::filesystem::path> tlsCertificate; // PEM chain
    std::optional<std::filesystem::path> tlsPrivateKey;  // PEM
    std::size_t maxHeaderBytes = 16 * 1024;
    std::size_t maxBodyBytes = 2 * 1024 * 1024;
    BodyLimit bodyLimit; // empty: maxBodyBytes for every request
    std::chrono::milliseconds readTimeout{15000}; // a request must arrive whole within this
    std::chrono::milliseconds idleTimeout{60000}; // a kept-alive connection with no request is closed
    int threads = 2;
    std::size_t maxConnections = 512; // beyond: 503 and close
    // Open connections from one remote IP address (remoteAddress, as the handler sees it); beyond: 503 and
    // close, as for maxConnections. Other addresses are not affected.
    std::size_t maxConnectionsPerAddress = 32;
};

class HttpServer {
public:
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and starts serving on background threads. Errors: invalid_argument (plain HTTP off loopback,
    // only one of cert/key, an address that is not an IP address or "localhost", threads, maxConnections or
    // maxConnectionsPerAddress below 1), invalid_config (unreadable or bad certificate/key, or the address
    // cannot be listened on: in use, not local, no permission).
    static Expected<std::unique_ptr<HttpServer>> start(const ServerOptions& options, HttpHandler handler);

    std::uint16_t port() const;
    bool tls() const;
    // Stops accepting, closes connections, joins the threads. Idempotent. A handler that is running is
    // waited for, so stop() must not be called from inside the handler.
    void stop();
    // Blocks until stop() is called from another thread or a signal handler set up by the caller.
    void wait();

private:
    struct Impl;
    explicit HttpServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool isLoopback(std::string_view host);

} // namespace sango::server
