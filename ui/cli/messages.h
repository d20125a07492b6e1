#pragma once
// Human messages of the `sango` command line in Japanese, English and Simplified Chinese: for each result
// code a short instruction for staff and a plain one for the mother. (The kiosk carries its own Qt Linguist
// catalogues; these are the command line's, which has no Qt.)
#include <optional>
#include <string_view>

#include "sango/error.h"

namespace sango::cli {

enum class Lang { ja, en, zh };

// "ja", "en", "zh" (also "zh_CN", "zh-CN", "ja_JP.UTF-8" ...); nothing for anything else.
std::optional<Lang> parseLang(std::string_view text);
// From LANGUAGE / LC_ALL / LC_MESSAGES / LANG; English when none names ja or zh.
Lang langFromEnvironment();

// What staff should know and do, one sentence.
std::string_view staffMessage(Errc code, Lang lang);
// For the mother, in plain words (refusal codes only; empty for others).
std::string_view motherMessage(Errc code, Lang lang);

// Outcomes that are not failures.
enum class Outcome { verified, opened, closed, ignored, cancelled, corrected, paper_recorded, staff_added,
                     store_created, audit_intact, enrolled, backup_written, store_restored };
std::string_view outcomeMessage(Outcome o, Lang lang);

} // namespace sango::cli
