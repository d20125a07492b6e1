#include "manual_entry_page.h"

#include "kiosk_context.h"

namespace sango::kiosk {

ManualEntryPage::ManualEntryPage(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context) {}

} // namespace sango::kiosk
