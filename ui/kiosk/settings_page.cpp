#include "settings_page.h"

#include "kiosk_context.h"

namespace sango::kiosk {

SettingsPage::SettingsPage(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context) {}

} // namespace sango::kiosk
