#include "first_run_screen.h"

#include <algorithm>

#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QThread>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include "kiosk_context.h"
#include "sango/initial_setup.h"
#include "sango/sync/curl_transport.h"
#include "sango/sync/enrolment.h"
#include "sango/sync/resolve_tls.h"
#include "sango/sync/sync_stack.h"
#include "sango/terminal.h"
#include "sango/terminal_session.h"
#include "status_strip.h"

namespace sango::kiosk {

namespace {

using nlohmann::json;

constexpr int kTouchHeight = 56;

std::string text(const QLineEdit* field)
{
    return field->text().trimmed().toStdString();
}

QLineEdit* field(QWidget* parent, const char* objectName)
{
    auto* f = new QLineEdit(parent);
    f->setObjectName(QString::fromLatin1(objectName));
    f->setMinimumHeight(kTouchHeight);
    return f;
}

QPushButton* button(QWidget* parent)
{
    auto* b = new QPushButton(parent);
    b->setMinimumHeight(kTouchHeight);
    return b;
}

} // namespace

FirstRunScreen::FirstRunScreen(StoreLocation where, const Clock& clock, const BootClock& boot, bool demo,
                               QWidget* parent)
    : QWidget(parent), m_where(std::move(where)), m_clock(&clock), m_boot(&boot), m_demo(demo)
{
    setObjectName(QStringLiteral("firstRunScreen"));
    build();
    retranslateUi();
    // A store set up from files (or an earlier run) without staff only needs its first manager.
    std::error_code ec;
    goTo(std::filesystem::exists(m_where.database(), ec) ? Step::manager : Step::choose);
}

FirstRunScreen::~FirstRunScreen()
{
    if (m_worker) {
        m_worker->wait(); // an enrolment in flight ends within the transport's timeout
        delete m_worker;
    }
}

void FirstRunScreen::build()
{
    auto* column = new QVBoxLayout(this);
    m_strip = new StatusStrip(nullptr, this);
    connect(m_strip, &StatusStrip::languageRequested, this, &FirstRunScreen::languageRequested);
    column->addWidget(m_strip);
    m_title = new QLabel(this);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setStyleSheet(QStringLiteral("font-size: 26pt; font-weight: bold;"));
    column->addWidget(m_title);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildChoose());
    m_pages->addWidget(buildEnrol());
    m_pages->addWidget(buildFiles());
    m_pages->addWidget(buildManager());
    column->addWidget(m_pages, 1);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("firstRunMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("font-size: 16pt; color: #b71c1c;"));
    column->addWidget(m_message);
}

QWidget* FirstRunScreen::buildChoose()
{
    auto* page = new QWidget(this);
    auto* column = new QVBoxLayout(page);
    m_intro = new QLabel(page);
    m_intro->setWordWrap(true);
    m_demoNote = new QLabel(page);
    m_demoNote->setObjectName(QStringLiteral("firstRunDemoNote"));
    m_demoNote->setWordWrap(true);
    m_demoNote->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold; color: #b71c1c;"));
    m_demoNote->setVisible(m_demo);
    m_chooseEnrol = button(page);
    m_chooseEnrol->setMinimumHeight(96);
    m_chooseFiles = button(page);
    m_chooseFiles->setMinimumHeight(96);
    column->addWidget(m_intro);
    column->addWidget(m_demoNote);
    column->addWidget(m_chooseEnrol);
    column->addWidget(m_chooseFiles);
    column->addStretch(1);
    connect(m_chooseEnrol, &QPushButton::clicked, this, [this] { goTo(Step::enrol); });
    connect(m_chooseFiles, &QPushButton::clicked, this, [this] { goTo(Step::files); });
    return page;
}

QPushButton* FirstRunScreen::browseButton(QLineEdit* target, const QString& filter)
{
    auto* b = button(target->parentWidget());
    connect(b, &QPushButton::clicked, this, [this, target, filter] {
        const QString file = QFileDialog::getOpenFileName(this, QString(), target->text(), filter);
        if (!file.isEmpty())
            target->setText(file);
    });
    m_browse.append(b);
    return b;
}

QWidget* FirstRunScreen::buildEnrol()
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_ledgerUrl = field(page, "ledgerUrlField");
    m_ledgerUrl->setPlaceholderText(QStringLiteral("https://ledger.example.jp"));
    m_code = field(page, "enrolCodeField");
    m_code->setPlaceholderText(QStringLiteral("K3Q9-M2X4-T8VW-Z1MA"));
    m_label = field(page, "labelField");
    m_caFile = field(page, "caFileField");
    m_pinnedKey = field(page, "pinnedKeyField");
    m_pinnedKey->setPlaceholderText(QStringLiteral("sha256//…"));
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browseButton(m_caFile, QStringLiteral("PEM (*.pem *.crt);;* (*)")));
    m_ledgerUrlLabel = new QLabel(page);
    m_codeLabel = new QLabel(page);
    m_labelLabel = new QLabel(page);
    m_caFileLabel = new QLabel(page);
    m_pinnedKeyLabel = new QLabel(page);
    form->addRow(m_ledgerUrlLabel, m_ledgerUrl);
    form->addRow(m_codeLabel, m_code);
    form->addRow(m_labelLabel, m_label);
    form->addRow(m_caFileLabel, caRow);
    form->addRow(m_pinnedKeyLabel, m_pinnedKey);
    m_enrol = button(page);
    m_enrolBack = button(page);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_enrolBack);
    buttons->addStretch(1);
    buttons->addWidget(m_enrol);
    form->addRow(buttons);
    connect(m_enrol, &QPushButton::clicked, this, &FirstRunScreen::startEnrolment);
    connect(m_enrolBack, &QPushButton::clicked, this, [this] { goTo(Step::choose); });
    return page;
}

QWidget* FirstRunScreen::buildFiles()
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_terminalId = field(page, "terminalIdField");
    m_policy = field(page, "policyField");
    m_provider = field(page, "providerField");
    m_trust = field(page, "trustField");
    m_terminalIdLabel = new QLabel(page);
    m_policyLabel = new QLabel(page);
    m_providerLabel = new QLabel(page);
    m_trustLabel = new QLabel(page);
    form->addRow(m_terminalIdLabel, m_terminalId);
    for (auto [label, target] : {std::pair{m_policyLabel, m_policy}, std::pair{m_providerLabel, m_provider},
                                 std::pair{m_trustLabel, m_trust}}) {
        auto* row = new QHBoxLayout;
        row->addWidget(target, 1);
        row->addWidget(browseButton(target, QStringLiteral("JSON (*.json);;* (*)")));
        form->addRow(label, row);
    }
    m_install = button(page);
    m_filesBack = button(page);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_filesBack);
    buttons->addStretch(1);
    buttons->addWidget(m_install);
    form->addRow(buttons);
    connect(m_install, &QPushButton::clicked, this, [this] { (void)installFiles(); });
    connect(m_filesBack, &QPushButton::clicked, this, [this] { goTo(Step::choose); });
    return page;
}

QWidget* FirstRunScreen::buildManager()
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_managerIntro = new QLabel(page);
    m_managerIntro->setWordWrap(true);
    form->addRow(m_managerIntro);
    m_managerId = field(page, "managerIdField");
    m_managerId->setMaxLength(32);
    m_pin = field(page, "managerPinField");
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setMaxLength(12);
    m_pinAgain = field(page, "managerPinAgainField");
    m_pinAgain->setEchoMode(QLineEdit::Password);
    m_pinAgain->setMaxLength(12);
    m_managerIdLabel = new QLabel(page);
    m_pinLabel = new QLabel(page);
    m_pinAgainLabel = new QLabel(page);
    form->addRow(m_managerIdLabel, m_managerId);
    form->addRow(m_pinLabel, m_pin);
    form->addRow(m_pinAgainLabel, m_pinAgain);
    m_createManager = button(page);
    form->addRow(m_createManager);
    auto create = [this] { (void)createManager(); };
    connect(m_createManager, &QPushButton::clicked, this, create);
    connect(m_managerId, &QLineEdit::returnPressed, this, [this] { m_pin->setFocus(); });
    connect(m_pin, &QLineEdit::returnPressed, this, [this] { m_pinAgain->setFocus(); });
    connect(m_pinAgain, &QLineEdit::returnPressed, this, create);
    return page;
}

FirstRunScreen::Step FirstRunScreen::step() const
{
    return static_cast<Step>(m_pages->currentIndex());
}

QLabel* FirstRunScreen::messageLabel() const
{
    return m_message;
}

void FirstRunScreen::goTo(Step step)
{
    m_pages->setCurrentIndex(static_cast<int>(step));
    say({});
    switch (step) {
    case Step::choose: m_chooseEnrol->setFocus(); break;
    case Step::enrol: m_ledgerUrl->setFocus(); break;
    case Step::files: m_terminalId->setFocus(); break;
    case Step::manager: m_managerId->setFocus(); break;
    }
    updateDemoMark();
}

void FirstRunScreen::updateDemoMark()
{
    bool demo = m_demo;
    std::error_code ec;
    if (!demo && std::filesystem::exists(m_where.database(), ec)) {
        if (auto store = EventStore::open(m_where)) {
            auto d = store->isDemo();
            demo = d && *d;
        }
    }
    m_strip->setDemo(demo);
}

void FirstRunScreen::say(std::function<QString()> message)
{
    m_messageText = std::move(message);
    m_message->setText(m_messageText ? m_messageText() : QString());
}

void FirstRunScreen::showError(const Error& e)
{
    // The instruction in the chosen language, then the details (in English) for whoever helps.
    say([e]() -> QString {
        return KioskContext::staffMessage(e) + QStringLiteral("\n") + QString::fromStdString(e.message);
    });
}

void FirstRunScreen::startEnrolment()
{
    if (m_worker)
        return; // one enrolment at a time
    const std::string url = text(m_ledgerUrl);
    const std::string code = text(m_code);
    if (url.empty() || code.empty()) {
        say([] { return tr("Enter the ledger's address and the enrolment code the municipality gave you."); });
        return;
    }
    if (auto ok = sync::CurlTransport::checkUrl(url); !ok) {
        showError(ok.error());
        return;
    }
    sync::EnrolOptions options{code, text(m_label), text(m_caFile), text(m_pinnedKey)};
    options.demo = m_demo;
    // What the fields say (the first run has no terminal.toml [sync] and nothing recorded yet), as `sango enroll`.
    auto tlsChosen = sync::resolveTls({options.caFile, options.pinnedKey}, {}, nullptr);
    if (!tlsChosen) {
        showError(tlsChosen.error());
        return;
    }
    const sync::TlsSettings tls = *tlsChosen;
    auto result = std::make_shared<Expected<Enrolment>>(fail(Errc::ledger_error, "the enrolment did not finish"));
    const StoreLocation where = m_where;
    const Clock* clock = m_clock;
    const BootClock* boot = m_boot;
    // The ledger may take seconds to answer (or time out): the screen stays responsive meanwhile.
    m_worker = QThread::create([result, url, options, tls, where, clock, boot] {
        sync::SyncStack stack(tls, url, *clock);
        *result = sync::enrolTerminal(stack.client(), where, options, *clock, *boot);
    });
    connect(m_worker, &QThread::finished, this, [this, result] {
        m_worker->deleteLater();
        m_worker = nullptr;
        enrolmentDone(*result);
    });
    m_enrol->setEnabled(false);
    say([] { return tr("Enrolling with the ledger…"); });
    m_worker->start();
}

void FirstRunScreen::enrolmentDone(const Expected<Enrolment>& result)
{
    m_enrol->setEnabled(true);
    if (!result) {
        showError(result.error());
        Q_EMIT enrolmentFinished(false);
        return;
    }
    m_code->clear();
    goTo(Step::manager);
    Q_EMIT enrolmentFinished(true);
}

Expected<void> FirstRunScreen::installFiles()
{
    auto r = install();
    if (!r)
        showError(r.error());
    return r;
}

Expected<void> FirstRunScreen::install()
{
    // The same checks as `sango init` (one home: InitialSetup), published test keys included.
    SANGO_TRY_ASSIGN(const InitialSetup setup, InitialSetup::fromFiles(SetupFiles{text(m_terminalId), text(m_policy),
                                                                                  text(m_provider), text(m_trust),
                                                                                  m_demo}));
    SANGO_TRY(setup.createStore(m_where, m_clock->now()));
    goTo(Step::manager);
    return {};
}

Expected<void> FirstRunScreen::createManager()
{
    const std::string id = text(m_managerId);
    std::string pin = m_pin->text().toStdString();
    const bool same = m_pin->text() == m_pinAgain->text();
    m_pin->setText(QString()); // not clear(): that keeps the PIN in the undo history
    m_pinAgain->setText(QString());
    if (!same) {
        std::fill(pin.begin(), pin.end(), '\0');
        say([] { return tr("The two PINs differ: type the same PIN twice."); });
        m_pin->setFocus();
        return fail(Errc::invalid_argument, "the two PINs differ: type the same PIN twice");
    }
    auto session = TerminalSession::open({m_where, m_clock, m_boot});
    if (!session) {
        std::fill(pin.begin(), pin.end(), '\0');
        showError(session.error());
        return tl::unexpected(session.error());
    }
    auto added = (*session)->terminal().addStaff(id, StaffRole::manager, pin);
    std::fill(pin.begin(), pin.end(), '\0');
    if (!added) {
        showError(added.error());
        return tl::unexpected(added.error());
    }
    say({});
    Q_EMIT ready();
    return {};
}

void FirstRunScreen::retranslateUi()
{
    m_title->setText(tr("Set up this terminal"));
    m_intro->setText(tr("This terminal has no store yet. Enrol it with the municipal ledger (the municipality gives "
                        "you an enrolment code), or install the policy files the municipality sent."));
    m_chooseEnrol->setText(tr("Enrol with the municipal ledger"));
    m_chooseEnrol->setAccessibleName(tr("Enrol with the municipal ledger"));
    m_chooseFiles->setText(tr("Install policy files"));
    m_chooseFiles->setAccessibleName(tr("Install policy files"));
    m_demoNote->setText(tr("Demo mode: this terminal is set up as a demonstration store. It accepts the published "
                           "test keys, shows DEMO on every screen and report, and must never take real coupons."));

    m_ledgerUrlLabel->setText(tr("Ledger address"));
    m_ledgerUrl->setAccessibleName(tr("Ledger address"));
    m_codeLabel->setText(tr("Enrolment code"));
    m_code->setAccessibleName(tr("Enrolment code"));
    m_labelLabel->setText(tr("Name of this terminal (optional)"));
    m_label->setAccessibleName(tr("Name of this terminal"));
    m_caFileLabel->setText(tr("CA certificate file (optional)"));
    m_caFile->setAccessibleName(tr("CA certificate file"));
    m_pinnedKeyLabel->setText(tr("Pinned ledger key (optional)"));
    m_pinnedKey->setAccessibleName(tr("Pinned ledger key"));
    m_enrol->setText(tr("Enrol"));
    m_enrol->setAccessibleName(tr("Enrol"));
    m_enrolBack->setText(tr("Back"));
    m_enrolBack->setAccessibleName(tr("Back"));

    m_terminalIdLabel->setText(tr("Terminal id"));
    m_terminalId->setAccessibleName(tr("Terminal id"));
    m_policyLabel->setText(tr("Policy file"));
    m_policy->setAccessibleName(tr("Policy file"));
    m_providerLabel->setText(tr("Provider file"));
    m_provider->setAccessibleName(tr("Provider file"));
    m_trustLabel->setText(tr("Trust store file"));
    m_trust->setAccessibleName(tr("Trust store file"));
    m_install->setText(tr("Install"));
    m_install->setAccessibleName(tr("Install"));
    m_filesBack->setText(tr("Back"));
    m_filesBack->setAccessibleName(tr("Back"));
    for (QPushButton* b : std::as_const(m_browse)) {
        b->setText(tr("Choose…"));
        b->setAccessibleName(tr("Choose a file"));
    }

    m_managerIntro->setText(tr("Register the first manager. Managers sign in with their id and PIN to see reports, "
                               "correct sessions and change settings."));
    m_managerIdLabel->setText(tr("Manager's staff id"));
    m_managerId->setAccessibleName(tr("Manager's staff id"));
    m_pinLabel->setText(tr("PIN (6 to 12 digits)"));
    m_pin->setAccessibleName(tr("PIN"));
    m_pinAgainLabel->setText(tr("PIN again"));
    m_pinAgain->setAccessibleName(tr("PIN again"));
    m_createManager->setText(tr("Register the manager"));
    m_createManager->setAccessibleName(tr("Register the manager"));
    if (m_messageText)
        m_message->setText(m_messageText());
}

void FirstRunScreen::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sango::kiosk
