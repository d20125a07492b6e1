#include "log.h"

#include <cstdlib>
#include <mutex>

#include <spdlog/sinks/stdout_color_sinks.h>

namespace sango::log {

std::shared_ptr<spdlog::logger> category(const std::string& name)
{
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    if (auto existing = spdlog::get(name))
        return existing;
    auto logger = spdlog::stderr_color_mt(name);
    const char* level = std::getenv("SANGO_LOG_LEVEL");
    logger->set_level(level ? spdlog::level::from_str(level) : spdlog::level::warn);
    logger->set_pattern("[%Y-%m-%dT%H:%M:%S%z] [%n] [%l] %v");
    return logger;
}

} // namespace sango::log
