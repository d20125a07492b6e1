#pragma once
// Coupon ids (spec/credential.md): 15 Crockford base32 characters + 1 Luhn mod 32 check character.
#include <optional>
#include <string>
#include <string_view>

namespace sango::couponid {

inline constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::size_t kLength = 16;

// The Luhn mod 32 check character for a 15-character body (all characters in kAlphabet).
std::optional<char> checkCharacter(std::string_view body);
// The Luhn mod 32 check character of any non-empty body of kAlphabet characters (paper tickets use it too).
std::optional<char> luhnCharacter(std::string_view body);
// True for a canonical 16-character id whose check character is right.
bool isValid(std::string_view id);
// Typed Crockford base32 to canonical characters (coupon ids, enrolment codes): fold case, map O→0, I and L→1,
// drop spaces and hyphens. Nothing when another character appears or more than maxLength remain.
std::optional<std::string> fold(std::string_view typed, std::size_t maxLength);
// Typed input to canonical form: fold case, map O→0, I and L→1, drop spaces and hyphens. Returns nothing
// when the result is not 16 alphabet characters or its check character is wrong.
std::optional<std::string> normalize(std::string_view typed);
// For printing and display: "7K3Q-9M2X-4T8V-WZ1M".
std::string grouped(std::string_view id);
// For screens and paper that others may see (the open sessions at the counter, a receipt): only the last four
// characters, the rest as dots in the same groups: "••••-••••-••••-WZ1M" (UTF-8). Staff tell sessions apart by
// it, and a passer-by cannot type the coupon in. `hidden` stands for each hidden character ("*" on ASCII paper).
std::string masked(std::string_view id, std::string_view hidden = "\u2022");

} // namespace sango::couponid
