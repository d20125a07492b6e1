#include "totals.h"

#include <string>

#include "sango/local_time.h"
#include "sql.h"

namespace sango::ledger {

Expected<std::vector<TotalsRow>> Totals::compute(const Provider& provider, date::year_month month)
{
    const date::year_month_day first = month / date::day{1};
    const date::year_month_day last{month / date::last};
    auto st = sql::query(*m_db,
                         "SELECT service, date, count(*), coalesce(sum(billed_minutes), 0) FROM sessions "
                         "WHERE provider_id = ? AND status = 'closed' AND date >= ? AND date <= ? "
                         "GROUP BY service, date ORDER BY date, service",
                         provider.providerId, formatDate(first), formatDate(last));
    if (!st)
        return tl::unexpected(st.error());
    std::vector<DailyRow> days;
    for (;;) {
        auto row = st->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            break;
        auto service = parseService(st->text(0));
        auto day = parseDate(st->text(1));
        if (!service || !day)
            return fail(Errc::store_corrupt, "a session in the ledger has a damaged service or date");
        days.push_back({*day, *service, st->int32(2), st->int64(3)});
    }
    // The same computation as the terminal's statement, so that the two reconcile to the yen.
    return billingTotals(days, provider, month);
}

} // namespace sango::ledger
