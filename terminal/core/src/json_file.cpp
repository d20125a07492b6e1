// Reading a JSON file a person names (json_file.h).
#include "sango/json_file.h"

#include <fstream>
#include <sstream>
#include <string>

namespace sango {

Expected<nlohmann::json> readJsonFile(const std::filesystem::path& path, std::string_view what,
                                      std::string_view whatToDo)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::string message = "cannot read the " + std::string(what) + " file " + path.string();
        if (!whatToDo.empty())
            message += ": " + std::string(whatToDo);
        return fail(Errc::invalid_argument, std::move(message));
    }
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (j.is_discarded())
        return fail(Errc::invalid_config, "the " + std::string(what) + " file " + path.string() + " is not valid JSON");
    return j;
}

} // namespace sango
