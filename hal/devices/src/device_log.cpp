#include "device_log.h"

#include <cstdlib>
#include <mutex>
#include <string>

#include <spdlog/sinks/stdout_color_sinks.h>

namespace sango::hal::detail {

std::shared_ptr<spdlog::logger> deviceLogger()
{
    static const std::string name = "sango.hal.devices";
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    if (auto existing = spdlog::get(name))
        return existing;
    try {
        auto logger = spdlog::stderr_color_mt(name);
        const char* level = std::getenv("SANGO_LOG_LEVEL");
        logger->set_level(level ? spdlog::level::from_str(level) : spdlog::level::warn);
        logger->set_pattern("[%Y-%m-%dT%H:%M:%S%z] [%n] [%l] %v");
        return logger;
    } catch (const spdlog::spdlog_ex&) {
        // Registered by another module between get() and stderr_color_mt().
        if (auto existing = spdlog::get(name))
            return existing;
        return spdlog::default_logger();
    }
}

} // namespace sango::hal::detail
