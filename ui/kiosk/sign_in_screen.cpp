#include "sign_in_screen.h"

#include "kiosk_context.h"

namespace sango::kiosk {

SignInScreen::SignInScreen(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context) {}

} // namespace sango::kiosk
