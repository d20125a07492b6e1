#pragma once
// The Ed25519 public keys published in this repository, which a real terminal must never trust: the shared
// specification's test key (tests/data/trust.json, the test vectors of spec/credential.md) and every issuer key
// the tests and the demonstration derive from a fixed seed (tests/support/test_issuer.cpp: 32 bytes of the same
// value). Anyone can sign a coupon with them. A store set up for demonstration (InitialConfig::demo, `--demo`)
// may trust them; any other is refused at set-up (`sango init`, enrolment, the kiosk's first run).
//
// Keys are recognised by their 32 bytes, never by their kid: a municipality's real first key may well carry the
// same kid as the spec's test key (`131016-2026a`). Pure functions on constants: thread-safe, no failure but the
// refusal itself.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "sango/error.h"
#include "sango/trust_store.h"

namespace sango::published_keys {

using PublicKey = std::array<std::uint8_t, 32>;

// Every published key, raw.
std::span<const PublicKey> all();

bool isPublished(const PublicKey& key);
// The key as trust stores spell it (unpadded base64url): false for text that is not 32 bytes of it.
bool isPublished(std::string_view publicKeyB64u);

// The kid of the first key of the trust store that is published; none when it holds none.
std::optional<std::string> firstPublishedKid(const TrustStore& trust);

// What a store being set up may trust: test_key_refused naming the kid and what to do, when the trust store
// holds a published key and the store is not a demonstration store.
Expected<void> checkForStore(const TrustStore& trust, bool demo);
// The same for a trust store as JSON (invalid_config when it is not one).
Expected<void> checkForStore(const nlohmann::json& trust, bool demo);

} // namespace sango::published_keys
