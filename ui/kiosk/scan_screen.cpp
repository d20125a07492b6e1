#include "scan_screen.h"

#include "kiosk_context.h"

namespace sango::kiosk {

ScanScreen::ScanScreen(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context) {}

void ScanScreen::handleScan(const QString&, ScanOrigin) { Q_EMIT resultShown(); }
void ScanScreen::showPreview(const QImage&) {}

} // namespace sango::kiosk
