#pragma once
// Private to terminal/: small helpers the Terminal's source files share to build event bodies.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sango/clock.h"
#include "sango/service.h"

namespace sango::terminal_events {

using nlohmann::json;


// A coupon's balance: its grant less the billed minutes of its closed sessions, never below zero.
inline std::int64_t left(std::int64_t grant, std::int64_t used)
{
    return std::max<std::int64_t>(grant - used, 0);
}

inline std::int64_t seconds(Instant t)
{
    return t.time_since_epoch().count();
}

inline json flagsJson(const std::vector<std::string>& flags)
{
    return json(flags);
}

inline void addFlag(std::vector<std::string>& flags, std::string_view f)
{
    if (std::find(flags.begin(), flags.end(), f) == flags.end())
        flags.emplace_back(f);
}

inline void removeFlag(std::vector<std::string>& flags, std::string_view f)
{
    flags.erase(std::remove(flags.begin(), flags.end(), f), flags.end());
}

inline json servicesJson(const std::vector<Service>& services)
{
    json a = json::array();
    for (Service s : services)
        a.push_back(std::string(toString(s)));
    return a;
}

} // namespace sango::terminal_events
