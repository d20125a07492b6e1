#pragma once
// Signed requests: the terminal signs, with its Ed25519 device key, its terminal id, the method, the request
// target (path and query), a timestamp, a random nonce and the SHA-256 of the body:
//   "SANGO-REQ-1\n" TERMINAL_ID "\n" METHOD "\n" TARGET "\n" TIMESTAMP "\n" NONCE "\n" hex(sha256(BODY))
// and sends the terminal id, timestamp, nonce and base64url signature in the Sango-* headers.
#include <cstdint>
#include <string>
#include <string_view>

#include "sango/crypto.h"
#include "sango/error.h"

namespace sango::protocol {

struct SignedHeaders {
    std::string terminalId;
    std::int64_t timestamp = 0; // Unix seconds, the terminal's best estimate of the ledger's clock
    std::string nonce;          // 32 hex characters, random per request
    std::string signature;      // base64url of the 64-byte Ed25519 signature
};

std::string canonicalRequest(std::string_view terminalId, std::string_view method, std::string_view target,
                             std::int64_t timestamp, std::string_view nonce, std::string_view body);

SignedHeaders signRequest(const crypto::SigningKey& key, std::string_view terminalId, std::string_view method,
                          std::string_view target, std::int64_t timestamp, std::string_view body);

// True when the signature is the key's over this request (timestamp and nonce checks are the caller's).
bool verifyRequest(std::string_view publicKeyB64u, const SignedHeaders& headers, std::string_view method,
                   std::string_view target, std::string_view body);

} // namespace sango::protocol
