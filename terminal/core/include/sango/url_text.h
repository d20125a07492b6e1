#pragma once
// Small text rules for URLs that the terminal and the ledger share: percent-encoding, and a list of a ledger's
// URLs as one setting.
#include <string>
#include <string_view>
#include <vector>

namespace sango {

// Every byte but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~) as %XX (upper-case hex).
std::string percentEncode(std::string_view text);

// One ledger URL or several (a ledger's processes), separated by spaces, commas, tabs or line ends; each
// without its trailing '/'; empty parts dropped.
std::vector<std::string> splitUrlList(std::string_view text);

} // namespace sango
