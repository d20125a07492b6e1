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

// Zeroes memory in a way the compiler will not elide.
void wipe(void* data, std::size_t size);

} // namespace sango::crypto
