#pragma once
// 
#include <QWidget>

namespace sango::kiosk {

class KioskContext;

class ManualEntryPage : public QWidget {
    Q_OBJECT
public:
    explicit ManualEntryPage(KioskContext& context, QWidget* parent = nullptr);

private:
    KioskContext* m_context;
};

} // namespace sango::kiosk
