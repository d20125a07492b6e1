#pragma once
// The keyboard-wedge scanner, application wide. Installed on qApp, it watches every key press: printable
// keys are HELD while they may be part of a scanner's burst (sango::hal::WedgeDetector); Enter ending a fast
// burst emits scanned() and nothing of the burst reaches any widget (a scan never types into a field). When
// the burst turns out to be typing (the next key comes too late, the max-gap timer fires, another key or
// Enter comes), the held keys are given back to the widget they were meant for, in order, so a person's
// typing arrives at most ~35 ms late. The time source is injectable so that tests decide how fast "typing" is.
#include <chrono>
#include <deque>
#include <functional>
#include <memory>

#include <QObject>
#include <QPointer>
#include <QString>

class QKeyEvent;
class QTimer;

namespace sango::hal {
class WedgeDetector;
struct WedgeDecision;
} // namespace sango::hal

namespace sango::kiosk {

class WedgeFilter : public QObject {
    Q_OBJECT
public:
    using TimeSource = std::function<std::chrono::milliseconds()>;

    // With no time source, a monotonic one (QElapsedTimer). Install with qApp->installEventFilter(filter).
    explicit WedgeFilter(TimeSource now = {}, QObject* parent = nullptr);
    ~WedgeFilter() override;

    bool eventFilter(QObject* watched, QEvent* event) override;

    // Gives every held key back now, as the max-gap timer would (tests call it instead of waiting).
    void flush();
    // How many key presses are held now.
    int heldKeys() const;

Q_SIGNALS:
    // A scanner's text (as typed, so as the keyboard layout made it).
    void scanned(const QString& text);

private:
    struct HeldKey {
        QPointer<QObject> target;
        std::unique_ptr<QKeyEvent> press;
        std::unique_ptr<QKeyEvent> release; // its release, when it came while the press was held
    };

    bool keyPress(QObject* watched, QKeyEvent* event);
    bool keyRelease(QKeyEvent* event);
    void apply(const hal::WedgeDecision& decision);
    void replay(std::size_t count);
    void arm();
    void onTimeout();

    TimeSource m_now;
    std::unique_ptr<hal::WedgeDetector> m_detector;
    std::deque<HeldKey> m_held;
    QTimer* m_timer;
    const QEvent* m_replaying = nullptr; // the replayed event being sent: it passes (also to parents)
    int m_swallowEnterRelease = 0;   // the Enter that ended a scan: its release is swallowed too
};

} // namespace sango::kiosk
