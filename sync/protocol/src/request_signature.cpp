#include "sango/protocol/request_signature.h"

#include "sango/base64url.h"

namespace sango::protocol {

std::string canonicalRequest(std::string_view terminalId, std::string_view method, std::string_view target,
                             std::int64_t timestamp, std::string_view nonce, std::string_view body)
{
    // The terminal id is signed too: a signature binds the request to the one terminal that made it.
    std::string s = "SANGO-REQ-1\n";
    s.append(terminalId).append("\n");
    s.append(method).append("\n");
    s.append(target).append("\n");
    s.append(std::to_string(timestamp)).append("\n");
    s.append(nonce).append("\n");
    s.append(crypto::sha256Hex(body));
    return s;
}

SignedHeaders signRequest(const crypto::SigningKey& key, std::string_view terminalId, std::string_view method,
                          std::string_view target, std::int64_t timestamp, std::string_view body)
{
    SignedHeaders h;
    h.terminalId = std::string(terminalId);
    h.timestamp = timestamp;
    std::array<std::uint8_t, 16> nonce{};
    crypto::randomBytes(nonce.data(), nonce.size());
    h.nonce = crypto::toHex(nonce);
    const auto sig = key.sign(canonicalRequest(terminalId, method, target, timestamp, h.nonce, body));
    h.signature = base64url::encode(sig.data(), sig.size());
    return h;
}

bool verifyRequest(std::string_view publicKeyB64u, const SignedHeaders& headers, std::string_view method,
                   std::string_view target, std::string_view body)
{
    const auto pub = base64url::decode(publicKeyB64u);
    const auto sig = base64url::decode(headers.signature);
    if (!pub || !sig)
        return false;
    return crypto::verifyEd25519(pub->data(), pub->size(),
                                 canonicalRequest(headers.terminalId, method, target, headers.timestamp,
                                                  headers.nonce, body),
                                 sig->data(), sig->size());
}

} // namespace sango::protocol
