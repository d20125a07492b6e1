// Screenshot tests: the kiosk's main screens in Japanese, English and Simplified Chinese, each saved as a PNG
// under <build>/screenshots/<lang>/<screen>.png for a person to review. A screen fails when
//   - a label's or a button's text does not fit its widget (it would be cut off), or a widget lies outside the
//     window; or
//   - in ja or zh_CN, a string of the kiosk's own contexts had no translation (the English source would show).
// The window is 1280×800, a common kiosk and tablet size.
#include <gtest/gtest.h>

#include <set>

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include "kiosk_fixture.h"
#include "language.h"
#include "main_window.h"
#include "open_sessions_view.h"
#include "reports_page.h"
#include "sango/sync/store_sync_local.h"
#include "scan_screen.h"
#include "status_strip.h"
#include "sync_page.h"

namespace sango::test {
namespace {

using kiosk::Language;
using kiosk::MainWindow;
using kiosk::ScanOrigin;

// The kiosk's own tr() contexts, as lupdate found them (the English catalogue lists them all).
std::set<QString> kioskContexts()
{
    std::set<QString> names;
    QFile file(QStringLiteral(SANGO_TS_DIR "/sango_en.ts"));
    if (!file.open(QIODevice::ReadOnly))
        return names;
    QXmlStreamReader xml(&file);
    bool inContext = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QStringLiteral("context"))
            inContext = true;
        else if (xml.isStartElement() && xml.name() == QStringLiteral("name") && inContext) {
            names.insert(xml.readElementText());
            inContext = false;
        }
    }
    return names;
}

// Installed before the language's own translator, so Qt asks it only when that one has no translation: it
// remembers what fell through.
class MissRecorder : public QTranslator {
public:
    explicit MissRecorder(std::set<QString> contexts) : m_contexts(std::move(contexts)) {}
    QString translate(const char* context, const char* source, const char* disambiguation, int n) const override
    {
        Q_UNUSED(disambiguation);
        Q_UNUSED(n);
        const QString c = QString::fromUtf8(context);
        if (m_contexts.count(c) && source && *source)
            m_misses.insert(c + QStringLiteral(": ") + QString::fromUtf8(source));
        return {};
    }
    bool isEmpty() const override { return false; }
    std::set<QString> takeMisses() { return std::exchange(m_misses, {}); }

private:
    std::set<QString> m_contexts;
    mutable std::set<QString> m_misses;
};

QString plain(QString text)
{
    text.remove(QLatin1Char('&'));
    return text;
}

// Every visible label and button whose text does not fit, and every widget outside the window.
QStringList overflowing(QWidget* window)
{
    QStringList problems;
    const QRect windowRect = window->rect();
    const auto widgets = window->findChildren<QWidget*>();
    for (QWidget* w : widgets) {
        if (!w->isVisibleTo(window) || w->width() <= 0 || w->height() <= 0)
            continue;
        bool scrolled = false; // inside a scroll area's viewport: it may lie outside and scroll into view
        for (QWidget* p = w->parentWidget(); p && p != window; p = p->parentWidget())
            if (qobject_cast<QAbstractScrollArea*>(p)) {
                scrolled = true;
                break;
            }
        if (scrolled)
            continue;
        const QRect inWindow(w->mapTo(window, QPoint(0, 0)), w->size());
        const QString name = QString::fromLatin1(w->metaObject()->className()) + QStringLiteral(" '") +
                             (w->objectName().isEmpty() ? w->accessibleName() : w->objectName()) +
                             QStringLiteral("'");
        if (!windowRect.contains(inWindow.adjusted(1, 1, -1, -1)))
            problems << name + QStringLiteral(" lies outside the window");
        const QFontMetrics fm(w->font());
        if (auto* label = qobject_cast<QLabel*>(w); label && !label->text().isEmpty() && label->pixmap().isNull()) {
            if (label->textFormat() == Qt::RichText || Qt::mightBeRichText(label->text()))
                continue;
            const QRect room = label->contentsRect().adjusted(label->margin(), label->margin(), -label->margin(),
                                                              -label->margin());
            if (label->wordWrap()) {
                if (label->heightForWidth(label->width()) > label->height() + 2)
                    problems << name + QStringLiteral(": wrapped text '%1' needs %2 px of height, has %3")
                                           .arg(label->text())
                                           .arg(label->heightForWidth(label->width()))
                                           .arg(label->height());
            } else {
                const QRect need = fm.boundingRect(QRect(0, 0, 100000, 100000), Qt::AlignLeft | Qt::AlignTop,
                                                   label->text());
                if (need.width() > room.width() + 2 || need.height() > room.height() + 2)
                    problems << name + QStringLiteral(": text '%1' needs %2×%3 px, has %4×%5")
                                           .arg(label->text())
                                           .arg(need.width())
                                           .arg(need.height())
                                           .arg(room.width())
                                           .arg(room.height());
            }
        } else if (auto* button = qobject_cast<QAbstractButton*>(w); button && !button->text().isEmpty()) {
            const QRect need = fm.boundingRect(QRect(0, 0, 100000, 100000), Qt::AlignLeft | Qt::AlignTop,
                                               plain(button->text()));
            int width = need.width() + (button->icon().isNull() ? 0 : button->iconSize().width() + 4);
            if (width > button->width() || need.height() > button->height())
                problems << name + QStringLiteral(": text '%1' needs %2×%3 px, has %4×%5")
                                       .arg(button->text())
                                       .arg(width)
                                       .arg(need.height())
                                       .arg(button->width())
                                       .arg(button->height());
        }
    }
    return problems;
}

class ScreenshotTest : public KioskFixture, public ::testing::WithParamInterface<const char*> {
protected:
    void SetUp() override
    {
        KioskFixture::SetUp();
        m_recorder = std::make_unique<MissRecorder>(kioskContexts());
        QCoreApplication::installTranslator(m_recorder.get());
        m_language = std::make_unique<Language>();
        ASSERT_TRUE(m_language->apply(GetParam()));
        m_window = std::make_unique<MainWindow>(context());
        m_window->setCurrentLanguage(QString::fromLatin1(GetParam()));
        m_window->resize(1280, 800);
        m_window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void TearDown() override
    {
        m_window.reset();
        m_language.reset();
        QCoreApplication::removeTranslator(m_recorder.get());
        m_recorder.reset();
        KioskFixture::TearDown();
    }

    // Saves the window (or another top-level widget: a dialog) as <lang>/<name>.png and checks it.
    void shoot(const char* name, QWidget* target = nullptr)
    {
        QWidget* shown = target ? target : m_window.get();
        QApplication::processEvents();
        const QString dir = QStringLiteral(SANGO_SCREENSHOT_DIR "/") + QString::fromLatin1(GetParam());
        QDir().mkpath(dir);
        const QString file = dir + QLatin1Char('/') + QString::fromLatin1(name) + QStringLiteral(".png");
        EXPECT_TRUE(shown->grab().save(file)) << file.toStdString();
        // The kiosk's screen is 1280×800: a window whose contents need more would be cut off on it.
        EXPECT_LE(shown->width(), 1280) << name << " (" << GetParam() << ") needs a wider screen";
        EXPECT_LE(shown->height(), 800) << name << " (" << GetParam() << ") needs a taller screen";
        for (const QString& p : overflowing(shown))
            ADD_FAILURE() << name << " (" << GetParam() << "): " << p.toStdString();
        const auto misses = m_recorder->takeMisses();
        if (std::string(GetParam()) != "en") {
            for (const QString& m : misses)
                ADD_FAILURE() << name << " (" << GetParam() << ") shows an untranslated string: " << m.toStdString();
        }
    }

    std::unique_ptr<MissRecorder> m_recorder;
    std::unique_ptr<Language> m_language;
    std::unique_ptr<MainWindow> m_window;
};

TEST_P(ScreenshotTest, MainScreens)
{
    shoot("01-sign-in");

    signInStaff();
    m_window->showScanScreen();
    shoot("02-scan-ready");
    m_window->handleScan(QString::fromStdString(coupon(1)), ScanOrigin::camera);
    shoot("03-scan-opened");
    m_clock.advance(std::chrono::minutes(95));
    m_window->handleScan(QString::fromStdString(coupon(1)), ScanOrigin::camera);
    shoot("04-scan-closed");
    m_clock.advance(std::chrono::minutes(1));
    ASSERT_TRUE(m_terminal->revoke(TestIssuer::makeCouponId(2), "paper"));
    m_window->handleScan(QString::fromStdString(coupon(2)), ScanOrigin::camera);
    shoot("05-scan-revoked");
    m_window->handleScan(QStringLiteral("hello"), ScanOrigin::camera);
    shoot("06-scan-not-a-coupon");
    m_window->handleScan(QString::fromStdString(coupon(3)), ScanOrigin::camera);
    m_clock.advance(std::chrono::minutes(40));
    m_window->scanScreen()->openSessions()->refresh();
    shoot("07-scan-open-sessions");

    m_context->signOut();
    signInManager();
    m_window->showManagerArea();
    QTabWidget* tabs = m_window->managerArea();
    ASSERT_NE(tabs, nullptr);
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        const std::string name = "1" + std::to_string(i) + "-manager-" +
                                 QString::fromLatin1(tabs->widget(i)->metaObject()->className())
                                     .section(QStringLiteral("::"), -1)
                                     .toLower()
                                     .toStdString();
        shoot(name.c_str());
    }
}

// The surfaces of a demonstration store, the ledger's refusals and the confined file pickers.
TEST_P(ScreenshotTest, DemoRefusalsAndPickers)
{
    m_window->statusStrip()->setDemo(true); // as a demonstration store's window shows it
    shoot("20-demo-sign-in");

    // A close the ledger refused with its own figures, and a terminal the municipality revoked.
    signInStaff();
    ASSERT_TRUE(m_terminal->scan(ScanInput::qr(coupon(1)), Service::day, kStaffId));
    m_clock.advance(std::chrono::minutes(95));
    auto closed = m_terminal->scan(ScanInput::qr(coupon(1)), Service::day, kStaffId);
    ASSERT_TRUE(closed);
    auto outbox = m_store->outbox(100, 1 << 20);
    ASSERT_TRUE(outbox && outbox->size() == 2u);
    const auto start = std::chrono::duration_cast<std::chrono::seconds>(
                           closed->session.start.time_since_epoch()).count();
    nlohmann::json answers = nlohmann::json::array();
    for (const Event& e : *outbox) {
        const bool close = e.type == event_type::session_closed;
        nlohmann::json a = {{"seq", e.seq}, {"id", e.id}, {"type", e.type},
                            {"session_id", closed->session.sessionId}, {"coupon_id", closed->session.couponId},
                            {"status", close ? "rejected" : "accepted"}, {"reason", close ? "figures_mismatch" : ""},
                            {"delivery", close ? "rejected" : "accepted"}};
        if (close) {
            a["detail"] = "billed_minutes: the ledger bills 60";
            a["figures"] = {{"date", "2026-04-03"}, {"start", start}, {"stop", start + 65 * 60},
                            {"actual_minutes", 65}, {"billed_minutes", 60}, {"amount_yen", 3400}};
        }
        answers.push_back(a);
    }
    ASSERT_TRUE(m_store->transact([&]() -> Expected<void> {
        auto ev = m_store->append(*events::SyncAnswered::fromJson({{"answers", answers}}), m_clock.now());
        if (!ev)
            return tl::unexpected(ev.error());
        return {};
    }));
    struct Boot final : BootClock {
        BootReading read() const override { return {"screenshot-boot", 0}; }
    } boot;
    sync::StoreSyncLocal local(*m_store, m_clock, boot);
    ASSERT_TRUE(local.recordOutcome({m_clock.now(), "ledger_refused:terminal_revoked", 0, 0, 1}));
    m_context->recorded();

    // Load QR image: the confined picker over the coupons folder.
    std::filesystem::create_directories(m_where.dataDir / "coupons" / "june");
    writeBytes(m_where.dataDir / "coupons" / "coupon-1.png", "png");
    m_window->showScanScreen();
    shoot("21-scan-revoked-terminal");
    m_window->scanScreen()->chooseImageFile();
    ASSERT_NE(m_window->scanScreen()->imageDialog(), nullptr);
    shoot("22-load-qr-image", m_window->scanScreen()->imageDialog());
    m_window->scanScreen()->imageDialog()->close();

    m_context->signOut();
    signInManager();
    m_window->showManagerArea();
    QTabWidget* tabs = m_window->managerArea();
    for (int i = 0; i < tabs->count(); ++i) {
        if (auto* sync = qobject_cast<kiosk::SyncPage*>(tabs->widget(i))) {
            tabs->setCurrentIndex(i);
            sync->refresh();
            ASSERT_EQ(sync->attentionTable()->rowCount(), 1);
            shoot("23-sync-attention-revoked");
        }
        if (auto* reports = qobject_cast<kiosk::ReportsPage*>(tabs->widget(i))) {
            tabs->setCurrentIndex(i);
            for (QPushButton* b : reports->findChildren<QPushButton*>())
                if (b->text() == kiosk::ReportsPage::tr("Save PDF"))
                    b->click();
            ASSERT_NE(reports->exportDialog(), nullptr);
            shoot("24-save-report", reports->exportDialog());
            reports->exportDialog()->close();
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Languages, ScreenshotTest, ::testing::Values("ja", "en", "zh_CN"),
                         [](const ::testing::TestParamInfo<const char*>& p) { return std::string(p.param); });

} // namespace
} // namespace sango::test
