#include "sync_page.h"

#include "kiosk_context.h"

namespace sango::kiosk {

SyncPage::SyncPage(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context) {}

} // namespace sango::kiosk
