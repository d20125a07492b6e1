#include "ledger_log.h"

#include <cstdlib>
#include <mutex>

#include <spdlog/sinks/stdout_color_sinks.h>

namespace sango::ledger {

std::shared_ptr<spdlog::logger> logger()
{
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    if (auto existing = spdlog::get("sango.ledger"))
        return existing;
    auto made = spdlog::stderr_color_mt("sango.ledger");
    const char* level = std::getenv("SANGO_LOG_LEVEL");
    made->set_level(level ? spdlog::level::from_str(level) : spdlog::level::warn);
    made->set_pattern("[%Y-%m-%dT%H:%M:%S%z] [%n] [%l] %v");
    return made;
}

} // namespace sango::ledger
