#include "sango/trust_store.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sango/base64url.h"

namespace sango {

namespace {

bool isMunicipalityCode(const std::string& s)
{
    return s.size() == 6 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

tl::unexpected<Error> entryError(std::size_t index, std::string_view what)
{
    return fail(Errc::invalid_config, "trust store entry " + std::to_string(index) + ": " + std::string(what));
}

// A string member of an entry, or nothing when it is missing or not a string.
const std::string* stringMember(const nlohmann::json& entry, const char* name)
{
    const auto it = entry.find(name);
    if (it == entry.end() || !it->is_string())
        return nullptr;
    return it->get_ptr<const std::string*>();
}

} // namespace

Expected<TrustStore> TrustStore::fromJson(const nlohmann::json& j)
{
    if (!j.is_array())
        return fail(Errc::invalid_config, "the trust store must be a JSON array of issuer keys");

    std::vector<TrustKey> keys;
    keys.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) {
        const nlohmann::json& entry = j[i];
        if (!entry.is_object())
            return entryError(i, "must be a JSON object");

        const std::string* kid = stringMember(entry, "kid");
        if (kid == nullptr || kid->empty())
            return entryError(i, "kid must be a non-empty string");
        const std::string* municipality = stringMember(entry, "municipality");
        if (municipality == nullptr || !isMunicipalityCode(*municipality))
            return entryError(i, "municipality must be a string of 6 digits");
        const std::string* alg = stringMember(entry, "alg");
        if (alg == nullptr || *alg != "EdDSA")
            return entryError(i, "alg must be \"EdDSA\"");
        const std::string* keyText = stringMember(entry, "public_key_b64u");
        const auto keyBytes = keyText ? base64url::decode(*keyText) : std::nullopt;
        if (!keyBytes || keyBytes->size() != 32)
            return entryError(i, "public_key_b64u must be 32 bytes of unpadded base64url");

        const bool duplicate =
            std::any_of(keys.begin(), keys.end(), [&](const TrustKey& k) { return k.kid == *kid; });
        if (duplicate)
            return entryError(i, "kid \"" + *kid + "\" appears more than once");

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
