#include "sango/log.h"

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
    std::shared_ptr<spdlog::logger> logger;
    try {
        logger = spdlog::stderr_color_mt(name);
    } catch (const spdlog::spdlog_ex&) {
        // Registered meanwhile outside this mutex (spdlog's registry is global): use that one.
        logger = spdlog::get(name);
    }
    if (!logger)
        logger = std::make_shared<spdlog::logger>(name);
    const char* level = std::getenv("SANGO_LOG_LEVEL");
    logger->set_level(level ? spdlog::level::from_str(level) : spdlog::level::warn);
    logger->set_pattern("[%Y-%m-%dT%H:%M:%S%z] [%n] [%l] %v");
    return logger;
}

} // namespace sango::log
