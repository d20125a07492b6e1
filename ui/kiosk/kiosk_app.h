#pragma once
// The wiring `sango-kiosk` runs (main.cpp only calls runKiosk()): options, the data directory and key of
// `sango`, the store and the terminal with its clock witness, the background sync (when enrolled) on its own
// connection and thread, the settings of `<data-dir>/kiosk.json`, the language, the scan sources, and which
// top-level screen shows: the first run (no store, or no staff yet), a start-up failure in words (wrong key,
// damaged store, full disk), or the main window.
#include <memory>
#include <optional>
#include <string>

#include <QObject>
#include <QString>
#include <QStringList>

#include "kiosk_settings.h"
#include "sango/clock.h"
#include "sango/clock_witness.h"
#include "sango/error.h"
#include "sango/event_store.h"
#include "sango/terminal_config.h"

class QWidget;

namespace sango {
class Terminal;
}
namespace sango::sync {
class SyncEngine;
}
namespace sango::hal {
class CameraScanner;
class Scanner;
} // namespace sango::hal

namespace sango::kiosk {

class FirstRunScreen;
class KioskContext;
class Language;
class MainWindow;
class StartupErrorScreen;
class WedgeFilter;

struct KioskOptions {
    std::string configFile; // --config; empty: $SANGO_CONFIG, else /etc/sango/terminal.toml if it exists
    std::string dataDir;  // empty: $SANGO_DATA_DIR, else [store] data_dir, else the XDG data directory (as `sango`)
    std::string keyFile;  // empty: [store] key_file, else the systemd credential, else <data-dir>/store.key
    std::string language; // "ja", "en", "zh_CN"; empty: the settings' language
    bool windowed = false;
    bool demo = false;    // --demo: the first run sets up a demonstration store (published test keys allowed)
    std::string selfTestImage; // --self-test IMAGE
    std::string selfTestStaff; // --staff ID
    // The scan sources (keyboard wedge, camera, serial scanner) and the background sync thread: tests run
    // without them.
    bool devices = true;
    bool backgroundSync = true;
};

// The command line. exitStatus set: print `output` (to stdout for 0, else stderr) and end with it.
struct ParsedCommandLine {
    KioskOptions options;
    std::optional<int> exitStatus;
    QString output;
};
ParsedCommandLine parseCommandLine(const QStringList& arguments);

// Where the store is: --data-dir, else $SANGO_DATA_DIR, else [store] data_dir of the configuration, else
// $XDG_DATA_HOME/sango, else ~/.local/share/sango (the key: StoreLocation::resolve).
StoreLocation storeLocation(const KioskOptions& options, const TerminalConfig& config);

class KioskApp : public QObject {
    Q_OBJECT
public:
    // clock and boot outlive the app; qmDirectory: where the translations are (":/i18n" in the product).
    KioskApp(KioskOptions options, const Clock& clock, const BootClock& boot,
             QString qmDirectory = QStringLiteral(":/i18n"), QObject* parent = nullptr);
    ~KioskApp() override;

    // Opens what there is and shows the right screen. Call again (Try again) after a failure.
    void start();
    // What a started kiosk runs on, for a driver from outside the screens (the self-test, kiosk_self_test.h):
    // the error that stopped the start, or store_missing when the terminal is not set up.
    struct Running {
        Terminal& terminal;
        EventStore& store;
        KioskContext& context;
        sync::SyncEngine* engine; // none when the sync could not be set up
        MainWindow& window;
    };
    Expected<Running> running() const;

    QWidget* window() const { return m_window.get(); }
    MainWindow* mainWindow() const;
    FirstRunScreen* firstRunScreen() const;
    StartupErrorScreen* startupErrorScreen() const;
    KioskContext* context() const;
    Language& language() const { return *m_language; }
    KioskSettings& settings() { return m_settings; }
    const StoreLocation& location() const { return m_where; }
    const TerminalConfig& config() const { return m_config; }

public Q_SLOTS:
    // The language buttons: switch now, and remember it in the settings.
    void switchLanguage(const QString& code);

private:
    struct Session;
    // Reads terminal.toml (again), sets the log level and where the store is; a problem shows at start().
    void loadConfig();
    Expected<void> open();
    void close();
    void showWindow(std::unique_ptr<QWidget> window);
    void showFirstRun();
    void showError(const Error& e);
    void showMain();
    void loadSettings();
    void saveSettings();
    void applySettings();
    void startScanSources();
    // wedgeToo: also the keyboard wedge (only when the window goes: see startScanSources).
    void stopScanSources(bool wedgeToo = false);

    KioskOptions m_options;
    TerminalConfig m_config;
    std::optional<Error> m_configError; // terminal.toml (or SANGO_LOG_LEVEL) cannot be used: the error screen
    StoreLocation m_where;
    const Clock* m_clock;
    const BootClock* m_boot;
    KioskSettings m_settings;
    bool m_settingsUnreadable = false; // kiosk.json is not JSON: not overwritten unless the manager saves
    std::unique_ptr<Language> m_language;
    std::unique_ptr<Session> m_session;
    std::optional<Error> m_startError;
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<WedgeFilter> m_wedge;
    std::unique_ptr<hal::CameraScanner> m_camera;
    std::unique_ptr<hal::Scanner> m_scanner; // the serial scanner (hal::Scanner), when the settings name one
};

// main(): the whole program.
int runKiosk(int argc, char** argv);

} // namespace sango::kiosk
