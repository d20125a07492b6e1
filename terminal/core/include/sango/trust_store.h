#pragma once
// Municipal issuer keys that the terminal trusts (spec/credential.md, "Trust store").
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "sango/error.h"

namespace sango {

struct TrustKey {
    std::string kid;
    std::string municipality;
    std::array<std::uint8_t, 32> publicKey{};
};

class TrustStore {
public:
    TrustStore() = default;
    explicit TrustStore(std::vector<TrustKey> keys) : m_keys(std::move(keys)) {}

    // Parses the JSON array of {kid, municipality, alg: "EdDSA", public_key_b64u}; errors name the entry and
    // member (invalid_config).
    static Expected<TrustStore> fromJson(const nlohmann::json& j);
    nlohmann::json toJson() const;

    const TrustKey* find(std::string_view kid) const;
    const std::vector<TrustKey>& keys() const { return m_keys; }

private:
    std::vector<TrustKey> m_keys;
};

} // namespace sango
