#pragma once
// A report as it is printed: the kind, the header facts (spec/cli.md: month, provider id and name,
// municipality, policy and price versions, generated at) and the tables, cell for cell the same as the
// CLI's CSV and JSON (sango/report_format.h). No Qt here: the renderer lays it out.
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

#include "sango/error.h"
#include "sango/report_format.h"
#include "sango/reports.h"
#include "sango/terminal.h"

namespace sango::report {

enum class ReportKind { daily, monthly, totals };
std::string_view toString(ReportKind k);
std::optional<ReportKind> parseReportKind(std::string_view text);

struct ReportDocument {
    ReportKind kind = ReportKind::monthly;
    std::string language = "en";  // "ja", "en" or "zh_CN": the words around the data and the font
    ReportHeader header;
    std::string generatedAt;      // header.generatedAt in the municipality's time ("2026-04-06T09:00:00+09:00")
    Table table;                  // the kind's table: what `sango report KIND --format csv` prints
    std::optional<Table> totals;  // monthly only: the statement's totals per service and price, with the total line
};

// Reads the month's report from the terminal's store. language is "ja", "en" or "zh_CN" (anything else: "en").
Expected<ReportDocument> buildReport(Terminal& terminal, ReportKind kind, date::year_month month, Instant now,
                                     std::string_view language);

} // namespace sango::report
