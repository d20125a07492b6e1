#pragma once
// The kiosk's one window: a status strip (language switch, online/offline, queue and its oldest age, who is
// signed in), and a stack of screens: sign-in, scan (the home screen), and, for a manager, the manager's
// pages. It creates the scan sources the settings name (camera, serial scanner; the keyboard wedge always)
// and sends every scan to the scan screen.
#include <QMainWindow>

namespace sango::kiosk {

class KioskContext;
class ScanScreen;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(KioskContext& context, QWidget* parent = nullptr);

    ScanScreen* scanScreen() const { return m_scan; }

private:
    KioskContext* m_context;
    ScanScreen* m_scan = nullptr;
};

} // namespace sango::kiosk
