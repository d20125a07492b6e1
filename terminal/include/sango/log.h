#pragma once
// A logging category per module ("terminal.store", "sango.sync", "sango.server", "sango.hal.devices", ...), on
// spdlog, to stderr. The level comes from SANGO_LOG_LEVEL (trace, debug, info, warn, error; default warn).
// Secrets never reach a log: keys, PINs, QR texts, request bodies and signatures are not passed to these
// loggers. The library sango::log is the one place this is set up, for every module (the kiosk's Qt code logs
// through its own Qt category, "sango.kiosk").
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace sango::log {

// The category's logger, made on first use; never null.
std::shared_ptr<spdlog::logger> category(const std::string& name);

} // namespace sango::log
