#pragma once
// The manager records a session paid with a paper ticket: the ticket number as printed, the type of care,
// start and stop in the municipality's local time → Terminal::recordPaper. Monthly totals then cover paper
// and digital alike.
#include <QString>

#include "manager_page.h"
#include "sango/service.h"
#include "sango/session.h"

class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace sango::kiosk {

class ServicePicker;

class PaperPage : public ManagerPage {
    Q_OBJECT
public:
    explicit PaperPage(KioskContext& context, QWidget* parent = nullptr);

    void setTicket(const QString& ticket);
    bool setService(Service service);
    void setTimes(Instant start, Instant stop);
    QLabel* messageLabel() const { return m_message; }

    // What the Record button does; the result is shown too. not_permitted for staff.
    Expected<SessionRecord> record();

private:
    void retranslate() override;

    QLineEdit* m_ticket;
    ServicePicker* m_service;
    QDateTimeEdit* m_start;
    QDateTimeEdit* m_stop;
    QPushButton* m_record;
    QLabel* m_ticketLabel;
    QLabel* m_startLabel;
    QLabel* m_stopLabel;
    QLabel* m_message;
};

} // namespace sango::kiosk
