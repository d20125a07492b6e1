#include "report_renderer.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetricsF>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QTextDocument>

#include "report_translation.h"

namespace sango::report {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QString cjkFamily(std::string_view language)
{
    return language == "zh_CN" ? QStringLiteral("Noto Sans CJK SC") : QStringLiteral("Noto Sans CJK JP");
}

// Column headers: the spec's column names in words. Unknown columns show their name.
struct ColumnWords {
    const char* column;
    const char* words;
};
constexpr ColumnWords kColumns[] = {
    {"session_id", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Session")},
    {"coupon_id", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Coupon / ticket")},
    {"source", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Source")},
    {"service", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Service")},
    {"date", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Date")},
    {"start", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Start")},
    {"stop", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Stop")},
    {"actual_minutes", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Actual minutes")},
    {"billed_minutes", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Billed minutes")},
    {"staff_id", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Staff")},
    {"status", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Status")},
    {"flags", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Flags")},
    {"correction_reason", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Correction reason")},
    {"sessions", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Sessions")},
    {"yen_per_hour", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Yen per hour")},
    {"amount_yen", QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Amount (yen)")},
};
constexpr const char* kHoursColumn = QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Hours");

const char* columnWords(const std::string& column)
{
    for (const ColumnWords& c : kColumns)
        if (column == c.column)
            return c.words;
    return nullptr;
}

// Text into HTML in the report's language: escaped, and every run of CJK characters (kana, ideographs, CJK
// punctuation and full-width forms, U+2E80 and above) set explicitly in the language's CJK face. Qt 6.4 caches
// a font's fallback by its first family only, so after a Japanese report a Chinese one would fall back to the
// JP face; naming the face on the run itself keeps each language's glyphs.
class Html {
public:
    explicit Html(std::string_view language) : m_tr(language), m_cjk(cjkFamily(language)) {}

    QString operator()(const QString& text) const
    {
        QString out;
        QString run;
        bool cjk = false;
        auto flush = [&]() {
            if (run.isEmpty())
                return;
            if (cjk)
                out += QStringLiteral("<span style=\"font-family: '") + m_cjk + QStringLiteral("';\">") +
                       run.toHtmlEscaped() + QStringLiteral("</span>");
            else
                out += run.toHtmlEscaped();
            run.clear();
        };
        for (const QChar c : text) {
            const bool isCjk = c.isLowSurrogate() ? cjk : c.unicode() >= 0x2E80; // a pair stays in one run
            if (isCjk != cjk)
                flush();
            cjk = isCjk;
            run += c;
        }
        flush();
        return out;
    }
    // A source string of the report's context, translated, as HTML.
    QString words(const char* source) const { return (*this)(m_tr.text(source)); }
    QString plain(const char* source) const { return m_tr.text(source); }

private:
    ReportTranslation m_tr;
    QString m_cjk;
};

QString cellText(const Cell& cell)
{
    if (const auto* i = std::get_if<std::int64_t>(&cell))
        return QString::number(*i);
    if (const auto* s = std::get_if<std::string>(&cell))
        return qs(*s);
    if (const auto* list = std::get_if<std::vector<std::string>>(&cell)) {
        QStringList parts;
        for (const std::string& s : *list)
            parts << qs(s);
        return parts.join(QStringLiteral("; "));
    }
    return {};
}

// Minutes as hours and minutes for reading ("23:30"); the minutes stay the figure of record.
QString hours(const Cell& minutes)
{
    const auto* m = std::get_if<std::int64_t>(&minutes);
    if (!m)
        return {};
    return QStringLiteral("%1:%2").arg(*m / 60).arg(*m % 60, 2, 10, QLatin1Char('0'));
}

QString td(const QString& html, bool number, bool bold)
{
    const QString t = bold ? QStringLiteral("<b>") + html + QStringLiteral("</b>") : html;
    return (number ? QStringLiteral("<td align=\"right\">") : QStringLiteral("<td>")) + t + QStringLiteral("</td>");
}

QString th(const QString& html)
{
    return QStringLiteral("<th bgcolor=\"#e8e8e8\">") + html + QStringLiteral("</th>");
}

// A table; withHours adds an hours column after billed_minutes (the totals tables). The header row repeats
// on every page (<thead>).
QString tableHtml(const Html& html, const Table& table, bool withHours)
{
    std::ptrdiff_t billed = -1;
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        if (table.columns[i] == "billed_minutes")
            billed = static_cast<std::ptrdiff_t>(i);
    withHours = withHours && billed >= 0;
    QString h = QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\" "
                               "style=\"border-collapse: collapse; border-color: #777777;\"><thead><tr>");
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const char* words = columnWords(table.columns[i]);
        h += th(words ? html.words(words) : html(qs(table.columns[i])));
        if (withHours && static_cast<std::ptrdiff_t>(i) == billed)
            h += th(html.words(kHoursColumn));
    }
    h += QStringLiteral("</tr></thead>");
    if (table.rows.empty())
        h += QStringLiteral("<tr><td colspan=\"%1\">").arg(table.columns.size() + (withHours ? 1 : 0)) +
             html.words(QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Nothing recorded in this month.")) +
             QStringLiteral("</td></tr>");
    for (const auto& row : table.rows) {
        // The totals' last line: service "total".
        const bool totalLine = !table.columns.empty() && table.columns[0] == "service" && !row.empty() &&
                               std::holds_alternative<std::string>(row[0]) && std::get<std::string>(row[0]) == "total";
        h += QStringLiteral("<tr>");
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            const Cell cell = i < row.size() ? row[i] : Cell{};
            h += td(html(cellText(cell)), std::holds_alternative<std::int64_t>(cell), totalLine);
            if (withHours && static_cast<std::ptrdiff_t>(i) == billed)
                h += td(html(hours(cell)), true, totalLine);
        }
        h += QStringLiteral("</tr>");
    }
    return h + QStringLiteral("</table>");
}

const char* kindTitle(ReportKind kind)
{
    switch (kind) {
    case ReportKind::daily: return QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Daily report");
    case ReportKind::monthly: return QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Monthly statement");
    case ReportKind::totals: return QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Billing totals");
    }
    return "";
}

QString fact(const Html& html, const char* label, const QString& value)
{
    return QStringLiteral("<tr><td><b>") + html.words(label) + QStringLiteral("</b></td><td>") + html(value) +
           QStringLiteral("</td></tr>");
}

// One line of text drawn on the device at a rectangle, through a QTextDocument so that CJK runs get their face.
void drawLine(QPainter& painter, QPagedPaintDevice& device, const QFont& font, const QString& html,
              const QRectF& rect, bool right)
{
    QTextDocument line;
    line.documentLayout()->setPaintDevice(&device);
    line.setDefaultFont(font);
    line.setDocumentMargin(0);
    line.setHtml(QStringLiteral("<p align=\"") + (right ? QStringLiteral("right") : QStringLiteral("left")) +
                 QStringLiteral("\">") + html + QStringLiteral("</p>"));
    line.setTextWidth(rect.width());
    painter.save();
    painter.translate(rect.topLeft());
    line.drawContents(&painter, QRectF(0, 0, rect.width(), rect.height()));
    painter.restore();
}

} // namespace

QFont ReportRenderer::font(std::string_view language, qreal pointSize)
{
    QFont f;
    f.setFamilies({QStringLiteral("DejaVu Sans"), cjkFamily(language)});
    f.setPointSizeF(pointSize);
    return f;
}

QPageLayout ReportRenderer::pageLayout(const ReportDocument& doc)
{
    return QPageLayout(QPageSize(QPageSize::A4),
                       doc.kind == ReportKind::monthly ? QPageLayout::Landscape : QPageLayout::Portrait,
                       QMarginsF(12, 12, 12, 10), QPageLayout::Millimeter);
}

QString ReportRenderer::title(const ReportDocument& doc)
{
    const ReportTranslation tr(doc.language);
    // A demonstration store's report carries DEMO in its title, so on every page's footer and in the PDF's title.
    return (doc.header.demo ? QStringLiteral("DEMO ") : QString()) + tr.text(kindTitle(doc.kind)) +
           QLatin1Char(' ') + qs(formatMonth(doc.header.month)) + QLatin1Char(' ') + qs(doc.header.providerId);
}

QString ReportRenderer::columnTitle(const std::string& column, std::string_view language)
{
    const char* words = columnWords(column);
    return words ? ReportTranslation(language).text(words) : qs(column);
}

QString ReportRenderer::html(const ReportDocument& doc)
{
    const Html html(doc.language);
    const ReportHeader& hd = doc.header;
    QString h = QStringLiteral("<html><body><h2>") + html(title(doc)) + QStringLiteral("</h2>");
    if (hd.demo)
        h += QStringLiteral("<p style=\"color: #b71c1c;\"><b>DEMO</b> ") +
             html.words(QT_TRANSLATE_NOOP("sango::report::ReportRenderer",
                                          "This report comes from a demonstration store: it is not a real statement "
                                          "and bills nobody.")) +
             QStringLiteral("</p>");
    h += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    h += fact(html, QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Month"), qs(formatMonth(hd.month)));
    h += fact(html, QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Provider"),
              qs(hd.providerId) + QLatin1Char(' ') + qs(hd.providerName));
    h += fact(html, QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Municipality"), qs(hd.municipality));
    h += fact(html, QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Policy version"), qs(hd.policyVersion));
    h += fact(html, QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Price table version"),
              qs(hd.priceTableVersion));
    h += fact(html, QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Generated at"), qs(doc.generatedAt));
    h += QStringLiteral("</table>");
    if (doc.kind == ReportKind::monthly)
        h += QStringLiteral("<h3>") + html.words(QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Sessions")) +
             QStringLiteral("</h3>");
    else
        h += QStringLiteral("<p></p>");
    h += tableHtml(html, doc.table, doc.kind == ReportKind::totals);
    if (doc.totals)
        h += QStringLiteral("<h3>") +
             html.words(QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Totals per service")) +
             QStringLiteral("</h3>") + tableHtml(html, *doc.totals, true);
    if (doc.kind == ReportKind::totals || doc.totals)
        h += QStringLiteral("<p>") +
             html.words(QT_TRANSLATE_NOOP("sango::report::ReportRenderer",
                                          "Amount = floor(billed minutes × yen per hour ÷ 60) per service and price "
                                          "period. Cancelled and open sessions count in no total.")) +
             QStringLiteral("</p>");
    return h + QStringLiteral("</body></html>");
}

std::unique_ptr<QTextDocument> ReportRenderer::layout(const ReportDocument& doc)
{
    auto text = std::make_unique<QTextDocument>();
    text->setDefaultFont(font(doc.language, doc.kind == ReportKind::monthly ? 7.0 : 10.0));
    text->setHtml(html(doc));
    return text;
}

bool ReportRenderer::paint(const ReportDocument& doc, QPagedPaintDevice& device)
{
    auto text = layout(doc);
    QPainter painter;
    if (!painter.begin(&device))
        return false;
    // Laid out in the device's own pixels (its resolution), inside the page layout's margins.
    text->documentLayout()->setPaintDevice(&device);
    const QFont footerFont = font(doc.language, 7.0);
    const QFontMetricsF metrics(footerFont, &device);
    const QSizeF page(device.width(), device.height() - 2.5 * metrics.height());
    text->setPageSize(page);
    const int pages = text->pageCount();
    const Html html(doc.language);
    const QString heading = html(title(doc));
    const QRectF footer(0, device.height() - 1.5 * metrics.height(), device.width(), 1.5 * metrics.height());
    for (int i = 0; i < pages; ++i) {
        if (i > 0 && !device.newPage())
            return false;
        painter.save();
        painter.translate(0, -i * page.height());
        const QRectF clip(0, i * page.height(), page.width(), page.height());
        painter.setClipRect(clip);
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = clip;
        context.palette.setColor(QPalette::Text, Qt::black);
        text->documentLayout()->draw(&painter, context);
        painter.restore();
        drawLine(painter, device, footerFont, heading, footer, false);
        drawLine(painter, device, footerFont,
                 html(html.plain(QT_TRANSLATE_NOOP("sango::report::ReportRenderer", "Page %1 of %2"))
                          .arg(i + 1)
                          .arg(pages)),
                 footer, true);
    }
    return painter.end();
}

} // namespace sango::report
