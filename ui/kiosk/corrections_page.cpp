#include "corrections_page.h"

#include "kiosk_context.h"

namespace sango::kiosk {

CorrectionsPage::CorrectionsPage(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context) {}

} // namespace sango::kiosk
