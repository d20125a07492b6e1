#pragma once
// The little UTF-8 the wedge detector needs: one code point in, a string of code points out.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sango::hal::detail {

// Exactly one well-formed code point (no overlong forms, no surrogates), else nothing.
std::optional<char32_t> decodeOne(std::string_view bytes);
// Valid code points (as the detector holds) to UTF-8.
std::string encode(const std::vector<char32_t>& text);

} // namespace sango::hal::detail
