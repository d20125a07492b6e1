#pragma once
// The manager's view of the synchronisation with the municipal ledger — the facts of `sango status`:
// enrolled or not and with which ledger, online or offline, the queue and its oldest event's age, the last
// sync and its result in words (SyncWords: a revoked terminal or a suspended provider says so, and what to do),
// and the sessions the ledger rejected or disputed (session, full coupon id — the manager settles them —,
// event, the ledger's reason in words with its own explanation, and for a figures_mismatch or already_closed
// the ledger's figures beside this terminal's), with "Sync now". Refreshed when the sync's state changes and
// when anything is recorded.
#include <QString>

#include "manager_page.h"

class QFormLayout;
class QLabel;
class QPushButton;
class QTableWidget;

namespace sango::kiosk {

class SyncPage : public ManagerPage {
    Q_OBJECT
public:
    explicit SyncPage(KioskContext& context, QWidget* parent = nullptr);

    // Every fact as "label: value" lines, in display order (tests read this).
    QString summary() const;
    QTableWidget* attentionTable() const { return m_attention; }
    QPushButton* syncNowButton() const { return m_syncNow; }

public Q_SLOTS:
    void refresh() override;

private:
    void retranslate() override;
    static QString age(std::int64_t seconds);

    QFormLayout* m_form;
    QLabel* m_enrolled;
    QLabel* m_ledger;
    QLabel* m_online;
    QLabel* m_queue;
    QLabel* m_oldest;
    QLabel* m_lastSync;
    QLabel* m_lastResult;
    QLabel* m_attentionTitle;
    QTableWidget* m_attention;
    QPushButton* m_syncNow;
    QLabel* m_message;
};

} // namespace sango::kiosk
