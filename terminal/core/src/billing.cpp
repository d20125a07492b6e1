#include "sango/billing.h"

namespace sango {

std::vector<TotalsRow> billingTotals(const std::vector<DailyRow>& days, const Provider& provider,
                                     date::year_month month)
{
    const date::year_month_day monthFirst = month / date::day{1};
    const date::year_month_day monthLast{month / date::last};
    std::vector<TotalsRow> rows;
    TotalsRow total;
    total.service = "total";
    for (Service service : kAllServices) {
        const auto periods = provider.periodsIn(service, month);
        auto sum = [&](date::year_month_day first, date::year_month_day last, TotalsRow& row) {
            for (const DailyRow& d : days) {
                if (d.service == service && d.date >= first && d.date <= last) {
                    row.sessions += d.sessions;
                    row.billedMinutes += d.billedMinutes;
                }
            }
        };
        // Days of the month before the first price of this service (all of it, when none has started):
        // billed time with no price to bill it at, shown on a line of its own with no price.
        TotalsRow unpriced;
        unpriced.service = std::string(toString(service));
        if (periods.empty())
            sum(monthFirst, monthLast, unpriced);
        else if (periods.front().first > monthFirst)
            sum(monthFirst, date::year_month_day{date::sys_days{periods.front().first} - date::days{1}}, unpriced);
        if (unpriced.sessions > 0) {
            unpriced.from = monthFirst;
            rows.push_back(unpriced);
            total.sessions += unpriced.sessions;
            total.billedMinutes += unpriced.billedMinutes;
        }
        if (!provider.offers(service) && periods.empty())
            continue;
        for (const auto& p : periods) {
            TotalsRow row;
            row.service = std::string(toString(service));
            row.yenPerHour = p.price.yenPerHour;
            row.from = p.first;
            row.to = p.last;
            sum(p.first, p.last, row);
            row.amountYen = amountYen(row.billedMinutes, p.price.yenPerHour);
            total.sessions += row.sessions;
            total.billedMinutes += row.billedMinutes;
            total.amountYen += row.amountYen;
            rows.push_back(row);
        }
    }
    rows.push_back(total);
    return rows;
}

} // namespace sango
