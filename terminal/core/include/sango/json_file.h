#pragma once
// Reading a JSON file a person names (a policy, a provider profile, a trust store): the one reader that
// `sango init`, the kiosk's first run and `sango-ledger` share, so that each says the same thing about a file it
// cannot use. Core-level: it depends on nothing but the error type and nlohmann::json.
#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sango/error.h"

namespace sango {

// The JSON document in `path`. `what` names the file in messages ("policy", "trust store"); `whatToDo`, when not
// empty, is appended to the message of a file that cannot be read (": " + whatToDo).
// Failures: invalid_argument (the file cannot be read), invalid_config (it is not JSON).
Expected<nlohmann::json> readJsonFile(const std::filesystem::path& path, std::string_view what,
                                      std::string_view whatToDo = {});

} // namespace sango
