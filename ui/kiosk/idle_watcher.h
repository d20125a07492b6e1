#pragma once
// Idle sign-out: watches every input event of the application (an event filter on the object given, the
// QApplication in the product) and emits idle() when none came for the timeout while armed. The kiosk arms
// it while somebody is signed in. The timer is reachable (timer()) and expire() is what its timeout calls, so
// a test triggers the sign-out without waiting.
#include <chrono>

#include <QObject>

class QTimer;

namespace sango::kiosk {

class IdleWatcher : public QObject {
    Q_OBJECT
public:
    IdleWatcher(QObject* watched, std::chrono::seconds timeout, QObject* parent = nullptr);
    ~IdleWatcher() override;

    void setTimeout(std::chrono::seconds timeout);
    std::chrono::seconds timeout() const { return m_timeout; }
    // Armed: counting down from the last input; disarmed: never idle.
    void arm();
    void disarm();
    bool isArmed() const { return m_armed; }
    QTimer* timer() const { return m_timer; }

public Q_SLOTS:
    // The timeout: emits idle() when armed (and disarms).
    void expire();

Q_SIGNALS:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QObject* m_watched;
    QTimer* m_timer;
    std::chrono::seconds m_timeout;
    bool m_armed = false;
};

} // namespace sango::kiosk
