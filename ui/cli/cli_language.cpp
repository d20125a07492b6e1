// Choosing the command line's language from --lang or the environment (cli_language.h).
#include "cli_language.h"

#include <cstdlib>
#include <string>

namespace sango::cli {

namespace {

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (asciiLower(a[i]) != asciiLower(b[i]))
            return false;
    }
    return true;
}

} // namespace

std::optional<Lang> parseLang(std::string_view text)
{
    // The language part ends at the territory, codeset or modifier: "zh_CN", "zh-CN", "ja_JP.UTF-8", "en@quot".
    const auto end = text.find_first_of("_-.@");
    const std::string_view language = text.substr(0, end);
    if (equalsIgnoringCase(language, "ja"))
        return Lang::ja;
    if (equalsIgnoringCase(language, "en"))
        return Lang::en;
    if (equalsIgnoringCase(language, "zh"))
        return Lang::zh;
    return std::nullopt;
}

Lang langFromEnvironment()
{
    for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value == nullptr)
            continue;
        std::string_view text = value;
        if (std::string_view(name) == "LANGUAGE")
            text = text.substr(0, text.find(':')); // a priority list: "zh_CN:en"
        if (text.empty())
            continue;
        if (auto lang = parseLang(text))
            return *lang;
        // POSIX: a set LC_ALL (or LC_MESSAGES) decides, even when it names no language of ours ("C").
        if (std::string_view(name) != "LANGUAGE")
            return Lang::en;
    }
    return Lang::en;
}

std::string_view catalogueName(Lang lang)
{
    switch (lang) {
    case Lang::ja: return "ja";
    case Lang::en: return "en";
    case Lang::zh: return "zh_CN";
    }
    return "en";
}

} // namespace sango::cli
