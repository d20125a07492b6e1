#include "result_text.h"

#include "kiosk_context.h"
#include "result_words.h"
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
    if (const char* words = i18n::motherWordsFor(code))
        return QCoreApplication::translate(i18n::kResultWordsContext, words);
    // Not a refusal of her coupon: what she needs to know is only that the staff are on it.
    switch (code) {
    case Errc::wrong_pin:
    case Errc::locked_out:
        return tr("The staff are signing in. Please wait a moment.");
    case Errc::events_would_be_lost: // restore's refusal: never on the kiosk's screens
        return storeProblemForMother();
    default: // set-up's refusal (test_key_refused) is never at a scan either
        break;
    }
    switch (kindOf(code)) {
    case ErrorKind::store:
        return storeProblemForMother();
    case ErrorKind::ledger:
        return ledgerProblemForMother();
    case ErrorKind::refusal:
    case ErrorKind::usage:
        break;
    }
    return usageProblemForMother();
}

QString ResultText::staffMessage(Errc code)
{
    // The codes whose remedy is on the kiosk's own screens; every other code's words are shared with the command
    // line (ui/i18n/result_words.cpp).
    switch (code) {
    case Errc::store_missing:
        return tr("No store was found in the data directory. Ask a manager to set up this terminal.");
    case Errc::key_missing:
        return tr("The store's key file is missing. Restore it from backup. Nothing was changed.");
    case Errc::store_in_use:
        return staffMessage(Errc::store_read_only);
    case Errc::schema_too_new: // as before this code existed: the detail says which version made the store
        return staffMessage(Errc::store_io);
    case Errc::invalid_argument:
        return tr("What was entered is not valid. Check it and try again.");
    default:
        return QCoreApplication::translate(i18n::kResultWordsContext, i18n::staffWordsFor(code));
    }
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
