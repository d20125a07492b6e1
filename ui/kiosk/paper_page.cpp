#include "paper_page.h"

#include "kiosk_context.h"

namespace sango::kiosk {

PaperPage::PaperPage(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context) {}

} // namespace sango::kiosk
