#include "sync_page.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>

#include "kiosk_context.h"
#include "result_text.h"
#include "sango/coupon_id.h"
#include "sango/sync/store_sync_local.h"
#include "sync_words.h"

namespace sango::kiosk {

SyncPage::SyncPage(KioskContext& context, QWidget* parent) : ManagerPage(context, parent)
{
    m_form = new QFormLayout;
    for (QLabel** l : {&m_enrolled, &m_ledger, &m_online, &m_queue, &m_oldest, &m_lastSync, &m_lastResult}) {
        *l = new QLabel(body());
        (*l)->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_form->addRow(new QLabel(body()), *l);
    }
    m_lastResult->setWordWrap(true); // a refusal is said in a sentence or two
    m_attentionTitle = new QLabel(body());
    m_attention = new QTableWidget(0, 5, body());
    m_attention->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_attention->verticalHeader()->setVisible(false);
    // Ids fit their columns; the ledger's words and the figures share the rest and wrap, so nothing hides
    // off to the right of a 1280-pixel screen.
    for (int c = 0; c < 3; ++c)
        m_attention->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_attention->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_attention->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
    m_attention->setWordWrap(true);
    m_syncNow = touch(new QPushButton(body()));
    m_message = new QLabel(body());
    m_message->setWordWrap(true);
    bodyLayout()->addLayout(m_form);
    bodyLayout()->addWidget(m_attentionTitle);
    bodyLayout()->addWidget(m_attention, 1);
    bodyLayout()->addWidget(m_syncNow);
    bodyLayout()->addWidget(m_message);

    connect(m_syncNow, &QPushButton::clicked, this, [this]() {
        if (!permitted())
            return;
        m_context->syncNow();
        say(m_message, [] { return tr("Sync asked for: the result shows here when the ledger has answered."); });
    });
    connect(m_context, &KioskContext::syncStateChanged, this, [this]() {
        if (permitted() && isVisible())
            refresh();
    });
    retranslate(); // and refresh()
}

void SyncPage::retranslate()
{
    const QString labels[] = {tr("Enrolled"),   tr("Ledger"),    tr("Connection"),       tr("Events waiting"),
                              tr("Oldest waiting"), tr("Last sync"), tr("Last sync result")};
    for (int i = 0; i < m_form->rowCount(); ++i)
        if (auto* item = m_form->itemAt(i, QFormLayout::LabelRole); item && item->widget())
            static_cast<QLabel*>(item->widget())->setText(labels[i]);
    m_attentionTitle->setText(tr("Sessions the ledger rejected or disputed (to resolve)"));
    m_attention->setHorizontalHeaderLabels(
        {tr("Session"), tr("Coupon"), tr("Event"), tr("What the ledger says"), tr("Ledger's figures and this terminal's")});
    m_syncNow->setText(tr("Sync now"));
    m_syncNow->setAccessibleName(tr("Synchronise with the ledger now"));
    m_attention->setAccessibleName(tr("Sessions the ledger rejected or disputed"));
    if (permitted())
        refresh();
}

QString SyncPage::age(std::int64_t seconds)
{
    if (seconds < 60)
        return tr("%1 s").arg(seconds < 0 ? 0 : seconds);
    return ResultText::duration(seconds / 60);
}

void SyncPage::refresh()
{
    if (!permitted())
        return;
    EventStore& store = m_context->store();
    const SyncSnapshot snap = m_context->syncSnapshot(); // a manager's page: read fresh
    const LocalTime& local = m_context->terminal().localTime();
    auto enrolment = store.enrolment();
    m_enrolled->setText(snap.enrolled ? tr("yes") : tr("no: this terminal works offline only"));
    m_ledger->setText(enrolment && *enrolment ? QString::fromStdString((*enrolment)->ledgerUrl) +
                                                    QStringLiteral(" (") +
                                                    QString::fromStdString((*enrolment)->terminalId) +
                                                    QStringLiteral(")")
                                              : tr("none"));
    m_online->setText(!m_context->syncEngine() ? tr("sync not running")
                      : snap.online            ? tr("online")
                                               : tr("offline"));
    m_queue->setText(QString::number(snap.queueLength));
    m_oldest->setText(snap.oldestUnsyncedAgeSeconds ? age(*snap.oldestUnsyncedAgeSeconds) : tr("none"));
    auto last = sync::StoreSyncLocal::lastOutcome(store);
    if (last && last->is_object()) {
        const Instant at{std::chrono::seconds(last->value("at", std::int64_t{0}))};
        m_lastSync->setText(QString::fromStdString(local.format(at)));
        m_lastResult->setText(SyncWords::lastResult(QString::fromStdString(last->value("result", std::string()))));
    } else {
        m_lastSync->setText(tr("never"));
        m_lastResult->setText(SyncWords::lastResult(snap.lastResult));
    }
    m_syncNow->setEnabled(m_context->syncEngine() != nullptr);

    auto attention = store.attention();
    m_attention->setRowCount(0);
    if (!attention) {
        m_message->setText(failureText(attention.error()));
        return;
    }
    for (const LedgerAnswer& a : *attention) {
        const int row = m_attention->rowCount();
        m_attention->insertRow(row);
        // What the ledger said, worded for the manager, then its own short explanation (English) if any.
        QString said = SyncWords::reason(a.reason) + QStringLiteral(" [") + QString::fromStdString(a.reason) +
                       QStringLiteral("]");
        if (!a.detail.empty())
            said += QStringLiteral("\n") + QString::fromStdString(a.detail);
        // Where the ledger recomputed the session: its figures beside this terminal's.
        QString figures;
        if (SyncWords::hasFigures(a.reason)) {
            const QString theirs = SyncWords::ledgerFigures(a.figures, local);
            figures = tr("Ledger: %1").arg(theirs.isEmpty() ? tr("no figures given") : theirs);
            if (auto s = store.session(a.sessionId); s && *s)
                figures += QStringLiteral("\n") + tr("This terminal: %1").arg(SyncWords::terminalFigures(**s, local));
        }
        const QString cells[] = {QString::fromStdString(a.sessionId),
                                 QString::fromStdString(couponid::grouped(a.couponId)),
                                 QString::fromStdString(a.type), said, figures};
        for (int c = 0; c < 5; ++c)
            m_attention->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
    m_attention->resizeRowsToContents();
}

QString SyncPage::summary() const
{
    QStringList lines;
    for (int i = 0; i < m_form->rowCount(); ++i) {
        auto* label = m_form->itemAt(i, QFormLayout::LabelRole);
        auto* field = m_form->itemAt(i, QFormLayout::FieldRole);
        if (label && field && label->widget() && field->widget())
            lines << static_cast<QLabel*>(label->widget())->text() + QStringLiteral(": ") +
                         static_cast<QLabel*>(field->widget())->text();
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace sango::kiosk
