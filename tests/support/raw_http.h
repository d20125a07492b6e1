#pragma once
// A tiny HTTP/1.1 client over POSIX sockets for the tests that speak to a real server on loopback byte by byte
// (plain HTTP, one request per connection): every byte on the wire is the test's choice, nothing of the
// product's client is used. A server that answers before the request is sent whole (a 413 before the body) is
// read without sending the rest. Failures (no connection, no answer within 30 s: a guard against a hung
// server, not a delay) throw: tests only.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace sango::test {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct RawHttpReply {
    int status = 0;
    HttpHeaders headers; // names in lower case
    std::string body;

    const std::string* header(const std::string& lowerName) const;
    nlohmann::json json() const; // discarded when the body is not JSON
    // The `error` of a refusal's body ("" when there is none).
    std::string error() const;
};

// The head of a request: the request line, Host, the headers given, Content-Length when given, and
// Connection: close.
std::string httpHead(const std::string& method, const std::string& target, const HttpHeaders& headers,
                     std::optional<std::size_t> contentLength);

// Sends these bytes to 127.0.0.1:port and reads the whole answer.
RawHttpReply httpRoundTrip(std::uint16_t port, const std::string& bytes);

} // namespace sango::test
