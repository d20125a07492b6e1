#pragma once
// The ledger's accepted totals of a provider for a month, line for line as the terminal's `totals` report
// (sango/billing.h computes both) so that the two reconcile: accepted, closed sessions attributed to the month by
// their date (a correction's date replaces the opening's), per service and price period, then a total line.
#include <vector>

#include <date/date.h>

#include "sango/billing.h"
#include "sango/error.h"
#include "sango/provider.h"

#include "ledger_store.h"

namespace sango::ledger {

class Totals {
public:
    explicit Totals(LedgerStore& store) : m_store(&store) {}

    Expected<std::vector<TotalsRow>> compute(const Provider& provider, date::year_month month);

private:
    LedgerStore* m_store;
};

} // namespace sango::ledger
