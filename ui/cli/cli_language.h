#pragma once
// The language of the `sango` command line's human messages: --lang, else the POSIX locale variables
// (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English.
#include <optional>
#include <string_view>

namespace sango::cli {

enum class Lang { ja, en, zh };

// "ja", "en", "zh" (also "zh_CN", "zh-CN", "ja_JP.UTF-8" ...); nothing for anything else.
std::optional<Lang> parseLang(std::string_view text);
// From LANGUAGE / LC_ALL / LC_MESSAGES / LANG; English when none names ja or zh.
Lang langFromEnvironment();
// The name of its Qt Linguist catalogue, sango_<name>.qm: "ja", "en" or "zh_CN".
std::string_view catalogueName(Lang lang);

} // namespace sango::cli
