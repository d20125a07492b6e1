#include "open_sessions_view.h"

#include <algorithm>

#include <QApplication>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include "kiosk_context.h"
#include "result_text.h"
#include "sango/coupon_id.h"

namespace sango::kiosk {

namespace {

constexpr int kButtonHeight = 60;

QPushButton* bigButton(QWidget* parent)
{
    auto* b = new QPushButton(parent);
    b->setMinimumHeight(kButtonHeight);
    b->setMinimumWidth(140);
    QFont f = b->font();
    f.setPointSize(16);
    b->setFont(f);
    return b;
}

QLabel* label(int pointSize, bool bold, QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText);
    QFont f = l->font();
    f.setPointSize(pointSize);
    f.setBold(bold);
    l->setFont(f);
    return l;
}

QString reasonText(const QString& code)
{
    if (code == QLatin1String("opened_by_mistake"))
        return OpenSessionsView::tr("Opened by mistake");
    if (code == QLatin1String("mother_left"))
        return OpenSessionsView::tr("The mother left");
    return OpenSessionsView::tr("Other reason");
}

} // namespace

OpenSessionsView::OpenSessionsView(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context)
{
    m_title = label(18, true, this);
    m_empty = label(16, false, this);

    auto* inner = new QWidget;
    m_list = new QVBoxLayout(inner);
    m_list->setContentsMargins(0, 0, 0, 0);
    m_list->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(inner);

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_title);
    outer->addWidget(m_empty);
    outer->addWidget(scroll, 1);

    // Keyboard users: the row that takes the focus scrolls into view.
    connect(qApp, &QApplication::focusChanged, this, [scroll, inner](QWidget*, QWidget* now) {
        if (now && inner->isAncestorOf(now))
            scroll->ensureWidgetVisible(now);
    });

    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &OpenSessionsView::refresh);
    m_timer->start();
    connect(m_context, &KioskContext::recordedChanged, this, &OpenSessionsView::refresh);
    refresh();
}

QStringList OpenSessionsView::cancelReasons()
{
    return {QStringLiteral("opened_by_mistake"), QStringLiteral("mother_left"), QStringLiteral("other")};
}

QStringList OpenSessionsView::sessionIds() const
{
    return QStringList(m_order.begin(), m_order.end());
}

const OpenSessionsView::Row* OpenSessionsView::find(const QString& sessionId) const
{
    auto it = m_rows.find(sessionId);
    return it == m_rows.end() ? nullptr : &it->second;
}

QString OpenSessionsView::rowText(const QString& sessionId) const
{
    const Row* r = find(sessionId);
    return r ? r->coupon->text() + QLatin1Char('\n') + r->times->text() + QLatin1Char('\n') + r->billed->text()
             : QString();
}

QPushButton* OpenSessionsView::closeButton(const QString& sessionId) const
{
    const Row* r = find(sessionId);
    return r ? r->close : nullptr;
}

QPushButton* OpenSessionsView::cancelButton(const QString& sessionId) const
{
    const Row* r = find(sessionId);
    return r ? r->cancel : nullptr;
}

QPushButton* OpenSessionsView::reasonButton(const QString& sessionId, const QString& reason) const
{
    const Row* r = find(sessionId);
    if (!r)
        return nullptr;
    auto it = r->reasonButtons.find(reason);
    return it == r->reasonButtons.end() ? nullptr : it->second;
}

bool OpenSessionsView::reasonsShown(const QString& sessionId) const
{
    const Row* r = find(sessionId);
    return r && !r->reasons->isHidden();
}

void OpenSessionsView::refresh()
{
    auto list = m_context->store().sessions(std::nullopt, std::nullopt, true);
    if (!list) {
        m_empty->setText(tr("The open sessions cannot be read. %1").arg(KioskContext::staffMessage(list.error())));
        m_empty->show();
        return;
    }
    std::vector<SessionRecord> open = std::move(*list);
    std::stable_sort(open.begin(), open.end(),
                     [](const SessionRecord& a, const SessionRecord& b) { return a.start < b.start; });

    std::vector<QString> order;
    for (const SessionRecord& s : open)
        order.push_back(QString::fromStdString(s.sessionId));
    for (auto it = m_rows.begin(); it != m_rows.end();) {
        if (std::find(order.begin(), order.end(), it->first) == order.end()) {
            it->second.frame->deleteLater();
            it->second.frame->hide();
            it = m_rows.erase(it);
        } else {
            ++it;
        }
    }
    for (const SessionRecord& s : open) {
        auto it = m_rows.find(QString::fromStdString(s.sessionId));
        Row& row = it == m_rows.end() ? addRow(s) : it->second;
        row.session = s;
        updateRow(row);
    }
    m_order = std::move(order);
    relayout();

    m_title->setText(tr("Open sessions: %1").arg(m_rows.size()));
    m_empty->setText(tr("No open sessions."));
    m_empty->setVisible(m_rows.empty());
}

OpenSessionsView::Row& OpenSessionsView::addRow(const SessionRecord& s)
{
    const QString id = QString::fromStdString(s.sessionId);
    Row row;
    row.session = s;
    row.frame = new QFrame;
    row.frame->setFrameShape(QFrame::StyledPanel);
    row.coupon = label(16, true, row.frame);
    row.times = label(14, false, row.frame);
    row.billed = label(14, false, row.frame);
    row.close = bigButton(row.frame);
    row.cancel = bigButton(row.frame);

    row.reasons = new QWidget(row.frame);
    auto* reasonRow = new QHBoxLayout(row.reasons);
    reasonRow->setContentsMargins(0, 0, 0, 0);
    row.reasonTitle = label(14, true, row.reasons);
    reasonRow->addWidget(row.reasonTitle);
    for (const QString& code : cancelReasons()) {
        QPushButton* b = bigButton(row.reasons);
        reasonRow->addWidget(b);
        row.reasonButtons.emplace(code, b);
        connect(b, &QPushButton::clicked, this, [this, id, code]() { Q_EMIT cancelRequested(id, code); });
    }
    row.back = bigButton(row.reasons);
    reasonRow->addWidget(row.back);
    row.reasons->hide();

    auto* grid = new QGridLayout(row.frame);
    grid->addWidget(row.coupon, 0, 0);
    grid->addWidget(row.times, 1, 0);
    grid->addWidget(row.billed, 2, 0);
    grid->addWidget(row.close, 0, 1, 3, 1);
    grid->addWidget(row.cancel, 0, 2, 3, 1);
    grid->addWidget(row.reasons, 3, 0, 1, 3);
    grid->setColumnStretch(0, 1);

    connect(row.close, &QPushButton::clicked, this, [this, id]() { Q_EMIT closeRequested(id); });
    connect(row.cancel, &QPushButton::clicked, this, [this, id]() { showReasons(id, true); });
    connect(row.back, &QPushButton::clicked, this, [this, id]() { showReasons(id, false); });

    return m_rows.emplace(id, std::move(row)).first->second;
}

void OpenSessionsView::updateRow(Row& row)
{
    const SessionRecord& s = row.session;
    // Masked: the counter's screen is seen by others (every surface staff see does the same; the manager's pages
    // show the full id, which corrections and the ledger's attention list need).
    const QString coupon = QString::fromStdString(couponid::masked(s.couponId));
    const QString service = ResultText::serviceName(s.service);
    const LocalTime& local = m_context->terminal().localTime();
    const auto elapsed = std::chrono::duration_cast<std::chrono::minutes>(m_context->clock().now() - s.start).count();

    QString first = coupon + QStringLiteral(" · ") + service;
    if (s.hasFlag("unverified"))
        first += QStringLiteral(" · ") + tr("unverified");
    row.coupon->setText(first);
    row.times->setText(tr("Started %1 · %2 so far").arg(ResultText::clockTime(s.start, local),
                                                         ResultText::duration(elapsed)));
    if (auto p = m_context->terminal().previewClose(s); p) {
        row.billed->setText(p->capped ? tr("If closed now: %1 billed (all the time left on the coupon)")
                                            .arg(ResultText::duration(p->billedMinutes))
                                      : tr("If closed now: %1 billed").arg(ResultText::duration(p->billedMinutes)));
    } else {
        row.billed->setText(tr("If closed now: cannot be worked out. %1")
                                .arg(KioskContext::staffMessage(p.error())));
    }

    row.close->setText(tr("Close"));
    row.close->setAccessibleName(tr("Close the session of coupon %1").arg(coupon));
    row.close->setAccessibleDescription(tr("Records the end of this care now and bills the time."));
    row.cancel->setText(tr("Cancel"));
    row.cancel->setAccessibleName(tr("Cancel the session of coupon %1").arg(coupon));
    row.cancel->setAccessibleDescription(tr("Asks for a reason, then cancels this care: no time is billed."));
    row.reasonTitle->setText(tr("Why cancel?"));
    for (auto& [code, b] : row.reasonButtons) {
        b->setText(reasonText(code));
        b->setAccessibleName(tr("Cancel the session of coupon %1: %2").arg(coupon, reasonText(code)));
    }
    row.back->setText(tr("Keep it open"));
    row.back->setAccessibleName(tr("Keep the session of coupon %1 open").arg(coupon));
    row.frame->setAccessibleName(tr("Open session of coupon %1").arg(coupon));
}

void OpenSessionsView::showReasons(const QString& sessionId, bool shown)
{
    auto it = m_rows.find(sessionId);
    if (it == m_rows.end())
        return;
    Row& row = it->second;
    row.reasons->setVisible(shown);
    row.close->setVisible(!shown);
    row.cancel->setVisible(!shown);
    QPushButton* focus = shown ? row.reasonButtons.at(cancelReasons().front()) : row.cancel;
    focus->setFocus(Qt::TabFocusReason);
}

void OpenSessionsView::relayout()
{
    // Rows in start order above the stretch; the tab order follows them.
    for (const QString& id : m_order)
        m_list->removeWidget(m_rows.at(id).frame);
    int index = 0;
    QWidget* previous = nullptr;
    for (const QString& id : m_order) {
        Row& row = m_rows.at(id);
        m_list->insertWidget(index++, row.frame);
        row.frame->show(); // at once: a layout shows a new child only on the next event loop pass
        std::vector<QWidget*> chain{row.close, row.cancel};
        for (const QString& code : cancelReasons())
            chain.push_back(row.reasonButtons.at(code));
        chain.push_back(row.back);
        for (QWidget* w : chain) {
            if (previous)
                setTabOrder(previous, w);
            previous = w;
        }
    }
}

void OpenSessionsView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

} // namespace sango::kiosk
