// The published test keys, as constants, and the check a store's set-up makes with them (published_keys.h).
// Each constant was computed once from its seed with libsodium's crypto_sign_seed_keypair; the unit test
// derives them again from the same seeds, so a constant that drifts from its seed fails there.
#include "sango/published_keys.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sango/base64url.h"

namespace sango::published_keys {

namespace {

// base64url of each key, and where it is published.
constexpr std::array<std::string_view, 8> kPublishedB64u = {
    "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w", // spec test key (tests/data/trust.json; seed 32 × 0x01)
    "6kpsY-KcUgq-9VB7Ey7F-ZVHdq6-vnuSQh7qaRRG0iw", // tests' and demo issuer, sango-demo-issuer (seed 32 × 0x07)
    "gTl3Dqh9F19Wo1Rmw0x-zMuNipG07jeiXfYPW4_Js5Q", // test issuer, seed 32 × 0x02
    "7UkoxijRwsbq6QM4kFmVYSlZJzpcY_k2NsFGFKyHN9E", // test issuer, seed 32 × 0x03
    "bnoc3Smwt4_ROvTFWY_v9O8qlxZuPKby5Pv8zYBQW_E", // test issuer, seed 32 × 0x05
    "E5j2LG0aRXxRumpLXz29L2n8qTIWIY3ImX5Ba9F9k8o", // test issuer (a second municipality), seed 32 × 0x08
    "_RckOFqgx1tk-3jNYC-h2ZH96_drE8WO1wLqyDXp9hg", // test issuer, seed 32 × 0x09
    "p_bfr484uJuozmSbWU-R5NAf3Ff5yUk99DteUKmYc2c", // test issuer, seed 32 × 0x63 (99)
};

std::array<PublicKey, kPublishedB64u.size()> decodeAll()
{
    std::array<PublicKey, kPublishedB64u.size()> out{};
    for (std::size_t i = 0; i < kPublishedB64u.size(); ++i) {
        const auto bytes = base64url::decode(kPublishedB64u[i]);
        if (bytes && bytes->size() == 32)
            std::copy(bytes->begin(), bytes->end(), out[i].begin());
    }
    return out;
}

} // namespace

std::span<const PublicKey> all()
{
    static const std::array<PublicKey, kPublishedB64u.size()> keys = decodeAll();
    return keys;
}

bool isPublished(const PublicKey& key)
{
    const auto keys = all();
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

bool isPublished(std::string_view publicKeyB64u)
{
    const auto bytes = base64url::decode(publicKeyB64u);
    if (!bytes || bytes->size() != 32)
        return false;
    PublicKey key{};
    std::copy(bytes->begin(), bytes->end(), key.begin());
    return isPublished(key);
}

std::optional<std::string> firstPublishedKid(const TrustStore& trust)
{
    for (const TrustKey& key : trust.keys())
        if (isPublished(key.publicKey))
            return key.kid;
    return std::nullopt;
}

Expected<void> checkForStore(const TrustStore& trust, bool demo)
{
    if (demo)
        return {};
    const auto kid = firstPublishedKid(trust);
    if (!kid)
        return {};
    return fail(Errc::test_key_refused,
                "the trust store's key \"" + *kid + "\" is a published test key, which anyone can sign coupons "
                "with: use the trust store your municipality gave you, or --demo to set up a demonstration store");
}

Expected<void> checkForStore(const nlohmann::json& trust, bool demo)
{
    auto parsed = TrustStore::fromJson(trust);
    if (!parsed)
        return tl::unexpected(parsed.error());
    return checkForStore(*parsed, demo);
}

} // namespace sango::published_keys
