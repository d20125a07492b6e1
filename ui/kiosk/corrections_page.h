#pragma once
// 
#include <QWidget>

namespace sango::kiosk {

class KioskContext;

class CorrectionsPage : public QWidget {
    Q_OBJECT
public:
    explicit CorrectionsPage(KioskContext& context, QWidget* parent = nullptr);

private:
    KioskContext* m_context;
};

} // namespace sango::kiosk
