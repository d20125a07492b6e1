#include "report_document.h"

namespace sango::report {

std::string_view toString(ReportKind k)
{
    switch (k) {
    case ReportKind::daily: return "daily";
    case ReportKind::monthly: return "monthly";
    case ReportKind::totals: return "totals";
    }
    return "monthly";
}

std::optional<ReportKind> parseReportKind(std::string_view text)
{
    for (ReportKind k : {ReportKind::daily, ReportKind::monthly, ReportKind::totals})
        if (toString(k) == text)
            return k;
    return std::nullopt;
}

Expected<ReportDocument> buildReport(Terminal& terminal, ReportKind kind, date::year_month month, Instant now,
                                     std::string_view language)
{
    const LocalTime& local = terminal.localTime();
    Reports reports(terminal.store(), terminal.policy(), terminal.provider(), local);
    ReportDocument doc;
    doc.kind = kind;
    doc.language = (language == "ja" || language == "zh_CN") ? std::string(language) : std::string("en");
    doc.header = reports.header(month, now);
    doc.generatedAt = local.format(doc.header.generatedAt);
    if (kind == ReportKind::daily) {
        auto rows = reports.daily(month);
        if (!rows)
            return tl::unexpected(rows.error());
        doc.table = dailyTable(*rows);
        return doc;
    }
    auto totals = reports.totals(month);
    if (!totals)
        return tl::unexpected(totals.error());
    if (kind == ReportKind::totals) {
        doc.table = totalsTable(*totals);
        return doc;
    }
    auto sessions = reports.monthly(month);
    if (!sessions)
        return tl::unexpected(sessions.error());
    doc.table = sessionTable(*sessions, local);
    doc.totals = totalsTable(*totals);
    return doc;
}

} // namespace sango::report
