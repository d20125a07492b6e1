#pragma once
// 
#include <QWidget>

namespace sango::kiosk {

class KioskContext;

class SyncPage : public QWidget {
    Q_OBJECT
public:
    explicit SyncPage(KioskContext& context, QWidget* parent = nullptr);

private:
    KioskContext* m_context;
};

} // namespace sango::kiosk
