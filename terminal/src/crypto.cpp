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

void wipe(void* data, std::size_t size)
{
    sodium_memzero(data, size);
}

} // namespace sango::crypto
