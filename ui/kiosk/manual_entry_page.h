#pragma once
// A coupon typed by hand (a QR that will not scan: a cracked screen): its 16-character id, shown grouped
// 4-4-4-4 as it is typed (spaces and dashes tolerated, O read as 0, I and L as 1), and the type of care →
// Terminal::scan(ScanInput::typed) — it opens or closes a session like a scan. The outcome is shown in
// words: opened, closed, ignored (a repeat within seconds), or the refusal. Offline, an id never verified
// here is accepted only as unverified and the ledger decides.
#include <QString>

#include "manager_page.h"
#include "sango/service.h"
#include "sango/terminal.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace sango::kiosk {

class ServicePicker;

class ManualEntryPage : public ManagerPage {
    Q_OBJECT
public:
    explicit ManualEntryPage(KioskContext& context, QWidget* parent = nullptr);

    // Sets the field as if typed (grouped when it is coupon-id characters).
    void setCouponId(const QString& typed);
    QString couponText() const;
    bool setService(Service service);
    // The outcome of the last submit, in words.
    QString outcome() const;

    // What the Record button does; the outcome is shown too. not_permitted for staff.
    Expected<ScanResult> submit();

private:
    void retranslate() override;
    void regroup(const QString& typed);

    QLineEdit* m_id;
    ServicePicker* m_service;
    QPushButton* m_submit;
    QLabel* m_idLabel;
    QLabel* m_hint;
    QLabel* m_outcome;
};

} // namespace sango::kiosk
