#include "server_log.h"

#include <cstdlib>
#include <mutex>
#include <string>

#include <spdlog/sinks/stdout_color_sinks.h>

namespace sango::server::detail {

// The same conventions as the terminal's categories (terminal/src/log.h, which is private to that target):
// stderr, level from SANGO_LOG_LEVEL, default warn. If another module registered the name first, its logger
// is used.
std::shared_ptr<spdlog::logger> serverLogger()
{
    static const std::string name = "sango.server";
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
        // Registered by another thread between get() and stderr_color_mt(), outside this mutex.
        if (auto existing = spdlog::get(name))
            return existing;
        return spdlog::default_logger();
    }
}

} // namespace sango::server::detail
