#pragma once
// The "sango.sync" logging category, on spdlog to stderr like the terminal's categories (level from
// SANGO_LOG_LEVEL, default warn). The terminal's own helper is private to its target, so this is a copy of
// its behaviour. What goes through it: methods, paths, status codes, counts and error codes. Never bodies,
// signatures, keys or header values.
#include <cstdlib>
#include <memory>
#include <mutex>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace sango::sync::detail {

inline std::shared_ptr<spdlog::logger> syncLogger()
{
    static std::mutex mutex;
    static std::shared_ptr<spdlog::logger> logger;
    std::lock_guard lock(mutex);
    if (logger)
        return logger;
    if (auto existing = spdlog::get("sango.sync")) {
        logger = existing;
        return logger;
    }
    try {
        logger = spdlog::stderr_color_mt("sango.sync");
        const char* level = std::getenv("SANGO_LOG_LEVEL");
        logger->set_level(level ? spdlog::level::from_str(level) : spdlog::level::warn);
        logger->set_pattern("[%Y-%m-%dT%H:%M:%S%z] [%n] [%l] %v");
    } catch (const spdlog::spdlog_ex&) {
        // Another module registered the same category between get() and here: use theirs.
        logger = spdlog::get("sango.sync");
    }
    if (!logger) // never null for callers, whatever spdlog's registry did
        logger = std::make_shared<spdlog::logger>("sango.sync");
    return logger;
}

} // namespace sango::sync::detail
