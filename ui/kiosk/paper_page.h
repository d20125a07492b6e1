#pragma once
// 
#include <QWidget>

namespace sango::kiosk {

class KioskContext;

class PaperPage : public QWidget {
    Q_OBJECT
public:
    explicit PaperPage(KioskContext& context, QWidget* parent = nullptr);

private:
    KioskContext* m_context;
};

} // namespace sango::kiosk
