#pragma once
// The manager's corrections: the sessions of a month in a list (status, flags, correction reason), a
// session's new start and stop in the municipality's local time, a reason code (from the list or typed,
// snake_case), Apply → Terminal::correct (a new event naming the session, never an edit), and Cancel session
// with the same reason → Terminal::cancel. The terminal's refusals are shown as it words them.
#include <QString>

#include "manager_page.h"
#include "sango/session.h"

class QComboBox;
class QDateEdit;
class QDateTimeEdit;
class QLabel;
class QListWidget;
class QPushButton;

namespace sango::kiosk {

class CorrectionsPage : public ManagerPage {
    Q_OBJECT
public:
    explicit CorrectionsPage(KioskContext& context, QWidget* parent = nullptr);

    // The reason codes offered: forgotten_stop, wrong_time, wrong_service, opened_by_mistake, mother_left, other.
    static QStringList reasonCodes();

    void setMonth(date::year_month month);
    // Selects a session of the list and fills the times from it; false when it is not in the list.
    bool selectSession(const QString& sessionId);
    QString selectedSession() const;
    void setTimes(Instant start, Instant stop);
    void setReason(const QString& reason);
    // The list line of a session ("" when not listed): id, coupon, service, date and times, status, flags.
    QString sessionLine(const QString& sessionId) const;

    QListWidget* sessionList() const { return m_list; }
    QLabel* messageLabel() const { return m_message; }

    // What Apply and Cancel session do; the result is shown too. not_permitted for staff.
    Expected<SessionRecord> apply();
    Expected<SessionRecord> cancelSession();

public Q_SLOTS:
    void refresh() override;

private:
    void retranslate() override;
    void fillTimes();
    QString lineOf(const SessionRecord& s) const;
    Expected<std::string> reason() const;

    QDateEdit* m_month;
    QListWidget* m_list;
    QDateTimeEdit* m_start;
    QDateTimeEdit* m_stop;
    QComboBox* m_reason;
    QPushButton* m_apply;
    QPushButton* m_cancel;
    QLabel* m_monthLabel;
    QLabel* m_startLabel;
    QLabel* m_stopLabel;
    QLabel* m_reasonLabel;
    QLabel* m_message;
};

} // namespace sango::kiosk
