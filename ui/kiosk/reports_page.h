#pragma once
// The manager's reports: a month (the current one by the context's clock, in the municipality's calendar),
// a kind (daily, monthly statement, billing totals), the rows in a table, and Print (the system printer the
// settings name, through the print dialog, which offers no "print to file"), Save PDF and Save CSV (UTF-8 with
// BOM and CRLF, byte for byte what `sango report KIND --format csv` writes). The PDF is ui/report's statement,
// in the screen's language. Files go only to the export folder or removable media: the save chooser is a
// ConfinedFileDialog, and every path is checked again before writing (FileRoots::checkExport: never a file of
// the store, never the data directory outside its exports folder).
#include <filesystem>
#include <optional>

#include <QPointer>
#include <QString>

#include "confined_file_dialog.h"

#include "manager_page.h"
#include "report_document.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QPrinter;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace sango::kiosk {

class ReportsPage : public ManagerPage {
    Q_OBJECT
public:
    // "ja", "en" or "zh_CN": the language on screen, which the report is made in.
    static std::string shownLanguage();
    explicit ReportsPage(KioskContext& context, QWidget* parent = nullptr);

    void setMonth(date::year_month month);
    date::year_month month() const;
    void setKind(report::ReportKind kind);
    report::ReportKind kind() const;

    // The report on screen (none before the first read, or when it could not be read).
    const std::optional<report::ReportDocument>& document() const { return m_document; }
    QTableView* table() const { return m_table; }
    QStandardItemModel* model() const { return m_model; }
    QLabel* messageLabel() const { return m_message; }
    // The save chooser Save PDF or Save CSV opened, while it is open.
    ConfinedFileDialog* exportDialog() const { return m_exportDialog.data(); }

    // What the buttons do after their file dialog (tests call these directly). not_permitted for staff, or for
    // a place outside the export roots; invalid_argument for a name without the format's extension.
    Expected<void> savePdf(const QString& path);
    Expected<void> saveCsv(const QString& path);
    Expected<void> printOn(QPrinter& printer);

public Q_SLOTS:
    void refresh() override;

private Q_SLOTS:
    void choosePrinter();
    void choosePdfFile();
    void chooseCsvFile();

private:
    void retranslate() override;
    QString defaultFileName(const char* extension) const;
    void chooseExportFile(const char* extension);
    Expected<std::filesystem::path> exportTarget(const QString& path, const char* extension) const;
    void say(const Expected<void>& r, const QString& done);

    QDateEdit* m_month;
    QComboBox* m_kind;
    QTableView* m_table;
    QStandardItemModel* m_model;
    QPushButton* m_print;
    QPushButton* m_savePdf;
    QPushButton* m_saveCsv;
    QLabel* m_monthLabel;
    QLabel* m_kindLabel;
    QLabel* m_message;
    std::optional<report::ReportDocument> m_document;
    QPointer<ConfinedFileDialog> m_exportDialog;
};

} // namespace sango::kiosk
