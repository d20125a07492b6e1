// Totals: a provider's accepted closed sessions of a month, billed as the terminal's statement bills them.
#include "totals.h"

#include <string>

#include "sango/local_time.h"

namespace sango::ledger {

Expected<std::vector<TotalsRow>> Totals::compute(const Provider& provider, date::year_month month)
{
    const date::year_month_day first = month / date::day{1};
    const date::year_month_day last{month / date::last};
    SANGO_TRY_ASSIGN(const auto days, m_store->dailyTotals(provider.providerId, formatDate(first), formatDate(last)));
    // The same computation as the terminal's statement, so that the two reconcile to the yen.
    return billingTotals(days, provider, month);
}

} // namespace sango::ledger
