#include "issuer.h"

#include <nlohmann/json.hpp>

#include "sango/base64url.h"

namespace sango::ledger {

std::string Issuer::mint(const CouponClaims& claims) const
{
    // nlohmann's objects keep their keys sorted, so the same claims always give the same bytes.
    const nlohmann::json header = {{"alg", "EdDSA"}, {"kid", m_kid}, {"typ", "SGC1"}};
    const nlohmann::json payload = {{"iss", claims.municipality}, {"sub", claims.couponId},
                                    {"ctp", claims.type},         {"grant", claims.grantMinutes},
                                    {"svc", claims.services},     {"iat", claims.issuedAt},
                                    {"nbf", claims.notBefore},    {"exp", claims.expires}};
    const std::string signingInput = base64url::encode(header.dump()) + "." + base64url::encode(payload.dump());
    const auto signature = m_key->sign(signingInput);
    return "SGC1:" + signingInput + "." + base64url::encode(signature.data(), signature.size());
}

} // namespace sango::ledger
