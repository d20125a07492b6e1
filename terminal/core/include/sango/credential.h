#pragma once
// The SGC1 coupon credential and its offline verifier (spec/credential.md). Verification follows the
// spec's order exactly; the first failure wins and is returned as Error{code, message}.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sango/clock.h"
#include "sango/error.h"
#include "sango/service.h"
#include "sango/trust_store.h"

namespace sango {

struct Credential {
    std::string kid;
    std::string municipality; // iss
    std::string couponId;     // sub, canonical
    std::string couponType;   // ctp
    int grantMinutes = 0;
    std::vector<Service> services;
    std::int64_t issuedAt = 0; // iat, 0 when absent
    std::int64_t notBefore = 0;
    std::int64_t expires = 0;

    bool allows(Service s) const;
};

// Answers whether a coupon id is on the terminal's revocation list.
using RevocationCheck = std::function<bool(std::string_view couponId)>;

class CredentialVerifier {
public:
    static constexpr std::size_t kMaxTextLength = 1024;
    static constexpr std::int64_t kClockSkewSeconds = 300;

    // municipality: the one whose coupons this terminal accepts (its policy's); empty: any the trust store
    // has a key of.
    explicit CredentialVerifier(TrustStore trust, std::string municipality = {})
        : m_trust(std::move(trust)), m_municipality(std::move(municipality))
    {
    }

    // All 11 steps of spec/credential.md.
    Expected<Credential> verify(std::string_view qrText, Instant now,
                                const RevocationCheck& isRevoked = {}) const;
    // Steps 1–9: the credential is genuine (whatever the time and the revocation list say).
    Expected<Credential> verifyGenuine(std::string_view qrText) const;
    // Step 10 for a credential already known genuine.
    static Expected<void> checkCurrent(const Credential& credential, Instant now);
    // Step 11, given whether the coupon id is on the revocation list.
    static Expected<void> checkNotRevoked(bool revoked);

    const TrustStore& trustStore() const { return m_trust; }

private:
    TrustStore m_trust;
    std::string m_municipality;
};

} // namespace sango
