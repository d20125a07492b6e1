#include "sango/coupon_id.h"

namespace sango::couponid {

namespace {

constexpr int kRadix = static_cast<int>(kAlphabet.size()); // N = 32

// The code point of an alphabet character, or -1.
int codePoint(char c)
{
    const auto pos = kAlphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

} // namespace

// Luhn mod N: from the rightmost body character leftwards the factor alternates 2, 1, 2, …; each addend
// factor × code point is reduced to its base-N digit sum; the check character brings the total to 0 mod N.
std::optional<char> checkCharacter(std::string_view body)
{
    if (body.size() != kLength - 1)
        return std::nullopt;
    return luhnCharacter(body);
}

std::optional<char> luhnCharacter(std::string_view body)
{
    if (body.empty())
        return std::nullopt;
    int factor = 2;
    int sum = 0;
    for (auto it = body.rbegin(); it != body.rend(); ++it) {
        const int cp = codePoint(*it);
        if (cp < 0)
            return std::nullopt;
        const int addend = factor * cp;
        sum += addend / kRadix + addend % kRadix;
        factor = factor == 2 ? 1 : 2;
    }
    return kAlphabet[static_cast<std::size_t>((kRadix - sum % kRadix) % kRadix)];
}

bool isValid(std::string_view id)
{
    if (id.size() != kLength)
        return false;
    const auto check = checkCharacter(id.substr(0, kLength - 1));
    return check && *check == id.back();
}

std::optional<std::string> fold(std::string_view typed, std::size_t maxLength)
{
    std::string out;
    out.reserve(maxLength);
    for (char c : typed) {
        if (c == ' ' || c == '-')
            continue;
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        if (c == 'O')
            c = '0';
        else if (c == 'I' || c == 'L')
            c = '1';
        if (codePoint(c) < 0 || out.size() == maxLength)
            return std::nullopt;
        out.push_back(c);
    }
    return out;
}

std::optional<std::string> normalize(std::string_view typed)
{
    auto id = fold(typed, kLength);
    if (!id || !isValid(*id))
        return std::nullopt;
    return id;
}

std::string grouped(std::string_view id)
{
    std::string out;
    out.reserve(id.size() + id.size() / 4);
    for (std::size_t i = 0; i < id.size(); ++i) {
        if (i > 0 && i % 4 == 0)
            out.push_back('-');
        out.push_back(id[i]);
    }
    return out;
}

std::string masked(std::string_view id, std::string_view hidden)
{
    constexpr std::size_t kShown = 4;
    std::string out;
    for (std::size_t i = 0; i < id.size(); ++i) {
        if (i > 0 && i % 4 == 0)
            out.push_back('-');
        if (i + kShown < id.size())
            out += hidden;
        else
            out.push_back(id[i]);
    }
    return out;
}

} // namespace sango::couponid
