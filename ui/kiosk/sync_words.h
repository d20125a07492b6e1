#pragma once
// The synchronisation in words for a manager, in the current language: the last sync's result code (as the
// engine records it: "ok", "ledger_unreachable", "ledger_refused:terminal_revoked" ...) as what happened and
// what to do, a short form for the status strip, and each reason the ledger gives for refusing an event (the
// attention list), with the ledger's own figures beside the terminal's where it recomputed them. Pure
// functions of their arguments (no store, no clock); GUI thread (tr()).
#include <optional>
#include <string>

#include <QCoreApplication>
#include <QString>

#include <nlohmann/json.hpp>

#include "sango/local_time.h"
#include "sango/session.h"

namespace sango::kiosk {

class SyncWords {
    Q_DECLARE_TR_FUNCTIONS(SyncWords)
public:
    // The refusal that stops the sync for good or for a while, from a result code: "terminal_revoked",
    // "provider_suspended", "rate_limited", ...; "" when the code is not a ledger refusal.
    static std::string refusalOf(const QString& resultCode);
    // The municipality stopped this terminal (revoked it, or suspended its provider): syncs are refused until
    // it acts, and the terminal no longer retries.
    static bool stoppedByMunicipality(const QString& resultCode);

    // What happened and what to do, for the sync page. Empty code: "none".
    static QString lastResult(const QString& resultCode);
    // For the status strip: a few words, or "" when the result needs no mention (ok, a network outage the
    // strip already shows as offline).
    static QString shortResult(const QString& resultCode);

    // A reason the ledger refused an event for (the attention list), for a manager: what it means and what to do.
    static QString reason(const std::string& code);
    // Whether the ledger recomputed the session's figures for this reason (they are worth showing).
    static bool hasFigures(const std::string& code);
    // "2026-04-03 10:00–11:30, 90 min billed (95 min actual), 5,100 yen" from the ledger's figures
    // ({"date", "start", "stop", "actual_minutes", "billed_minutes", "amount_yen"}); "" when they are not there.
    static QString ledgerFigures(const nlohmann::json& figures, const LocalTime& local);
    // The same facts of the session as this terminal recorded it.
    static QString terminalFigures(const SessionRecord& session, const LocalTime& local);
};

} // namespace sango::kiosk
