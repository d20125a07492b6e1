#include "sango/credential.h"

#include <algorithm>
#include <limits>
#include <optional>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "sango/base64url.h"
#include "sango/coupon_id.h"

namespace sango {

namespace {

using nlohmann::json;

constexpr std::string_view kPrefix = "SGC1:";
// Far above any real grant (about 19 years of minutes) and far below INT_MAX.
constexpr std::int64_t kMaxGrantMinutes = 10'000'000;

// Staff messages: what happened and what to do next.
constexpr const char* kNotACouponMessage = "This QR code is not a Sango coupon: ask for the coupon's QR code.";
constexpr const char* kMalformedMessage =
    "The coupon's QR code is damaged or incomplete: scan it again, and if it still fails ask the mother to "
    "contact the municipality.";
constexpr const char* kUnsupportedAlgMessage =
    "This coupon is signed in a way the terminal does not accept: do not accept it, and ask the mother to "
    "contact the municipality.";
constexpr const char* kUnknownKeyMessage =
    "This coupon was signed with a key the terminal does not know: sync the terminal and scan again.";
constexpr const char* kBadSignatureMessage =
    "This coupon's signature is not genuine: do not accept it, and ask the mother to contact the "
    "municipality.";
constexpr const char* kBadClaimsMessage =
    "This coupon's contents are invalid: do not accept it, and ask the mother to contact the municipality.";
constexpr const char* kWrongMunicipalityMessage =
    "This coupon names a different municipality than the key that signed it: do not accept it, and ask the "
    "mother to contact the municipality.";
constexpr const char* kNotYetValidMessage =
    "This coupon is not valid yet: check the terminal's clock, or use the coupon from its start date.";
constexpr const char* kExpiredMessage =
    "This coupon has expired: ask the mother to contact the municipality.";
constexpr const char* kRevokedMessage =
    "This coupon has been switched to paper tickets or withdrawn: ask for the paper ticket.";

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0; // thread-safe static initialisation; idempotent anyway
    return ready;
}

std::optional<json> parseJson(const std::vector<std::uint8_t>& bytes)
{
    json j = json::parse(bytes, nullptr, false);
    if (j.is_discarded())
        return std::nullopt;
    return j;
}

// A JSON integer that fits in int64_t (nlohmann keeps non-negative numbers as unsigned).
std::optional<std::int64_t> asInt64(const json& j)
{
    if (j.is_number_unsigned()) {
        const auto v = j.get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return std::nullopt;
        return static_cast<std::int64_t>(v);
    }
    if (j.is_number_integer())
        return j.get<std::int64_t>();
    return std::nullopt;
}

const json* member(const json& object, const char* name)
{
    const auto it = object.find(name);
    return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> nonEmptyString(const json* j)
{
    if (j == nullptr || !j->is_string() || j->get_ref<const std::string&>().empty())
        return std::nullopt;
    return j->get<std::string>();
}

std::optional<std::int64_t> integerClaim(const json* j)
{
    return j == nullptr ? std::nullopt : asInt64(*j);
}

bool isMunicipalityCode(const std::string& s)
{
    return s.size() == 6 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::vector<Service>> parseServices(const json* j)
{
    if (j == nullptr || !j->is_array() || j->empty())
        return std::nullopt;
    std::vector<Service> services;
    for (const json& item : *j) {
        if (!item.is_string())
            return std::nullopt;
        const auto s = parseService(item.get_ref<const std::string&>());
        if (!s || std::find(services.begin(), services.end(), *s) != services.end())
            return std::nullopt;
        services.push_back(*s);
    }
    return services;
}

// Step 8: the claims, into a Credential (without kid). Nothing when a claim is missing or wrong.
std::optional<Credential> parseClaims(const json& payload)
{
    Credential c;

    const auto iss = nonEmptyString(member(payload, "iss"));
    if (!iss || !isMunicipalityCode(*iss))
        return std::nullopt;
    c.municipality = *iss;

    const auto sub = nonEmptyString(member(payload, "sub"));
    if (!sub || !couponid::isValid(*sub))
        return std::nullopt;
    c.couponId = *sub;

    const auto ctp = nonEmptyString(member(payload, "ctp"));
    if (!ctp)
        return std::nullopt;
    c.couponType = *ctp;

    const auto grant = integerClaim(member(payload, "grant"));
    if (!grant || *grant <= 0 || *grant > kMaxGrantMinutes)
        return std::nullopt;
    c.grantMinutes = static_cast<int>(*grant);

    auto services = parseServices(member(payload, "svc"));
    if (!services)
        return std::nullopt;
    c.services = std::move(*services);

    const auto nbf = integerClaim(member(payload, "nbf"));
    const auto exp = integerClaim(member(payload, "exp"));
    if (!nbf || !exp)
        return std::nullopt;
    c.notBefore = *nbf;
    c.expires = *exp;

    if (const json* iat = member(payload, "iat")) {
        const auto value = asInt64(*iat);
        if (!value)
            return std::nullopt;
        c.issuedAt = *value;
    }
    return c;
}

// a - b >= k (for k > 0), without overflow.
bool atLeastApart(std::int64_t a, std::int64_t b, std::int64_t k)
{
    return a > b && static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b) >= static_cast<std::uint64_t>(k);
}

} // namespace

bool Credential::allows(Service s) const
{
    return std::find(services.begin(), services.end(), s) != services.end();
}

Expected<Credential> CredentialVerifier::verify(std::string_view qrText, Instant now,
                                                const RevocationCheck& isRevoked) const
{
    auto credential = verifyGenuine(qrText);
    if (!credential)
        return credential;
    SANGO_TRY(checkCurrent(*credential, now));

    SANGO_TRY(checkNotRevoked(isRevoked && isRevoked(credential->couponId)));
    return credential;
}

Expected<void> CredentialVerifier::checkNotRevoked(bool revoked)
{
    // 11. Not revoked.
    if (revoked)
        return fail(Errc::revoked, kRevokedMessage);
    return {};
}

Expected<void> CredentialVerifier::checkCurrent(const Credential& credential, Instant now)
{
    // 10. Current, allowing for clock skew either way.
    const std::int64_t t = now.time_since_epoch().count();
    if (atLeastApart(credential.notBefore, t, kClockSkewSeconds + 1)) // t + 300 < nbf
        return fail(Errc::not_yet_valid, kNotYetValidMessage);
    if (atLeastApart(t, credential.expires, kClockSkewSeconds)) // t >= exp + 300
        return fail(Errc::expired, kExpiredMessage);
    return {};
}

Expected<Credential> CredentialVerifier::verifyGenuine(std::string_view qrText) const
{
    // 1. The prefix.
    if (qrText.substr(0, kPrefix.size()) != kPrefix)
        return fail(Errc::not_a_coupon, kNotACouponMessage);

    // 2. Size, three base64url parts, a header that is a JSON object.
    if (qrText.size() > kMaxTextLength)
        return fail(Errc::malformed, kMalformedMessage);
    const std::string_view jws = qrText.substr(kPrefix.size());
    const auto firstDot = jws.find('.');
    const auto lastDot = jws.rfind('.');
    if (firstDot == std::string_view::npos || jws.find('.', firstDot + 1) != lastDot)
        return fail(Errc::malformed, kMalformedMessage);
    const std::string_view signingInput = jws.substr(0, lastDot);
    const auto headerBytes = base64url::decode(jws.substr(0, firstDot));
    const auto payloadBytes = base64url::decode(jws.substr(firstDot + 1, lastDot - firstDot - 1));
    const auto signature = base64url::decode(jws.substr(lastDot + 1));
    if (!headerBytes || !payloadBytes || !signature)
        return fail(Errc::malformed, kMalformedMessage);
    const auto header = parseJson(*headerBytes);
    if (!header || !header->is_object())
        return fail(Errc::malformed, kMalformedMessage);

    // 3. Only EdDSA: never "none", never HMAC.
    const json* alg = member(*header, "alg");
    if (alg == nullptr || !alg->is_string() || alg->get_ref<const std::string&>() != "EdDSA")
        return fail(Errc::unsupported_alg, kUnsupportedAlgMessage);

    // 4. No crit, a string kid.
    const json* kid = member(*header, "kid");
    if (member(*header, "crit") != nullptr || kid == nullptr || !kid->is_string())
        return fail(Errc::malformed, kMalformedMessage);

    // 5. A trusted key.
    const TrustKey* key = m_trust.find(kid->get_ref<const std::string&>());
    if (key == nullptr)
        return fail(Errc::unknown_key, kUnknownKeyMessage);

    // 6. The signature over the ASCII "header_b64u.payload_b64u".
    if (!sodiumReady() || signature->size() != crypto_sign_BYTES
        || crypto_sign_verify_detached(signature->data(),
                                       reinterpret_cast<const unsigned char*>(signingInput.data()),
                                       signingInput.size(), key->publicKey.data())
               != 0)
        return fail(Errc::bad_signature, kBadSignatureMessage);

    // 7. A payload that is a JSON object.
    const auto payload = parseJson(*payloadBytes);
    if (!payload || !payload->is_object())
        return fail(Errc::malformed, kMalformedMessage);

    // 8. The claims.
    auto credential = parseClaims(*payload);
    if (!credential)
        return fail(Errc::bad_claims, kBadClaimsMessage);
    credential->kid = key->kid;

    // 9. Issued by the municipality that owns the key (and, on a terminal, the one whose policy it follows:
    //    a trusted key of a neighbouring municipality does not make its coupons billable here).
    if (credential->municipality != key->municipality)
        return fail(Errc::wrong_municipality, kWrongMunicipalityMessage);
    if (!m_municipality.empty() && credential->municipality != m_municipality)
        return fail(Errc::wrong_municipality, "this coupon was issued by municipality " + credential->municipality +
                                                  ", not " + m_municipality + ": it cannot be used here");

    return std::move(*credential);
}

} // namespace sango
