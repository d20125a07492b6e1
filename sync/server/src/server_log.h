#pragma once
// The server's logging category "sango.server". Requests are logged as method, path without its query,
// status and duration: never bodies, queries or header values, which may carry codes and signatures.
#include "sango/log.h"

namespace sango::server::detail {

inline std::shared_ptr<spdlog::logger> serverLogger()
{
    return log::category("sango.server");
}

} // namespace sango::server::detail
