#include "idle_watcher.h"

#include <QEvent>
#include <QTimer>

namespace sango::kiosk {

namespace {

bool isInput(QEvent::Type t)
{
    switch (t) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TabletPress:
        return true;
    default:
        return false;
    }
}

} // namespace

IdleWatcher::IdleWatcher(QObject* watched, std::chrono::seconds timeout, QObject* parent)
    : QObject(parent), m_watched(watched), m_timer(new QTimer(this)), m_timeout(timeout)
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(m_timeout);
    connect(m_timer, &QTimer::timeout, this, &IdleWatcher::expire);
    if (m_watched)
        m_watched->installEventFilter(this);
}

IdleWatcher::~IdleWatcher()
{
    if (m_watched)
        m_watched->removeEventFilter(this);
}

void IdleWatcher::setTimeout(std::chrono::seconds timeout)
{
    m_timeout = timeout;
    m_timer->setInterval(m_timeout);
    if (m_armed)
        m_timer->start();
}

void IdleWatcher::arm()
{
    m_armed = true;
    m_timer->start();
}

void IdleWatcher::disarm()
{
    m_armed = false;
    m_timer->stop();
}

void IdleWatcher::expire()
{
    if (!m_armed)
        return; // a timeout that raced a sign-out
    disarm();
    Q_EMIT idle();
}

bool IdleWatcher::eventFilter(QObject* watched, QEvent* event)
{
    if (m_armed && isInput(event->type()))
        m_timer->start(); // every input starts the count again
    return QObject::eventFilter(watched, event);
}

} // namespace sango::kiosk
