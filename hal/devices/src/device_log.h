#pragma once
// The devices' logging category "sango.hal.devices". Scanned texts are never logged: only lengths and states.
#include "sango/log.h"

namespace sango::hal::detail {

inline std::shared_ptr<spdlog::logger> deviceLogger()
{
    return log::category("sango.hal.devices");
}

} // namespace sango::hal::detail
