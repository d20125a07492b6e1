#include "corrections_page.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>

#include "kiosk_context.h"
#include "sango/coupon_id.h"

namespace sango::kiosk {

namespace {
constexpr int kSessionIdRole = Qt::UserRole;
}

CorrectionsPage::CorrectionsPage(KioskContext& context, QWidget* parent) : ManagerPage(context, parent)
{
    m_monthLabel = new QLabel(body());
    m_month = makeMonthEdit();
    m_list = new QListWidget(body());
    m_startLabel = new QLabel(body());
    m_start = makeTimeEdit();
    m_stopLabel = new QLabel(body());
    m_stop = makeTimeEdit();
    m_reasonLabel = new QLabel(body());
    m_reason = touch(new QComboBox(body()));
    m_reason->setEditable(true);
    m_reason->addItems(reasonCodes());
    m_apply = touch(new QPushButton(body()));
    m_cancel = touch(new QPushButton(body()));
    m_message = new QLabel(body());
    m_message->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->addWidget(m_monthLabel);
    top->addWidget(m_month);
    top->addStretch(1);
    auto* form = new QGridLayout;
    form->addWidget(m_startLabel, 0, 0);
    form->addWidget(m_start, 0, 1);
    form->addWidget(m_stopLabel, 1, 0);
    form->addWidget(m_stop, 1, 1);
    form->addWidget(m_reasonLabel, 2, 0);
    form->addWidget(m_reason, 2, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_cancel);
    bodyLayout()->addLayout(top);
    bodyLayout()->addWidget(m_list, 1);
    bodyLayout()->addLayout(form);
    bodyLayout()->addLayout(buttons);
    bodyLayout()->addWidget(m_message);

    connect(m_month, &QDateEdit::dateChanged, this, &CorrectionsPage::refresh);
    connect(m_list, &QListWidget::currentRowChanged, this, &CorrectionsPage::fillTimes);
    connect(m_apply, &QPushButton::clicked, this, [this]() { apply(); });
    connect(m_cancel, &QPushButton::clicked, this, [this]() { cancelSession(); });
    retranslate();
    if (permitted())
        refresh();
}

QStringList CorrectionsPage::reasonCodes()
{
    return {QStringLiteral("forgotten_stop"), QStringLiteral("wrong_time"),    QStringLiteral("wrong_service"),
            QStringLiteral("opened_by_mistake"), QStringLiteral("mother_left"), QStringLiteral("other")};
}

void CorrectionsPage::retranslate()
{
    m_monthLabel->setText(tr("Month"));
    m_startLabel->setText(tr("Start (local time)"));
    m_stopLabel->setText(tr("Stop (local time)"));
    m_reasonLabel->setText(tr("Reason code"));
    m_apply->setText(tr("Apply correction"));
    m_cancel->setText(tr("Cancel session"));
    m_month->setAccessibleName(tr("Month of the sessions"));
    m_list->setAccessibleName(tr("Sessions of the month"));
    m_start->setAccessibleName(tr("Corrected start"));
    m_stop->setAccessibleName(tr("Corrected stop"));
    m_reason->setAccessibleName(tr("Reason code of the correction or cancellation"));
    m_apply->setAccessibleName(tr("Apply the correction to the selected session"));
    m_cancel->setAccessibleName(tr("Cancel the selected session"));
}

void CorrectionsPage::setMonth(date::year_month month)
{
    setMonthOf(m_month, month);
}

QString CorrectionsPage::lineOf(const SessionRecord& s) const
{
    const LocalTime& local = m_context->terminal().localTime();
    auto clock = [&](Instant t) { return QString::fromStdString(local.format(t)).mid(11, 5); };
    const QString coupon = s.source == SessionSource::paper ? QString::fromStdString(s.couponId)
                                                            : QString::fromStdString(couponid::grouped(s.couponId));
    QStringList parts{QString::fromStdString(s.sessionId), coupon, QString::fromUtf8(toString(s.service).data()),
                      QString::fromStdString(formatDate(s.date)) + QLatin1Char(' ') + clock(s.start) +
                          QStringLiteral("–") + (s.stop ? clock(*s.stop) : QString()),
                      QString::fromUtf8(toString(s.status).data())};
    for (const std::string& f : s.flags)
        parts << QString::fromStdString(f);
    if (!s.correctionReason.empty())
        parts << QString::fromStdString(s.correctionReason);
    return parts.join(QStringLiteral("  "));
}

void CorrectionsPage::refresh()
{
    if (!permitted())
        return;
    const QString selected = selectedSession();
    const auto m = monthOf(m_month);
    auto sessions = m_context->store().sessions(m / 1, m / date::last, false);
    m_list->blockSignals(true);
    m_list->clear();
    if (!sessions) {
        say(m_message, [e = sessions.error()] { return failureText(e); });
    } else {
        for (const SessionRecord& s : *sessions) {
            auto* item = new QListWidgetItem(lineOf(s), m_list);
            item->setData(kSessionIdRole, QString::fromStdString(s.sessionId));
            item->setSizeHint(QSize(0, kTouchHeight));
            if (item->data(kSessionIdRole).toString() == selected)
                m_list->setCurrentItem(item);
        }
    }
    m_list->blockSignals(false);
}

bool CorrectionsPage::selectSession(const QString& sessionId)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(kSessionIdRole).toString() == sessionId) {
            m_list->setCurrentRow(i);
            fillTimes();
            return true;
        }
    return false;
}

QString CorrectionsPage::selectedSession() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(kSessionIdRole).toString() : QString();
}

QString CorrectionsPage::sessionLine(const QString& sessionId) const
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(kSessionIdRole).toString() == sessionId)
            return m_list->item(i)->text();
    return {};
}

void CorrectionsPage::fillTimes()
{
    const QString id = selectedSession();
    if (id.isEmpty())
        return;
    auto s = m_context->store().session(id.toStdString());
    if (!s || !*s)
        return;
    setLocalTime(m_start, (*s)->start);
    // An open session (a forgotten stop): start from now, the manager sets the real stop.
    setLocalTime(m_stop, (*s)->stop.value_or(m_context->clock().now()));
}

void CorrectionsPage::setTimes(Instant start, Instant stop)
{
    setLocalTime(m_start, start);
    setLocalTime(m_stop, stop);
}

void CorrectionsPage::setReason(const QString& reason)
{
    m_reason->setCurrentText(reason);
}

Expected<std::string> CorrectionsPage::reason() const
{
    const std::string r = m_reason->currentText().trimmed().toStdString();
    if (!Terminal::isReasonCode(r))
        return fail(Errc::invalid_argument,
                    "the reason must be a short snake_case code such as forgotten_stop or wrong_time");
    return r;
}

Expected<SessionRecord> CorrectionsPage::apply()
{
    auto r = [&]() -> Expected<SessionRecord> {
        SANGO_TRY(requireManager());
        const QString id = selectedSession();
        if (id.isEmpty())
            return fail(Errc::invalid_argument, "choose a session in the list first");
        auto start = localTimeOf(m_start);
        auto stop = localTimeOf(m_stop);
        auto why = reason();
        if (!start || !stop || !why)
            return tl::unexpected(!start ? start.error() : !stop ? stop.error() : why.error());
        return m_context->terminal().correct(id.toStdString(), *start, *stop, m_context->staffId(), *why);
    }();
    if (!r) {
        say(m_message, [e = r.error()] { return failureText(e); });
        return r;
    }
    m_context->recorded();
    refresh();
    say(m_message, [s = *r] {
        return tr("Session %1 corrected: %2 minutes billed (reason %3).")
            .arg(QString::fromStdString(s.sessionId))
            .arg(s.billedMinutes.value_or(0))
            .arg(QString::fromStdString(s.correctionReason));
    });
    return r;
}

Expected<SessionRecord> CorrectionsPage::cancelSession()
{
    auto r = [&]() -> Expected<SessionRecord> {
        SANGO_TRY(requireManager());
        const QString id = selectedSession();
        if (id.isEmpty())
            return fail(Errc::invalid_argument, "choose a session in the list first");
        auto why = reason();
        if (!why)
            return tl::unexpected(why.error());
        return m_context->terminal().cancel(id.toStdString(), m_context->staffId(), *why);
    }();
    if (!r) {
        say(m_message, [e = r.error()] { return failureText(e); });
        return r;
    }
    m_context->recorded();
    refresh();
    say(m_message, [id = QString::fromStdString(r->sessionId)] {
        return tr("Session %1 cancelled: it bills nothing.").arg(id);
    });
    return r;
}

} // namespace sango::kiosk
