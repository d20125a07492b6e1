#include "first_run_screen.h"

namespace sango::kiosk {

FirstRunScreen::FirstRunScreen(StoreLocation where, QWidget* parent) : QWidget(parent), m_where(std::move(where)) {}

} // namespace sango::kiosk
