#include "main_window.h"

#include "kiosk_context.h"
#include "scan_screen.h"

namespace sango::kiosk {

MainWindow::MainWindow(KioskContext& context, QWidget* parent) : QMainWindow(parent), m_context(&context)
{
    m_scan = new ScanScreen(context, this);
    setCentralWidget(m_scan);
}

} // namespace sango::kiosk
