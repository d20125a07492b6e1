#include "result_text.h"

#include "kiosk_context.h"
#include "sango/local_time.h"

namespace sango::kiosk {

namespace {

QString storeProblemForMother()
{
    return ResultText::tr("This terminal has a problem and nothing was recorded. The staff will take care of it; "
                          "please wait a moment.");
}

QString usageProblemForMother()
{
    return ResultText::tr("Something could not be done on this terminal. The staff will take care of it; please "
                          "wait a moment.");
}

QString ledgerProblemForMother()
{
    return ResultText::tr("The connection to the municipal office is down. This does not affect your care; please "
                          "wait a moment.");
}

QString timeLeft(const ResultFacts& f)
{
    if (!f.balanceMinutes)
        return {};
    return ResultText::tr("Time left on the coupon: %1").arg(ResultText::duration(*f.balanceMinutes));
}

// Lines joined by newlines, empty ones left out.
QString lines(std::initializer_list<QString> parts)
{
    QString out;
    for (const QString& p : parts) {
        if (p.isEmpty())
            continue;
        if (!out.isEmpty())
            out += QLatin1Char('\n');
        out += p;
    }
    return out;
}

QString glyphOf(ResultKind kind)
{
    switch (kind) {
    case ResultKind::none: return {};
    case ResultKind::opened: return QStringLiteral("▶");
    case ResultKind::closed: return QStringLiteral("✔");
    case ResultKind::ignored: return QStringLiteral("↻");
    case ResultKind::cancelled: return QStringLiteral("⊘");
    case ResultKind::warning: return QStringLiteral("⚠");
    case ResultKind::refused: return QStringLiteral("✖");
    }
    return {};
}

} // namespace

QString kindName(ResultKind kind)
{
    switch (kind) {
    case ResultKind::none: return QStringLiteral("none");
    case ResultKind::opened: return QStringLiteral("opened");
    case ResultKind::closed: return QStringLiteral("closed");
    case ResultKind::ignored: return QStringLiteral("ignored");
    case ResultKind::cancelled: return QStringLiteral("cancelled");
    case ResultKind::warning: return QStringLiteral("warning");
    case ResultKind::refused: return QStringLiteral("refused");
    }
    return QStringLiteral("none");
}

ResultFacts ResultText::fromScan(const ScanResult& result, const LocalTime& local)
{
    ResultFacts f;
    const SessionRecord& s = result.session;
    f.action = result.action;
    f.service = s.service;
    f.startClock = clockTime(s.start, local);
    f.billedMinutes = s.billedMinutes;
    if (result.balanceMinutes)
        f.balanceMinutes = *result.balanceMinutes;
    f.capped = s.hasFlag("capped");
    f.unverified = s.hasFlag("unverified");
    switch (result.action) {
    case ScanAction::opened: f.kind = f.unverified ? ResultKind::warning : ResultKind::opened; break;
    case ScanAction::closed: f.kind = f.capped || f.unverified ? ResultKind::warning : ResultKind::closed; break;
    case ScanAction::ignored: f.kind = ResultKind::ignored; break;
    }
    return f;
}

ResultFacts ResultText::fromCancel(const SessionRecord& session, const LocalTime& local)
{
    ResultFacts f;
    f.kind = ResultKind::cancelled;
    f.service = session.service;
    f.startClock = clockTime(session.start, local);
    return f;
}

ResultFacts ResultText::fromError(const Error& error)
{
    ResultFacts f;
    f.kind = ResultKind::refused;
    f.code = error.code;
    return f;
}

ResultFacts ResultText::notSignedIn()
{
    ResultFacts f;
    f.kind = ResultKind::refused;
    f.notSignedIn = true;
    return f;
}

ResultTexts ResultText::render(const ResultFacts& f)
{
    ResultTexts t;
    t.glyph = glyphOf(f.kind);
    const QString service = serviceName(f.service);
    switch (f.kind) {
    case ResultKind::none:
        t.headline = tr("Ready to scan");
        t.mother = tr("Please show your coupon's QR code.");
        t.staff = tr("Choose the type of care, then scan the coupon.");
        break;
    case ResultKind::opened:
        t.headline = tr("Care started");
        t.mother = lines({tr("%1, from %2").arg(service, f.startClock), timeLeft(f)});
        t.staff = tr("Session opened. Scan the coupon again at the end to close it.");
        break;
    case ResultKind::closed:
        t.headline = tr("Care recorded: %1").arg(duration(f.billedMinutes.value_or(0)));
        t.mother = timeLeft(f);
        t.staff = tr("Session closed: %1 billed.").arg(duration(f.billedMinutes.value_or(0)));
        break;
    case ResultKind::ignored:
        t.headline = tr("Already recorded a moment ago — nothing changed");
        t.mother = timeLeft(f);
        t.staff = tr("Repeat scan within seconds: ignored.");
        break;
    case ResultKind::cancelled:
        t.headline = tr("Care cancelled");
        t.mother = tr("No time was used.");
        t.staff = tr("Session cancelled: %1 from %2. Nothing is billed.").arg(service, f.startClock);
        break;
    case ResultKind::warning:
        if (f.action == ScanAction::opened) {
            t.headline = tr("Care started");
            t.mother = lines({tr("%1, from %2").arg(service, f.startClock),
                              tr("The municipality will confirm your coupon.")});
            t.staff = tr("Typed id not verified here: recorded as unverified, the ledger decides. Scan the QR code "
                         "at the end if you can.");
        } else {
            t.headline = tr("Care recorded: %1").arg(duration(f.billedMinutes.value_or(0)));
            if (f.capped) {
                t.mother = lines({tr("All the care time left on the coupon was used."), timeLeft(f)});
                t.staff = tr("Capped: the session ran past the coupon's balance; only what was left was billed.");
            } else {
                t.mother = lines({tr("The municipality will confirm your coupon."), timeLeft(f)});
                t.staff = tr("Unverified coupon: recorded, the ledger decides.");
            }
        }
        break;
    case ResultKind::refused:
        if (f.notSignedIn || !f.code) {
            t.headline = tr("Staff: please sign in first");
            t.mother = tr("Please wait a moment: the staff need to sign in.");
            t.staff = tr("Nobody is signed in. Sign in with your staff id and PIN, then scan again. Nothing was "
                         "recorded.");
        } else {
            t.headline = tr("Not recorded");
            t.mother = motherMessage(*f.code);
            t.staff = staffMessage(*f.code);
        }
        break;
    }
    return t;
}

QString ResultText::motherMessage(Errc code)
{
    switch (code) {
    case Errc::not_a_coupon:
        return tr("This does not seem to be your care coupon's QR code. Please show the coupon's QR code.");
    case Errc::malformed:
        return tr("Your coupon could not be read. Please show it again; the staff can also type in its number.");
    case Errc::unsupported_alg:
        return tr("Your coupon cannot be checked here. Please contact the municipal office that issued it.");
    case Errc::unknown_key:
        return tr("Your coupon cannot be checked right now. The staff will try again; if it still does not work, "
                  "please contact the municipal office.");
    case Errc::bad_signature:
        return tr("Your coupon could not be confirmed as genuine. Please contact the municipal office that issued "
                  "it.");
    case Errc::bad_claims:
        return tr("There is a problem with the details of your coupon. Please contact the municipal office that "
                  "issued it.");
    case Errc::wrong_municipality:
        return tr("The issuer details of your coupon do not match. Please contact the municipal office that issued "
                  "it.");
    case Errc::not_yet_valid:
        return tr("Your coupon cannot be used yet. Please use it from its start date.");
    case Errc::expired:
        return tr("Your coupon's validity period has ended. Please contact the municipal office.");
    case Errc::revoked:
        return tr("This coupon has been switched to paper tickets. Please use your paper ticket.");
    case Errc::no_balance:
        return tr("There is no care time left on your coupon. Please ask the staff or the municipal office what you "
                  "can do.");
    case Errc::service_not_allowed:
        return tr("Your coupon cannot be used for this type of care here. Please ask the staff about other options.");
    case Errc::unknown_coupon:
        return tr("Your coupon number could not be confirmed. Please show the coupon's QR code.");
    case Errc::not_enrolled:
        return tr("This terminal is not ready yet. The staff will take care of it; please wait a moment.");
    case Errc::staff_unknown:
        return tr("The staff need to check something on their side. Please wait a moment.");
    case Errc::not_permitted:
        return tr("This needs a manager's help. Please wait a moment.");
    case Errc::session_not_found:
        return tr("The care record could not be found. The staff will check it; please wait a moment.");
    case Errc::too_late_to_cancel:
        return tr("This care can no longer be cancelled here. If needed, the staff will ask a manager to correct it.");
    case Errc::invalid_time:
        return tr("The times entered are not correct. The staff will check them; please wait a moment.");
    case Errc::already_cancelled:
        return tr("This care was already cancelled. Nothing else was changed.");
    case Errc::duplicate_ticket:
        return tr("This paper ticket has already been recorded. Please check with the staff.");
    case Errc::wrong_pin:
    case Errc::locked_out:
        return tr("The staff are signing in. Please wait a moment.");
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
    case Errc::events_would_be_lost: // restore's refusal: never on the kiosk's screens
    case Errc::audit_broken:
        return storeProblemForMother();
    case Errc::test_key_refused: // set-up's refusal: never at a scan
    case Errc::invalid_argument:
    case Errc::invalid_config:
    case Errc::not_available:
        return usageProblemForMother();
    case Errc::ledger_unreachable:
    case Errc::ledger_tls:
    case Errc::ledger_refused:
    case Errc::ledger_error:
        return ledgerProblemForMother();
    }
    return usageProblemForMother();
}

QString ResultText::staffMessage(Errc code)
{
    switch (code) {
    case Errc::not_a_coupon:
        return tr("This QR code is not a care coupon. Ask the mother to show the coupon's QR code.");
    case Errc::malformed:
        return tr("The QR code could not be read correctly. Scan it again, or type the coupon id printed under it.");
    case Errc::unsupported_alg:
        return tr("This coupon is signed in a way this terminal does not accept. Do not accept it; contact the "
                  "municipality.");
    case Errc::unknown_key:
        return tr("This coupon was signed with a key this terminal does not know. Sync with the ledger and scan "
                  "again; if it still fails, contact the municipality.");
    case Errc::bad_signature:
        return tr("The coupon's signature is not valid: it may be altered or fake. Do not accept it; ask the mother "
                  "to contact the municipality.");
    case Errc::bad_claims:
        return tr("The coupon's contents are invalid. Do not accept it; ask the mother to contact the municipality.");
    case Errc::wrong_municipality:
        return tr("This coupon names a different municipality from the key that signed it. Do not accept it; "
                  "contact the municipality.");
    case Errc::not_yet_valid:
        return tr("This coupon is not valid yet. Check the terminal's clock; if it is right, ask the mother to come "
                  "back from the start date.");
    case Errc::expired:
        return tr("This coupon has expired. Check the terminal's clock; if it is right, ask the mother to contact "
                  "the municipality.");
    case Errc::revoked:
        return tr("This coupon was switched to paper tickets or withdrawn. Ask for the paper ticket.");
    case Errc::no_balance:
        return tr("No care time is left on this coupon. The session was not opened.");
    case Errc::service_not_allowed:
        return tr("This coupon or this provider does not cover this type of care. Check the service type; nothing "
                  "was recorded.");
    case Errc::unknown_coupon:
        return tr("This coupon id was never verified here and cannot be accepted as typed. Scan the QR code, or "
                  "check the id.");
    case Errc::not_enrolled:
        return tr("This terminal is not enrolled with the municipality yet. Ask a manager to enrol it.");
    case Errc::staff_unknown:
        return tr("This staff id is not registered on this terminal. Check the id or ask a manager to add it.");
    case Errc::not_permitted:
        return tr("Only a manager may do this. Ask a manager.");
    case Errc::session_not_found:
        return tr("No such session was found. Check the session id.");
    case Errc::too_late_to_cancel:
        return tr("The cancel window for this session has passed. Ask a manager to make a correction.");
    case Errc::invalid_time:
        return tr("The times are not valid: the stop must be after the start and not in the future. Check them and "
                  "try again.");
    case Errc::already_cancelled:
        return tr("This session was already cancelled. Nothing was changed.");
    case Errc::duplicate_ticket:
        return tr("This paper ticket number was already recorded. Check the number; nothing was recorded.");
    case Errc::test_key_refused:
        return tr("The trust store holds a published test key, so it was refused. Use the trust store the "
                  "municipality gave you; only for a demonstration, add --demo.");
    case Errc::wrong_pin:
        return tr("That PIN is not right. Enter it again.");
    case Errc::locked_out:
        return tr("Too many wrong PINs: sign-in is locked for a few minutes. Wait, then try again, or ask a manager.");
    case Errc::store_missing:
        return tr("No store was found in the data directory. Ask a manager to set up this terminal.");
    case Errc::store_exists:
        return tr("A store already exists here and was not overwritten. Use another data directory.");
    case Errc::key_missing:
        return tr("The store's key file is missing. Restore it from backup. Nothing was changed.");
    case Errc::wrong_key:
        return tr("The store's key is wrong. Use the store's own key file or restore it from backup. Nothing was "
                  "changed.");
    case Errc::store_corrupt:
        return tr("The store is damaged. Stop using this terminal and restore the store from backup, or contact "
                  "support.");
    case Errc::disk_full:
        return tr("The disk is full. Nothing was recorded. Free some space and try again.");
    case Errc::store_in_use:
    case Errc::store_read_only:
        return tr("The store cannot be written (read-only, or in use by another program). Nothing was recorded. "
                  "Check permissions or close the other program, then try again.");
    case Errc::events_would_be_lost: // restore's refusal (`sango restore`): never on the kiosk's screens
        return tr("The backup lacks events that the current store holds: restoring it would lose them. Nothing was "
                  "changed. Back up the current store first, and restore with --force only if you mean to go back.");
    case Errc::schema_too_new: // as before this code existed: the detail says which version made the store
    case Errc::store_io:
        return tr("The store could not be read or written. Nothing was recorded. Check the disk and try again.");
    case Errc::audit_broken:
        return tr("The event log's chain is broken: records may have been altered. Leave the store as it is and "
                  "contact support.");
    case Errc::invalid_argument:
        return tr("What was entered is not valid. Check it and try again.");
    case Errc::invalid_config:
        return tr("A configuration file is not valid. Fix the file and try again. Nothing was changed.");
    case Errc::not_available:
        return tr("This is not available yet in this version.");
    case Errc::ledger_unreachable:
        return tr("The municipal ledger cannot be reached. Check the network and try again later; scans are still "
                  "recorded on this terminal.");
    case Errc::ledger_tls:
        return tr("The ledger's certificate could not be verified. Ask the administrator to check the ledger URL and "
                  "the certificate settings. Nothing was sent.");
    case Errc::ledger_refused:
        return tr("The ledger refused the request. See the reason shown; everything recorded on this terminal is "
                  "kept.");
    case Errc::ledger_error:
        return tr("The ledger had an error. Try again later; everything recorded on this terminal is kept.");
    }
    return tr("An unexpected error occurred. Contact support.");
}

QString ResultText::duration(std::int64_t minutes)
{
    if (minutes < 0)
        minutes = 0;
    const std::int64_t h = minutes / 60;
    const std::int64_t m = minutes % 60;
    if (h > 0 && m > 0)
        return tr("%1 h %2 min").arg(h).arg(m);
    if (h > 0)
        return tr("%1 h").arg(h);
    return tr("%1 min").arg(m);
}

QString ResultText::serviceName(Service service)
{
    switch (service) {
    case Service::stay: return tr("Stay-in care");
    case Service::day: return tr("Day care");
    case Service::visit: return tr("Home visit");
    }
    return {};
}

QString ResultText::clockTime(Instant at, const LocalTime& local)
{
    // "2026-04-03T10:07:00+09:00" → "10:07"
    return QString::fromStdString(local.format(at)).mid(11, 5);
}

// Declared by the context: a failure's staff instruction in the current language.
QString KioskContext::staffMessage(const Error& e)
{
    return ResultText::staffMessage(e.code);
}

} // namespace sango::kiosk
