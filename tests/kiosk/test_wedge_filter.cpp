// WedgeFilter on a focused QLineEdit: a fast burst ended by Return is a scan and types nothing; slow typing
// reaches the line edit and scans nothing; a short burst is given back before its Return; the real timer
// gives a lone held key back. Time is a fake advanced per key, so "fast" and "slow" do not depend on the
// machine's speed.
#include <gtest/gtest.h>

#include <chrono>
#include <string_view>

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>
#include <QWidget>
#include <QWindow>

#include "wedge_filter.h"

namespace sango::kiosk {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

class WedgeFilterTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_window.resize(400, 200);
        auto* layout = new QVBoxLayout(&m_window);
        m_edit = new QLineEdit(&m_window);
        layout->addWidget(m_edit);
        m_window.show();
        m_window.activateWindow();
        m_edit->setFocus();
        ASSERT_TRUE(QTest::qWaitForWindowActive(&m_window));
        ASSERT_EQ(QApplication::focusWidget(), m_edit);
        qApp->installEventFilter(&m_filter);
    }

    void TearDown() override { qApp->removeEventFilter(&m_filter); }

    // Each key `step` after the previous one, by the fake time.
    void type(const QString& text, milliseconds step)
    {
        for (const QChar c : text) {
            m_now += step;
            QTest::keyClick(m_edit, c.toLatin1());
        }
    }
    void pressReturn(milliseconds after)
    {
        m_now += after;
        QTest::keyClick(m_edit, Qt::Key_Return);
    }

    milliseconds m_now{10'000};
    WedgeFilter m_filter{[this] { return m_now; }};
    QWidget m_window;
    QLineEdit* m_edit = nullptr;
};

TEST_F(WedgeFilterTest, FastBurstAndReturnIsAScanAndTypesNothing)
{
    QSignalSpy scans(&m_filter, &WedgeFilter::scanned);
    QSignalSpy returns(m_edit, &QLineEdit::returnPressed);
    type(QStringLiteral("SGC1:eyJ2IjoxfQ.sig-Abc_9"), 4ms);
    EXPECT_EQ(m_filter.heldKeys(), 25);
    pressReturn(4ms);
    ASSERT_EQ(scans.count(), 1);
    EXPECT_EQ(scans.at(0).at(0).toString(), QStringLiteral("SGC1:eyJ2IjoxfQ.sig-Abc_9"));
    EXPECT_TRUE(m_edit->text().isEmpty());
    EXPECT_EQ(returns.count(), 0);
    EXPECT_EQ(m_filter.heldKeys(), 0);
    m_filter.flush();
    EXPECT_TRUE(m_edit->text().isEmpty());
}

TEST_F(WedgeFilterTest, SlowTypingArrivesAndScansNothing)
{
    QSignalSpy scans(&m_filter, &WedgeFilter::scanned);
    QSignalSpy returns(m_edit, &QLineEdit::returnPressed);
    type(QStringLiteral("7K3Q9M2X4T8V"), 180ms);
    EXPECT_EQ(m_edit->text(), QStringLiteral("7K3Q9M2X4T8")); // each key given back when the next came late
    m_filter.flush();
    EXPECT_EQ(m_edit->text(), QStringLiteral("7K3Q9M2X4T8V"));
    pressReturn(180ms);
    EXPECT_EQ(scans.count(), 0);
    EXPECT_EQ(returns.count(), 1);
}

TEST_F(WedgeFilterTest, ShortBurstIsTypedBeforeItsReturn)
{
    QSignalSpy scans(&m_filter, &WedgeFilter::scanned);
    QString textAtReturn;
    QObject::connect(m_edit, &QLineEdit::returnPressed, m_edit, [&] { textAtReturn = m_edit->text(); });
    type(QStringLiteral("abc"), 3ms);
    EXPECT_TRUE(m_edit->text().isEmpty());
    pressReturn(3ms);
    EXPECT_EQ(scans.count(), 0);
    EXPECT_EQ(textAtReturn, QStringLiteral("abc"));
}

TEST_F(WedgeFilterTest, BurstBrokenMidwayKeepsItsTypedPart)
{
    QSignalSpy scans(&m_filter, &WedgeFilter::scanned);
    type(QStringLiteral("ab"), 3ms);
    m_now += 500ms;                        // a pause: "ab" was typed
    type(QStringLiteral("CDEFGHIJ"), 3ms); // then a scanner's burst
    EXPECT_EQ(m_edit->text(), QStringLiteral("ab"));
    pressReturn(3ms);
    ASSERT_EQ(scans.count(), 1);
    EXPECT_EQ(scans.at(0).at(0).toString(), QStringLiteral("CDEFGHIJ"));
    EXPECT_EQ(m_edit->text(), QStringLiteral("ab"));
}

TEST_F(WedgeFilterTest, OtherKeysGiveTheHeldKeysBackFirst)
{
    type(QStringLiteral("abcd"), 3ms);
    m_now += 3ms;
    QTest::keyClick(m_edit, Qt::Key_Backspace);
    EXPECT_EQ(m_edit->text(), QStringLiteral("abc"));
    EXPECT_EQ(m_filter.heldKeys(), 0);
}

// Keys from the window system reach the window first, then the focus widget: each is seen once.
TEST_F(WedgeFilterTest, KeysThroughTheWindowAsFromAKeyboard)
{
    QSignalSpy scans(&m_filter, &WedgeFilter::scanned);
    QWindow* window = m_window.windowHandle();
    ASSERT_NE(window, nullptr);
    for (const char c : std::string_view("A1B2C3D4E5")) {
        m_now += 2ms;
        QTest::keyClick(window, static_cast<Qt::Key>(c), Qt::NoModifier);
    }
    m_now += 2ms;
    QTest::keyClick(window, Qt::Key_Return);
    ASSERT_EQ(scans.count(), 1);
    EXPECT_EQ(scans.at(0).at(0).toString(), QStringLiteral("a1b2c3d4e5")); // no Shift: lower case
    EXPECT_TRUE(m_edit->text().isEmpty());

    for (const char c : std::string_view("XY")) {
        m_now += 300ms;
        QTest::keyClick(window, static_cast<Qt::Key>(c), Qt::NoModifier);
    }
    m_filter.flush();
    EXPECT_EQ(m_edit->text(), QStringLiteral("xy"));
}

// With the real (steady) time source, the max-gap timer gives a lone key back by itself.
TEST(WedgeFilterTimer, LoneKeyArrivesAfterTheMaxGap)
{
    WedgeFilter filter;
    QWidget window;
    auto* edit = new QLineEdit(&window);
    window.show();
    window.activateWindow();
    edit->setFocus();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    qApp->installEventFilter(&filter);
    QTest::keyClick(edit, 'x');
    EXPECT_TRUE(QTest::qWaitFor([edit] { return edit->text() == QStringLiteral("x"); }, 5000));
    EXPECT_EQ(filter.heldKeys(), 0);
    qApp->removeEventFilter(&filter);
}

} // namespace
} // namespace sango::kiosk

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // also when ctest lists the tests
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
