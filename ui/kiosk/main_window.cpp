#include "main_window.h"

#include <chrono>

#include <QCoreApplication>
#include <QEvent>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include "corrections_page.h"
#include "idle_watcher.h"
#include "kiosk_context.h"
#include "manual_entry_page.h"
#include "paper_page.h"
#include "reports_page.h"
#include "scan_screen.h"
#include "settings_page.h"
#include "sign_in_screen.h"
#include "status_strip.h"
#include "sync_page.h"

namespace sango::kiosk {

MainWindow::MainWindow(KioskContext& context, QWidget* parent) : QMainWindow(parent), m_context(&context)
{
    setObjectName(QStringLiteral("mainWindow"));
    auto* central = new QWidget(this);
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    m_strip = new StatusStrip(&context, central);
    column->addWidget(m_strip);
    m_stack = new QStackedWidget(central);
    column->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_signIn = new SignInScreen(context, m_stack);
    m_scan = new ScanScreen(context, m_stack);
    m_manager = new QTabWidget(m_stack);
    m_manager->setObjectName(QStringLiteral("managerArea"));
    m_manager->setStyleSheet(QStringLiteral("QTabBar::tab { min-height: 48px; padding: 0 16px; }"));
    m_reports = new ReportsPage(context, m_manager);
    m_corrections = new CorrectionsPage(context, m_manager);
    m_paper = new PaperPage(context, m_manager);
    m_manual = new ManualEntryPage(context, m_manager);
    m_sync = new SyncPage(context, m_manager);
    m_settings = new SettingsPage(context, m_manager);
    for (QWidget* page : {static_cast<QWidget*>(m_reports), static_cast<QWidget*>(m_corrections),
                          static_cast<QWidget*>(m_paper), static_cast<QWidget*>(m_manual),
                          static_cast<QWidget*>(m_sync), static_cast<QWidget*>(m_settings)})
        m_manager->addTab(page, QString());
    m_stack->addWidget(m_signIn);
    m_stack->addWidget(m_scan);
    m_stack->addWidget(m_manager);
    m_stack->setCurrentWidget(m_signIn);

    m_idle = new IdleWatcher(QCoreApplication::instance(),
                             std::chrono::seconds(context.settings().idleSignOutSeconds), this);

    connect(m_strip, &StatusStrip::languageRequested, this, &MainWindow::languageRequested);
    connect(m_strip, &StatusStrip::signOutRequested, this, &MainWindow::signOut);
    connect(m_strip, &StatusStrip::managerToggled, this, [this] {
        if (currentScreen() == Screen::manager)
            showScanScreen();
        else
            showManagerArea();
    });
    connect(m_signIn, &SignInScreen::signedIn, this, &MainWindow::showScanScreen);
    connect(m_idle, &IdleWatcher::idle, this, &MainWindow::signOut);
    connect(m_context, &KioskContext::staffChanged, this, &MainWindow::staffChanged);
    connect(m_settings, &SettingsPage::saved, this, [this] {
        applySettings();
        Q_EMIT settingsSaved();
    });
    connect(m_settings, &SettingsPage::languageChosen, this, &MainWindow::languageRequested);

    m_strip->setCurrentLanguage(QString::fromStdString(context.settings().language));
    retranslateUi();
    staffChanged();
}

MainWindow::~MainWindow() = default;

MainWindow::Screen MainWindow::currentScreen() const
{
    QWidget* w = m_stack->currentWidget();
    return w == m_scan ? Screen::scan : w == m_manager ? Screen::manager : Screen::signIn;
}

void MainWindow::setCurrentLanguage(const QString& code)
{
    m_strip->setCurrentLanguage(code);
}

void MainWindow::handleScan(const QString& text, ScanOrigin origin)
{
    if (!m_context->staff()) {
        // Nothing is recorded without a signed-in member: say so where the reader is looking.
        m_signIn->showMessage(tr("Sign in first, then scan the coupon again."));
        return;
    }
    // A scan is work at the counter: it restarts the idle count like a touch (camera and serial scans make no
    // input event, and the wedge swallows its keys before the idle watcher sees them).
    m_idle->arm();
    if (currentScreen() != Screen::scan)
        showScanScreen();
    m_scan->handleScan(text, origin);
}

void MainWindow::showScanScreen()
{
    if (!m_context->staff()) {
        m_stack->setCurrentWidget(m_signIn);
        return;
    }
    m_stack->setCurrentWidget(m_scan);
    m_strip->setInManagerArea(false);
}

void MainWindow::showManagerArea()
{
    if (!m_context->isManager())
        return; // the button is not shown to staff; nothing else leads here
    m_stack->setCurrentWidget(m_manager);
    m_strip->setInManagerArea(true);
}

void MainWindow::signOut()
{
    m_context->signOut(); // staffChanged() then shows the sign-in screen
}

void MainWindow::staffChanged()
{
    if (m_context->staff()) {
        m_idle->arm();
        if (currentScreen() == Screen::signIn)
            showScanScreen();
        else if (currentScreen() == Screen::manager && !m_context->isManager())
            showScanScreen();
    } else {
        m_idle->disarm();
        m_signIn->reset();
        m_stack->setCurrentWidget(m_signIn);
        m_strip->setInManagerArea(false);
    }
    m_strip->refresh();
}

void MainWindow::applySettings()
{
    m_idle->setTimeout(std::chrono::seconds(m_context->settings().idleSignOutSeconds));
    m_strip->refresh();
}

void MainWindow::retranslateUi()
{
    setWindowTitle((m_context->isDemo() ? tr("DEMO") + QStringLiteral(" · ") : QString()) +
                   tr("Sango: postpartum care coupons"));
    setAccessibleName(tr("Sango kiosk"));
    m_manager->setTabText(m_manager->indexOf(m_reports), tr("Reports"));
    m_manager->setTabText(m_manager->indexOf(m_corrections), tr("Corrections"));
    m_manager->setTabText(m_manager->indexOf(m_paper), tr("Paper tickets"));
    m_manager->setTabText(m_manager->indexOf(m_manual), tr("Typed coupon id"));
    m_manager->setTabText(m_manager->indexOf(m_sync), tr("Sync"));
    m_manager->setTabText(m_manager->indexOf(m_settings), tr("Settings"));
    m_manager->setAccessibleName(tr("Manager's pages"));
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

} // namespace sango::kiosk
