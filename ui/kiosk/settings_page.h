#pragma once
// 
#include <QWidget>

namespace sango::kiosk {

class KioskContext;

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPage(KioskContext& context, QWidget* parent = nullptr);

private:
    KioskContext* m_context;
};

} // namespace sango::kiosk
