#include "sango/trust_store.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "json_members.h"
#include "sango/base64url.h"

namespace sango {

namespace {

using json_members::isMunicipalityCode;
using json_members::MemberReader;
using json_members::stringOrNull;

} // namespace

Expected<TrustStore> TrustStore::fromJson(const nlohmann::json& j)
{
    if (!j.is_array())
        return fail(Errc::invalid_config, "the trust store must be a JSON array of issuer keys");

    std::vector<TrustKey> keys;
    keys.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) {
        const nlohmann::json& entry = j[i];
        const MemberReader reader("trust store entry " + std::to_string(i));
        if (!entry.is_object())
            return reader.error("must be a JSON object");

        const std::string* kid = stringOrNull(entry, "kid");
        if (kid == nullptr || kid->empty())
            return reader.bad("kid", "must be a non-empty string");
        const std::string* municipality = stringOrNull(entry, "municipality");
        if (municipality == nullptr || !isMunicipalityCode(*municipality))
            return reader.bad("municipality", "must be a string of 6 digits");
        const std::string* alg = stringOrNull(entry, "alg");
        if (alg == nullptr || *alg != "EdDSA")
            return reader.bad("alg", "must be \"EdDSA\"");
        const std::string* keyText = stringOrNull(entry, "public_key_b64u");
        const auto keyBytes = keyText ? base64url::decode(*keyText) : std::nullopt;
        if (!keyBytes || keyBytes->size() != 32)
            return reader.bad("public_key_b64u", "must be 32 bytes of unpadded base64url");

        const bool duplicate =
            std::any_of(keys.begin(), keys.end(), [&](const TrustKey& k) { return k.kid == *kid; });
        if (duplicate)
            return reader.bad("kid", "\"" + *kid + "\" appears more than once");

        TrustKey key;
        key.kid = *kid;
        key.municipality = *municipality;
        std::copy(keyBytes->begin(), keyBytes->end(), key.publicKey.begin());
        keys.push_back(std::move(key));
    }
    return TrustStore(std::move(keys));
}

nlohmann::json TrustStore::toJson() const
{
    nlohmann::json out = nlohmann::json::array();
    for (const TrustKey& key : m_keys) {
        out.push_back({
            {"kid", key.kid},
            {"municipality", key.municipality},
            {"alg", "EdDSA"},
            {"public_key_b64u", base64url::encode(key.publicKey.data(), key.publicKey.size())},
        });
    }
    return out;
}

const TrustKey* TrustStore::find(std::string_view kid) const
{
    const auto it = std::find_if(m_keys.begin(), m_keys.end(), [&](const TrustKey& k) { return k.kid == kid; });
    return it == m_keys.end() ? nullptr : &*it;
}

} // namespace sango
