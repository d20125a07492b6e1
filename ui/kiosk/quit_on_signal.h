#pragma once
// SIGTERM (systemd stopping the service) and SIGINT quit the kiosk through its event loop, so that the window,
// the scan sources and the sync thread end in order (the sync engine finishes its current request; whatever
// the ledger answered is recorded). The signal handler only writes a byte to a socket pair; a QSocketNotifier
// turns it into QCoreApplication::quit() on the GUI thread. One instance per process.
#include <QObject>

class QSocketNotifier;

namespace sango::kiosk {

class QuitOnSignal : public QObject {
    Q_OBJECT
public:
    explicit QuitOnSignal(QObject* parent = nullptr);
    ~QuitOnSignal() override;

    // Which signal arrived last (0: none yet).
    int lastSignal() const { return m_last; }

private:
    void onReadable();

    QSocketNotifier* m_notifier = nullptr;
    int m_last = 0;
};

} // namespace sango::kiosk
