#include "status_strip.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "kiosk_context.h"
#include "sync_words.h"

namespace sango::kiosk {

namespace {

constexpr int kTouchHeight = 56;

QPushButton* touchButton(QWidget* parent)
{
    auto* b = new QPushButton(parent);
    b->setMinimumHeight(kTouchHeight);
    b->setMinimumWidth(kTouchHeight * 2);
    return b;
}

} // namespace

StatusStrip::StatusStrip(KioskContext* context, QWidget* parent) : QWidget(parent), m_context(context)
{
    setObjectName(QStringLiteral("statusStrip"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(8, 4, 8, 4);

    // Each language's button is written in that language, so that a reader finds her own.
    m_ja = touchButton(this);
    m_ja->setText(QString::fromUtf8("日本語"));
    m_en = touchButton(this);
    m_en->setText(QStringLiteral("English"));
    m_zh = touchButton(this);
    m_zh->setText(QString::fromUtf8("中文"));
    for (auto [button, code] : {std::pair{m_ja, "ja"}, std::pair{m_en, "en"}, std::pair{m_zh, "zh_CN"}}) {
        button->setMinimumWidth(kTouchHeight + 24);
        button->setCheckable(true);
        button->setAutoExclusive(false);
        const QString c = QString::fromLatin1(code);
        connect(button, &QPushButton::clicked, this, [this, c] {
            setCurrentLanguage(c);
            Q_EMIT languageRequested(c);
        });
        row->addWidget(button);
    }
    m_demo = new QLabel(this);
    m_demo->setObjectName(QStringLiteral("demoLabel"));
    m_demo->setStyleSheet(QStringLiteral("background: #b71c1c; color: white; font-weight: bold; padding: 4px 10px; "
                                         "border-radius: 4px;"));
    m_demo->setVisible(m_context && m_context->isDemo());
    row->addWidget(m_demo);
    row->addStretch(1);

    if (m_context) {
        m_sync = new QLabel(this);
        m_sync->setObjectName(QStringLiteral("syncLabel"));
        m_queue = new QLabel(this);
        m_queue->setObjectName(QStringLiteral("queueLabel"));
        m_staff = new QLabel(this);
        m_staff->setObjectName(QStringLiteral("staffLabel"));
        m_manager = touchButton(this);
        m_manager->setObjectName(QStringLiteral("managerButton"));
        m_signOut = touchButton(this);
        m_signOut->setObjectName(QStringLiteral("signOutButton"));
        // The facts wrap onto a second line rather than widen the window past a 1280-pixel kiosk screen.
        for (QLabel* l : {m_sync, m_queue, m_staff}) {
            l->setWordWrap(true);
            l->setAlignment(Qt::AlignVCenter | Qt::AlignLeft);
        }
        row->addWidget(m_sync);
        row->addSpacing(16);
        row->addWidget(m_queue);
        row->addSpacing(16);
        row->addWidget(m_staff);
        row->addWidget(m_manager);
        row->addWidget(m_signOut);
        connect(m_manager, &QPushButton::clicked, this, &StatusStrip::managerToggled);
        connect(m_signOut, &QPushButton::clicked, this, &StatusStrip::signOutRequested);
        connect(m_context, &KioskContext::syncStateChanged, this, &StatusStrip::refresh);
        connect(m_context, &KioskContext::staffChanged, this, &StatusStrip::refresh);
        connect(m_context, &KioskContext::recordedChanged, this, &StatusStrip::refresh);
    }
    retranslateUi();
}

QPushButton* StatusStrip::languageButton(const QString& code) const
{
    if (code == QStringLiteral("ja"))
        return m_ja;
    if (code == QStringLiteral("en"))
        return m_en;
    if (code == QStringLiteral("zh_CN"))
        return m_zh;
    return nullptr;
}

void StatusStrip::setCurrentLanguage(const QString& code)
{
    m_ja->setChecked(code == QStringLiteral("ja"));
    m_en->setChecked(code == QStringLiteral("en"));
    m_zh->setChecked(code == QStringLiteral("zh_CN"));
}

void StatusStrip::setDemo(bool demo)
{
    m_demo->setVisible(demo);
}

void StatusStrip::setInManagerArea(bool inManagerArea)
{
    m_inManagerArea = inManagerArea;
    retranslateUi();
}

QString StatusStrip::formatAge(std::int64_t seconds)
{
    if (seconds < 60)
        return tr("%1 s").arg(seconds < 0 ? 0 : seconds);
    const std::int64_t minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    const std::int64_t hours = minutes / 60;
    if (hours < 24)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

void StatusStrip::refresh()
{
    if (!m_context)
        return;
    const SyncSnapshot& s = m_context->lastSyncSnapshot();
    if (!s.enrolled) {
        m_sync->setText(tr("Local only (not enrolled)"));
        m_sync->setStyleSheet(QString());
    } else if (s.online) {
        m_sync->setText(tr("Online"));
        m_sync->setStyleSheet(QStringLiteral("color: #1b5e20; font-weight: bold;"));
    } else {
        m_sync->setText(tr("Offline"));
        m_sync->setStyleSheet(QStringLiteral("color: #e65100; font-weight: bold;"));
    }
    // What the ledger's refusal means, when it stops or delays the sync (the manager acts on it).
    if (const QString refused = SyncWords::shortResult(s.lastResult); !refused.isEmpty()) {
        m_sync->setText(m_sync->text() + QStringLiteral(" · ") + refused);
        if (SyncWords::stoppedByMunicipality(s.lastResult))
            m_sync->setStyleSheet(QStringLiteral("color: #b71c1c; font-weight: bold;"));
    }
    if (s.attention > 0)
        m_sync->setText(m_sync->text() + QStringLiteral(" · ") +
                        tr("%n session(s) to check", nullptr, static_cast<int>(s.attention)));

    const int queue = static_cast<int>(s.queueLength);
    m_queue->setText(s.oldestUnsyncedAgeSeconds
                         ? tr("Waiting to send: %n (oldest %1)", nullptr, queue)
                               .arg(formatAge(*s.oldestUnsyncedAgeSeconds))
                         : tr("Waiting to send: %n", nullptr, queue));
    // The visiting caregiver works offline for hours: her queue is always in sight, large.
    const bool visit = m_context->settings().mode == KioskSettings::Mode::visit;
    m_queue->setStyleSheet(visit ? QStringLiteral("font-size: 22pt; font-weight: bold; padding: 4px 12px; "
                                                  "border: 2px solid #e65100; border-radius: 6px;")
                                 : QString());

    const auto& staff = m_context->staff();
    if (staff) {
        const QString id = QString::fromStdString(staff->staffId);
        m_staff->setText(staff->role == StaffRole::manager ? tr("Signed in: %1 (manager)").arg(id)
                                                           : tr("Signed in: %1").arg(id));
    } else {
        m_staff->setText(tr("Nobody is signed in"));
    }
    m_manager->setVisible(m_context->isManager());
    m_signOut->setVisible(staff.has_value());
}

void StatusStrip::retranslateUi()
{
    m_ja->setAccessibleName(tr("Japanese"));
    m_en->setAccessibleName(tr("English"));
    m_zh->setAccessibleName(tr("Chinese (simplified)"));
    m_demo->setText(tr("DEMO"));
    m_demo->setAccessibleName(tr("Demonstration store"));
    m_demo->setToolTip(tr("A demonstration store: it trusts the published test keys and must never take real "
                          "coupons."));
    m_demo->setAccessibleDescription(m_demo->toolTip());
    if (m_context) {
        m_manager->setText(m_inManagerArea ? tr("Scan") : tr("Manager"));
        m_manager->setAccessibleName(m_inManagerArea ? tr("Back to the scan screen") : tr("Manager's pages"));
        m_signOut->setText(tr("Sign out"));
        m_signOut->setAccessibleName(tr("Sign out"));
        m_sync->setAccessibleName(tr("Connection to the ledger"));
        m_queue->setAccessibleName(tr("Events waiting to be sent"));
        m_staff->setAccessibleName(tr("Signed-in staff member"));
        refresh();
    }
}

void StatusStrip::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sango::kiosk
