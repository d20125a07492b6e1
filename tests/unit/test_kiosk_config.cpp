// The kiosk's side of terminal.toml: KioskSettings take their defaults from [kiosk], kiosk.json overrides them
// field by field and still round-trips; the Qt messages go through sango::log with the journal's prefixes.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <QApplication>
#include <QLabel>
#include <QLoggingCategory>
#include <QPushButton>

#include "kiosk_app.h"
#include "kiosk_log.h"
#include "kiosk_settings.h"
#include "language.h"
#include "process.h"
#include "sango/log_setup.h"
#include "startup_error_screen.h"
#include "store_fixture.h"

Q_LOGGING_CATEGORY(lcTestOther, "qt.sango.test", QtDebugMsg)

namespace sango::kiosk {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string readText(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void expectSame(const KioskSettings& a, const KioskSettings& b)
{
    EXPECT_EQ(a.mode, b.mode);
    EXPECT_EQ(a.language, b.language);
    EXPECT_EQ(a.defaultService, b.defaultService);
    EXPECT_EQ(a.scanner, b.scanner);
    EXPECT_EQ(a.cameraId, b.cameraId);
    EXPECT_EQ(a.serialPort, b.serialPort);
    EXPECT_EQ(a.serialBaud, b.serialBaud);
    EXPECT_EQ(a.printer, b.printer);
    EXPECT_EQ(a.receiptPrinter, b.receiptPrinter);
    EXPECT_EQ(a.couponsFolder, b.couponsFolder);
    EXPECT_EQ(a.exportFolder, b.exportFolder);
    EXPECT_EQ(a.idleSignOutSeconds, b.idleSignOutSeconds);
    EXPECT_EQ(a.sound, b.sound);
    EXPECT_EQ(a.fullScreen, b.fullScreen);
}

TerminalConfig::Kiosk visitTablet()
{
    auto c = TerminalConfig::parse(R"([kiosk]
mode = "visit"
language = "en"
default_service = "visit"
scanner = "serial"
serial_port = "/dev/serial/by-id/usb-scanner"
serial_baud = 115200
receipt_printer = "/dev/usb/lp0"
coupons_folder = "/media/tablet/coupons"
idle_sign_out_seconds = 300
sound = false
)",
                                   "t.toml");
    EXPECT_TRUE(c) << c.error().message;
    return c ? c->kiosk : TerminalConfig::Kiosk{};
}

TEST(KioskConfig, TheBuiltInDefaultsAreTheConfigurationsDefaults)
{
    expectSame(KioskSettings::fromConfig(TerminalConfig{}.kiosk), KioskSettings{});
}

TEST(KioskConfig, WithoutKioskJsonTheConfigurationApplies)
{
    test::TempDir dir;
    auto s = KioskSettings::load(dir.path() / "kiosk.json", KioskSettings::fromConfig(visitTablet()));
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->mode, KioskSettings::Mode::visit);
    EXPECT_EQ(s->language, "en");
    EXPECT_EQ(s->scanner, KioskSettings::Scanner::serial);
    EXPECT_EQ(s->serialPort, "/dev/serial/by-id/usb-scanner");
    EXPECT_EQ(s->serialBaud, 115200);
    EXPECT_EQ(s->receiptPrinter, "/dev/usb/lp0");
    EXPECT_EQ(s->couponsFolder, "/media/tablet/coupons");
    EXPECT_EQ(s->exportFolder, "") << "the default: <data-dir>/exports";
    EXPECT_EQ(s->idleSignOutSeconds, 300);
    EXPECT_FALSE(s->sound);
    EXPECT_TRUE(s->fullScreen);
}

TEST(KioskConfig, KioskJsonOverridesFieldByField)
{
    test::TempDir dir;
    const fs::path file = dir.path() / "kiosk.json";
    std::ofstream(file) << R"({"language": "zh_CN", "scanner": "camera", "sound": true,
                               "export_folder": "/srv/sango-exports", "coupons_folder": "relative/not/taken"})";
    auto s = KioskSettings::load(file, KioskSettings::fromConfig(visitTablet()));
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->language, "zh_CN");
    EXPECT_EQ(s->scanner, KioskSettings::Scanner::camera);
    EXPECT_TRUE(s->sound);
    EXPECT_EQ(s->exportFolder, "/srv/sango-exports");
    EXPECT_EQ(s->couponsFolder, "/media/tablet/coupons") << "a folder that is not an absolute path is not taken";
    // What the file does not hold comes from the configuration.
    EXPECT_EQ(s->mode, KioskSettings::Mode::visit);
    EXPECT_EQ(s->idleSignOutSeconds, 300);
    EXPECT_EQ(s->serialBaud, 115200);
}

TEST(KioskConfig, TheSettingsPagesSaveRoundTripsAndKeepsOnlyWhatDiffers)
{
    test::TempDir dir;
    const fs::path file = dir.path() / "kiosk.json";
    const KioskSettings defaults = KioskSettings::fromConfig(visitTablet());
    auto s = KioskSettings::load(file, defaults);
    ASSERT_TRUE(s);
    // A manager changes two settings, as the Settings page does (a copy, changed, saved).
    KioskSettings changed = *s;
    changed.idleSignOutSeconds = 120;
    changed.printer = "Office";
    ASSERT_TRUE(changed.save(file));
    const json written = json::parse(readText(file));
    EXPECT_EQ(written, json({{"idle_sign_out_seconds", 120}, {"printer", "Office"}})) << written.dump();

    auto again = KioskSettings::load(file, defaults);
    ASSERT_TRUE(again) << again.error().message;
    expectSame(*again, changed);

    // The administrator changes [kiosk] later: what the manager did not change follows it.
    TerminalConfig::Kiosk later = visitTablet();
    later.sound = true;
    later.idleSignOutSeconds = 900;
    auto after = KioskSettings::load(file, KioskSettings::fromConfig(later));
    ASSERT_TRUE(after);
    EXPECT_TRUE(after->sound);
    EXPECT_EQ(after->idleSignOutSeconds, 120);
    EXPECT_EQ(after->printer, "Office");
}

TEST(KioskConfig, SettingsMadeWithoutLoadWriteEveryField)
{
    test::TempDir dir;
    const fs::path file = dir.path() / "kiosk.json";
    KioskSettings s;
    s.language = "en";
    ASSERT_TRUE(s.save(file));
    const json written = json::parse(readText(file));
    EXPECT_EQ(written.size(), 14u) << written.dump();
    auto again = KioskSettings::load(file);
    ASSERT_TRUE(again);
    expectSame(*again, s);
}

// ---- KioskApp with terminal.toml ----

// One QApplication (offscreen) for the program, made before the first test.
class QtEnvironment : public ::testing::Environment {
public:
    void SetUp() override
    {
        if (QApplication::instance() != nullptr)
            return;
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        m_app = std::make_unique<QApplication>(m_argc, m_argv);
    }
    void TearDown() override { m_app.reset(); }

private:
    int m_argc = 1;
    char m_name[32] = "sango_kiosk_config_tests";
    char* m_argv[2] = {m_name, nullptr};
    std::unique_ptr<QApplication> m_app;
};

[[maybe_unused]] ::testing::Environment* const kQtEnvironment = ::testing::AddGlobalTestEnvironment(new QtEnvironment);

class FixedBootClock final : public BootClock {
public:
    BootReading read() const override { return {"boot-1", 0}; }
};

class KioskAppConfigTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        for (const char* name : {"SANGO_DATA_DIR", "SANGO_CONFIG", "SANGO_LOG_LEVEL", "CREDENTIALS_DIRECTORY"}) {
            if (const char* v = std::getenv(name))
                m_saved.emplace_back(name, v);
            ::unsetenv(name);
        }
    }
    void TearDown() override
    {
        for (const auto& [name, value] : m_saved)
            ::setenv(name.c_str(), value.c_str(), 1);
        (void)log::setDefaultLevel(log::Level::warn);
    }

    KioskOptions options() const
    {
        KioskOptions o;
        o.configFile = m_file.string();
        o.windowed = true;
        o.language = "en";
        o.devices = false;
        o.backgroundSync = false;
        return o;
    }

    test::TempDir m_dir;
    fs::path m_file = m_dir.path() / "terminal.toml";
    FakeClock m_clock{test::kApril3Morning};
    FixedBootClock m_boot;
    std::vector<std::pair<std::string, std::string>> m_saved;
};

TEST_F(KioskAppConfigTest, AnInvalidFileShowsTheStartUpErrorScreenAndTryAgainReadsItAgain)
{
    const fs::path data = m_dir.path() / "data";
    std::ofstream(m_file) << "[store]\ndata_dir = \"" << data.string() << "\"\n\n[kiosk]\nidle_sign_out_seconds = 5\n";
    KioskApp app(options(), m_clock, m_boot);
    app.start();
    StartupErrorScreen* screen = app.startupErrorScreen();
    ASSERT_NE(screen, nullptr);
    EXPECT_EQ(screen->error().code, Errc::invalid_config);
    const std::string detail = screen->detailLabel()->text().toStdString();
    EXPECT_NE(detail.find(m_file.string() + ":5: [kiosk] idle_sign_out_seconds must be 30 to 86400 (got 5)"),
              std::string::npos)
        << detail;
    EXPECT_FALSE(fs::exists(data)); // nothing made while the file is wrong

    // Corrected, then Try again: the file is read again, its data directory and [kiosk] defaults apply.
    std::ofstream(m_file, std::ios::trunc) << "[store]\ndata_dir = \"" << data.string()
                                           << "\"\n[log]\nlevel = \"error\"\n[kiosk]\nidle_sign_out_seconds = 300\n"
                                              "scanner = \"none\"\n";
    screen->retryButton()->click();
    EXPECT_EQ(app.startupErrorScreen(), nullptr);
    EXPECT_NE(app.firstRunScreen(), nullptr); // no store there yet: the first run
    EXPECT_EQ(app.location().dataDir, data);
    EXPECT_EQ(app.settings().idleSignOutSeconds, 300);
    EXPECT_EQ(app.settings().scanner, KioskSettings::Scanner::none);
    EXPECT_EQ(log::defaultLevel(), log::Level::error);
}

TEST_F(KioskAppConfigTest, KioskJsonWinsOverTheFileAndTheFlagOverBoth)
{
    const fs::path data = m_dir.path() / "data";
    fs::create_directories(data);
    std::ofstream(m_file) << "[store]\ndata_dir = \"" << data.string() << "\"\n[kiosk]\nlanguage = \"zh_CN\"\n"
                             "idle_sign_out_seconds = 300\nsound = false\n";
    std::ofstream(data / "kiosk.json") << R"({"idle_sign_out_seconds": 120})";
    KioskApp app(options(), m_clock, m_boot);
    EXPECT_EQ(app.settings().idleSignOutSeconds, 120);  // kiosk.json
    EXPECT_FALSE(app.settings().sound);                  // terminal.toml
    EXPECT_EQ(app.settings().language, "zh_CN");         // terminal.toml (the settings' language) ...
    EXPECT_EQ(app.language().current(), "en");           // ... under --lang

    KioskOptions other = options();
    other.dataDir = (m_dir.path() / "flag").string();
    KioskApp flagged(other, m_clock, m_boot);
    EXPECT_EQ(flagged.location().dataDir, m_dir.path() / "flag");
}

// ---- Qt messages through sango::log ----

TEST(KioskLog, QtMessagesGetTheJournalsPrefixes)
{
    test::TempDir dir;
    const fs::path file = dir.path() / "stderr.log";
    std::ofstream(file).flush();
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    const std::string stream = std::to_string(static_cast<unsigned long long>(st.st_dev)) + ":" +
                               std::to_string(static_cast<unsigned long long>(st.st_ino));
    const char* oldStream = std::getenv("JOURNAL_STREAM");
    ::setenv("JOURNAL_STREAM", stream.c_str(), 1);
    ::unsetenv("SANGO_LOG_LEVEL");

    std::fflush(stderr);
    const int saved = ::dup(STDERR_FILENO);
    const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    ::dup2(fd, STDERR_FILENO);
    ::close(fd);
    log::refreshOutput();
    ASSERT_TRUE(log::setDefaultLevel(log::Level::info));
    installQtMessageHandler();

    qCWarning(lcKiosk) << "camera: no camera found";
    qCInfo(lcKiosk) << "signal 15 received: closing";
    qCDebug(lcKiosk) << "not at info";
    qCCritical(lcTestOther) << "from another category";
    qWarning("plain qWarning");

    qInstallMessageHandler(nullptr);
    std::fflush(stderr);
    ::dup2(saved, STDERR_FILENO);
    ::close(saved);
    if (oldStream)
        ::setenv("JOURNAL_STREAM", oldStream, 1);
    else
        ::unsetenv("JOURNAL_STREAM");
    log::refreshOutput();
    (void)log::setDefaultLevel(log::Level::warn);

    EXPECT_EQ(readText(file), "<4>[sango.kiosk] camera: no camera found\n"
                              "<6>[sango.kiosk] signal 15 received: closing\n"
                              "<3>[sango.kiosk] qt.sango.test: from another category\n"
                              "<4>[sango.kiosk] plain qWarning\n");
}

} // namespace
} // namespace sango::kiosk
