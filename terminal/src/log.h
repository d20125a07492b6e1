#pragma once
// A logging category per module ("terminal.store", "terminal.session", ...), on spdlog, to stderr. The
// level comes from SANGO_LOG_LEVEL (trace, debug, info, warn, error; default warn). Secrets never reach a
// log: keys, PINs and QR texts are not passed to these loggers.
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace sango::log {

std::shared_ptr<spdlog::logger> category(const std::string& name);

} // namespace sango::log
