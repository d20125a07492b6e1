#pragma once
// Unpadded base64url (RFC 4648 §5), strict: padding, whitespace or any other character is an error.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sango::base64url {

std::optional<std::vector<std::uint8_t>> decode(std::string_view text);
std::string encode(const std::uint8_t* data, std::size_t size);
inline std::string encode(std::string_view bytes)
{
    return encode(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

} // namespace sango::base64url
