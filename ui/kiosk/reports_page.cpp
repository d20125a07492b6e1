#include "reports_page.h"

#include "kiosk_context.h"

namespace sango::kiosk {

ReportsPage::ReportsPage(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context) {}

} // namespace sango::kiosk
