#include "sango/error.h"

namespace sango {

std::string_view toString(Errc code)
{
    switch (code) {
    case Errc::not_a_coupon: return "not_a_coupon";
    case Errc::malformed: return "malformed";
    case Errc::unsupported_alg: return "unsupported_alg";
    case Errc::unknown_key: return "unknown_key";
    case Errc::bad_signature: return "bad_signature";
    case Errc::bad_claims: return "bad_claims";
    case Errc::wrong_municipality: return "wrong_municipality";
    case Errc::not_yet_valid: return "not_yet_valid";
    case Errc::expired: return "expired";
    case Errc::revoked: return "revoked";
    case Errc::no_balance: return "no_balance";
    case Errc::service_not_allowed: return "service_not_allowed";
    case Errc::unknown_coupon: return "unknown_coupon";
    case Errc::not_enrolled: return "not_enrolled";
    case Errc::staff_unknown: return "staff_unknown";
    case Errc::not_permitted: return "not_permitted";
    case Errc::session_not_found: return "session_not_found";
    case Errc::too_late_to_cancel: return "too_late_to_cancel";
    case Errc::invalid_time: return "invalid_time";
    case Errc::already_cancelled: return "already_cancelled";
    case Errc::duplicate_ticket: return "duplicate_ticket";
    case Errc::events_would_be_lost: return "events_would_be_lost";
    case Errc::test_key_refused: return "test_key_refused";
    case Errc::wrong_pin: return "wrong_pin";
    case Errc::locked_out: return "locked_out";
    case Errc::store_missing: return "store_missing";
    case Errc::store_exists: return "store_exists";
    case Errc::key_missing: return "key_missing";
    case Errc::wrong_key: return "wrong_key";
    case Errc::store_corrupt: return "store_corrupt";
    case Errc::disk_full: return "disk_full";
    case Errc::store_read_only: return "store_read_only";
    case Errc::store_io: return "store_io";
    case Errc::store_in_use: return "store_in_use";
    case Errc::schema_too_new: return "schema_too_new";
    case Errc::audit_broken: return "audit_broken";
    case Errc::invalid_argument: return "invalid_argument";
    case Errc::invalid_config: return "invalid_config";
    case Errc::not_available: return "not_available";
    case Errc::ledger_unreachable: return "ledger_unreachable";
    case Errc::ledger_tls: return "ledger_tls";
    case Errc::ledger_refused: return "ledger_refused";
    case Errc::ledger_error: return "ledger_error";
    }
    return "unknown";
}

ErrorKind kindOf(Errc code)
{
    if (code <= Errc::locked_out)
        return ErrorKind::refusal;
    if (code <= Errc::audit_broken)
        return ErrorKind::store;
    if (code <= Errc::not_available)
        return ErrorKind::usage;
    return ErrorKind::ledger;
}

int exitStatus(Errc code)
{
    switch (kindOf(code)) {
    case ErrorKind::usage: return 1;
    case ErrorKind::refusal: return 2;
    case ErrorKind::store: return 3;
    case ErrorKind::ledger: return 4;
    }
    return 1;
}

} // namespace sango
