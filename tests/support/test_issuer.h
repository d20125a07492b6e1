#pragma once
// A coupon issuer for the tests: signs SGC1 credentials (spec/credential.md) with an Ed25519 key derived
// from a fixed seed, so every run makes the same coupons. Never trusted by a real build: its kid ends in
// "-test".
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sango/trust_store.h"

namespace sango::test {

class TestIssuer {
public:
    explicit TestIssuer(std::string kid = "131016-test", std::string municipality = "131016",
                        std::uint8_t seedByte = 7);

    struct Claims {
        std::string couponId;             // canonical 16-character id (see makeCouponId)
        std::string type = "standard";
        int grant = 2520;
        std::vector<std::string> services{"stay", "day", "visit"};
        std::int64_t iat = 1774913600;    // 2026-03-31T00:00:00Z
        std::int64_t nbf = 1774913600;
        std::int64_t exp = 1901145600;    // 2030-03-31T00:00:00Z
        std::string iss;                  // empty: the issuer's municipality
    };

    // "SGC1:" + compact JWS over the claims.
    std::string issue(const Claims& claims) const;
    // "SGC1:" + compact JWS of exactly these header and payload bytes (for hostile-input tests).
    std::string signRaw(const std::string& headerJson, const std::string& payloadJson) const;

    TrustKey trustKey() const;
    nlohmann::json trustJson() const; // a one-key trust store, as a JSON array

    const std::string& kid() const { return m_kid; }
    const std::string& municipality() const { return m_municipality; }

    // A valid coupon id (right check character) made from a number: distinct numbers give distinct ids.
    static std::string makeCouponId(std::uint64_t n);

private:
    std::string m_kid;
    std::string m_municipality;
    std::array<std::uint8_t, 32> m_publicKey{};
    std::array<std::uint8_t, 64> m_secretKey{};
};

} // namespace sango::test
