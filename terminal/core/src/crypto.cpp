#include "sango/crypto.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace sango::crypto {

namespace {
void ensureInit()
{
    // sodium_init is thread-safe and idempotent; it only fails when no entropy source exists, in which case
    // nothing here can be done safely.
    static const bool ok = [] { return sodium_init() >= 0; }();
    if (!ok) {
        std::fputs("sango: libsodium could not initialise (no entropy source)\n", stderr);
        std::abort();
    }
}
} // namespace

void randomBytes(std::uint8_t* out, std::size_t size)
{
    ensureInit();
    randombytes_buf(out, size);
}

std::string randomUuid()
{
    std::array<std::uint8_t, 16> b{};
    randomBytes(b.data(), b.size());
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
    const std::string h = toHex(b.data(), b.size());
    return h.substr(0, 8) + '-' + h.substr(8, 4) + '-' + h.substr(12, 4) + '-' + h.substr(16, 4) + '-' +
           h.substr(20);
}

Hash256 blake2b256(std::string_view data, std::string_view key)
{
    ensureInit();
    Hash256 out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                       key.empty() ? nullptr : reinterpret_cast<const unsigned char*>(key.data()), key.size());
    return out;
}

std::string toHex(const std::uint8_t* data, std::size_t size)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s;
    s.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        s.push_back(kDigits[data[i] >> 4]);
        s.push_back(kDigits[data[i] & 0x0F]);
    }
    return s;
}

bool fromHex(std::string_view hex, std::uint8_t* out, std::size_t size)
{
    if (hex.size() != size * 2)
        return false;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < size; ++i) {
        const int hi = nibble(hex[2 * i]);
        const int lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return true;
}

Expected<std::string> hashPin(std::string_view pin)
{
    ensureInit();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return fail(Errc::store_io, "not enough memory to hash the PIN; close other programs and retry");
    return std::string(out);
}

bool verifyPin(std::string_view hash, std::string_view pin)
{
    ensureInit();
    const std::string h(hash);
    return crypto_pwhash_str_verify(h.c_str(), pin.data(), pin.size()) == 0;
}

std::string_view dummyPinHash()
{
    // Made once with crypto_pwhash_str_alg(OPSLIMIT_INTERACTIVE, MEMLIMIT_INTERACTIVE, ARGON2ID13) of 48 random
    // hexadecimal characters, then forgotten; test_terminal.cpp checks its parameters equal hashPin's.
    return "$argon2id$v=19$m=65536,t=2,p=1$8oTL1sosoxtCVDbLJXIlxw$nLCQIcwYXndSF+f2Yy9Vc/z172OZYmOpfgLllE3hPcQ";
}

void wipe(void* data, std::size_t size)
{
    sodium_memzero(data, size);
}

std::string sha256Hex(std::string_view data)
{
    std::array<std::uint8_t, crypto_hash_sha256_BYTES> out{};
    crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return toHex(out.data(), out.size());
}

SigningKey SigningKey::generate()
{
    SigningKey k;
    if (sodium_init() < 0)
        std::abort();
    crypto_sign_keypair(k.publicKey.data(), k.secret.data());
    return k;
}

SigningKey SigningKey::fromSeed(const std::array<std::uint8_t, 32>& seed)
{
    SigningKey k;
    if (sodium_init() < 0)
        std::abort();
    crypto_sign_seed_keypair(k.publicKey.data(), k.secret.data(), seed.data());
    return k;
}

Expected<SigningKey> SigningKey::fromSecret(const std::uint8_t* data, std::size_t size)
{
    if (size != crypto_sign_SECRETKEYBYTES)
        return fail(Errc::invalid_argument, "an Ed25519 secret key has 64 bytes");
    SigningKey k;
    std::copy(data, data + size, k.secret.begin());
    crypto_sign_ed25519_sk_to_pk(k.publicKey.data(), k.secret.data());
    return k;
}

std::array<std::uint8_t, 64> SigningKey::sign(std::string_view message) const
{
    std::array<std::uint8_t, 64> sig{};
    crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         secret.data());
    return sig;
}

void SigningKey::wipeSecret()
{
    wipe(secret.data(), secret.size());
}

bool verifyEd25519(const std::uint8_t* publicKey, std::size_t publicKeySize, std::string_view message,
                   const std::uint8_t* signature, std::size_t signatureSize)
{
    if (sodium_init() < 0 || publicKeySize != crypto_sign_PUBLICKEYBYTES || signatureSize != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(signature, reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), publicKey) == 0;
}

} // namespace sango::crypto
