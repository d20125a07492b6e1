#pragma once
// HttpTransport over libcurl (PRIVATE to sango::sync_client). TLS always verifies the peer and the host
// name; there is no setting that turns that off. A CA file replaces the system store; a pinned public key
// (sha256//BASE64, as curl's CURLOPT_PINNEDPUBLICKEY) must match as well. Plain http:// is allowed only to a
// loopback host.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "sango/sync/http_transport.h"

namespace sango::sync {

struct TlsSettings {
    std::optional<std::filesystem::path> caFile;
    std::optional<std::string> pinnedPublicKey; // "sha256//base64=" (one or more, ';'-separated)
};

struct TransportTimeouts {
    std::chrono::milliseconds connect{5000};
    std::chrono::milliseconds total{30000};
};

class CurlTransport final : public HttpTransport {
public:
    explicit CurlTransport(TlsSettings tls = {}, TransportTimeouts timeouts = {});
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    // Thread-confined: one easy handle, reused so that consecutive requests share a kept-alive connection.
    // Calls from several threads are serialised, never interleaved on the handle.
    Expected<HttpReply> send(const HttpExchange& request) override;

    // Whether send() would accept this URL: http or https only, and http only to a loopback host
    // (127.0.0.0/8, ::1, localhost). invalid_argument says why not. Parsed by libcurl's own URL parser, so
    // the host checked is the host connected to. Callers may use it to validate a configured ledger URL.
    static Expected<void> checkUrl(const std::string& url);

    // The largest answer body accepted; a larger one is ledger_error (no ledger answer is near this).
    static constexpr std::size_t kMaxReplyBytes = 8 * 1024 * 1024;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sango::sync
