#pragma once
// The "sango.sync" logging category. What goes through it: methods, paths, status codes, counts and error
// codes. Never bodies, signatures, keys or header values.
#include "sango/log.h"

namespace sango::sync::detail {

inline std::shared_ptr<spdlog::logger> syncLogger()
{
    return log::category("sango.sync");
}

} // namespace sango::sync::detail
