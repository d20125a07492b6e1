#pragma once
// The kiosk's one window: a status strip (language switch, online/offline, queue and its oldest age, who is
// signed in, Manager and Sign out), and a stack of screens: sign-in, scan (the home screen), and, for a
// manager, the manager's pages in tabs. Every scan, whatever its source (camera, serial scanner, keyboard
// wedge: KioskApp connects them), goes through handleScan() to the scan screen. Nobody touching the screen
// for the settings' idle time signs the member out (IdleWatcher).
#include <QMainWindow>

class QStackedWidget;
class QTabWidget;

namespace sango::kiosk {

class CorrectionsPage;
class IdleWatcher;
class KioskContext;
class ManualEntryPage;
class PaperPage;
class ReportsPage;
class ScanScreen;
class SettingsPage;
class SignInScreen;
class StatusStrip;
class SyncPage;
enum class ScanOrigin;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(KioskContext& context, QWidget* parent = nullptr);
    ~MainWindow() override;

    enum class Screen { signIn, scan, manager };
    Screen currentScreen() const;

    ScanScreen* scanScreen() const { return m_scan; }
    SignInScreen* signInScreen() const { return m_signIn; }
    StatusStrip* statusStrip() const { return m_strip; }
    QTabWidget* managerArea() const { return m_manager; }
    SettingsPage* settingsPage() const { return m_settings; }
    IdleWatcher* idleWatcher() const { return m_idle; }

    // Marks the language button of the language in use.
    void setCurrentLanguage(const QString& code);

public Q_SLOTS:
    void handleScan(const QString& text, sango::kiosk::ScanOrigin origin);
    void showScanScreen();
    void showManagerArea();
    void signOut();
    // Applies the settings the window itself uses (idle sign-out time); KioskApp applies the rest.
    void applySettings();

Q_SIGNALS:
    // A language button was pressed (KioskApp switches the application's language and saves it).
    void languageRequested(const QString& code);
    // The manager saved the settings (KioskApp restarts the scan sources and the window mode).
    void settingsSaved();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void staffChanged();

    KioskContext* m_context;
    StatusStrip* m_strip = nullptr;
    QStackedWidget* m_stack = nullptr;
    SignInScreen* m_signIn = nullptr;
    ScanScreen* m_scan = nullptr;
    QTabWidget* m_manager = nullptr;
    ReportsPage* m_reports = nullptr;
    CorrectionsPage* m_corrections = nullptr;
    PaperPage* m_paper = nullptr;
    ManualEntryPage* m_manual = nullptr;
    SyncPage* m_sync = nullptr;
    SettingsPage* m_settings = nullptr;
    IdleWatcher* m_idle = nullptr;
};

} // namespace sango::kiosk
