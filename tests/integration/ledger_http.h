#pragma once
// A terminal made by hand, for the tests that speak to the real `sango-ledger serve` as a hostile terminal
// would: requests over the tests' own HTTP client (raw_http.h), a device key enrolled over POST /v1/enrol, and
// requests signed with it (sango::protocol::signRequest). Nothing of the product's client is used, so that
// every byte on the wire is the test's choice.

#include <array>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sango/base64url.h"
#include "sango/crypto.h"
#include "raw_http.h"
#include "sango/protocol/request_signature.h"

namespace sango::itest::http {

using Headers = test::HttpHeaders;
using Reply = test::RawHttpReply;

inline Reply roundTrip(std::uint16_t port, const std::string& bytes)
{
    return test::httpRoundTrip(port, bytes);
}

inline std::string head(const std::string& method, const std::string& target, const Headers& headers,
                        std::optional<std::size_t> contentLength)
{
    return test::httpHead(method, target, headers, contentLength);
}

inline Reply call(std::uint16_t port, const std::string& method, const std::string& target, const Headers& headers = {},
                  const std::string& body = {})
{
    const bool withBody = !body.empty() || method == "POST";
    const auto length = withBody ? std::optional(body.size()) : std::nullopt;
    return roundTrip(port, head(method, target, headers, length) + body);
}

// The ledger's clock, as it says in every answer.
inline std::int64_t serverTime(std::uint16_t port)
{
    const auto r = call(port, "GET", "/v1/health");
    const auto j = r.json();
    if (r.status != 200 || !j.is_object() || !j.contains("server_time"))
        throw std::runtime_error("GET /v1/health answered " + std::to_string(r.status) + ": " + r.body);
    return j["server_time"].get<std::int64_t>();
}

// A terminal as a hostile test drives it: the ledger's id for it and its real device key.
struct Device {
    std::string id;
    crypto::SigningKey key = crypto::SigningKey::generate();
    std::string cursor;

    std::string publicKey() const { return base64url::encode(key.publicKey.data(), key.publicKey.size()); }
};

// POST /v1/enrol with a code and a new device key; throws unless the ledger enrols it.
inline Device enrol(std::uint16_t port, const std::string& code)
{
    Device d;
    const nlohmann::json body = {{"code", code}, {"public_key_b64u", d.publicKey()}, {"label", "by hand"}};
    const auto r = call(port, "POST", "/v1/enrol", {{"Content-Type", "application/json"}}, body.dump());
    const auto j = r.json();
    if (r.status != 200 || !j.is_object())
        throw std::runtime_error("enrolment refused: " + std::to_string(r.status) + " " + r.body);
    d.id = j.at("terminal_id").get<std::string>();
    d.cursor = j.at("cursor").get<std::string>();
    return d;
}

// A request signed with the device's key at the ledger's present time.
inline Reply signedCall(std::uint16_t port, const Device& d, const std::string& method, const std::string& target,
                        const std::string& body = {})
{
    const auto h = protocol::signRequest(d.key, d.id, method, target, serverTime(port), body);
    Headers headers{{"Sango-Terminal", h.terminalId},
                    {"Sango-Timestamp", std::to_string(h.timestamp)},
                    {"Sango-Nonce", h.nonce},
                    {"Sango-Signature", h.signature}};
    if (!body.empty())
        headers.emplace_back("Content-Type", "application/json");
    return call(port, method, target, headers, body);
}

} // namespace sango::itest::http
