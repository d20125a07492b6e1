#pragma once
// The words of a scan's result, in the current language: for every stable error code a plain instruction for
// the mother and a short one for staff, and the texts of each outcome (care started, care recorded with the
// billed time and what is left, a repeated scan, a capped or unverified session, a cancellation).
//
// A result is kept as facts (ResultFacts) and rendered to words on demand, so a screen re-renders it when
// the language changes. The words for result codes are shared with the command line (ui/i18n/result_words.h);
// the kiosk's own are in the tr() context "ResultText".
#include <cstdint>
#include <optional>
#include <string>

#include <QCoreApplication>
#include <QString>

#include "sango/error.h"
#include "sango/service.h"
#include "sango/terminal.h"

namespace sango::kiosk {

// What the result panel shows, each with its own colour, glyph and words.
enum class ResultKind {
    none,      // ready for the next scan
    opened,    // green: care started
    closed,    // blue: care recorded
    ignored,   // grey: a repeat within seconds, nothing changed
    cancelled, // grey: a session cancelled, no time used
    warning,   // amber: recorded, with something to note (capped by the balance, or an unverified coupon)
    refused,   // red: nothing recorded
};

// "none", "opened", "closed", "ignored", "cancelled", "warning", "refused".
QString kindName(ResultKind kind);

struct ResultFacts {
    ResultKind kind = ResultKind::none;
    std::optional<Errc> code;       // refused: the core's stable code (none when nobody is signed in)
    bool notSignedIn = false;       // refused because no staff member is signed in
    std::optional<ScanAction> action;
    Service service = Service::day;
    QString startClock;             // local time of the start, "10:00"
    std::optional<int> billedMinutes;
    std::optional<std::int64_t> balanceMinutes; // what the coupon has left; none when unknown
    bool capped = false;            // the balance cut the billed time
    bool unverified = false;        // a typed id never verified here: the ledger decides
};

struct ResultTexts {
    QString glyph;    // a symbol that tells the kind apart without colour
    QString headline; // big, for the mother
    QString mother;   // the rest of the mother's text (may be empty)
    QString staff;    // short, for staff
};

class ResultText {
    Q_DECLARE_TR_FUNCTIONS(ResultText)
public:
    static ResultFacts fromScan(const ScanResult& result, const LocalTime& local);
    static ResultFacts fromCancel(const SessionRecord& session, const LocalTime& local);
    static ResultFacts fromError(const Error& error);
    static ResultFacts notSignedIn();

    static ResultTexts render(const ResultFacts& facts);

    // Per stable code: the mother's plain instruction and the staff's short one.
    static QString motherMessage(Errc code);
    static QString staffMessage(Errc code);

    // Whole minutes as "1 h 30 min", "40 h", "45 min" (integers only; negatives as 0 min).
    static QString duration(std::int64_t minutes);
    static QString serviceName(Service service);
    // The local wall-clock time of an instant, "10:07".
    static QString clockTime(Instant at, const LocalTime& local);
};

} // namespace sango::kiosk
