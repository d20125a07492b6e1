#include "kiosk_app.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <QApplication>
#include <QCommandLineParser>
#include <QMetaObject>
#include <QPointer>
#include <QWidget>

#include "first_run_screen.h"
#include "kiosk_context.h"
#include "kiosk_self_test.h"
#include "language.h"
#include "main_window.h"
#include "quit_on_signal.h"
#include "sango/hal/camera_scanner.h"
#include "sango/hal/serial_scanner.h"
#include "sango/log_setup.h"
#include "sango/sync/resolve_tls.h"
#include "sango/sync/store_sync_local.h"
#include "sango/sync/sync_stack.h"
#include "sango/sync_state.h"
#include "sango/terminal.h"
#include "sango/terminal_session.h"
#include "result_panel.h"
#include "scan_screen.h"
#include "startup_error_screen.h"
#include "status_strip.h"
#include "wedge_filter.h"

#ifndef SANGO_VERSION
#define SANGO_VERSION "0.0.0"
#endif

#include "kiosk_log.h"

namespace sango::kiosk {

namespace fs = std::filesystem;

namespace {

void warn(const std::string& message)
{
    qCWarning(lcKiosk).noquote() << QString::fromStdString(message);
}

} // namespace

// Everything open while the main window shows. Destroyed in reverse order: the context, the sync stack (the
// engine's thread joins, then the client and the transport go), the sync's own connection, the terminal, the
// store.
struct KioskApp::Session {
    std::unique_ptr<TerminalSession> opened; // the store, the Terminal and its clock witness
    EventStore* store = nullptr;             // opened's
    Terminal* terminal = nullptr;            // opened's
    std::unique_ptr<EventStore> syncStore;
    std::unique_ptr<sync::StoreSyncLocal> syncLocal;
    std::unique_ptr<sync::SyncStack> syncStack;
    sync::SyncEngine* engine = nullptr; // syncStack's, when the sync could be set up
    std::unique_ptr<KioskContext> context;

    ~Session()
    {
        context.reset();
        engine = nullptr;
        syncStack.reset();
        syncLocal.reset();
        syncStore.reset();
    }
};

ParsedCommandLine parseCommandLine(const QStringList& arguments)
{
    ParsedCommandLine parsed;
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("sango-kiosk: the Sango kiosk (postpartum-care digital coupons)"));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QStringLiteral("the configuration file (default $SANGO_CONFIG, else "
                                                   "/etc/sango/terminal.toml if it exists)"),
                                    QStringLiteral("FILE"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("data directory (default $SANGO_DATA_DIR, else [store] data_dir "
                                                    "of the configuration, else the XDG data directory), the same "
                                                    "as sango's"),
                                     QStringLiteral("DIR"));
    const QCommandLineOption keyFile(QStringLiteral("key-file"),
                                     QStringLiteral("the store key file (default [store] key_file, else the systemd "
                                                    "credential store-key, else DATA_DIR/store.key)"),
                                     QStringLiteral("FILE"));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QStringLiteral("language: ja, en or zh (default: the kiosk settings')"),
                                  QStringLiteral("LANG"));
    const QCommandLineOption windowed(QStringLiteral("windowed"),
                                      QStringLiteral("run in a window (else full screen, as the settings say)"));
    const QCommandLineOption selfTest(QStringLiteral("self-test"),
                                      QStringLiteral("sign in as --staff with the PIN read from stdin, scan the "
                                                     "QR in IMAGE through the window, close that session from the "
                                                     "open list, sync once, print a JSON summary and exit"),
                                      QStringLiteral("IMAGE"));
    const QCommandLineOption staff(QStringLiteral("staff"), QStringLiteral("the staff id for --self-test"),
                                   QStringLiteral("ID"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("first run: set up a demonstration store, which may trust the "
                                                 "published test keys and shows DEMO on every screen and report"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("show this help"));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("show the version"));
    p.addOptions({config, dataDir, keyFile, lang, windowed, demo, selfTest, staff, help, version});
    const auto usage = [&](const QString& why) {
        parsed.exitStatus = 1;
        parsed.output = QStringLiteral("sango-kiosk: ") + why +
                        QStringLiteral("\nRun sango-kiosk --help for the options.\n");
        return parsed;
    };
    if (!p.parse(arguments))
        return usage(p.errorText());
    if (p.isSet(help)) {
        parsed.exitStatus = 0;
        parsed.output = p.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("sango-kiosk"));
        return parsed;
    }
    if (p.isSet(version)) {
        parsed.exitStatus = 0;
        parsed.output = QStringLiteral("sango-kiosk ") + QString::fromLatin1(SANGO_VERSION) + QStringLiteral("\n");
        return parsed;
    }
    if (!p.positionalArguments().isEmpty())
        return usage(QStringLiteral("unexpected argument ") + p.positionalArguments().constFirst());
    KioskOptions& o = parsed.options;
    o.configFile = p.value(config).toStdString();
    if (p.isSet(config) && o.configFile.empty())
        return usage(QStringLiteral("--config needs a file name"));
    o.dataDir = p.value(dataDir).toStdString();
    o.keyFile = p.value(keyFile).toStdString();
    if (p.isSet(lang)) {
        auto code = Language::normalise(p.value(lang).toStdString());
        if (!code)
            return usage(QStringLiteral("--lang must be ja, en or zh"));
        o.language = *code;
    }
    o.windowed = p.isSet(windowed);
    o.demo = p.isSet(demo);
    o.selfTestImage = p.value(selfTest).toStdString();
    o.selfTestStaff = p.value(staff).toStdString();
    if (p.isSet(selfTest) && (o.selfTestImage.empty() || o.selfTestStaff.empty()))
        return usage(QStringLiteral("--self-test IMAGE needs --staff ID"));
    if (p.isSet(staff) && !p.isSet(selfTest))
        return usage(QStringLiteral("--staff goes with --self-test"));
    if (p.isSet(selfTest)) {
        o.devices = false;        // the image is the scanner
        o.backgroundSync = false; // one cycle, run by the self-test itself
    }
    return parsed;
}

StoreLocation storeLocation(const KioskOptions& options, const TerminalConfig& config)
{
    return StoreLocation::resolve(options.dataDir, options.keyFile, config.dataDir, config.keyFile);
}

KioskApp::KioskApp(KioskOptions options, const Clock& clock, const BootClock& boot, QString qmDirectory,
                   QObject* parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_clock(&clock),
      m_boot(&boot),
      m_language(std::make_unique<Language>(std::move(qmDirectory)))
{
    loadConfig();
    loadSettings();
    // Large type for a touch screen read at arm's length.
    QFont font = QApplication::font();
    if (font.pointSize() > 0 && font.pointSize() < 14)
        font.setPointSize(14);
    QApplication::setFont(font);
    m_language->apply(m_options.language.empty() ? m_settings.language : m_options.language);
}

KioskApp::~KioskApp()
{
    close();
    m_window.reset();
}

MainWindow* KioskApp::mainWindow() const
{
    return qobject_cast<MainWindow*>(m_window.get());
}

FirstRunScreen* KioskApp::firstRunScreen() const
{
    return qobject_cast<FirstRunScreen*>(m_window.get());
}

StartupErrorScreen* KioskApp::startupErrorScreen() const
{
    return qobject_cast<StartupErrorScreen*>(m_window.get());
}

KioskContext* KioskApp::context() const
{
    return m_session ? m_session->context.get() : nullptr;
}

void KioskApp::loadConfig()
{
    // A file that cannot be used is shown by start() (the error screen, with Try again); meanwhile the built-in
    // defaults apply, so that the screen itself can show.
    auto config = TerminalConfig::load(m_options.configFile);
    m_configError.reset();
    if (config) {
        m_config = std::move(*config);
    } else {
        m_configError = config.error();
        m_config = TerminalConfig{};
    }
    auto level = log::setDefaultLevel(log::parseLevel(m_config.logLevel).value_or(log::Level::warn));
    if (!level && !m_configError)
        m_configError = level.error();
    followLogLevel();
    m_where = storeLocation(m_options, m_config);
}

void KioskApp::loadSettings()
{
    // terminal.toml's [kiosk] under what kiosk.json (the Settings page) holds.
    auto s = KioskSettings::load(m_where.dataDir / "kiosk.json", KioskSettings::fromConfig(m_config.kiosk));
    if (s) {
        m_settings = *s;
        m_settingsUnreadable = false;
    } else {
        warn(s.error().message);
        m_settings = KioskSettings::fromConfig(m_config.kiosk);
        m_settingsUnreadable = true;
    }
}

void KioskApp::saveSettings()
{
    std::error_code ec;
    if (m_settingsUnreadable || !fs::is_directory(m_where.dataDir, ec))
        return; // nothing to spoil: a broken file stays for the manager, and there is no data dir before set-up
    if (auto r = m_settings.save(m_where.dataDir / "kiosk.json"); !r)
        warn(r.error().message);
}

void KioskApp::switchLanguage(const QString& code)
{
    const auto normal = Language::normalise(code.toStdString());
    if (!normal || !m_language->apply(*normal))
        return;
    m_settings.language = *normal;
    saveSettings();
    if (auto* w = mainWindow())
        w->setCurrentLanguage(QString::fromStdString(*normal));
}

void KioskApp::start()
{
    stopScanSources(true);
    if (mainWindow())
        m_window.reset(); // the window goes before what it shows
    close();
    m_startError.reset();
    loadConfig(); // Try again after the file was corrected reads it again
    loadSettings();
    if (m_configError) {
        showError(*m_configError);
        return;
    }
    auto opened = open();
    if (!opened) {
        if (opened.error().code == Errc::store_missing)
            showFirstRun();
        else
            showError(opened.error());
        return;
    }
    if (!m_session) {
        showFirstRun(); // a store without staff: its first manager
        return;
    }
    showMain();
}

Expected<void> KioskApp::open()
{
    SANGO_TRY_ASSIGN(EventStore store, EventStore::open(m_where));
    SANGO_TRY_ASSIGN(const auto staff, store.staffCount());
    if (staff == 0)
        return {}; // no session: the first run registers a manager
    auto s = std::make_unique<Session>();
    SANGO_TRY_ASSIGN(s->opened, TerminalSession::over(std::move(store), *m_clock, *m_boot));
    s->store = &s->opened->store();
    s->terminal = &s->opened->terminal();

    SANGO_TRY_ASSIGN(const std::optional<Enrolment> enrolment, s->store->enrolment());
    if (enrolment) {
        // The sync has its own connection (SQLCipher WAL: its writes and the kiosk's take turns) and thread. A
        // sync that cannot be set up leaves the kiosk working offline: every scan is recorded all the same.
        auto syncStore = EventStore::open(m_where);
        if (!syncStore) {
            warn("the background sync cannot open the store: " + syncStore.error().message);
        } else {
            s->syncStore = std::make_unique<EventStore>(std::move(*syncStore));
            s->syncLocal = std::make_unique<sync::StoreSyncLocal>(*s->syncStore, *m_clock, *m_boot);
            // terminal.toml's [sync] first, else what enrolment recorded (as `sango sync`; the kiosk has no flags).
            auto recorded = SyncState(*s->syncStore).settings();
            auto tls = recorded ? sync::resolveTls({}, {m_config.caFile, m_config.pinnedKey}, &*recorded)
                                : Expected<sync::TlsSettings>(tl::unexpected(recorded.error()));
            if (!tls) {
                // Never a fall back to weaker checks: the kiosk works offline, and says why in the log.
                warn("the ledger's TLS settings cannot be read (" + tls.error().message +
                     "): the kiosk works offline until they can");
            } else {
                const std::string url = sync::resolveLedgerUrl({}, m_config.ledgerUrl, enrolment->ledgerUrl);
                sync::SyncOptions syncOptions;
                syncOptions.maxBatchEvents = static_cast<std::size_t>(m_config.batchEvents);
                s->syncStack = std::make_unique<sync::SyncStack>(*s->syncLocal, *tls, url, *m_clock, syncOptions);
                s->engine = s->syncStack->engine();
                if (m_options.backgroundSync)
                    s->engine->start();
            }
        }
    }
    s->context = std::make_unique<KioskContext>(*s->store, *s->terminal, *m_clock, m_settings, s->engine);
    s->context->setLocation(m_where);
    m_session = std::move(s);
    return {};
}

void KioskApp::close()
{
    stopScanSources(true);
    if (mainWindow())
        m_window.reset();
    m_session.reset();
}

void KioskApp::showWindow(std::unique_ptr<QWidget> window)
{
    if (m_window) {
        // The old screen may be the one whose signal brought us here: it goes once that signal is done.
        m_window->hide();
        m_window.release()->deleteLater();
    }
    m_window = std::move(window);
    if (!m_options.windowed && m_settings.fullScreen) {
        m_window->showFullScreen();
    } else {
        m_window->resize(1280, 800);
        m_window->show();
    }
}

void KioskApp::showFirstRun()
{
    auto screen = std::make_unique<FirstRunScreen>(m_where, *m_clock, *m_boot, m_options.demo);
    screen->statusStrip()->setCurrentLanguage(QString::fromStdString(m_language->current()));
    connect(screen.get(), &FirstRunScreen::languageRequested, this, &KioskApp::switchLanguage);
    connect(screen.get(), &FirstRunScreen::ready, this, [this] {
        saveSettings(); // the data directory exists now: keep the language chosen during set-up
        start();
    });
    showWindow(std::move(screen));
}

void KioskApp::showError(const Error& e)
{
    warn(std::string(toString(e.code)) + ": " + e.message);
    m_startError = e;
    auto screen = std::make_unique<StartupErrorScreen>(e);
    screen->statusStrip()->setCurrentLanguage(QString::fromStdString(m_language->current()));
    connect(screen.get(), &StartupErrorScreen::languageRequested, this, &KioskApp::switchLanguage);
    connect(screen.get(), &StartupErrorScreen::retryRequested, this, &KioskApp::start);
    showWindow(std::move(screen));
}

void KioskApp::showMain()
{
    auto window = std::make_unique<MainWindow>(*m_session->context);
    window->setCurrentLanguage(QString::fromStdString(m_language->current()));
    connect(window.get(), &MainWindow::languageRequested, this, &KioskApp::switchLanguage);
    connect(window.get(), &MainWindow::settingsSaved, this, &KioskApp::applySettings);
    showWindow(std::move(window));
    startScanSources();
}

void KioskApp::applySettings()
{
    // The settings page saved them: the scan sources and the window mode follow at once.
    m_settingsUnreadable = false; // the manager's save replaced a file that was not JSON
    startScanSources();
    if (!m_window || m_options.windowed)
        return;
    if (m_settings.fullScreen && !m_window->isFullScreen())
        m_window->showFullScreen();
    else if (!m_settings.fullScreen && m_window->isFullScreen())
        m_window->showNormal();
}

void KioskApp::startScanSources()
{
    stopScanSources();
    MainWindow* window = mainWindow();
    if (!m_options.devices || !window)
        return;
    // The keyboard wedge is always listened to: a USB scanner that types needs no setting. It outlives a change
    // of settings (which may come from a key it is replaying: deleting it then would pull the floor from under
    // it); only a new window or the end of the app replaces it.
    window->scanScreen()->resetPreview(); // no frame or camera problem left from the previous settings
    const bool newWedge = !m_wedge;
    if (newWedge)
        m_wedge = std::make_unique<WedgeFilter>();
    QObject::disconnect(m_wedge.get(), &WedgeFilter::scanned, nullptr, nullptr);
    connect(m_wedge.get(), &WedgeFilter::scanned, window,
            [window](const QString& text) { window->handleScan(text, ScanOrigin::wedge); });
    if (newWedge)
        qApp->installEventFilter(m_wedge.get());

    if (m_settings.scanner == KioskSettings::Scanner::camera) {
        m_camera = std::make_unique<hal::CameraScanner>();
        connect(m_camera.get(), &hal::CameraScanner::scanned, window,
                [window](const QString& text) { window->handleScan(text, ScanOrigin::camera); });
        connect(m_camera.get(), &hal::CameraScanner::previewFrame, window->scanScreen(), &ScanScreen::showPreview);
        connect(m_camera.get(), &hal::CameraScanner::cameraError, window->scanScreen(),
                [window](hal::CameraProblem problem, const QString& detail) {
                    warn("camera: " + std::string(problem == hal::CameraProblem::noCamera       ? "no camera found"
                                                  : problem == hal::CameraProblem::notConnected ? "not connected: "
                                                                                                : "stopped: ") +
                         detail.toStdString());
                    window->scanScreen()->showCameraProblem(problem, detail);
                });
        m_camera->start(QString::fromStdString(m_settings.cameraId));
    } else if (m_settings.scanner == KioskSettings::Scanner::serial) {
        hal::SerialScanner::Options options;
        options.port = m_settings.serialPort;
        options.baud = static_cast<unsigned>(m_settings.serialBaud);
        m_scanner = std::make_unique<hal::SerialScanner>(options);
        // Called on the scanner's own thread: the text crosses to the GUI thread, and is dropped if the window
        // has gone meanwhile.
        QPointer<MainWindow> target(window);
        m_scanner->setHandler([target](std::string text) {
            if (!target)
                return;
            QMetaObject::invokeMethod(
                target.data(),
                [target, t = QString::fromStdString(text)] {
                    if (target)
                        target->handleScan(t, ScanOrigin::serial);
                },
                Qt::QueuedConnection);
        });
        m_scanner->start();
    }
}

void KioskApp::stopScanSources(bool wedgeToo)
{
    if (m_scanner)
        m_scanner->stop(); // no handler call after this returns
    m_scanner.reset();
    if (m_camera)
        m_camera->stop();
    m_camera.reset();
    if (!wedgeToo)
        return;
    if (m_wedge)
        qApp->removeEventFilter(m_wedge.get());
    m_wedge.reset();
}

Expected<KioskApp::Running> KioskApp::running() const
{
    if (!m_session) {
        if (m_startError)
            return tl::unexpected(*m_startError);
        return fail(Errc::store_missing, "the terminal is not set up (no store, or no staff member): enrol it "
                                         "or install its policy files, and register a manager, first");
    }
    MainWindow* window = mainWindow();
    if (!window)
        return fail(Errc::store_io, "the kiosk window did not open");
    return Running{*m_session->terminal, *m_session->store, *m_session->context, m_session->engine, *window};
}

int runKiosk(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const ParsedCommandLine parsed = parseCommandLine(arguments);
    if (parsed.exitStatus) {
        std::fputs(parsed.output.toLocal8Bit().constData(), *parsed.exitStatus == 0 ? stdout : stderr);
        return *parsed.exitStatus;
    }
    // The self-test runs on machines without a display too.
    if (!parsed.options.selfTestImage.empty() && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") &&
        qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    installQtMessageHandler(); // Qt's messages too, from the platform's first one on, in sango::log's format
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("sango-kiosk"));
    QApplication::setApplicationVersion(QString::fromLatin1(SANGO_VERSION));
    SystemClock clock;
    SystemBootClock boot;
    KioskApp kiosk(parsed.options, clock, boot);
    if (!parsed.options.selfTestImage.empty())
        return runSelfTest(kiosk, parsed.options.selfTestImage, parsed.options.selfTestStaff);
    kiosk.start();
    QuitOnSignal quitOnSignal; // SIGTERM from systemd: out of the event loop, then everything closes in order
    return QApplication::exec();
}

} // namespace sango::kiosk
