#include "result_words.h"

#include <QtGlobal>

namespace sango::i18n {

const char* motherWordsFor(Errc code)
{
    switch (code) {
    case Errc::not_a_coupon:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This does not seem to be your care coupon's QR code. Please show the coupon's QR "
                                 "code.");
    case Errc::malformed:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "Your coupon could not be read. Please show it again; the staff can also type in "
                                 "its number.");
    case Errc::unsupported_alg:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "Your coupon cannot be checked here. Please contact the municipal office that "
                                 "issued it.");
    case Errc::unknown_key:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "Your coupon cannot be checked right now. The staff will try again; if it still "
                                 "does not work, please contact the municipal office.");
    case Errc::bad_signature:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "Your coupon could not be confirmed as genuine. Please contact the municipal "
                                 "office that issued it.");
    case Errc::bad_claims:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "There is a problem with the details of your coupon. Please contact the municipal "
                                 "office that issued it.");
    case Errc::wrong_municipality:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The issuer details of your coupon do not match. Please contact the municipal "
                                 "office that issued it.");
    case Errc::not_yet_valid:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "Your coupon cannot be used yet. Please use it from its start date.");
    case Errc::expired:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "Your coupon's validity period has ended. Please contact the municipal office.");
    case Errc::revoked:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This coupon has been switched to paper tickets. Please use your paper ticket.");
    case Errc::no_balance:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "There is no care time left on your coupon. Please ask the staff or the municipal "
                                 "office what you can do.");
    case Errc::service_not_allowed:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "Your coupon cannot be used for this type of care here. Please ask the staff "
                                 "about other options.");
    case Errc::unknown_coupon:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "Your coupon number could not be confirmed. Please show the coupon's QR code.");
    case Errc::not_enrolled:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This terminal is not ready yet. The staff will take care of it; please wait a "
                                 "moment.");
    case Errc::staff_unknown:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The staff need to check something on their side. Please wait a moment.");
    case Errc::not_permitted:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This needs a manager's help. Please wait a moment.");
    case Errc::session_not_found:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The care record could not be found. The staff will check it; please wait a "
                                 "moment.");
    case Errc::too_late_to_cancel:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This care can no longer be cancelled here. If needed, the staff will ask a "
                                 "manager to correct it.");
    case Errc::invalid_time:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The times entered are not correct. The staff will check them; please wait a "
                                 "moment.");
    case Errc::already_cancelled:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This care was already cancelled. Nothing else was changed.");
    case Errc::duplicate_ticket:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This paper ticket has already been recorded. Please check with the staff.");
    // Not for the mother: restore's refusal, and everything that is not a refusal.
    case Errc::events_would_be_lost:
    case Errc::test_key_refused:
    case Errc::wrong_pin:
    case Errc::locked_out:
    case Errc::store_missing:
    case Errc::store_exists:
    case Errc::key_missing:
    case Errc::wrong_key:
    case Errc::store_corrupt:
    case Errc::disk_full:
    case Errc::store_read_only:
    case Errc::store_io:
    case Errc::store_in_use:
    case Errc::schema_too_new:
    case Errc::audit_broken:
    case Errc::invalid_argument:
    case Errc::invalid_config:
    case Errc::not_available:
    case Errc::ledger_unreachable:
    case Errc::ledger_tls:
    case Errc::ledger_refused:
    case Errc::ledger_error:
        return nullptr;
    }
    return nullptr;
}
const char* staffWordsFor(Errc code)
{
    switch (code) {
    // Words that name a front-end's own remedy (a command-line option, a screen to use): each front-end has its
    // own.
    case Errc::store_missing:
    case Errc::key_missing:
    case Errc::store_in_use:
    case Errc::schema_too_new:
    case Errc::invalid_argument:
        return nullptr;
    // Refusals.
    case Errc::not_a_coupon:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This QR code is not a care coupon. Ask the mother to show the coupon's QR code.");
    case Errc::malformed:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The QR code could not be read correctly. Scan it again, or type the coupon id "
                                 "printed under it.");
    case Errc::unsupported_alg:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This coupon is signed in a way this terminal does not accept. Do not accept it; "
                                 "contact the municipality.");
    case Errc::unknown_key:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This coupon was signed with a key this terminal does not know. Sync with the "
                                 "ledger and scan again; if it still fails, contact the municipality.");
    case Errc::bad_signature:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The coupon's signature is not valid: it may be altered or fake. Do not accept "
                                 "it; ask the mother to contact the municipality.");
    case Errc::bad_claims:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The coupon's contents are invalid. Do not accept it; ask the mother to contact "
                                 "the municipality.");
    case Errc::wrong_municipality:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This coupon names a different municipality from the key that signed it. Do not "
                                 "accept it; contact the municipality.");
    case Errc::not_yet_valid:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This coupon is not valid yet. Check the terminal's clock; if it is right, ask "
                                 "the mother to come back from the start date.");
    case Errc::expired:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This coupon has expired. Check the terminal's clock; if it is right, ask the "
                                 "mother to contact the municipality.");
    case Errc::revoked:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This coupon was switched to paper tickets or withdrawn. Ask for the paper "
                                 "ticket.");
    case Errc::no_balance:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "No care time is left on this coupon. The session was not opened.");
    case Errc::service_not_allowed:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This coupon or this provider does not cover this type of care. Check the service "
                                 "type; nothing was recorded.");
    case Errc::unknown_coupon:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This coupon id was never verified here and cannot be accepted as typed. Scan the "
                                 "QR code, or check the id.");
    case Errc::not_enrolled:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This terminal is not enrolled with the municipality yet. Ask a manager to enrol "
                                 "it.");
    case Errc::staff_unknown:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This staff id is not registered on this terminal. Check the id or ask a manager "
                                 "to add it.");
    case Errc::not_permitted:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "Only a manager may do this. Ask a manager.");
    case Errc::session_not_found:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "No such session was found. Check the session id.");
    case Errc::too_late_to_cancel:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The cancel window for this session has passed. Ask a manager to make a "
                                 "correction.");
    case Errc::invalid_time:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The times are not valid: the stop must be after the start and not in the future. "
                                 "Check them and try again.");
    case Errc::already_cancelled:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This session was already cancelled. Nothing was changed.");
    case Errc::duplicate_ticket:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This paper ticket number was already recorded. Check the number; nothing was "
                                 "recorded.");
    case Errc::events_would_be_lost:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The backup lacks events that the current store holds: restoring it would lose "
                                 "them. Nothing was changed. Back up the current store first, and restore with "
                                 "--force only if you mean to go back.");
    case Errc::test_key_refused:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The trust store holds a published test key, so it was refused. Use the trust "
                                 "store the municipality gave you; only for a demonstration, add --demo.");
    case Errc::wrong_pin:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "That PIN is not right. Enter it again.");
    case Errc::locked_out:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "Too many wrong PINs: sign-in is locked for a few minutes. Wait, then try again, "
                                 "or ask a manager.");
    // Store errors.
    case Errc::store_exists:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "A store already exists here and was not overwritten. Use another data directory.");
    case Errc::wrong_key:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The store's key is wrong. Use the store's own key file or restore it from "
                                 "backup. Nothing was changed.");
    case Errc::store_corrupt:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The store is damaged. Stop using this terminal and restore the store from "
                                 "backup, or contact support.");
    case Errc::disk_full:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The disk is full. Nothing was recorded. Free some space and try again.");
    case Errc::store_read_only:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The store cannot be written (read-only, or in use by another program). Nothing "
                                 "was recorded. Check permissions or close the other program, then try again.");
    case Errc::store_io:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The store could not be read or written. Nothing was recorded. Check the disk and "
                                 "try again.");
    case Errc::audit_broken:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The event log's chain is broken: records may have been altered. Leave the store "
                                 "as it is and contact support.");
    // Usage errors.
    case Errc::invalid_config:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "A configuration file is not valid. Fix the file and try again. Nothing was "
                                 "changed.");
    case Errc::not_available:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "This is not available yet in this version.");
    // Ledger errors.
    case Errc::ledger_unreachable:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The municipal ledger cannot be reached. Check the network and try again later; "
                                 "scans are still recorded on this terminal.");
    case Errc::ledger_tls:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The ledger's certificate could not be verified. Ask the administrator to check "
                                 "the ledger URL and the certificate settings. Nothing was sent.");
    case Errc::ledger_refused:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The ledger refused the request. See the reason shown; everything recorded on "
                                 "this terminal is kept.");
    case Errc::ledger_error:
        return QT_TRANSLATE_NOOP("ResultWords",
                                 "The ledger had an error. Try again later; everything recorded on this terminal "
                                 "is kept.");
    }
    return QT_TRANSLATE_NOOP("ResultWords", "An unexpected error occurred. Contact support.");
}
} // namespace sango::i18n
