#pragma once
// A logging category per module ("terminal.store", "sango.sync", "sango.server", "sango.hal.devices", ...), on
// spdlog, to stderr. The level is the configuration's [log] level (log::setDefaultLevel, sango/log_setup.h)
// unless SANGO_LOG_LEVEL names one (trace, debug, info, warn, error, critical, off; default warn). Under systemd,
// with stderr connected to the journal, each line carries its sd-daemon priority ("<4>") instead of a timestamp.
// Secrets never reach a log: keys, PINs, QR texts, request bodies and signatures are not passed to these
// loggers. This header (in sango::core) is the one place this is set up, for every module (the kiosk's Qt messages
// come through it too, as the category "sango.kiosk").
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace sango::log {

// The category's logger, made on first use; never null.
std::shared_ptr<spdlog::logger> category(const std::string& name);

} // namespace sango::log
