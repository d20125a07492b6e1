// The synchronisation in a manager's words (sync_words.h).
#include "sync_words.h"

#include <QLocale>

#include "result_text.h"

namespace sango::kiosk {

namespace {

constexpr std::string_view kRefusedPrefix = "ledger_refused:";

QString timesText(const QString& date, std::optional<Instant> start, std::optional<Instant> stop,
                  const LocalTime& local)
{
    QString out = date;
    if (start)
        out += QLatin1Char(' ') + ResultText::clockTime(*start, local);
    if (stop)
        out += QString::fromUtf8("–") + ResultText::clockTime(*stop, local);
    return out;
}

} // namespace

std::string SyncWords::refusalOf(const QString& resultCode)
{
    const std::string code = resultCode.toStdString();
    return code.starts_with(kRefusedPrefix) ? code.substr(kRefusedPrefix.size()) : std::string();
}

bool SyncWords::stoppedByMunicipality(const QString& resultCode)
{
    const std::string refusal = refusalOf(resultCode);
    return refusal == "terminal_revoked" || refusal == "provider_suspended";
}

QString SyncWords::lastResult(const QString& resultCode)
{
    if (resultCode.isEmpty())
        return tr("none");
    if (resultCode == QLatin1String("ok"))
        return tr("Synchronised: the ledger has every event sent.");
    const std::string refusal = refusalOf(resultCode);
    if (refusal == "terminal_revoked")
        return tr("The municipality revoked this terminal (reported lost or retired): the ledger refuses its syncs "
                  "and it no longer tries. Scans are still recorded here. Ask the municipality what to do; a "
                  "terminal found again must be enrolled anew.");
    if (refusal == "provider_suspended")
        return tr("The municipality suspended this provider: the ledger refuses the syncs of all its terminals. "
                  "Scans are still recorded here and are sent once the provider is resumed. Ask the municipality.");
    if (refusal == "rate_limited")
        return tr("The ledger asked this terminal to wait: too many requests in a short time. The sync tries "
                  "again later by itself; if this stays, ask the municipality.");
    if (!refusal.empty() || resultCode == QLatin1String("ledger_refused"))
        return tr("The ledger refused the sync (%1). Scans are still recorded here. Ask the municipality or "
                  "support.")
            .arg(QString::fromStdString(refusal.empty() ? "ledger_refused" : refusal));
    if (resultCode == QLatin1String("ledger_unreachable"))
        return tr("The ledger could not be reached: check the network. Scans are recorded here and sent later.");
    if (resultCode == QLatin1String("ledger_tls"))
        return tr("The ledger's certificate could not be verified, so nothing was sent. Ask the municipality or "
                  "support.");
    if (resultCode == QLatin1String("ledger_error"))
        return tr("The ledger answered with an error. The sync tries again later by itself.");
    return tr("The sync failed (%1). It tries again later by itself; if this stays, ask support.").arg(resultCode);
}

QString SyncWords::shortResult(const QString& resultCode)
{
    const std::string refusal = refusalOf(resultCode);
    if (refusal == "terminal_revoked")
        return tr("Sync stopped: terminal revoked by the municipality");
    if (refusal == "provider_suspended")
        return tr("Sync stopped: provider suspended by the municipality");
    if (refusal == "rate_limited")
        return tr("Ledger busy: retrying later");
    if (!refusal.empty() || resultCode == QLatin1String("ledger_refused") || resultCode == QLatin1String("ledger_tls"))
        return tr("Sync refused: see the Sync tab");
    return {};
}

QString SyncWords::reason(const std::string& code)
{
    if (code == "figures_mismatch")
        return tr("The ledger worked out other figures for this session (date, times or billed minutes) from the "
                  "times recorded. Check the session: correct it if the ledger is right, or ask the municipality.");
    if (code == "already_closed")
        return tr("The ledger already holds this session as closed, with its own figures. Compare them with this "
                  "terminal's and correct the session here, or ask the municipality.");
    if (code == "invalid_time")
        return tr("The ledger refused the times: the stop is not after the start, or a time lies in the future. "
                  "Correct the session's times.");
    if (code == "too_old")
        return tr("The session is older than the municipality's correction window. Ask the municipality to unlock "
                  "it.");
    if (code == "too_late_to_cancel")
        return tr("It is too late to cancel this session at the ledger. Ask the municipality.");
    if (code == "unknown_ticket")
        return tr("The municipality never issued this paper ticket number (or not to this coupon). Check the "
                  "number on the ticket and correct or cancel the session.");
    if (code == "conflict")
        return tr("The ledger holds this session with another coupon or start: the two records disagree. Ask the "
                  "municipality; do not record it again.");
    if (code == "revoked")
        return tr("The coupon had been revoked (switched to paper tickets) before this session. Cancel it, or "
                  "record the care on a paper ticket.");
    if (code == "no_balance")
        return tr("The coupon had too little time left at the ledger. Correct the session to what was left, or "
                  "cancel it, and tell the mother.");
    if (code == "unknown_coupon")
        return tr("The ledger has never issued this coupon id. Check the id the session was opened with; cancel "
                  "the session if it is wrong.");
    if (code == "expired")
        return tr("The coupon was not valid at the time of the session. Cancel the session, or ask the "
                  "municipality.");
    if (code == "service_not_allowed" || code == "wrong_provider")
        return tr("The coupon or this provider does not cover this type of care at the ledger. Correct the "
                  "service, or cancel the session.");
    if (code == "unknown_session" || code == "session_rejected")
        return tr("The ledger refused the session's opening, so it cannot take this event. Settle the opening "
                  "first (correct or cancel the session).");
    if (code == "duplicate_ticket")
        return tr("This paper ticket was already used at the ledger. Check the number; cancel the session if it "
                  "was recorded twice.");
    if (code == "invalid_event")
        return tr("The ledger could not read this event. Ask support.");
    return tr("The ledger refused this event (%1). Ask the municipality.").arg(QString::fromStdString(code));
}

bool SyncWords::hasFigures(const std::string& code)
{
    return code == "figures_mismatch" || code == "already_closed";
}

QString SyncWords::ledgerFigures(const nlohmann::json& f, const LocalTime& local)
{
    if (!f.is_object())
        return {};
    auto instant = [&](const char* key) -> std::optional<Instant> {
        if (auto it = f.find(key); it != f.end() && it->is_number_integer())
            return Instant(std::chrono::seconds(it->get<std::int64_t>()));
        return std::nullopt;
    };
    auto minutes = [&](const char* key) -> std::optional<std::int64_t> {
        if (auto it = f.find(key); it != f.end() && it->is_number_integer())
            return it->get<std::int64_t>();
        return std::nullopt;
    };
    const auto d = f.find("date");
    const QString date = d != f.end() && d->is_string() ? QString::fromStdString(d->get<std::string>()) : QString();
    QString out = timesText(date, instant("start"), instant("stop"), local).trimmed();
    if (auto billed = minutes("billed_minutes"))
        out += QStringLiteral(", ") + tr("%1 billed").arg(ResultText::duration(*billed));
    if (auto actual = minutes("actual_minutes"))
        out += QStringLiteral(" (") + tr("%1 actual").arg(ResultText::duration(*actual)) + QStringLiteral(")");
    if (auto yen = minutes("amount_yen"))
        out += QStringLiteral(", ") + tr("%1 yen").arg(QLocale().toString(static_cast<qlonglong>(*yen)));
    return out;
}

QString SyncWords::terminalFigures(const SessionRecord& s, const LocalTime& local)
{
    QString out = timesText(QString::fromStdString(formatDate(s.date)), s.start, s.stop, local);
    if (s.billedMinutes)
        out += QStringLiteral(", ") + tr("%1 billed").arg(ResultText::duration(*s.billedMinutes));
    if (s.actualMinutes)
        out += QStringLiteral(" (") + tr("%1 actual").arg(ResultText::duration(*s.actualMinutes)) + QStringLiteral(")");
    return out;
}

} // namespace sango::kiosk
