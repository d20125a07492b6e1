#pragma once
// Mints SGC1 credentials (spec/credential.md): "SGC1:" + a compact JWS, EdDSA over Ed25519, with the header
// {"alg":"EdDSA","kid":KID,"typ":"SGC1"} and the claims iss, sub, ctp, grant, svc, iat, nbf, exp.
#include <cstdint>
#include <string>
#include <vector>

#include "sango/crypto.h"

namespace sango::ledger {

struct CouponClaims {
    std::string municipality; // iss
    std::string couponId;     // sub
    std::string type;         // ctp
    int grantMinutes = 0;     // grant
    std::vector<std::string> services; // svc
    std::int64_t issuedAt = 0;  // iat
    std::int64_t notBefore = 0; // nbf
    std::int64_t expires = 0;   // exp
};

class Issuer {
public:
    Issuer(const crypto::SigningKey& key, std::string kid) : m_key(&key), m_kid(std::move(kid)) {}

    std::string mint(const CouponClaims& claims) const;

private:
    const crypto::SigningKey* m_key;
    std::string m_kid;
};

} // namespace sango::ledger
