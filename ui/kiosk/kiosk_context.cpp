#include "kiosk_context.h"

#include <QCoreApplication>
#include <QTimer>

#include "kiosk_log.h"
#include "sango/sync/store_sync_local.h"
#include "sango/sync/sync_engine.h"

namespace sango::kiosk {

namespace {
constexpr int kSyncPollMs = 1000;
}

KioskContext::KioskContext(EventStore& store, Terminal& terminal, const Clock& clock, KioskSettings& settings,
                           sync::SyncEngine* sync, QObject* parent)
    : QObject(parent), m_store(&store), m_terminal(&terminal), m_clock(&clock), m_settings(&settings), m_sync(sync)
{
    m_location.dataDir = store.path().parent_path();
    if (auto demo = store.isDemo(); demo)
        m_demo = *demo;
    else
        qCWarning(lcKiosk) << "cannot read whether this is a demonstration store:"
                           << QString::fromStdString(demo.error().message);
    // The engine's state changes on its own thread; the GUI reads it here, once a second, and on recorded().
    auto* timer = new QTimer(this);
    timer->setInterval(kSyncPollMs);
    connect(timer, &QTimer::timeout, this, &KioskContext::pollSync);
    timer->start();
    m_last = syncSnapshot();
}

KioskContext::~KioskContext() = default;

Expected<SignedIn> KioskContext::signIn(const std::string& staffId, const std::string& pin)
{
    auto role = m_terminal->signIn(staffId, pin);
    if (!role)
        return tl::unexpected(role.error());
    m_staff = SignedIn{staffId, *role};
    Q_EMIT staffChanged();
    return *m_staff;
}

void KioskContext::signOut()
{
    if (!m_staff)
        return;
    m_staff.reset();
    Q_EMIT staffChanged();
}

void KioskContext::recorded()
{
    if (m_sync)
        m_sync->wake();
    pollSync(); // first: the screens that refresh on recordedChanged read this snapshot
    Q_EMIT recordedChanged();
}

void KioskContext::syncNow()
{
    if (m_sync)
        m_sync->wake();
}

SyncSnapshot KioskContext::syncSnapshot()
{
    SyncSnapshot s;
    if (auto e = m_store->enrolment(); e && *e)
        s.enrolled = true;
    if (auto q = m_store->outboxSummary()) {
        s.queueLength = q->count;
        if (q->oldest)
            s.oldestUnsyncedAgeSeconds = (m_clock->now() - *q->oldest).count();
    }
    if (auto a = m_store->attention())
        s.attention = static_cast<std::int64_t>(a->size());
    if (m_sync) {
        const auto st = m_sync->state();
        s.online = st.online;
        s.lastSuccess = st.lastSuccess;
        s.lastResult = QString::fromStdString(st.lastResult);
    } else if (auto last = sync::StoreSyncLocal::lastOutcome(*m_store); last && last->is_object()) {
        s.lastResult = QString::fromStdString(last->value("result", std::string()));
    }
    return s;
}

void KioskContext::pollSync()
{
    const SyncSnapshot s = syncSnapshot();
    const bool changed = s.enrolled != m_last.enrolled || s.online != m_last.online ||
                         s.queueLength != m_last.queueLength ||
                         s.oldestUnsyncedAgeSeconds != m_last.oldestUnsyncedAgeSeconds ||
                         s.lastSuccess != m_last.lastSuccess || s.lastResult != m_last.lastResult ||
                         s.attention != m_last.attention;
    // A successful sync may have brought a new policy, provider profile or trust store: the terminal reads them
    // again (revocations and balances are read from the store at every scan anyway).
    if (s.lastSuccess && s.lastSuccess != m_last.lastSuccess) {
        if (auto r = m_terminal->reload(); !r)
            qCWarning(lcKiosk) << "cannot reload the configuration after a sync:" << QString::fromStdString(r.error().message);
    }
    m_last = s;
    if (changed)
        Q_EMIT syncStateChanged();
}

} // namespace sango::kiosk
