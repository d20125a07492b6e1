#include "sango/event.h"

#include <sodium.h>

namespace sango {

namespace {
void putInt64(crypto_generichash_state& st, std::int64_t v)
{
    std::uint8_t b[8];
    auto u = static_cast<std::uint64_t>(v);
    for (auto& byte : b) {
        byte = static_cast<std::uint8_t>(u & 0xFF);
        u >>= 8;
    }
    crypto_generichash_update(&st, b, sizeof b);
}

void putText(crypto_generichash_state& st, std::string_view s)
{
    putInt64(st, static_cast<std::int64_t>(s.size()));
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(s.data()), s.size());
}
} // namespace

crypto::Hash256 Event::chainHash(const crypto::Hash256& prev, std::int64_t seq, std::string_view id,
                                 std::string_view type, std::int64_t at, std::string_view body)
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, crypto::Hash256{}.size());
    static constexpr std::string_view kDomain = "sango event chain v1";
    putText(st, kDomain);
    crypto_generichash_update(&st, prev.data(), prev.size());
    putInt64(st, seq);
    putText(st, id);
    putText(st, type);
    putInt64(st, at);
    putText(st, body);
    crypto::Hash256 out{};
    crypto_generichash_final(&st, out.data(), out.size());
    return out;
}

} // namespace sango
