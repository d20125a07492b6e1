#pragma once
// 
#include <QWidget>

namespace sango::kiosk {

class KioskContext;

class ReportsPage : public QWidget {
    Q_OBJECT
public:
    explicit ReportsPage(KioskContext& context, QWidget* parent = nullptr);

private:
    KioskContext* m_context;
};

} // namespace sango::kiosk
