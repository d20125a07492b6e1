#pragma once
// The manager's settings page: the scanner (camera, keyboard wedge only, serial, none), which camera, the
// serial port and its speed, the printer and the receipt printer (a device or a print queue: a path to a file or
// into the data directory is refused with what to write), the language, facility or visit
// mode, the default service, the idle sign-out time, sound and full screen. Save writes
// `<data-dir>/kiosk.json` (atomically) and emits saved(); the window and the app apply it at once. The ledger
// this terminal is enrolled with is shown (enrolment itself is the first run's).
#include <filesystem>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace sango::kiosk {

class KioskContext;

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPage(KioskContext& context, QWidget* parent = nullptr);

    // `<data-dir>/kiosk.json`, beside the store the context has open.
    static std::filesystem::path settingsFile(KioskContext& context);

    // Fills the fields from the context's settings (and the lists of cameras and printers).
    void load();
    // Takes the fields into the context's settings and saves them; false (with the reason shown) on failure.
    bool save();

    QComboBox* scannerBox() const { return m_scanner; }
    QComboBox* languageBox() const { return m_language; }
    QComboBox* modeBox() const { return m_mode; }
    QComboBox* serviceBox() const { return m_service; }
    QSpinBox* idleBox() const { return m_idle; }
    QLineEdit* receiptPrinterField() const { return m_receiptPrinter; }
    QPushButton* saveButton() const { return m_save; }
    QLabel* messageLabel() const { return m_message; }
    QLabel* ledgerLabel() const { return m_ledger; }

Q_SIGNALS:
    void saved();
    // The language was changed here (the window switches to it like its language buttons do).
    void languageChosen(const QString& code);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void retranslateUi();
    void fillDeviceLists();

    KioskContext* m_context;
    QFormLayout* m_form = nullptr;
    QComboBox* m_scanner = nullptr;
    QComboBox* m_camera = nullptr;
    QLineEdit* m_serialPort = nullptr;
    QComboBox* m_baud = nullptr;
    QComboBox* m_printer = nullptr;
    QLineEdit* m_receiptPrinter = nullptr;
    QComboBox* m_language = nullptr;
    QComboBox* m_mode = nullptr;
    QComboBox* m_service = nullptr;
    QSpinBox* m_idle = nullptr;
    QCheckBox* m_sound = nullptr;
    QCheckBox* m_fullScreen = nullptr;
    QLabel* m_ledger = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_save = nullptr;
    QString m_ledgerUrl; // empty: not enrolled
};

} // namespace sango::kiosk
