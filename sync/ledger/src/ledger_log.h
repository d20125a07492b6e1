#pragma once
// The ledger's logger, "sango.ledger", on spdlog to stderr (level from SANGO_LOG_LEVEL, default warn).
// Passes, enrolment codes, keys and QR texts never reach it.
#include <memory>

#include <spdlog/spdlog.h>

namespace sango::ledger {

std::shared_ptr<spdlog::logger> logger();

} // namespace sango::ledger
