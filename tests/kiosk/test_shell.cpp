// The kiosk shell under the offscreen platform: sign-in (right PIN, wrong PIN with the tries left, lockout
// after five, unknown id, keypad and keyboard), the Manager button for managers only, idle sign-out through
// the watcher's own trigger, the language switch at any moment (test translations with finished strings, and
// the product's embedded, still empty ones: translator installed, font JP/SC), the status strip, scans with
// nobody signed in, the first run from policy files to the sign-in screen, a wrong key shown in words, and
// the command line. Time is a FakeClock (the fixture's 2026-04-03T10:00+09:00).
#include <signal.h>

#include <chrono>
#include <fstream>

#include <QApplication>
#include <QComboBox>
#include <QSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QTranslator>

#include <gtest/gtest.h>

#include "first_run_screen.h"
#include "idle_watcher.h"
#include "kiosk_app.h"
#include "kiosk_fixture.h"
#include "language.h"
#include "main_window.h"
#include "quit_on_signal.h"
#include "sango/base64url.h"
#include "sango/crypto.h"
#include "sango/sync/store_sync_local.h"
#include "scan_screen.h"
#include "settings_page.h"
#include "sign_in_screen.h"
#include "startup_error_screen.h"
#include "status_strip.h"
#include "test_paths.h"

namespace sango::test {
namespace {

using kiosk::MainWindow;

constexpr int kWaitMs = 5000;

class FixedBootClock final : public BootClock {
public:
    BootReading read() const override { return {"shell-test-boot", 0}; }
};

// Waits (with a deadline) for posted events such as QEvent::LanguageChange to reach the widgets.
bool eventually(const std::function<bool()>& condition)
{
    return QTest::qWaitFor(condition, kWaitMs);
}

class ShellTest : public KioskFixture {
protected:
    void SetUp() override
    {
        KioskFixture::SetUp();
        m_window = std::make_unique<MainWindow>(context());
        m_window->show();
    }
    void TearDown() override
    {
        m_window.reset();
        KioskFixture::TearDown();
    }

    kiosk::SignInScreen& signIn() { return *m_window->signInScreen(); }

    void typeSignIn(const QString& id, const QString& pin)
    {
        signIn().staffField()->setText(id);
        signIn().pinField()->setText(pin);
        signIn().signInButton()->click();
    }

    QString message() { return signIn().messageLabel()->text(); }

    std::unique_ptr<MainWindow> m_window;
};

TEST_F(ShellTest, TheRightPinOpensTheScanScreenAndStaffHaveNoManagerButton)
{
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::signIn);
    EXPECT_FALSE(m_window->statusStrip()->signOutButton()->isVisible());
    typeSignIn(QString::fromLatin1(kStaffId), QString::fromLatin1(kStaffPin));
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::scan);
    ASSERT_TRUE(context().staff());
    EXPECT_EQ(context().staff()->staffId, kStaffId);
    EXPECT_FALSE(m_window->statusStrip()->managerButton()->isVisible());
    EXPECT_TRUE(m_window->statusStrip()->signOutButton()->isVisible());
    EXPECT_TRUE(m_window->statusStrip()->staffLabel()->text().contains(QString::fromLatin1(kStaffId)));
    // Nothing leads a staff member to the manager's pages.
    m_window->showManagerArea();
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::scan);
    // The PIN does not stay in the field.
    EXPECT_TRUE(signIn().pinField()->text().isEmpty());
}

TEST_F(ShellTest, AManagerHasTheManagerButtonAndItsPages)
{
    typeSignIn(QString::fromLatin1(kManagerId), QString::fromLatin1(kManagerPin));
    ASSERT_EQ(m_window->currentScreen(), MainWindow::Screen::scan);
    QPushButton* manager = m_window->statusStrip()->managerButton();
    ASSERT_TRUE(manager->isVisible());
    manager->click();
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::manager);
    EXPECT_EQ(m_window->managerArea()->count(), 6);
    manager->click(); // now "Scan": back home
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::scan);
    // Signing out hides it again and shows the sign-in screen.
    m_window->statusStrip()->signOutButton()->click();
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::signIn);
    EXPECT_FALSE(context().staff());
    EXPECT_FALSE(manager->isVisible());
}

TEST_F(ShellTest, AWrongPinSaysSoWithTheTriesLeft)
{
    typeSignIn(QString::fromLatin1(kStaffId), QStringLiteral("0000"));
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::signIn);
    EXPECT_FALSE(context().staff());
    EXPECT_TRUE(message().contains(QStringLiteral("Wrong PIN"))) << message().toStdString();
    EXPECT_TRUE(message().contains(QStringLiteral("4 more"))) << message().toStdString();
    typeSignIn(QString::fromLatin1(kStaffId), QStringLiteral("0001"));
    EXPECT_TRUE(message().contains(QStringLiteral("3 more"))) << message().toStdString();
}

TEST_F(ShellTest, AnUnknownStaffIdReadsExactlyAsAWrongPin)
{
    // The screen cannot tell who is registered: an unknown id gets a known id's wrong-PIN words, try for try,
    // and the same lockout.
    for (int i = 0; i < Terminal::kMaxPinFailures; ++i) {
        typeSignIn(QString::fromLatin1(kStaffId), QStringLiteral("0000"));
        const QString known = message();
        typeSignIn(QStringLiteral("nobody"), QStringLiteral("0000"));
        EXPECT_EQ(message(), QString(known).replace(QString::fromLatin1(kStaffId), QStringLiteral("nobody"))) << i;
        EXPECT_FALSE(message().contains(QStringLiteral("not registered"))) << message().toStdString();
    }
    EXPECT_TRUE(message().contains(QStringLiteral("locked until 10:05"))) << message().toStdString();
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::signIn);
}

TEST_F(ShellTest, FiveWrongPinsLockSignInUntilAGivenTime)
{
    for (int i = 0; i < Terminal::kMaxPinFailures; ++i)
        typeSignIn(QString::fromLatin1(kStaffId), QStringLiteral("9999"));
    // Locked for five minutes from 10:00 local time.
    EXPECT_TRUE(message().contains(QStringLiteral("locked until 10:05"))) << message().toStdString();
    // Even the right PIN waits.
    typeSignIn(QString::fromLatin1(kStaffId), QString::fromLatin1(kStaffPin));
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::signIn);
    EXPECT_TRUE(message().contains(QStringLiteral("locked until 10:05"))) << message().toStdString();
    m_clock.advance(std::chrono::minutes(6));
    typeSignIn(QString::fromLatin1(kStaffId), QString::fromLatin1(kStaffPin));
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::scan);
}

TEST_F(ShellTest, TheKeypadTypesThePinAndEnterSignsIn)
{
    QTest::keyClicks(signIn().staffField(), QString::fromLatin1(kStaffId));
    for (QChar c : QString::fromLatin1(kStaffPin))
        signIn().keypadButton(c.digitValue())->click();
    EXPECT_EQ(signIn().pinField()->text(), QString::fromLatin1(kStaffPin));
    QTest::keyClick(signIn().pinField(), Qt::Key_Return);
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::scan);
}

TEST_F(ShellTest, IdleTimeSignsOutWithoutWaiting)
{
    kiosk::IdleWatcher* idle = m_window->idleWatcher();
    EXPECT_FALSE(idle->isArmed());
    idle->expire(); // nobody signed in: nothing happens
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::signIn);

    typeSignIn(QString::fromLatin1(kStaffId), QString::fromLatin1(kStaffPin));
    ASSERT_EQ(m_window->currentScreen(), MainWindow::Screen::scan);
    EXPECT_TRUE(idle->isArmed());
    EXPECT_EQ(idle->timer()->interval(), m_settings.idleSignOutSeconds * 1000);
    // Input keeps it armed, counting again.
    QTest::keyClick(m_window->scanScreen(), Qt::Key_Shift);
    EXPECT_TRUE(idle->isArmed());

    idle->expire(); // what the timer's timeout calls
    EXPECT_FALSE(context().staff());
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::signIn);
    EXPECT_FALSE(idle->isArmed());
}

TEST_F(ShellTest, TheIdleTimeFollowsTheSettings)
{
    m_settings.idleSignOutSeconds = 90;
    m_window->applySettings();
    typeSignIn(QString::fromLatin1(kStaffId), QString::fromLatin1(kStaffPin));
    EXPECT_EQ(m_window->idleWatcher()->timer()->interval(), 90 * 1000);
}

TEST_F(ShellTest, TheLanguageSwitchesVisibleTextsAtAnyMoment)
{
    kiosk::Language language(QStringLiteral(SANGO_TEST_QM_DIR));
    QObject::connect(m_window.get(), &MainWindow::languageRequested,
                     [&](const QString& code) { language.apply(code.toStdString()); });
    const QString englishTitle = m_window->windowTitle();
    EXPECT_EQ(englishTitle, QStringLiteral("Sango: postpartum care coupons"));
    EXPECT_EQ(signIn().signInButton()->text(), QStringLiteral("Sign in"));

    m_window->statusStrip()->languageButton(QStringLiteral("ja"))->click();
    EXPECT_TRUE(eventually([&] { return signIn().signInButton()->text() == QString::fromUtf8("サインイン"); }))
        << signIn().signInButton()->text().toStdString();
    EXPECT_EQ(m_window->windowTitle(), QString::fromUtf8("産後ケアクーポン"));
    EXPECT_TRUE(m_window->statusStrip()->languageButton(QStringLiteral("ja"))->isChecked());

    // Signed in, on the scan screen: the strip is still there and switches the whole window.
    typeSignIn(QString::fromLatin1(kStaffId), QString::fromLatin1(kStaffPin));
    ASSERT_EQ(m_window->currentScreen(), MainWindow::Screen::scan);
    m_window->statusStrip()->languageButton(QStringLiteral("zh_CN"))->click();
    EXPECT_TRUE(eventually([&] { return m_window->windowTitle() == QString::fromUtf8("产后护理券"); }))
        << m_window->windowTitle().toStdString();
    EXPECT_EQ(QApplication::font().family(), QStringLiteral("Noto Sans CJK SC"));
    EXPECT_FALSE(m_window->statusStrip()->languageButton(QStringLiteral("ja"))->isChecked());

    m_window->statusStrip()->languageButton(QStringLiteral("en"))->click();
    EXPECT_TRUE(eventually([&] { return m_window->windowTitle() == englishTitle; }));
    EXPECT_EQ(QApplication::font().family(), QStringLiteral("Noto Sans CJK JP"));
}

TEST(ShellLanguage, TheEmbeddedTranslationsInstallAndTheFontFollows)
{
    ASSERT_NE(QApplication::instance(), nullptr);
    kiosk::Language language; // :/i18n, the product's own (translations still empty)
    ASSERT_TRUE(language.apply("ja"));
    ASSERT_NE(language.translator(), nullptr) << "no :/i18n/sango_ja.qm";
    EXPECT_EQ(language.translator()->filePath(), QStringLiteral(":/i18n/sango_ja.qm"));
    EXPECT_TRUE(language.translator()->language().startsWith(QStringLiteral("ja")));
    EXPECT_EQ(QApplication::font().family(), QStringLiteral("Noto Sans CJK JP"));

    ASSERT_TRUE(language.apply("zh"));
    EXPECT_EQ(language.current(), "zh_CN");
    ASSERT_NE(language.translator(), nullptr) << "no :/i18n/sango_zh_CN.qm";
    EXPECT_EQ(language.translator()->filePath(), QStringLiteral(":/i18n/sango_zh_CN.qm"));
    EXPECT_EQ(QApplication::font().family(), QStringLiteral("Noto Sans CJK SC"));

    ASSERT_TRUE(language.apply("en"));
    ASSERT_NE(language.translator(), nullptr) << "no :/i18n/sango_en.qm";
    EXPECT_EQ(QApplication::font().family(), QStringLiteral("Noto Sans CJK JP"));

    EXPECT_FALSE(language.apply("fr"));
    EXPECT_EQ(language.current(), "en");
}

TEST_F(ShellTest, TheStripShowsTheQueueAndIsProminentInVisitMode)
{
    kiosk::StatusStrip* strip = m_window->statusStrip();
    strip->refresh();
    EXPECT_TRUE(strip->syncLabel()->text().contains(QStringLiteral("not enrolled")))
        << strip->syncLabel()->text().toStdString();
    EXPECT_TRUE(strip->queueLabel()->isVisible());
    EXPECT_TRUE(strip->queueLabel()->styleSheet().isEmpty());

    signInStaff();
    ASSERT_TRUE(m_terminal->scan(ScanInput::qr(coupon(1)), Service::day, kStaffId));
    context().recorded();
    EXPECT_TRUE(strip->queueLabel()->text().contains(QStringLiteral("Waiting to send: 1")))
        << strip->queueLabel()->text().toStdString();

    m_settings.mode = kiosk::KioskSettings::Mode::visit;
    strip->refresh();
    EXPECT_TRUE(strip->queueLabel()->styleSheet().contains(QStringLiteral("font-size")));
}

TEST_F(ShellTest, AScanWithNobodySignedInRecordsNothingAndSaysWhy)
{
    m_window->handleScan(QString::fromStdString(coupon(2)), kiosk::ScanOrigin::wedge);
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::signIn);
    EXPECT_TRUE(message().contains(QStringLiteral("Sign in first"))) << message().toStdString();
    EXPECT_TRUE(m_store->sessions(std::nullopt, std::nullopt, true)->empty());

    typeSignIn(QString::fromLatin1(kManagerId), QString::fromLatin1(kManagerPin));
    m_window->showManagerArea();
    ASSERT_EQ(m_window->currentScreen(), MainWindow::Screen::manager);
    QSignalSpy shown(m_window->scanScreen(), &kiosk::ScanScreen::resultShown);
    m_window->handleScan(QString::fromStdString(coupon(2)), kiosk::ScanOrigin::wedge);
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::scan); // a scan brings the scan screen back
    EXPECT_TRUE(shown.count() > 0 || shown.wait(kWaitMs));
    EXPECT_EQ(m_store->sessions(std::nullopt, std::nullopt, true)->size(), 1u);
}

TEST_F(ShellTest, TheStripNamesARevokedTerminalAndASuspendedProvider)
{
    kiosk::StatusStrip* strip = m_window->statusStrip();
    EXPECT_TRUE(strip->demoLabel()->isHidden()) << "a store not made as a demo says nothing of it";
    EXPECT_FALSE(m_window->windowTitle().contains(QStringLiteral("DEMO")));
    const FixedBootClock boot;
    sync::StoreSyncLocal local(*m_store, m_clock, boot);
    struct Case {
        const char* result;
        const char* words;
    };
    for (const Case& c : {Case{"ledger_refused:terminal_revoked", "terminal revoked by the municipality"},
                          Case{"ledger_refused:provider_suspended", "provider suspended by the municipality"},
                          Case{"ledger_refused:rate_limited", "Ledger busy"}}) {
        ASSERT_TRUE(local.recordOutcome({m_clock.now(), c.result, 0, 0, 0}));
        context().recorded(); // the strip reads the snapshot again
        EXPECT_TRUE(strip->syncLabel()->text().contains(QString::fromLatin1(c.words)))
            << c.result << ": " << strip->syncLabel()->text().toStdString();
    }
    ASSERT_TRUE(local.recordOutcome({m_clock.now(), "ok", 0, 0, 0}));
    context().recorded();
    EXPECT_FALSE(strip->syncLabel()->text().contains(QStringLiteral("Sync stopped")));
}

TEST_F(ShellTest, TheSettingsPageRefusesAReceiptPrinterThatIsAFile)
{
    kiosk::SettingsPage* page = m_window->settingsPage();
    for (const std::string& bad : {m_where.database().string(), (m_where.dataDir / "receipts").string(),
                                   std::string("relative/lp0"), (m_dir.path() / "lp0").string()}) {
        page->receiptPrinterField()->setText(QString::fromStdString(bad));
        EXPECT_FALSE(page->save()) << bad;
        EXPECT_TRUE(page->messageLabel()->text().contains(QStringLiteral("/dev/usb/lp0")))
            << page->messageLabel()->text().toStdString();
        EXPECT_TRUE(m_settings.receiptPrinter.empty()) << "nothing taken: " << bad;
    }
    EXPECT_FALSE(std::filesystem::exists(m_where.dataDir / "kiosk.json")) << "nothing saved";
    page->receiptPrinterField()->setText(QStringLiteral("/dev/usb/lp0"));
    ASSERT_TRUE(page->save()) << page->messageLabel()->text().toStdString();
    EXPECT_EQ(m_settings.receiptPrinter, "/dev/usb/lp0");
    page->receiptPrinterField()->setText(QStringLiteral("Reception_Receipts"));
    ASSERT_TRUE(page->save()) << page->messageLabel()->text().toStdString();
    EXPECT_EQ(m_settings.receiptPrinter, "Reception_Receipts");
}

TEST_F(ShellTest, TheSettingsPageSavesBesideTheStore)
{
    kiosk::SettingsPage* page = m_window->settingsPage();
    page->idleBox()->setValue(120);
    page->modeBox()->setCurrentIndex(page->modeBox()->findData(QStringLiteral("visit")));
    QSignalSpy saved(page, &kiosk::SettingsPage::saved);
    ASSERT_TRUE(page->save()) << page->messageLabel()->text().toStdString();
    EXPECT_EQ(saved.count(), 1);
    EXPECT_EQ(m_settings.idleSignOutSeconds, 120);
    EXPECT_EQ(m_settings.mode, kiosk::KioskSettings::Mode::visit);
    auto reread = kiosk::KioskSettings::load(m_where.dataDir / "kiosk.json");
    ASSERT_TRUE(reread);
    EXPECT_EQ(reread->idleSignOutSeconds, 120);
    EXPECT_EQ(reread->mode, kiosk::KioskSettings::Mode::visit);
    EXPECT_EQ(m_window->idleWatcher()->timeout(), std::chrono::seconds(120));
}

// ---- KioskApp: the whole start-up ----

class KioskAppTest : public KioskFixture {
protected:
    kiosk::KioskOptions options(const std::filesystem::path& dataDir) const
    {
        kiosk::KioskOptions o;
        o.dataDir = dataDir.string();
        o.windowed = true;
        o.language = "en"; // the words the tests look for (the settings' default is Japanese)
        o.devices = false;
        o.backgroundSync = false;
        return o;
    }

    std::filesystem::path writeTrust() const
    {
        const auto file = m_dir.path() / "trust.json";
        std::ofstream(file) << m_issuer.trustJson().dump();
        return file;
    }

    FixedBootClock m_boot;
};

TEST_F(KioskAppTest, FirstRunFromPolicyFilesCreatesTheStoreAndTheManagerThenShowsSignIn)
{
    // The tests' trust store holds a published test key: only a demonstration store may trust it (--demo),
    // and it says DEMO from the first screen on.
    const auto dataDir = m_dir.path() / "new-terminal";
    kiosk::KioskOptions o = options(dataDir);
    o.demo = true;
    kiosk::KioskApp app(o, m_clock, m_boot);
    app.start();
    kiosk::FirstRunScreen* first = app.firstRunScreen();
    ASSERT_NE(first, nullptr) << "a missing store should start the first run";
    EXPECT_EQ(first->step(), kiosk::FirstRunScreen::Step::choose);
    EXPECT_TRUE(first->demoMode());
    EXPECT_FALSE(first->statusStrip()->demoLabel()->isHidden());
    EXPECT_TRUE(first->statusStrip()->demoLabel()->text().contains(QStringLiteral("DEMO")));
    auto* note = first->findChild<QLabel*>(QStringLiteral("firstRunDemoNote"));
    ASSERT_NE(note, nullptr);
    EXPECT_FALSE(note->isHidden());

    first->chooseFilesButton()->click();
    ASSERT_EQ(first->step(), kiosk::FirstRunScreen::Step::files);
    first->terminalIdField()->setText(QStringLiteral("T9"));
    first->policyField()->setText(QString::fromStdString((testDataDir() / "policy.json").string()));
    first->providerField()->setText(QString::fromStdString((testDataDir() / "no-such-provider.json").string()));
    first->trustField()->setText(QString::fromStdString(writeTrust().string()));
    first->installButton()->click();
    // A wrong path is said, and nothing is created.
    EXPECT_EQ(first->step(), kiosk::FirstRunScreen::Step::files);
    EXPECT_TRUE(first->messageLabel()->text().contains(QStringLiteral("no-such-provider.json")))
        << first->messageLabel()->text().toStdString();
    EXPECT_FALSE(std::filesystem::exists(dataDir / "sango.db"));

    first->providerField()->setText(QString::fromStdString((testDataDir() / "provider.json").string()));
    first->installButton()->click();
    ASSERT_EQ(first->step(), kiosk::FirstRunScreen::Step::manager) << first->messageLabel()->text().toStdString();
    EXPECT_TRUE(std::filesystem::exists(dataDir / "sango.db"));

    EXPECT_FALSE(first->statusStrip()->demoLabel()->isHidden());
    // Two different PINs: said, and no manager yet.
    first->managerIdField()->setText(QStringLiteral("boss"));
    first->pinField()->setText(QStringLiteral("987654"));
    first->pinAgainField()->setText(QStringLiteral("987653"));
    first->createManagerButton()->click();
    EXPECT_EQ(app.firstRunScreen(), first);
    EXPECT_TRUE(first->messageLabel()->text().contains(QStringLiteral("differ")));
    // A manager's PIN of four digits: refused by the core's rule, said, and no manager yet.
    first->pinField()->setText(QStringLiteral("9876"));
    first->pinAgainField()->setText(QStringLiteral("9876"));
    first->createManagerButton()->click();
    EXPECT_EQ(app.firstRunScreen(), first);
    EXPECT_TRUE(first->messageLabel()->text().contains(QStringLiteral("6 to 12 digits")))
        << first->messageLabel()->text().toStdString();

    first->pinField()->setText(QStringLiteral("987654"));
    first->pinAgainField()->setText(QStringLiteral("987654"));
    first->createManagerButton()->click();
    MainWindow* window = app.mainWindow();
    ASSERT_NE(window, nullptr) << first->messageLabel()->text().toStdString();
    EXPECT_EQ(window->currentScreen(), MainWindow::Screen::signIn);
    EXPECT_EQ(app.context()->store().terminalId().value(), "T9");
    EXPECT_TRUE(app.context()->store().isDemo().value());
    EXPECT_FALSE(window->statusStrip()->demoLabel()->isHidden()) << "DEMO on every screen of a demo store";
    EXPECT_TRUE(window->windowTitle().startsWith(QStringLiteral("DEMO"))) << window->windowTitle().toStdString();

    // The new manager signs in and is a manager.
    window->signInScreen()->staffField()->setText(QStringLiteral("boss"));
    window->signInScreen()->pinField()->setText(QStringLiteral("987654"));
    window->signInScreen()->signInButton()->click();
    EXPECT_EQ(window->currentScreen(), MainWindow::Screen::scan);
    EXPECT_TRUE(app.context()->isManager());
}

TEST_F(KioskAppTest, AFirstRunFromFilesRefusesAPublishedTestKeyButNotItsKid)
{
    const auto dataDir = m_dir.path() / "real-terminal";
    kiosk::KioskApp app(options(dataDir), m_clock, m_boot);
    app.start();
    kiosk::FirstRunScreen* first = app.firstRunScreen();
    ASSERT_NE(first, nullptr);
    EXPECT_FALSE(first->demoMode());
    EXPECT_TRUE(first->statusStrip()->demoLabel()->isHidden());
    first->chooseFilesButton()->click();
    first->terminalIdField()->setText(QStringLiteral("T9"));
    first->policyField()->setText(QString::fromStdString((testDataDir() / "policy.json").string()));
    first->providerField()->setText(QString::fromStdString((testDataDir() / "provider.json").string()));
    // The spec's test key (kid 131016-2026a) and the demo issuer's: each refused, naming its kid, nothing made.
    for (const std::filesystem::path& trust : {testDataDir() / "trust.json", writeTrust()}) {
        first->trustField()->setText(QString::fromStdString(trust.string()));
        first->installButton()->click();
        EXPECT_EQ(first->step(), kiosk::FirstRunScreen::Step::files) << trust;
        const QString said = first->messageLabel()->text();
        EXPECT_TRUE(said.startsWith(kiosk::KioskContext::staffMessage({Errc::test_key_refused, {}})))
            << said.toStdString();
        const std::string kid = readJson(trust)[0]["kid"].get<std::string>();
        EXPECT_TRUE(said.contains(QString::fromStdString(kid))) << said.toStdString();
        EXPECT_FALSE(std::filesystem::exists(dataDir / "sango.db"));
    }
    // A municipality's real key under the same kid as the spec's test key: accepted (keys, not kids, decide).
    const auto key = crypto::SigningKey::generate().publicKey;
    const auto real = m_dir.path() / "real-trust.json";
    std::ofstream(real) << nlohmann::json::array({{{"kid", "131016-2026a"},
                                                   {"municipality", "131016"},
                                                   {"alg", "EdDSA"},
                                                   {"public_key_b64u", base64url::encode(key.data(), key.size())}}})
                               .dump();
    first->trustField()->setText(QString::fromStdString(real.string()));
    first->installButton()->click();
    ASSERT_EQ(first->step(), kiosk::FirstRunScreen::Step::manager) << first->messageLabel()->text().toStdString();
    StoreLocation where;
    where.dataDir = dataDir;
    auto store = EventStore::open(where);
    ASSERT_TRUE(store);
    EXPECT_FALSE(store->isDemo().value());
    EXPECT_TRUE(first->statusStrip()->demoLabel()->isHidden());
}

TEST_F(KioskAppTest, AnEnrolmentThatCannotReachTheLedgerIsSaidAndCreatesNothing)
{
    const auto dataDir = m_dir.path() / "unreachable";
    kiosk::KioskApp app(options(dataDir), m_clock, m_boot);
    app.start();
    kiosk::FirstRunScreen* first = app.firstRunScreen();
    ASSERT_NE(first, nullptr);
    first->chooseEnrolButton()->click();
    ASSERT_EQ(first->step(), kiosk::FirstRunScreen::Step::enrol);

    // Plain http is for loopback only: refused before anything is sent.
    first->ledgerUrlField()->setText(QStringLiteral("http://ledger.example.jp"));
    first->enrolCodeField()->setText(QStringLiteral("K3Q9-M2X4-T8VW-Z1MA"));
    first->enrolButton()->click();
    EXPECT_FALSE(first->messageLabel()->text().isEmpty());
    EXPECT_TRUE(first->enrolButton()->isEnabled());

    // Nothing listens on the discard port: the enrolment runs off the GUI thread and fails in words.
    first->ledgerUrlField()->setText(QStringLiteral("http://127.0.0.1:9"));
    QSignalSpy finished(first, &kiosk::FirstRunScreen::enrolmentFinished);
    first->enrolButton()->click();
    ASSERT_TRUE(finished.count() > 0 || finished.wait(30000));
    EXPECT_FALSE(finished.at(0).at(0).toBool());
    EXPECT_EQ(first->step(), kiosk::FirstRunScreen::Step::enrol);
    EXPECT_TRUE(first->messageLabel()->text().contains(
        kiosk::KioskContext::staffMessage({Errc::ledger_unreachable, {}})))
        << first->messageLabel()->text().toStdString();
    EXPECT_FALSE(std::filesystem::exists(dataDir / "sango.db"));
}

TEST_F(KioskAppTest, AStoreWithoutStaffAsksForTheFirstManager)
{
    const auto dataDir = m_dir.path() / "files-only";
    StoreLocation where;
    where.dataDir = dataDir;
    {
        auto store = EventStore::create(where, InitialConfig{"T2", readJson(testDataDir() / "policy.json"),
                                                             readJson(testDataDir() / "provider.json"),
                                                             m_issuer.trustJson()},
                                        m_clock.now());
        ASSERT_TRUE(store) << store.error().message;
    }
    kiosk::KioskApp app(options(dataDir), m_clock, m_boot);
    app.start();
    ASSERT_NE(app.firstRunScreen(), nullptr);
    EXPECT_EQ(app.firstRunScreen()->step(), kiosk::FirstRunScreen::Step::manager);
}

TEST_F(KioskAppTest, AWrongKeyIsShownInWordsInsteadOfACrash)
{
    StoreLocation other;
    other.dataDir = m_dir.path() / "other";
    ASSERT_TRUE(EventStore::create(other, InitialConfig{"T3", readJson(testDataDir() / "policy.json"),
                                                        readJson(testDataDir() / "provider.json"),
                                                        m_issuer.trustJson()},
                                   m_clock.now()));
    kiosk::KioskOptions o = options(m_where.dataDir);
    o.keyFile = other.key().string(); // another store's key
    kiosk::KioskApp app(o, m_clock, m_boot);
    app.start();
    kiosk::StartupErrorScreen* screen = app.startupErrorScreen();
    ASSERT_NE(screen, nullptr);
    EXPECT_EQ(screen->error().code, Errc::wrong_key);
    EXPECT_EQ(screen->messageLabel()->text(), kiosk::KioskContext::staffMessage(screen->error()));
    EXPECT_FALSE(screen->messageLabel()->text().isEmpty());
    EXPECT_TRUE(screen->detailLabel()->text().contains(QStringLiteral("wrong_key")));
    EXPECT_EQ(app.context(), nullptr);
    // Try again: still the same key, still the same message, still no crash.
    screen->retryButton()->click();
    ASSERT_NE(app.startupErrorScreen(), nullptr);
    EXPECT_EQ(app.startupErrorScreen()->error().code, Errc::wrong_key);
}

TEST_F(KioskAppTest, AnExistingTerminalOpensAtSignInAndRemembersTheLanguage)
{
    kiosk::KioskApp app(options(m_where.dataDir), m_clock, m_boot, QStringLiteral(SANGO_TEST_QM_DIR));
    app.start();
    MainWindow* window = app.mainWindow();
    ASSERT_NE(window, nullptr);
    EXPECT_EQ(window->currentScreen(), MainWindow::Screen::signIn);
    window->statusStrip()->languageButton(QStringLiteral("zh_CN"))->click();
    EXPECT_EQ(app.language().current(), "zh_CN");
    EXPECT_TRUE(eventually([&] { return window->windowTitle() == QString::fromUtf8("产后护理券"); }));
    auto saved = kiosk::KioskSettings::load(m_where.dataDir / "kiosk.json");
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->language, "zh_CN");
}

TEST(ShellCommandLine, OptionsAreParsedAndRefusedInWords)
{
    auto parse = [](QStringList args) {
        args.prepend(QStringLiteral("sango-kiosk"));
        return kiosk::parseCommandLine(args);
    };
    auto ok = parse({QStringLiteral("--data-dir"), QStringLiteral("/tmp/d"), QStringLiteral("--lang"),
                     QStringLiteral("zh"), QStringLiteral("--windowed")});
    ASSERT_FALSE(ok.exitStatus);
    EXPECT_EQ(ok.options.dataDir, "/tmp/d");
    EXPECT_EQ(ok.options.language, "zh_CN");
    EXPECT_TRUE(ok.options.windowed);
    EXPECT_TRUE(ok.options.devices);
    EXPECT_FALSE(ok.options.demo);
    EXPECT_TRUE(parse({QStringLiteral("--demo")}).options.demo);

    auto selfTest = parse({QStringLiteral("--self-test"), QStringLiteral("c.png"), QStringLiteral("--staff"),
                           QStringLiteral("rec1")});
    ASSERT_FALSE(selfTest.exitStatus);
    EXPECT_EQ(selfTest.options.selfTestImage, "c.png");
    EXPECT_FALSE(selfTest.options.devices);

    EXPECT_EQ(parse({QStringLiteral("--self-test"), QStringLiteral("c.png")}).exitStatus, 1);
    EXPECT_EQ(parse({QStringLiteral("--lang"), QStringLiteral("fr")}).exitStatus, 1);
    EXPECT_EQ(parse({QStringLiteral("--bogus")}).exitStatus, 1);
    auto help = parse({QStringLiteral("--help")});
    EXPECT_EQ(help.exitStatus, 0);
    EXPECT_TRUE(help.output.contains(QStringLiteral("--data-dir")));
    EXPECT_TRUE(help.output.contains(QStringLiteral("--demo")));
    EXPECT_EQ(parse({QStringLiteral("--version")}).exitStatus, 0);
}


// SIGTERM (systemd's stop) reaches the GUI thread as a quit of the event loop, not as a sudden death.
TEST(QuitOnSignal, SigtermQuitsTheEventLoop)
{
    kiosk::QuitOnSignal quit;
    bool quitCalled = false;
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, &quit, [&] { quitCalled = true; });
    QTimer::singleShot(0, [] { ::raise(SIGTERM); });
    QTimer watchdog;
    watchdog.setSingleShot(true);
    QObject::connect(&watchdog, &QTimer::timeout, &watchdog, [] { QCoreApplication::exit(99); });
    watchdog.start(10000);
    const int status = QCoreApplication::exec();
    EXPECT_EQ(status, 0) << "the watchdog ended the loop: the signal did not";
    EXPECT_EQ(quit.lastSignal(), SIGTERM);
    EXPECT_TRUE(quitCalled);
}

} // namespace
} // namespace sango::test
