#include "utf8.h"

#include <cstdint>

namespace sango::hal::detail {

std::optional<char32_t> decodeOne(std::string_view bytes)
{
    if (bytes.empty())
        return std::nullopt;
    const auto b0 = static_cast<std::uint8_t>(bytes[0]);
    std::size_t length = 0;
    char32_t ch = 0;
    char32_t min = 0;
    if (b0 < 0x80) {
        length = 1, ch = b0;
    } else if ((b0 & 0xE0) == 0xC0) {
        length = 2, ch = b0 & 0x1Fu, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        length = 3, ch = b0 & 0x0Fu, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        length = 4, ch = b0 & 0x07u, min = 0x10000;
    } else {
        return std::nullopt;
    }
    if (bytes.size() != length)
        return std::nullopt;
    for (std::size_t i = 1; i < length; ++i) {
        const auto b = static_cast<std::uint8_t>(bytes[i]);
        if ((b & 0xC0) != 0x80)
            return std::nullopt;
        ch = (ch << 6) | (b & 0x3Fu);
    }
    if (ch < min || ch > 0x10FFFF || (ch >= 0xD800 && ch <= 0xDFFF))
        return std::nullopt;
    return ch;
}

std::string encode(const std::vector<char32_t>& text)
{
    std::string out;
    out.reserve(text.size());
    const auto put = [&out](char32_t c) { out.push_back(static_cast<char>(c)); };
    for (const char32_t c : text) {
        if (c < 0x80) {
            put(c);
        } else if (c < 0x800) {
            put(0xC0 | (c >> 6));
            put(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            put(0xE0 | (c >> 12));
            put(0x80 | ((c >> 6) & 0x3F));
            put(0x80 | (c & 0x3F));
        } else {
            put(0xF0 | (c >> 18));
            put(0x80 | ((c >> 12) & 0x3F));
            put(0x80 | ((c >> 6) & 0x3F));
            put(0x80 | (c & 0x3F));
        }
    }
    return out;
}

} // namespace sango::hal::detail
