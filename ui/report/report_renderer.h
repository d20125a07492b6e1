#pragma once
// Lays a ReportDocument out for paper: an HTML table in a QTextDocument, A4 (landscape for the monthly
// statement's thirteen columns), column headers and labels in the report's language, the data as the CSV
// has it; paginated on the device with the table's header row repeated and a footer on every page (the
// title, "Page n of m"). Needs a QGuiApplication (fonts).
#include <memory>
#include <string>
#include <string_view>

#include <QFont>
#include <QPageLayout>
#include <QString>

#include "report_document.h"

class QPagedPaintDevice;
class QTextDocument;

namespace sango::report {

class ReportRenderer {
public:
    // Latin and digits from DejaVu Sans, everything else from Noto Sans CJK JP (ja, en) or SC (zh_CN). The
    // Latin face comes first because Qt 6.4's PDF engine loses the Unicode mapping of Noto Sans CJK's
    // proportional digits: the page would look right but its text could not be searched or copied.
    static QFont font(std::string_view language, qreal pointSize);
    static QPageLayout pageLayout(const ReportDocument& doc);
    static QString html(const ReportDocument& doc);
    static std::unique_ptr<QTextDocument> layout(const ReportDocument& doc);
    // Paints every page on the device (a QPdfWriter, or a QPrinter set up with preparePrinter()); false when
    // the device cannot be painted on (a printer that does not open).
    static bool paint(const ReportDocument& doc, QPagedPaintDevice& device);
    // "Monthly statement 2026-04 P-0001": the PDF's title and the print job's name.
    static QString title(const ReportDocument& doc);
    // A column of sango/report_format.h's tables in words ("billed_minutes" → "Billed minutes").
    static QString columnTitle(const std::string& column, std::string_view language);
};

} // namespace sango::report
