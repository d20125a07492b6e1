// The scan screen, driven like a scanner would: handleScan() with real signed coupons over a real encrypted
// store and a FakeClock (KioskFixture). Opened, closed (billed time and balance), ignored, every refusal that
// can be provoked (and "sign in first"), each asserting the result panel's words and kind/colour; close and
// cancel by touch from the open sessions list; the service picker and visit mode; keyboard and accessible
// names; the tone generator; the English texts against the command line's. Policy of tests/data: day 30 min
// floor grace 5, min 60 max 480.
#include <qrencode.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <functional>
#include <string>
#include <vector>

#include <QAbstractButton>
#include <QCoreApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QTranslator>

#include "cli_words.h"
#include "confined_file_dialog.h"
#include "feedback_sound.h"
#include "kiosk_fixture.h"
#include "open_sessions_view.h"
#include "pty.h"
#include "result_panel.h"
#include "result_text.h"
#include "scan_screen.h"
#include "sango/coupon_id.h"
#include "service_picker.h"

namespace sango::test {
namespace {

using kiosk::OpenSessionsView;
using kiosk::ResultKind;
using kiosk::ResultPanel;
using kiosk::ResultText;
using kiosk::ScanOrigin;
using kiosk::ScanScreen;
using std::chrono::minutes;
using std::chrono::seconds;
namespace fs = std::filesystem;

QString q(const std::string& s) { return QString::fromStdString(s); }
std::string str(const QString& s) { return s.toStdString(); }

// The languages to assert in: English always, and each one whose compiled catalogue is in the resources
// (:/i18n/sango_ja.qm, :/i18n/sango_zh_CN.qm, from ui/i18n). In those the panel must show exactly what
// ResultText renders under that catalogue; English is also asserted word for word.
std::vector<std::string> languageCases()
{
    std::vector<std::string> langs{"en"};
    for (const char* lang : {"ja", "zh_CN"}) {
        QTranslator probe;
        if (probe.load(QStringLiteral(":/i18n/sango_%1.qm").arg(QLatin1String(lang))))
            langs.emplace_back(lang);
    }
    return langs;
}

// Installs a language's catalogue for the scope (nothing for English, the source language).
class LanguageScope {
public:
    explicit LanguageScope(const std::string& lang)
    {
        if (lang == "en")
            return;
        m_loaded = m_translator.load(QStringLiteral(":/i18n/sango_%1.qm").arg(q(lang)));
        if (m_loaded)
            QCoreApplication::installTranslator(&m_translator);
        QCoreApplication::sendPostedEvents(); // the widgets' LanguageChange
    }
    ~LanguageScope()
    {
        if (m_loaded)
            QCoreApplication::removeTranslator(&m_translator);
        QCoreApplication::sendPostedEvents();
    }
    LanguageScope(const LanguageScope&) = delete;
    LanguageScope& operator=(const LanguageScope&) = delete;

private:
    QTranslator m_translator;
    bool m_loaded = false;
};

class ScanScreenTest : public KioskFixture {
protected:
    void SetUp() override
    {
        KioskFixture::SetUp();
        if (HasFatalFailure())
            return;
        m_screen = std::make_unique<ScanScreen>(context());
        m_screen->resize(1280, 800);
        m_screen->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_screen.get()));
    }

    void TearDown() override
    {
        m_screen.reset();
        KioskFixture::TearDown();
    }

    ResultPanel& panel() { return *m_screen->resultPanel(); }
    OpenSessionsView& sessions() { return *m_screen->openSessions(); }

    // One scan as the scanner would send it; asserts the screen said so at once.
    void scan(const std::string& text, ScanOrigin origin = ScanOrigin::wedge)
    {
        QSignalSpy shown(m_screen.get(), &ScanScreen::resultShown);
        m_screen->handleScan(q(text), origin);
        EXPECT_EQ(shown.count(), 1) << "resultShown is emitted before handleScan returns";
    }

    std::int64_t events() const { return m_store->eventCount().value(); }
    std::size_t openCount() const { return m_store->sessions(std::nullopt, std::nullopt, true).value().size(); }

    // The panel shows a refusal with the code's own words (in the current language).
    void expectRefusal(Errc code)
    {
        SCOPED_TRACE(std::string(toString(code)));
        EXPECT_EQ(panel().kind(), ResultKind::refused);
        EXPECT_EQ(panel().property("kind").toString(), QStringLiteral("refused"));
        EXPECT_EQ(panel().colour(), ResultPanel::colourOf(ResultKind::refused));
        EXPECT_EQ(panel().texts().glyph, QStringLiteral("✖"));
        EXPECT_EQ(panel().texts().headline, ResultText::tr("Not recorded"));
        EXPECT_EQ(panel().texts().mother, ResultText::motherMessage(code));
        EXPECT_EQ(panel().texts().staff, ResultText::staffMessage(code));
        EXPECT_TRUE(panel().text().contains(ResultText::motherMessage(code)));
        EXPECT_EQ(panel().accessibleName(), panel().texts().headline);
        EXPECT_TRUE(panel().accessibleDescription().contains(ResultText::staffMessage(code)));
    }

    std::unique_ptr<ScanScreen> m_screen;
};

// A QR code of the text as a PNG file (libqrencode, 8-px modules with a quiet zone), as a phone screenshot or
// the demo's coupon images would be.
QString writeQrPng(const std::string& text, const fs::path& file)
{
    QRcode* code = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
    const int module = 8, quiet = 4, side = (code->width + 2 * quiet) * module;
    QImage img(side, side, QImage::Format_Grayscale8);
    img.fill(255);
    for (int y = 0; y < code->width; ++y)
        for (int x = 0; x < code->width; ++x)
            if (code->data[y * code->width + x] & 1)
                for (int dy = 0; dy < module; ++dy)
                    std::fill_n(img.scanLine((y + quiet) * module + dy) + (x + quiet) * module, module, uchar(0));
    QRcode_free(code);
    const QString path = QString::fromStdString(file.string());
    img.save(path);
    return path;
}

// ---- opened, closed, ignored ------------------------------------------------------------------------------

TEST_F(ScanScreenTest, FirstScanShowsCareStartedInGreen)
{
    signInStaff();
    scan(coupon(1));
    EXPECT_EQ(panel().kind(), ResultKind::opened);
    EXPECT_EQ(panel().property("kind").toString(), QStringLiteral("opened"));
    EXPECT_EQ(panel().colour(), QColor(0x1B, 0x7F, 0x3B));
    EXPECT_EQ(panel().texts().glyph, QStringLiteral("▶"));
    EXPECT_EQ(panel().texts().headline, QStringLiteral("Care started"));
    EXPECT_EQ(panel().texts().mother, QStringLiteral("Day care, from 10:00\nTime left on the coupon: 42 h"));
    EXPECT_EQ(panel().accessibleName(), QStringLiteral("Care started"));
    EXPECT_EQ(openCount(), 1u);
    ASSERT_EQ(sessions().rowCount(), 1) << "recorded() refreshed the open sessions";
    EXPECT_TRUE(sessions().rowText(sessions().sessionIds().front()).contains(QStringLiteral("Day care")));
}

TEST_F(ScanScreenTest, AQrImageFileScansLikeTheCameraAndAnImageWithoutOneIsRefused)
{
    signInStaff();
    QSignalSpy shown(m_screen.get(), &ScanScreen::resultShown);
    m_screen->scanImageFile(writeQrPng(coupon(1), m_dir.path() / "coupon.png"));
    EXPECT_EQ(shown.count(), 1);
    EXPECT_EQ(panel().kind(), ResultKind::opened);
    EXPECT_EQ(openCount(), 1u);

    QImage blank(200, 200, QImage::Format_Grayscale8);
    blank.fill(200);
    const QString empty = QString::fromStdString((m_dir.path() / "blank.png").string());
    ASSERT_TRUE(blank.save(empty));
    const auto before = events();
    m_screen->scanImageFile(empty);
    expectRefusal(Errc::not_a_coupon);
    EXPECT_EQ(events(), before);
}

TEST_F(ScanScreenTest, AClosedSessionPrintsAReceiptWhenAReceiptPrinterIsSet)
{
    // A pseudo-terminal stands for the printer: a character device, as the setting requires.
    Pty printer;
    ASSERT_TRUE(printer.ok());
    m_settings.receiptPrinter = printer.device();
    signInStaff();
    scan(coupon(1));
    m_clock.advance(minutes(95));
    scan(coupon(1));
    ASSERT_EQ(panel().kind(), ResultKind::closed);
    ASSERT_TRUE(QThreadPool::globalInstance()->waitForDone(10000)) << "the receipt job did not end";
    const std::string cut = "\x1D" "V\x01";
    std::string bytes = printer.read(1);
    if (bytes.find(cut) == std::string::npos)
        bytes = printer.read(bytes.size() + 1); // the rest, up to the cut
    EXPECT_NE(bytes.find(cut), std::string::npos) << bytes;
    // The coupon masked to its last four characters (the paper leaves the counter); never the whole id.
    EXPECT_NE(bytes.find("****-****-****-001Y"), std::string::npos) << bytes;
    EXPECT_EQ(bytes.find("0000-0000-0000-001Y"), std::string::npos) << bytes;
    EXPECT_NE(bytes.find("1 h 30 min"), std::string::npos) << bytes;   // billed
    EXPECT_NE(bytes.find("40 h 30 min"), std::string::npos) << bytes;  // left
    // Opening prints nothing more: only closes make receipts.
    m_clock.advance(minutes(1));
    scan(coupon(2));
    ASSERT_TRUE(QThreadPool::globalInstance()->waitForDone(10000));
    EXPECT_EQ(printer.read(bytes.size() + 1, std::chrono::milliseconds(200)), bytes);
}

TEST_F(ScanScreenTest, AReceiptPrinterSetToAFileOrTheStorePrintsNothingThere)
{
    // kiosk.json edited by hand (the settings page refuses it): a plain file, a link to it, the store itself.
    const fs::path file = m_dir.path() / "receipts.txt";
    writeBytes(file, "a file");
    const fs::path link = m_dir.path() / "lp0";
    fs::create_symlink(file, link);
    signInStaff();
    std::uint64_t n = 1;
    for (const fs::path& device : {file, link, m_where.database()}) {
        m_settings.receiptPrinter = device.string();
        scan(coupon(n));
        m_clock.advance(minutes(95));
        scan(coupon(n++));
        ASSERT_EQ(panel().kind(), ResultKind::closed);
        ASSERT_TRUE(QThreadPool::globalInstance()->waitForDone(10000));
    }
    EXPECT_EQ(readBytes(file), "a file") << "not a byte of a receipt";
    EXPECT_TRUE(m_store->audit().value().intact);
}

TEST_F(ScanScreenTest, TheOpenSessionsShowOnlyTheLastFourCharactersOfTheCoupon)
{
    signInStaff();
    scan(coupon(1));
    ASSERT_EQ(sessions().rowCount(), 1);
    const QString id = sessions().sessionIds().front();
    const QString row = sessions().rowText(id);
    const QString whole = q(couponid::grouped(TestIssuer::makeCouponId(1))); // 0000-0000-0000-001Y
    EXPECT_TRUE(row.startsWith(QString::fromUtf8("••••-••••-••••-001Y"))) << str(row);
    EXPECT_FALSE(row.contains(whole)) << str(row);
    EXPECT_FALSE(row.contains(q(TestIssuer::makeCouponId(1)))) << str(row);
    for (QAbstractButton* b : sessions().findChildren<QAbstractButton*>())
        EXPECT_FALSE(b->accessibleName().contains(whole)) << str(b->accessibleName());
}

TEST_F(ScanScreenTest, LoadQrImageOpensAPickerConfinedToTheCouponsFolderAndRemovableMedia)
{
    const fs::path coupons = m_where.dataDir / "coupons";
    fs::create_directories(coupons);
    writeQrPng(coupon(1), coupons / "coupon-1.png");
    signInStaff();
    QPushButton* load = nullptr;
    for (QPushButton* b : m_screen->findChildren<QPushButton*>())
        if (b->text() == QStringLiteral("Load QR image…"))
            load = b;
    ASSERT_NE(load, nullptr);
    load->click();
    kiosk::ConfinedFileDialog* picker = m_screen->imageDialog();
    ASSERT_NE(picker, nullptr);
    ASSERT_FALSE(picker->roots().empty());
    EXPECT_EQ(picker->roots().front().path, coupons);
    for (const kiosk::FileRoot& r : picker->roots())
        EXPECT_TRUE(r.path == coupons || r.path.string().starts_with("/media/") ||
                    r.path.string().starts_with("/run/media/"))
            << r.path;
    EXPECT_EQ(fs::canonical(picker->currentFolder()), fs::canonical(coupons));
    EXPECT_FALSE(picker->goUp()) << "the coupons folder is the top";
    EXPECT_FALSE(picker->openFolder(m_where.dataDir)) << "the data directory is outside";
    EXPECT_EQ(picker->entries(), QStringList{QStringLiteral("coupon-1.png")}) << "only images; no store, no key";
    QSignalSpy shown(m_screen.get(), &ScanScreen::resultShown);
    ASSERT_TRUE(picker->choose(QStringLiteral("coupon-1.png")));
    EXPECT_EQ(shown.count(), 1);
    EXPECT_EQ(panel().kind(), ResultKind::opened);
}

TEST_F(ScanScreenTest, SecondScanShowsTheBilledTimeAndWhatIsLeftInBlue)
{
    signInStaff();
    scan(coupon(1));
    m_clock.advance(minutes(95));
    scan(coupon(1));
    EXPECT_EQ(panel().kind(), ResultKind::closed);
    EXPECT_EQ(panel().colour(), QColor(0x1F, 0x5F, 0xAF));
    EXPECT_EQ(panel().texts().glyph, QStringLiteral("✔"));
    // 95 min: floor((95 + 5) / 30) * 30 = 90; 2,520 − 90 = 2,430 min left.
    EXPECT_EQ(panel().texts().headline, QStringLiteral("Care recorded: 1 h 30 min"));
    EXPECT_EQ(panel().texts().mother, QStringLiteral("Time left on the coupon: 40 h 30 min"));
    EXPECT_EQ(panel().texts().staff, QStringLiteral("Session closed: 1 h 30 min billed."));
    EXPECT_EQ(openCount(), 0u);
    EXPECT_EQ(sessions().rowCount(), 0);
}

TEST_F(ScanScreenTest, RepeatWithinTenSecondsIsIgnoredInGrey)
{
    signInStaff();
    scan(coupon(1));
    const auto n = events();
    m_clock.advance(seconds(4));
    scan(coupon(1));
    EXPECT_EQ(panel().kind(), ResultKind::ignored);
    EXPECT_EQ(panel().colour(), ResultPanel::colourOf(ResultKind::ignored));
    EXPECT_EQ(panel().texts().headline, QStringLiteral("Already recorded a moment ago — nothing changed"));
    EXPECT_EQ(events(), n);
    EXPECT_EQ(openCount(), 1u) << "the repeat did not flip the session";
}

TEST_F(ScanScreenTest, SessionRunningPastTheBalanceIsCappedInAmberThenNoBalance)
{
    signInStaff();
    scan(coupon(7, 60));
    m_clock.advance(minutes(95));
    scan(coupon(7, 60));
    EXPECT_EQ(panel().kind(), ResultKind::warning);
    EXPECT_EQ(panel().colour(), ResultPanel::colourOf(ResultKind::warning));
    EXPECT_EQ(panel().texts().glyph, QStringLiteral("⚠"));
    EXPECT_EQ(panel().texts().headline, QStringLiteral("Care recorded: 1 h"));
    EXPECT_EQ(panel().texts().mother,
              QStringLiteral("All the care time left on the coupon was used.\nTime left on the coupon: 0 min"));
    EXPECT_TRUE(panel().texts().staff.startsWith(QStringLiteral("Capped:")));

    m_clock.advance(minutes(1));
    const auto n = events();
    scan(coupon(7, 60));
    expectRefusal(Errc::no_balance);
    EXPECT_EQ(panel().texts().mother, QStringLiteral("There is no care time left on your coupon. Please ask the staff "
                                                     "or the municipal office what you can do."));
    EXPECT_EQ(events(), n);
}

TEST_F(ScanScreenTest, TypedIdNeverVerifiedOpensUnverifiedInAmber)
{
    signInStaff();
    scan(TestIssuer::makeCouponId(30), ScanOrigin::typed);
    EXPECT_EQ(panel().kind(), ResultKind::warning);
    EXPECT_EQ(panel().texts().headline, QStringLiteral("Care started"));
    EXPECT_TRUE(panel().texts().mother.contains(QStringLiteral("The municipality will confirm your coupon.")));
    EXPECT_TRUE(panel().texts().staff.contains(QStringLiteral("unverified")));
    EXPECT_EQ(openCount(), 1u);
}

// ---- refusals ---------------------------------------------------------------------------------------------

struct RefusalCase {
    const char* name;
    Errc code;
    // Prepares the store if needed and returns what the scanner reads.
    std::function<std::string(KioskFixture&)> prepare;
    ScanOrigin origin = ScanOrigin::wedge;
};

class ScanScreenRefusalTest : public ScanScreenTest {
protected:
    std::string expiredCoupon()
    {
        TestIssuer::Claims c = claims(3);
        c.exp = kApril3Morning.time_since_epoch().count() - 86400;
        return m_issuer.issue(c);
    }
    std::string notYetValidCoupon()
    {
        TestIssuer::Claims c = claims(4);
        c.nbf = kApril3Morning.time_since_epoch().count() + 86400;
        return m_issuer.issue(c);
    }
    std::string tamperedCoupon()
    {
        std::string qr = coupon(5);
        const std::size_t pos = qr.size() - 20;
        qr[pos] = qr[pos] == 'A' ? 'B' : 'A';
        return qr;
    }
    std::string revokedCoupon()
    {
        EXPECT_TRUE(m_terminal->revoke(TestIssuer::makeCouponId(6), "paper"));
        return coupon(6);
    }

    void expectRefused(const std::string& text, Errc code, ScanOrigin origin = ScanOrigin::wedge)
    {
        const auto n = events();
        scan(text, origin);
        expectRefusal(code);
        EXPECT_EQ(events(), n) << "a refusal records nothing";
        EXPECT_EQ(openCount(), 0u);
    }
};

TEST_F(ScanScreenRefusalTest, EachRefusalShowsItsCodesWordsInRedInEachLanguage)
{
    signInStaff();
    for (const std::string& lang : languageCases()) {
        SCOPED_TRACE("language " + lang);
        LanguageScope scope(lang);
        expectRefused("https://example.org/coupon", Errc::not_a_coupon);
        expectRefused("SGC1:..", Errc::malformed);
        expectRefused("12", Errc::malformed, ScanOrigin::typed);
        expectRefused(tamperedCoupon(), Errc::bad_signature);
        expectRefused(expiredCoupon(), Errc::expired);
        expectRefused(notYetValidCoupon(), Errc::not_yet_valid);
        expectRefused(revokedCoupon(), Errc::revoked);
        expectRefused(coupon(8, 2520, {"stay"}), Errc::service_not_allowed);
    }
}

TEST_F(ScanScreenRefusalTest, EnglishRefusalsSayWhatTheCommandLineSays)
{
    signInStaff();
    expectRefused(revokedCoupon(), Errc::revoked);
    EXPECT_EQ(panel().texts().mother,
              QStringLiteral("This coupon has been switched to paper tickets. Please use your paper ticket."));
    EXPECT_EQ(panel().texts().staff,
              QStringLiteral("This coupon was switched to paper tickets or withdrawn. Ask for the paper ticket."));
    expectRefused("https://example.org/coupon", Errc::not_a_coupon);
    EXPECT_EQ(panel().texts().mother, QStringLiteral("This does not seem to be your care coupon's QR code. Please "
                                                     "show the coupon's QR code."));
}

TEST_F(ScanScreenRefusalTest, NobodySignedInIsRefusedAndNothingIsRecorded)
{
    for (const std::string& lang : languageCases()) {
        SCOPED_TRACE("language " + lang);
        LanguageScope scope(lang);
        const auto n = events();
        scan(coupon(1));
        EXPECT_EQ(panel().kind(), ResultKind::refused);
        EXPECT_EQ(panel().colour(), ResultPanel::colourOf(ResultKind::refused));
        EXPECT_EQ(panel().texts().headline, ResultText::tr("Staff: please sign in first"));
        if (lang == "en") {
            EXPECT_EQ(panel().texts().headline, QStringLiteral("Staff: please sign in first"));
        }
        EXPECT_EQ(events(), n);
        EXPECT_EQ(openCount(), 0u);
    }
}

TEST_F(ScanScreenRefusalTest, ServiceTheCouponDoesNotCoverIsRefusedForThatServiceOnly)
{
    signInStaff();
    ASSERT_TRUE(m_screen->servicePicker()->setService(Service::visit));
    expectRefused(coupon(9, 2520, {"day"}), Errc::service_not_allowed);
    ASSERT_TRUE(m_screen->servicePicker()->setService(Service::day));
    scan(coupon(9, 2520, {"day"}));
    EXPECT_EQ(panel().kind(), ResultKind::opened);
}

class RestrictedScanScreenTest : public ScanScreenRefusalTest {
protected:
    void adjustConfig(nlohmann::json& policy, nlohmann::json&) override { policy["allow_unverified_entry"] = false; }
};

TEST_F(RestrictedScanScreenTest, TypedIdNeverVerifiedIsUnknownWhenThePolicyForbidsIt)
{
    signInStaff();
    for (const std::string& lang : languageCases()) {
        SCOPED_TRACE("language " + lang);
        LanguageScope scope(lang);
        expectRefused(TestIssuer::makeCouponId(31), Errc::unknown_coupon, ScanOrigin::typed);
    }
}

// ---- the words follow the language ------------------------------------------------------------------------

TEST_F(ScanScreenTest, ResultIsRenderedAgainWhenTheLanguageChanges)
{
    signInStaff();
    scan(coupon(1));
    m_clock.advance(minutes(95));
    scan(coupon(1));
    const QString english = panel().text();
    for (const std::string& lang : languageCases()) {
        SCOPED_TRACE("language " + lang);
        LanguageScope scope(lang);
        EXPECT_EQ(panel().texts().headline,
                  ResultText::tr("Care recorded: %1").arg(ResultText::duration(90)));
        EXPECT_EQ(panel().texts().mother,
                  ResultText::tr("Time left on the coupon: %1").arg(ResultText::duration(2430)));
        // (A string the catalogue does not translate yet shows in English: lrelease leaves unfinished ones out.)
        if (ResultText::tr("Time left on the coupon: %1") != QStringLiteral("Time left on the coupon: %1")) {
            EXPECT_NE(panel().text(), english);
        }
    }
    EXPECT_EQ(panel().text(), english) << "back in English once the catalogue is removed";
}

// A stand-in catalogue that marks every string it translates, so a switch is visible even while the product's
// catalogues are still empty.
class MarkingTranslator : public QTranslator {
public:
    bool isEmpty() const override { return false; }
    QString translate(const char*, const char* source, const char* = nullptr, int = -1) const override
    {
        return QStringLiteral("«") + QString::fromUtf8(source) + QStringLiteral("»");
    }
};

TEST_F(ScanScreenTest, EveryPartFollowsALanguageSwitchAtOnce)
{
    signInStaff();
    scan(coupon(1));
    m_clock.advance(minutes(95));
    scan(coupon(1));
    scan(coupon(2));
    const QString id = sessions().sessionIds().front();
    MarkingTranslator marking;
    QCoreApplication::installTranslator(&marking);
    QCoreApplication::sendPostedEvents();
    EXPECT_EQ(panel().texts().headline, QStringLiteral("«Care started»"));
    EXPECT_EQ(panel().accessibleName(), QStringLiteral("«Care started»"));
    EXPECT_EQ(sessions().closeButton(id)->text(), QStringLiteral("«Close»"));
    EXPECT_EQ(m_screen->servicePicker()->button(Service::day)->text(), QStringLiteral("«Day care»"));
    EXPECT_TRUE(m_screen->preview()->text().startsWith(QStringLiteral("«")));
    QCoreApplication::removeTranslator(&marking);
    QCoreApplication::sendPostedEvents();
    EXPECT_EQ(panel().texts().headline, QStringLiteral("Care started"));
    EXPECT_EQ(sessions().closeButton(id)->text(), QStringLiteral("Close"));
}

// ---- the open sessions, by touch --------------------------------------------------------------------------

TEST_F(ScanScreenTest, OpenSessionShowsElapsedAndBilledIfClosedNowAndClosesByTouch)
{
    signInStaff();
    scan(coupon(1));
    m_clock.advance(minutes(95));
    sessions().refresh(); // what the 20 s timer does
    ASSERT_EQ(sessions().rowCount(), 1);
    const QString id = sessions().sessionIds().front();
    const QString row = sessions().rowText(id);
    EXPECT_TRUE(row.contains(QStringLiteral("Started 10:00 · 1 h 35 min so far"))) << str(row);
    EXPECT_TRUE(row.contains(QStringLiteral("If closed now: 1 h 30 min billed"))) << str(row);

    QPushButton* close = sessions().closeButton(id);
    ASSERT_NE(close, nullptr);
    EXPECT_GE(close->minimumHeight(), 56);
    QSignalSpy shown(m_screen.get(), &ScanScreen::resultShown);
    QTest::mouseClick(close, Qt::LeftButton);
    ASSERT_EQ(shown.count(), 1);
    EXPECT_EQ(panel().kind(), ResultKind::closed);
    EXPECT_EQ(panel().texts().headline, QStringLiteral("Care recorded: 1 h 30 min"));
    EXPECT_EQ(panel().texts().mother, QStringLiteral("Time left on the coupon: 40 h 30 min"));
    EXPECT_EQ(sessions().rowCount(), 0);
    auto stored = m_store->session(str(id)).value();
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status, SessionStatus::closed);
    EXPECT_EQ(stored->billedMinutes, 90);
}

TEST_F(ScanScreenTest, CancelByTouchAsksForAReasonThenCancels)
{
    signInStaff();
    scan(coupon(1));
    m_clock.advance(minutes(2));
    sessions().refresh();
    ASSERT_EQ(sessions().rowCount(), 1);
    const QString id = sessions().sessionIds().front();

    QTest::mouseClick(sessions().cancelButton(id), Qt::LeftButton);
    ASSERT_TRUE(sessions().reasonsShown(id));
    EXPECT_EQ(openCount(), 1u) << "nothing is cancelled before a reason is chosen";
    // A refresh meanwhile (the timer) keeps the reasons open.
    sessions().refresh();
    ASSERT_TRUE(sessions().reasonsShown(id));

    QSignalSpy shown(m_screen.get(), &ScanScreen::resultShown);
    QPushButton* reason = sessions().reasonButton(id, QStringLiteral("mother_left"));
    ASSERT_NE(reason, nullptr);
    QTest::mouseClick(reason, Qt::LeftButton);
    ASSERT_EQ(shown.count(), 1);
    EXPECT_EQ(panel().kind(), ResultKind::cancelled);
    EXPECT_EQ(panel().texts().headline, QStringLiteral("Care cancelled"));
    EXPECT_EQ(panel().texts().mother, QStringLiteral("No time was used."));
    EXPECT_EQ(sessions().rowCount(), 0);
    auto stored = m_store->session(str(id)).value();
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status, SessionStatus::cancelled);
    EXPECT_EQ(stored->cancelReason, "mother_left");
}

TEST_F(ScanScreenTest, KeepItOpenBacksOutOfCancelling)
{
    signInStaff();
    scan(coupon(1));
    const QString id = sessions().sessionIds().front();
    QTest::mouseClick(sessions().cancelButton(id), Qt::LeftButton);
    ASSERT_TRUE(sessions().reasonsShown(id));
    QPushButton* back = nullptr;
    for (QPushButton* b : sessions().findChildren<QPushButton*>())
        if (b->text() == QStringLiteral("Keep it open"))
            back = b;
    ASSERT_NE(back, nullptr);
    QTest::mouseClick(back, Qt::LeftButton);
    EXPECT_FALSE(sessions().reasonsShown(id));
    EXPECT_EQ(openCount(), 1u);
}

TEST_F(ScanScreenTest, CloseIsReachableByKeyboard)
{
    signInStaff();
    scan(coupon(1));
    m_clock.advance(minutes(60));
    sessions().refresh();
    QPushButton* close = sessions().closeButton(sessions().sessionIds().front());
    ASSERT_NE(close, nullptr);
    EXPECT_NE(close->focusPolicy() & Qt::TabFocus, 0);
    close->setFocus();
    QTest::keyClick(close, Qt::Key_Space);
    EXPECT_EQ(panel().kind(), ResultKind::closed);
    EXPECT_EQ(openCount(), 0u);
}

TEST_F(ScanScreenTest, EveryControlHasAnAccessibleName)
{
    signInStaff();
    scan(coupon(1));
    const auto buttons = m_screen->findChildren<QAbstractButton*>();
    ASSERT_FALSE(buttons.isEmpty());
    for (QAbstractButton* b : buttons)
        EXPECT_FALSE(b->accessibleName().isEmpty()) << str(b->text());
    EXPECT_FALSE(m_screen->preview()->accessibleName().isEmpty());
    EXPECT_EQ(panel().accessibleName(), QStringLiteral("Care started"));
}

// ---- service picker, visit mode, camera -------------------------------------------------------------------

TEST_F(ScanScreenTest, PickerStartsAtTheDefaultServiceAndATouchChangesIt)
{
    EXPECT_EQ(m_screen->servicePicker()->service(), Service::day) << "settings' default";
    EXPECT_FALSE(m_screen->servicePicker()->isFixed());
    QAbstractButton* stay = m_screen->servicePicker()->button(Service::stay);
    ASSERT_NE(stay, nullptr);
    QTest::mouseClick(stay, Qt::LeftButton);
    EXPECT_EQ(m_screen->servicePicker()->service(), Service::stay);
    signInStaff();
    scan(coupon(1));
    EXPECT_TRUE(panel().texts().mother.startsWith(QStringLiteral("Stay-in care, from 10:00")));
}

TEST_F(ScanScreenTest, VisitModeFixesTheServiceToVisit)
{
    m_settings.mode = kiosk::KioskSettings::Mode::visit;
    m_settings.defaultService = "day";
    m_screen->servicePicker()->refresh();
    EXPECT_EQ(m_screen->servicePicker()->service(), Service::visit);
    EXPECT_TRUE(m_screen->servicePicker()->isFixed());
    EXPECT_EQ(m_screen->servicePicker()->button(Service::day), nullptr);
    EXPECT_FALSE(m_screen->servicePicker()->setService(Service::day));
    signInStaff();
    scan(coupon(1));
    EXPECT_EQ(panel().kind(), ResultKind::opened);
    EXPECT_TRUE(panel().texts().mother.startsWith(QStringLiteral("Home visit, from 10:00")));
}

TEST_F(ScanScreenTest, CodeHeldBeforeTheCameraIsOneScan)
{
    signInStaff();
    QSignalSpy shown(m_screen.get(), &ScanScreen::resultShown);
    m_screen->handleScan(q(coupon(1)), ScanOrigin::camera);
    m_clock.advance(seconds(2));
    m_screen->handleScan(q(coupon(1)), ScanOrigin::camera);
    m_clock.advance(seconds(2));
    m_screen->handleScan(q(coupon(1)), ScanOrigin::camera);
    EXPECT_EQ(shown.count(), 1) << "still in sight: the same scan";
    EXPECT_EQ(panel().kind(), ResultKind::opened) << "the mother still reads \"Care started\"";
    m_clock.advance(minutes(90)); // out of sight, then shown again
    m_screen->handleScan(q(coupon(1)), ScanOrigin::camera);
    EXPECT_EQ(shown.count(), 2);
    EXPECT_EQ(panel().kind(), ResultKind::closed);
}

TEST_F(ScanScreenTest, PreviewShowsTheFrameOrAPlaceholder)
{
    EXPECT_FALSE(m_screen->hasPreview());
    EXPECT_FALSE(m_screen->preview()->text().isEmpty()) << "a placeholder without a camera";
    QImage frame(640, 480, QImage::Format_RGB32);
    frame.fill(Qt::white);
    m_screen->showPreview(frame);
    EXPECT_TRUE(m_screen->hasPreview());
    EXPECT_FALSE(m_screen->preview()->pixmap().isNull());
}

// ---- sound ------------------------------------------------------------------------------------------------

TEST_F(ScanScreenTest, TonesRiseForStartedAndRecordedAndAreLowForARefusal)
{
    using kiosk::FeedbackSound;
    for (ResultKind k : {ResultKind::opened, ResultKind::closed}) {
        const auto n = FeedbackSound::notes(k);
        ASSERT_EQ(n.size(), 2u);
        EXPECT_LT(n[0].hertz, n[1].hertz);
    }
    const auto refusal = FeedbackSound::notes(ResultKind::refused);
    ASSERT_EQ(refusal.size(), 1u);
    EXPECT_LT(refusal[0].hertz, 300);
    // 16-bit mono: 2 bytes a sample; 350 ms at 22,050 Hz.
    EXPECT_EQ(FeedbackSound::pcm(ResultKind::refused).size(), 2 * (22050 * 350 / 1000));
    EXPECT_TRUE(FeedbackSound::pcm(ResultKind::none).isEmpty());
}

TEST_F(ScanScreenTest, SoundOffPlaysNothing)
{
    signInStaff();
    scan(coupon(1));
    scan("not a coupon");
    EXPECT_EQ(m_screen->feedbackSound()->playedCount(), 0);
}

TEST_F(ScanScreenTest, SoundOnWithoutAnAudioDeviceNeverHoldsUpTheResult)
{
    m_settings.sound = true;
    signInStaff();
    scan(coupon(1)); // resultShown before handleScan returned, whether a device exists or not
    EXPECT_EQ(panel().kind(), ResultKind::opened);
    EXPECT_LE(m_screen->feedbackSound()->playedCount(), 1);
}

// ---- the texts themselves ---------------------------------------------------------------------------------

TEST(ResultTextTest, DurationsInHoursAndMinutes)
{
    EXPECT_EQ(ResultText::duration(90), QStringLiteral("1 h 30 min"));
    EXPECT_EQ(ResultText::duration(2400), QStringLiteral("40 h"));
    EXPECT_EQ(ResultText::duration(45), QStringLiteral("45 min"));
    EXPECT_EQ(ResultText::duration(0), QStringLiteral("0 min"));
    EXPECT_EQ(ResultText::duration(-5), QStringLiteral("0 min"));
}

TEST(ResultTextTest, EveryCodeHasWordsForTheMotherAndStaffAndRefusalsMatchTheCommandLine)
{
    const cli::Words commandLine(cli::Lang::en);
    for (int i = 0; i <= static_cast<int>(Errc::ledger_error); ++i) {
        const auto code = static_cast<Errc>(i);
        SCOPED_TRACE(std::string(toString(code)));
        EXPECT_FALSE(ResultText::motherMessage(code).isEmpty());
        EXPECT_FALSE(ResultText::staffMessage(code).isEmpty());
        EXPECT_EQ(kiosk::KioskContext::staffMessage(Error{code, "detail"}), ResultText::staffMessage(code));
        if (kindOf(code) == ErrorKind::refusal) {
            EXPECT_EQ(ResultText::staffMessage(code), q(commandLine.staff(code)));
            if (!commandLine.mother(code).empty()) {
                EXPECT_EQ(ResultText::motherMessage(code), q(commandLine.mother(code)));
            }
        }
    }
}

} // namespace
} // namespace sango::test
