#pragma once
// Where the compiled Qt Linguist catalogues are: embedded resources of the library sango::i18n.
#include <string_view>

#include <QString>

namespace sango::i18n {

// ":/i18n/sango_<language>.qm" for "ja", "en" or "zh_CN".
QString catalogue(std::string_view language);

} // namespace sango::i18n
