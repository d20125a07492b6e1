#pragma once
// The server's logging category "sango.server". Requests are logged as method, path without its query,
// status and duration: never bodies, queries or header values, which may carry codes and signatures.
#include <memory>

#include <spdlog/spdlog.h>

namespace sango::server::detail {

std::shared_ptr<spdlog::logger> serverLogger();

} // namespace sango::server::detail
