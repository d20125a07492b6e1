#include "reports_page.h"

#include <QLocale>

#include "sango/atomic_file.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>

#include "file_roots.h"
#include "kiosk_context.h"
#include "report_pdf.h"
#include "report_renderer.h"

namespace sango::kiosk {

namespace {

QString cellText(const Cell& cell)
{
    if (const auto* i = std::get_if<std::int64_t>(&cell))
        return QString::number(*i);
    if (const auto* s = std::get_if<std::string>(&cell))
        return QString::fromStdString(*s);
    if (const auto* list = std::get_if<std::vector<std::string>>(&cell)) {
        QStringList parts;
        for (const std::string& s : *list)
            parts << QString::fromStdString(s);
        return parts.join(QStringLiteral("; "));
    }
    return {};
}

} // namespace

ReportsPage::ReportsPage(KioskContext& context, QWidget* parent) : ManagerPage(context, parent)
{
    m_monthLabel = new QLabel(body());
    m_month = makeMonthEdit();
    m_kindLabel = new QLabel(body());
    m_kind = touch(new QComboBox(body()));
    for (auto k : {report::ReportKind::monthly, report::ReportKind::daily, report::ReportKind::totals})
        m_kind->addItem(QString(), QString::fromUtf8(report::toString(k).data()));
    auto* choose = new QHBoxLayout;
    choose->addWidget(m_monthLabel);
    choose->addWidget(m_month);
    choose->addWidget(m_kindLabel);
    choose->addWidget(m_kind, 1);

    m_model = new QStandardItemModel(this);
    m_table = new QTableView(body());
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_print = touch(new QPushButton(body()));
    m_savePdf = touch(new QPushButton(body()));
    m_saveCsv = touch(new QPushButton(body()));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_print);
    buttons->addWidget(m_savePdf);
    buttons->addWidget(m_saveCsv);
    m_message = new QLabel(body());
    m_message->setWordWrap(true);

    bodyLayout()->addLayout(choose);
    bodyLayout()->addWidget(m_table, 1);
    bodyLayout()->addLayout(buttons);
    bodyLayout()->addWidget(m_message);

    connect(m_month, &QDateEdit::dateChanged, this, &ReportsPage::refresh);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ReportsPage::refresh);
    connect(m_print, &QPushButton::clicked, this, &ReportsPage::choosePrinter);
    connect(m_savePdf, &QPushButton::clicked, this, &ReportsPage::choosePdfFile);
    connect(m_saveCsv, &QPushButton::clicked, this, &ReportsPage::chooseCsvFile);
    retranslate(); // and refresh(): the column headers are in the language
}

// The language the kiosk shows now (Language::apply sets the default locale), which a --lang run does not
// save in the settings: the report follows the screen.
std::string ReportsPage::shownLanguage()
{
    const QString name = QLocale().name();
    if (name.startsWith(QStringLiteral("ja")))
        return "ja";
    if (name.startsWith(QStringLiteral("zh")))
        return "zh_CN";
    return "en";
}

void ReportsPage::retranslate()
{
    m_monthLabel->setText(tr("Month"));
    m_kindLabel->setText(tr("Report"));
    m_kind->setItemText(0, tr("Monthly statement (every session)"));
    m_kind->setItemText(1, tr("Daily totals"));
    m_kind->setItemText(2, tr("Billing totals"));
    m_print->setText(tr("Print"));
    m_savePdf->setText(tr("Save PDF"));
    m_saveCsv->setText(tr("Save CSV"));
    m_month->setAccessibleName(tr("Month of the report"));
    m_kind->setAccessibleName(tr("Kind of report"));
    m_table->setAccessibleName(tr("Report rows"));
    m_print->setAccessibleName(tr("Print the report"));
    m_savePdf->setAccessibleName(tr("Save the report as a PDF file"));
    m_saveCsv->setAccessibleName(tr("Save the report as a CSV file"));
    if (permitted())
        refresh(); // the column headers are in the language
}

void ReportsPage::setMonth(date::year_month month)
{
    setMonthOf(m_month, month); // refreshes through dateChanged when it changed
}

date::year_month ReportsPage::month() const
{
    return monthOf(m_month);
}

void ReportsPage::setKind(report::ReportKind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(QString::fromUtf8(report::toString(kind).data())));
}

report::ReportKind ReportsPage::kind() const
{
    return report::parseReportKind(m_kind->currentData().toString().toStdString())
        .value_or(report::ReportKind::monthly);
}

void ReportsPage::refresh()
{
    m_model->clear();
    m_document.reset();
    if (!permitted())
        return;
    auto doc = report::buildReport(m_context->terminal(), kind(), month(), m_context->clock().now(),
                                   shownLanguage());
    if (!doc) {
        m_message->setText(tr("The report cannot be read.") + QStringLiteral("\n") + failureText(doc.error()));
        return;
    }
    m_document = std::move(*doc);
    const Table& t = m_document->table;
    QStringList headers;
    for (const std::string& c : t.columns)
        headers << report::ReportRenderer::columnTitle(c, m_document->language);
    m_model->setHorizontalHeaderLabels(headers);
    for (const auto& row : t.rows) {
        QList<QStandardItem*> items;
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            const Cell cell = i < row.size() ? row[i] : Cell{};
            auto* item = new QStandardItem(cellText(cell));
            if (std::holds_alternative<std::int64_t>(cell))
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            items << item;
        }
        m_model->appendRow(items);
    }
    m_table->resizeColumnsToContents();
    m_message->setText(t.rows.empty() ? tr("Nothing recorded in this month.") : QString());
}

Expected<void> ReportsPage::savePdf(const QString& path)
{
    if (auto ok = requireManager(); !ok)
        return ok;
    refresh(); // what was recorded since the page was drawn is in the file
    if (!m_document)
        return fail(Errc::store_io, "the report could not be read: see the message on the page");
    auto target = exportTarget(path, "pdf");
    if (!target)
        return tl::unexpected(target.error());
    return report::writePdf(*m_document, *target);
}

Expected<void> ReportsPage::saveCsv(const QString& path)
{
    if (auto ok = requireManager(); !ok)
        return ok;
    refresh();
    if (!m_document)
        return fail(Errc::store_io, "the report could not be read: see the message on the page");
    auto target = exportTarget(path, "csv");
    if (!target)
        return tl::unexpected(target.error());
    return sango::writeFileAtomically(*target, m_document->table.toCsv());
}

Expected<std::filesystem::path> ReportsPage::exportTarget(const QString& path, const char* extension) const
{
    // The export folder (made 0700 when missing) or removable media, never a file of the store nor the data
    // directory outside its exports folder; and a name of the report's kind, so that nothing else is replaced.
    const std::filesystem::path target = path.toStdString();
    if (target.extension() != std::string(".") + extension)
        return fail(Errc::invalid_argument, std::string("a report saved as ") + extension + " ends in ." + extension);
    const auto roots = FileRoots::forExport(m_context->settings(), m_context->location().dataDir,
                                            FileRoots::removableMedia());
    return FileRoots::checkExport(target, roots, m_context->location());
}

Expected<void> ReportsPage::printOn(QPrinter& printer)
{
    if (auto ok = requireManager(); !ok)
        return ok;
    if (!m_document)
        return fail(Errc::store_io, "the report could not be read: see the message on the page");
    return report::print(*m_document, printer);
}

QString ReportsPage::defaultFileName(const char* extension) const
{
    const auto m = month();
    return QStringLiteral("sango-%1-%2-%3.%4")
        .arg(m_kind->currentData().toString())
        .arg(static_cast<int>(m.year()))
        .arg(static_cast<unsigned>(m.month()), 2, 10, QLatin1Char('0'))
        .arg(QString::fromUtf8(extension));
}

void ReportsPage::say(const Expected<void>& r, const QString& done)
{
    m_message->setText(r ? done : failureText(r.error()));
}

void ReportsPage::choosePrinter()
{
    if (!permitted())
        return;
    refresh();
    if (!m_document)
        return;
    QPrinter printer(QPrinter::HighResolution);
    if (!m_context->settings().printer.empty())
        printer.setPrinterName(QString::fromStdString(m_context->settings().printer));
    report::preparePrinter(*m_document, printer);
    QPrintDialog dialog(&printer, this);
    dialog.setAccessibleName(tr("Choose the printer"));
    // Printers only: "print to file" would be a file browser of its own (reports are saved with Save PDF).
    dialog.setOption(QAbstractPrintDialog::PrintToFile, false);
    if (dialog.exec() != QDialog::Accepted)
        return;
    say(printOn(printer), tr("The report was sent to the printer."));
}

void ReportsPage::choosePdfFile()
{
    chooseExportFile("pdf");
}

void ReportsPage::chooseCsvFile()
{
    chooseExportFile("csv");
}

void ReportsPage::chooseExportFile(const char* extension)
{
    if (!permitted())
        return;
    if (m_exportDialog)
        m_exportDialog->close();
    const bool pdf = std::string_view(extension) == "pdf";
    auto roots = FileRoots::forExport(m_context->settings(), m_context->location().dataDir,
                                      FileRoots::removableMedia());
    auto* dialog = new ConfinedFileDialog(ConfinedFileDialog::Mode::save, std::move(roots),
                                          {QStringLiteral("*.") + QString::fromLatin1(extension)},
                                          QString::fromLatin1(extension), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(pdf ? tr("Save the report as PDF") : tr("Save the report as CSV"));
    dialog->setFileName(defaultFileName(extension));
    connect(dialog, &ConfinedFileDialog::fileChosen, this, [this, pdf](const QString& path) {
        say(pdf ? savePdf(path) : saveCsv(path), tr("Saved: %1").arg(path));
    });
    m_exportDialog = dialog;
    dialog->open();
}

} // namespace sango::kiosk
