#pragma once
// First run on a store that is not set up: enrol with a ledger (URL and enrolment code, optional CA file and
// pinned key), or install policy files (terminal id, policy, provider and trust files), then register the
// first manager (id and PIN). Emits ready() once the store exists and a manager is registered.
#include <QWidget>

#include "sango/event_store.h"

namespace sango::kiosk {

class FirstRunScreen : public QWidget {
    Q_OBJECT
public:
    explicit FirstRunScreen(StoreLocation where, QWidget* parent = nullptr);

Q_SIGNALS:
    void ready();

private:
    StoreLocation m_where;
};

} // namespace sango::kiosk
