#include "paper_page.h"

#include <QDateTimeEdit>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "kiosk_context.h"
#include "result_text.h"
#include "service_picker.h"

namespace sango::kiosk {

PaperPage::PaperPage(KioskContext& context, QWidget* parent) : ManagerPage(context, parent)
{
    m_ticketLabel = new QLabel(body());
    m_ticket = touch(new QLineEdit(body()));
    m_ticket->setMaxLength(64);
    m_service = new ServicePicker(context, body());
    m_startLabel = new QLabel(body());
    m_start = makeTimeEdit();
    m_stopLabel = new QLabel(body());
    m_stop = makeTimeEdit();
    m_record = touch(new QPushButton(body()));
    m_message = new QLabel(body());
    m_message->setWordWrap(true);

    auto* form = new QGridLayout;
    form->addWidget(m_ticketLabel, 0, 0);
    form->addWidget(m_ticket, 0, 1);
    form->addWidget(m_startLabel, 1, 0);
    form->addWidget(m_start, 1, 1);
    form->addWidget(m_stopLabel, 2, 0);
    form->addWidget(m_stop, 2, 1);
    bodyLayout()->addLayout(form);
    bodyLayout()->addWidget(m_service);
    bodyLayout()->addWidget(m_record);
    bodyLayout()->addWidget(m_message);
    bodyLayout()->addStretch(1);

    connect(m_record, &QPushButton::clicked, this, [this]() { record(); });
    connect(m_ticket, &QLineEdit::returnPressed, this, [this]() { record(); });
    retranslate();
}

void PaperPage::retranslate()
{
    m_ticketLabel->setText(tr("Ticket number"));
    m_startLabel->setText(tr("Start (local time)"));
    m_stopLabel->setText(tr("Stop (local time)"));
    m_record->setText(tr("Record paper ticket"));
    m_ticket->setPlaceholderText(tr("as printed on the ticket"));
    m_ticket->setAccessibleName(tr("Paper ticket number"));
    m_start->setAccessibleName(tr("Start of the care"));
    m_stop->setAccessibleName(tr("Stop of the care"));
    m_record->setAccessibleName(tr("Record the paper ticket session"));
}

void PaperPage::setTicket(const QString& ticket)
{
    m_ticket->setText(ticket);
}

bool PaperPage::setService(Service service)
{
    return m_service->setService(service);
}

void PaperPage::setTimes(Instant start, Instant stop)
{
    setLocalTime(m_start, start);
    setLocalTime(m_stop, stop);
}

Expected<SessionRecord> PaperPage::record()
{
    auto r = [&]() -> Expected<SessionRecord> {
        SANGO_TRY(requireManager());
        const std::string ticket = m_ticket->text().trimmed().toStdString();
        if (ticket.empty())
            return fail(Errc::invalid_argument, "type the ticket number as printed on the ticket");
        auto start = localTimeOf(m_start);
        auto stop = localTimeOf(m_stop);
        if (!start || !stop)
            return tl::unexpected(!start ? start.error() : stop.error());
        return m_context->terminal().recordPaper(ticket, m_service->service(), *start, *stop,
                                                 m_context->staffId());
    }();
    if (!r) {
        say(m_message, [e = r.error()] { return failureText(e); });
        return r;
    }
    m_context->recorded();
    say(m_message, [s = *r] {
        return tr("Paper ticket %1 recorded: %2, %3 billed (session %4).")
            .arg(QString::fromStdString(s.couponId), ResultText::serviceName(s.service),
                 ResultText::duration(s.billedMinutes.value_or(0)), QString::fromStdString(s.sessionId));
    });
    m_ticket->clear();
    return r;
}

} // namespace sango::kiosk
