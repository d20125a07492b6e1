#pragma once
// The random identifiers and secrets the municipality hands out. All from libsodium's CSPRNG, drawn without
// modulo bias.
#include <string>
#include <string_view>

namespace sango::ledger::codes {

// 15 random Crockford base32 characters and their Luhn mod 32 check character (spec/credential.md).
std::string couponId();
// The mailed serial code: 12 random decimal digits.
std::string serial();
// The mailed pass: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V).
std::string pass();
// A one-time enrolment code: 4 groups of 4 Crockford base32 characters, "K3Q9-M2X4-T8VW-Z1MA".
std::string enrolmentCode();
// Typed code to canonical form (as couponid::normalize folds ids): upper case, O→0, I and L→1, no spaces or
// hyphens. Empty when a character is not in the alphabet or the length is not 16.
std::string normalizeEnrolmentCode(std::string_view typed);

// A paper ticket number: 9 random Crockford base32 characters and their Luhn mod 32 check character, printed
// "XXXXX-XXXXX" (45 random bits: not to be guessed, short enough to type from a ticket).
std::string paperTicket();
// A ticket as typed or as a terminal recorded it (upper-cased, with or without its hyphen) to canonical form;
// empty when it cannot be one the ledger issued (length, alphabet or check character).
std::string normalizePaperTicket(std::string_view typed);
// Canonical to printed: "XXXXX-XXXXX".
std::string printedPaperTicket(std::string_view canonical);

// A uniformly random index below n (n ≤ 256).
std::size_t uniformBelow(std::size_t n);

} // namespace sango::ledger::codes
