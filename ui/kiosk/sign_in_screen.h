#pragma once
// 
#include <QWidget>

namespace sango::kiosk {

class KioskContext;

class SignInScreen : public QWidget {
    Q_OBJECT
public:
    explicit SignInScreen(KioskContext& context, QWidget* parent = nullptr);

private:
    KioskContext* m_context;
};

} // namespace sango::kiosk
