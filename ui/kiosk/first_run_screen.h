#pragma once
// First run on a store that is not set up: enrol with a ledger (URL and enrolment code, optional CA file and
// pinned key, as `sango enroll`), or install policy files (terminal id, policy, provider and trust files, as
// `sango init`), then register the first manager (id and PIN twice). Emits ready() once the store exists and
// a manager is registered. A store that exists without any staff (set up with `sango init`) starts at the
// manager step. Errors are said in words; nothing is half done (a failed step can be tried again).
//
// A trust store holding a published test key (sango/published_keys.h) is refused, from files and from the
// ledger, unless the screen runs in demo mode (`sango-kiosk --demo`): then the store is made as a
// demonstration store, and the screen says DEMO from the start. A manager's PIN has at least 6 digits (the
// core's rule, Terminal::addStaff).
#include <functional>
#include <memory>

#include <QWidget>

#include "sango/clock.h"
#include "sango/clock_witness.h"
#include "sango/error.h"
#include "sango/event_store.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QThread;

namespace sango::kiosk {

class StatusStrip;

class FirstRunScreen : public QWidget {
    Q_OBJECT
public:
    // clock and boot outlive the screen.
    FirstRunScreen(StoreLocation where, const Clock& clock, const BootClock& boot, bool demo = false,
                   QWidget* parent = nullptr);
    bool demoMode() const { return m_demo; }
    ~FirstRunScreen() override;

    enum class Step { choose, enrol, files, manager };
    Step step() const;

    // The fields and buttons, for tests and accessibility tools.
    QLineEdit* ledgerUrlField() const { return m_ledgerUrl; }
    QLineEdit* enrolCodeField() const { return m_code; }
    QLineEdit* labelField() const { return m_label; }
    QLineEdit* caFileField() const { return m_caFile; }
    QLineEdit* pinnedKeyField() const { return m_pinnedKey; }
    QLineEdit* terminalIdField() const { return m_terminalId; }
    QLineEdit* policyField() const { return m_policy; }
    QLineEdit* providerField() const { return m_provider; }
    QLineEdit* trustField() const { return m_trust; }
    QLineEdit* managerIdField() const { return m_managerId; }
    QLineEdit* pinField() const { return m_pin; }
    QLineEdit* pinAgainField() const { return m_pinAgain; }
    QPushButton* chooseEnrolButton() const { return m_chooseEnrol; }
    QPushButton* chooseFilesButton() const { return m_chooseFiles; }
    QPushButton* enrolButton() const { return m_enrol; }
    QPushButton* installButton() const { return m_install; }
    QPushButton* createManagerButton() const { return m_createManager; }
    QLabel* messageLabel() const;
    StatusStrip* statusStrip() const { return m_strip; }

    // The same work as the buttons (errors are shown as well as returned): enrolment runs off the GUI thread and
    // ends with enrolmentFinished().
    void startEnrolment();
    Expected<void> installFiles();
    Expected<void> createManager();

Q_SIGNALS:
    void ready();
    void languageRequested(const QString& code);
    void enrolmentFinished(bool ok);

protected:
    void changeEvent(QEvent* event) override;

private:
    void build();
    QWidget* buildChoose();
    QWidget* buildEnrol();
    QWidget* buildFiles();
    QWidget* buildManager();
    void retranslateUi();
    void goTo(Step step);
    Expected<void> install();
    void showError(const Error& e);
    void say(std::function<QString()> text);
    void enrolmentDone(const Expected<Enrolment>& result);
    QPushButton* browseButton(QLineEdit* field, const QString& filter);
    // DEMO on the strip in demo mode, or when the store already made is a demonstration store.
    void updateDemoMark();

    StoreLocation m_where;
    const Clock* m_clock;
    const BootClock* m_boot;
    bool m_demo = false;
    std::function<QString()> m_messageText; // the message as a function of the language
    QThread* m_worker = nullptr;

    StatusStrip* m_strip = nullptr;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_message = nullptr;
    // choose
    QLabel* m_intro = nullptr;
    QLabel* m_demoNote = nullptr;
    QPushButton* m_chooseEnrol = nullptr;
    QPushButton* m_chooseFiles = nullptr;
    // enrol
    QLabel* m_ledgerUrlLabel = nullptr;
    QLineEdit* m_ledgerUrl = nullptr;
    QLabel* m_codeLabel = nullptr;
    QLineEdit* m_code = nullptr;
    QLabel* m_labelLabel = nullptr;
    QLineEdit* m_label = nullptr;
    QLabel* m_caFileLabel = nullptr;
    QLineEdit* m_caFile = nullptr;
    QLabel* m_pinnedKeyLabel = nullptr;
    QLineEdit* m_pinnedKey = nullptr;
    QPushButton* m_enrol = nullptr;
    QPushButton* m_enrolBack = nullptr;
    // files
    QLabel* m_terminalIdLabel = nullptr;
    QLineEdit* m_terminalId = nullptr;
    QLabel* m_policyLabel = nullptr;
    QLineEdit* m_policy = nullptr;
    QLabel* m_providerLabel = nullptr;
    QLineEdit* m_provider = nullptr;
    QLabel* m_trustLabel = nullptr;
    QLineEdit* m_trust = nullptr;
    QPushButton* m_install = nullptr;
    QPushButton* m_filesBack = nullptr;
    QList<QPushButton*> m_browse;
    // manager
    QLabel* m_managerIntro = nullptr;
    QLabel* m_managerIdLabel = nullptr;
    QLineEdit* m_managerId = nullptr;
    QLabel* m_pinLabel = nullptr;
    QLineEdit* m_pin = nullptr;
    QLabel* m_pinAgainLabel = nullptr;
    QLineEdit* m_pinAgain = nullptr;
    QPushButton* m_createManager = nullptr;
};

} // namespace sango::kiosk
