#include "wedge_filter.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QTimer>
#include <QWidget>

#include <algorithm>

#include "sango/hal/wedge_detector.h"

namespace sango::kiosk {

namespace {

using std::chrono::milliseconds;

bool isEnter(const QKeyEvent* event)
{
    return event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
}

// Modifiers that make a key a command rather than a character.
bool hasCommandModifier(const QKeyEvent* event)
{
    return (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) != 0;
}

WedgeFilter::TimeSource steadyTime()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] { return milliseconds(timer->elapsed()); };
}

} // namespace

WedgeFilter::WedgeFilter(TimeSource now, QObject* parent)
    : QObject(parent)
    , m_now(now ? std::move(now) : steadyTime())
    , m_detector(std::make_unique<hal::WedgeDetector>())
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &WedgeFilter::onTimeout);
}

WedgeFilter::~WedgeFilter() = default;

int WedgeFilter::heldKeys() const
{
    return static_cast<int>(m_held.size());
}

bool WedgeFilter::eventFilter(QObject* watched, QEvent* event)
{
    if (event == m_replaying)
        return false;
    if (event->type() != QEvent::KeyPress && event->type() != QEvent::KeyRelease)
        return false;
    // Act once per key: where it is delivered to the focus widget (not at its window, nor again at the
    // parents an ignored key propagates to).
    QWidget* focus = QApplication::focusWidget();
    if (!watched->isWidgetType() || (focus && watched != focus))
        return false;
    auto* key = static_cast<QKeyEvent*>(event);
    return event->type() == QEvent::KeyPress ? keyPress(watched, key) : keyRelease(key);
}

bool WedgeFilter::keyPress(QObject* watched, QKeyEvent* event)
{
    const milliseconds now = m_now();
    if (isEnter(event) && !hasCommandModifier(event) && !event->isAutoRepeat()) {
        auto decision = m_detector->enter(now);
        if (decision.scan) {
            m_held.clear(); // the burst was the scanner: nothing of it is typed
            m_timer->stop();
            ++m_swallowEnterRelease;
            Q_EMIT scanned(QString::fromUtf8(decision.scan->data(), static_cast<qsizetype>(decision.scan->size())));
            return true;
        }
        apply(decision);
        return false;
    }
    const auto chars = event->text().toUcs4();
    if (chars.size() != 1 || hasCommandModifier(event) || event->isAutoRepeat()) {
        apply(m_detector->interrupt()); // a command, or a key held down: what was held was typing
        return false;
    }
    const auto decision = m_detector->feed(static_cast<char32_t>(chars.front()), now);
    replay(decision.release);
    if (decision.hold)
        m_held.push_back(HeldKey{watched, std::unique_ptr<QKeyEvent>(event->clone()), nullptr});
    arm();
    return decision.hold;
}

bool WedgeFilter::keyRelease(QKeyEvent* event)
{
    if (event->isAutoRepeat())
        return false;
    if (isEnter(event) && m_swallowEnterRelease > 0) {
        --m_swallowEnterRelease;
        return true;
    }
    // The release of a held press is held with it, so that the widget sees press then release.
    for (auto it = m_held.rbegin(); it != m_held.rend(); ++it) {
        if (!it->release && it->press->key() == event->key()
            && it->press->nativeScanCode() == event->nativeScanCode()) {
            it->release.reset(event->clone());
            return true;
        }
    }
    return false;
}

void WedgeFilter::apply(const hal::WedgeDecision& decision)
{
    replay(decision.release);
    arm();
}

void WedgeFilter::replay(std::size_t count)
{
    for (std::size_t i = 0; i < count && !m_held.empty(); ++i) {
        HeldKey key = std::move(m_held.front());
        m_held.pop_front();
        if (!key.target)
            continue; // the widget is gone: so are its keys
        const QEvent* outer = m_replaying;
        m_replaying = key.press.get();
        QCoreApplication::sendEvent(key.target, key.press.get());
        if (key.release && key.target) {
            m_replaying = key.release.get();
            QCoreApplication::sendEvent(key.target, key.release.get());
        }
        m_replaying = outer;
    }
}

void WedgeFilter::arm()
{
    const auto deadline = m_detector->deadline();
    if (!deadline) {
        m_timer->stop();
        return;
    }
    const auto remaining = std::max(*deadline - m_now(), milliseconds(0)) + milliseconds(1);
    m_timer->start(remaining);
}

void WedgeFilter::onTimeout()
{
    apply(m_detector->expire(m_now())); // re-arms if the time source says the burst is not over yet
}

void WedgeFilter::flush()
{
    apply(m_detector->interrupt());
}

} // namespace sango::kiosk
