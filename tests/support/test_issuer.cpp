#include "test_issuer.h"

#include <stdexcept>

#include <sodium.h>

#include "sango/base64url.h"
#include "sango/coupon_id.h"

namespace sango::test {

TestIssuer::TestIssuer(std::string kid, std::string municipality, std::uint8_t seedByte)
    : m_kid(std::move(kid)), m_municipality(std::move(municipality))
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not be initialised");
    std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed{};
    seed.fill(seedByte);
    crypto_sign_seed_keypair(m_publicKey.data(), m_secretKey.data(), seed.data());
}

std::string TestIssuer::issue(const Claims& claims) const
{
    const nlohmann::json header = {{"alg", "EdDSA"}, {"kid", m_kid}, {"typ", "JWT"}};
    const nlohmann::json payload = {
        {"iss", claims.iss.empty() ? m_municipality : claims.iss},
        {"sub", claims.couponId},
        {"ctp", claims.type},
        {"grant", claims.grant},
        {"svc", claims.services},
        {"iat", claims.iat},
        {"nbf", claims.nbf},
        {"exp", claims.exp},
    };
    return signRaw(header.dump(), payload.dump());
}

std::string TestIssuer::signRaw(const std::string& headerJson, const std::string& payloadJson) const
{
    const std::string signingInput = base64url::encode(headerJson) + "." + base64url::encode(payloadJson);
    std::array<std::uint8_t, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(signingInput.data()),
                         signingInput.size(), m_secretKey.data());
    return "SGC1:" + signingInput + "." + base64url::encode(signature.data(), signature.size());
}

TrustKey TestIssuer::trustKey() const
{
    TrustKey key;
    key.kid = m_kid;
    key.municipality = m_municipality;
    key.publicKey = m_publicKey;
    return key;
}

nlohmann::json TestIssuer::trustJson() const
{
    return nlohmann::json::array({{
        {"kid", m_kid},
        {"municipality", m_municipality},
        {"alg", "EdDSA"},
        {"public_key_b64u", base64url::encode(m_publicKey.data(), m_publicKey.size())},
    }});
}

std::string TestIssuer::makeCouponId(std::uint64_t n)
{
    std::string body(couponid::kLength - 1, '0');
    for (auto it = body.rbegin(); it != body.rend() && n != 0; ++it) {
        *it = couponid::kAlphabet[n % couponid::kAlphabet.size()];
        n /= couponid::kAlphabet.size();
    }
    return body + *couponid::checkCharacter(body);
}

} // namespace sango::test
