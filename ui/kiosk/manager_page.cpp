#include "manager_page.h"

#include <QDateEdit>
#include <QDateTimeEdit>
#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

#include "kiosk_context.h"

namespace sango::kiosk {

ManagerPage::ManagerPage(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context)
{
    QFont f = font();
    f.setPointSize(14);
    setFont(f);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("managersOnly"));
    m_body = new QWidget(this);
    m_bodyLayout = new QVBoxLayout(m_body);
    m_bodyLayout->setContentsMargins(0, 0, 0, 0);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_body, 1);
    connect(m_context, &KioskContext::staffChanged, this, &ManagerPage::updateAccess);
    connect(m_context, &KioskContext::recordedChanged, this, [this]() {
        if (permitted() && isVisible())
            refresh();
    });
    m_note->setText(tr("Managers only: sign in as a manager to use this page."));
    updateAccess();
}

bool ManagerPage::permitted() const
{
    return m_context->isManager();
}

Expected<void> ManagerPage::requireManager() const
{
    if (!permitted())
        return fail(Errc::not_permitted, "this page is for managers: sign in as a manager");
    return {};
}

void ManagerPage::updateAccess()
{
    const bool ok = permitted();
    m_note->setVisible(!ok);
    m_body->setEnabled(ok);
    m_body->setVisible(ok);
    if (ok)
        refresh();
}

void ManagerPage::say(QLabel* label, std::function<QString()> text)
{
    label->setText(text());
    m_said[label] = std::move(text);
}

void ManagerPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_note->setText(tr("Managers only: sign in as a manager to use this page."));
        retranslate();
        for (const auto& [label, text] : m_said)
            label->setText(text());
    }
    QWidget::changeEvent(event);
}

void ManagerPage::showEvent(QShowEvent* event)
{
    if (permitted())
        refresh();
    QWidget::showEvent(event);
}

QString ManagerPage::failureText(const Error& e)
{
    return KioskContext::staffMessage(e) + QStringLiteral("\n") + QString::fromStdString(e.message);
}

date::year_month ManagerPage::currentMonth() const
{
    const auto day = m_context->terminal().localTime().dateOf(m_context->clock().now());
    return day.year() / day.month();
}

QDateEdit* ManagerPage::makeMonthEdit()
{
    auto* edit = touch(new QDateEdit(this));
    edit->setDisplayFormat(QStringLiteral("yyyy-MM"));
    setMonthOf(edit, currentMonth());
    return edit;
}

date::year_month ManagerPage::monthOf(const QDateEdit* edit)
{
    const QDate d = edit->date();
    return date::year{d.year()} / date::month{static_cast<unsigned>(d.month())};
}

void ManagerPage::setMonthOf(QDateEdit* edit, date::year_month month)
{
    edit->setDate(QDate(static_cast<int>(month.year()), static_cast<int>(static_cast<unsigned>(month.month())), 1));
}

QDateTimeEdit* ManagerPage::makeTimeEdit()
{
    auto* edit = touch(new QDateTimeEdit(this));
    edit->setTimeSpec(Qt::UTC); // the fields are the municipality's wall clock; no conversion by the machine's zone
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    edit->setCalendarPopup(true);
    setLocalTime(edit, m_context->clock().now());
    return edit;
}

void ManagerPage::setLocalTime(QDateTimeEdit* edit, Instant at) const
{
    // "2026-04-03T10:07:00+09:00": the wall-clock part, held as if it were UTC.
    const QString text = QString::fromStdString(m_context->terminal().localTime().format(at));
    const QDate d = QDate::fromString(text.left(10), Qt::ISODate);
    const QTime t = QTime::fromString(text.mid(11, 5), QStringLiteral("HH:mm"));
    edit->setDateTime(QDateTime(d, t, Qt::UTC));
}

Expected<Instant> ManagerPage::localTimeOf(const QDateTimeEdit* edit) const
{
    const QDateTime wall = edit->dateTime();
    const QString text = wall.date().toString(Qt::ISODate) + QStringLiteral("T") +
                         wall.time().toString(QStringLiteral("HH:mm")) + QStringLiteral(":00");
    return m_context->terminal().localTime().parse(text.toStdString());
}

} // namespace sango::kiosk
