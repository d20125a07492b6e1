#include "random_codes.h"

#include <cstdint>

#include "sango/coupon_id.h"
#include "sango/crypto.h"

namespace sango::ledger::codes {

namespace {

constexpr std::string_view kPassAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";

std::string drawFrom(std::string_view alphabet, std::size_t length)
{
    std::string out;
    out.reserve(length);
    for (std::size_t i = 0; i < length; ++i)
        out += alphabet[uniformBelow(alphabet.size())];
    return out;
}

} // namespace

std::size_t uniformBelow(std::size_t n)
{
    // Rejection sampling: bytes at or above the largest multiple of n would favour the low values.
    const std::size_t limit = 256 - (256 % n);
    for (;;) {
        std::uint8_t b = 0;
        crypto::randomBytes(&b, 1);
        if (b < limit)
            return b % n;
    }
}

std::string couponId()
{
    const std::string body = drawFrom(couponid::kAlphabet, couponid::kLength - 1);
    return body + couponid::checkCharacter(body).value_or('0');
}

std::string serial()
{
    return drawFrom("0123456789", 12);
}

std::string pass()
{
    return drawFrom(kPassAlphabet, 8);
}

std::string enrolmentCode()
{
    const std::string raw = drawFrom(couponid::kAlphabet, 16);
    return raw.substr(0, 4) + "-" + raw.substr(4, 4) + "-" + raw.substr(8, 4) + "-" + raw.substr(12, 4);
}

std::string paperTicket()
{
    const std::string body = drawFrom(couponid::kAlphabet, 9);
    return printedPaperTicket(body + couponid::luhnCharacter(body).value_or('0'));
}

std::string normalizePaperTicket(std::string_view typed)
{
    auto t = couponid::fold(typed, 10);
    if (!t || t->size() != 10 || couponid::luhnCharacter(t->substr(0, 9)) != (*t)[9])
        return {};
    return *t;
}

std::string printedPaperTicket(std::string_view canonical)
{
    return std::string(canonical.substr(0, 5)) + "-" + std::string(canonical.substr(5));
}

std::string normalizeEnrolmentCode(std::string_view typed)
{
    // Typed like a coupon id: the same folding of case and look-alike characters.
    auto code = couponid::fold(typed, 16);
    return code && code->size() == 16 ? *code : std::string();
}

} // namespace sango::ledger::codes
