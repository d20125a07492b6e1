#pragma once
// The devices' logging category "sango.hal.devices", with the conventions of the terminal's categories
// (stderr, level from SANGO_LOG_LEVEL, default warn). Scanned texts are never logged: only lengths and states.
#include <memory>

#include <spdlog/spdlog.h>

namespace sango::hal::detail {

std::shared_ptr<spdlog::logger> deviceLogger();

} // namespace sango::hal::detail
