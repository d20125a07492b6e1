#pragma once
// The ledger's logger, "sango.ledger" (sango::log: stderr, level from SANGO_LOG_LEVEL, default warn). Passes,
// enrolment codes, keys and QR texts never reach it.
#include "sango/log.h"

namespace sango::ledger {

inline std::shared_ptr<spdlog::logger> logger()
{
    return log::category("sango.ledger");
}

} // namespace sango::ledger
