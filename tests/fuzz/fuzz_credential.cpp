// libFuzzer target: the whole offline verifier on arbitrary scanner input, plus the typed-coupon-id and
// base64url parsers on the same bytes. Any crash, sanitizer report or escaping exception is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sango/base64url.h"
#include "sango/coupon_id.h"
#include "sango/credential.h"

namespace {

// tests/data/trust.json
constexpr const char* kTrustJson = R"([
 {
  "kid": "131016-2026a",
  "municipality": "131016",
  "alg": "EdDSA",
  "public_key_b64u": "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w"
 }
])";

const sango::CredentialVerifier& verifier()
{
    static const sango::CredentialVerifier instance = [] {
        auto trust = sango::TrustStore::fromJson(nlohmann::json::parse(kTrustJson, nullptr, false));
        if (!trust)
            __builtin_trap();
        return sango::CredentialVerifier(std::move(*trust));
    }();
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const sango::Instant now{std::chrono::seconds(1775000000)};

    const sango::RevocationCheck revokeSome = [](std::string_view id) { return !id.empty() && id.front() == 'R'; };
    const auto result = verifier().verify(text, now, revokeSome);
    if (result) {
        // An accepted credential must satisfy what the spec promises about its claims.
        if (!sango::couponid::isValid(result->couponId) || result->grantMinutes <= 0 || result->services.empty()
            || result->municipality != "131016")
            __builtin_trap();
    } else if (result.error().message.empty()) {
        __builtin_trap();
    }

    if (const auto id = sango::couponid::normalize(text)) {
        if (!sango::couponid::isValid(*id) || sango::couponid::normalize(sango::couponid::grouped(*id)) != *id)
            __builtin_trap();
    }

    if (const auto bytes = sango::base64url::decode(text)) {
        // Strict decoding: the only accepted spelling is the canonical one.
        if (sango::base64url::encode(bytes->data(), bytes->size()) != text)
            __builtin_trap();
    }
    return 0;
}
