#pragma once
// The few primitives the core needs, all from libsodium, behind our own names.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sango/error.h"

namespace sango::crypto {

using Hash256 = std::array<std::uint8_t, 32>;

// Fills with cryptographically secure random bytes.
void randomBytes(std::uint8_t* out, std::size_t size);
// A random RFC 4122 version 4 UUID, lower-case text.
std::string randomUuid();
// BLAKE2b with a 32-byte output, optionally keyed.
Hash256 blake2b256(std::string_view data, std::string_view key = {});

std::string toHex(const std::uint8_t* data, std::size_t size);
template <std::size_t N>
std::string toHex(const std::array<std::uint8_t, N>& a) { return toHex(a.data(), N); }
bool fromHex(std::string_view hex, std::uint8_t* out, std::size_t size);

// Argon2id (libsodium's crypto_pwhash_str, interactive limits): the self-describing hash string.
Expected<std::string> hashPin(std::string_view pin);
bool verifyPin(std::string_view hash, std::string_view pin);
// An Argon2id hash of the same cost as hashPin's, of a random text that is no PIN: a sign-in with an unknown
// staff id is verified against it, so that it takes as long as a wrong PIN of a registered id.
std::string_view dummyPinHash();

// SHA-256 (request body hashes on the wire), lower-case hex.
std::string sha256Hex(std::string_view data);

// Ed25519 (RFC 8032): a device or issuer key pair. The secret half is libsodium's 64-byte form (seed and public
// key); it is a secret: never log it.
struct SigningKey {
    std::array<std::uint8_t, 64> secret{};
    std::array<std::uint8_t, 32> publicKey{};

    static SigningKey generate();
    // The key pair of a 32-byte seed (a secret; the same seed always gives the same pair).
    static SigningKey fromSeed(const std::array<std::uint8_t, 32>& seed);
    // From the 64-byte secret (as made by generate()), or an error when it is not one.
    static Expected<SigningKey> fromSecret(const std::uint8_t* data, std::size_t size);
    std::array<std::uint8_t, 64> sign(std::string_view message) const;
    void wipeSecret();
};
bool verifyEd25519(const std::uint8_t* publicKey, std::size_t publicKeySize, std::string_view message,
                   const std::uint8_t* signature, std::size_t signatureSize);

// Zeroes memory in a way the compiler will not elide.
void wipe(void* data, std::size_t size);

} // namespace sango::crypto
