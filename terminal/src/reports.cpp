#include "sango/reports.h"

namespace sango {

namespace {
date::year_month_day firstDay(date::year_month m)
{
    return m / date::day{1};
}
date::year_month_day lastDay(date::year_month m)
{
    return date::year_month_day{m / date::last};
}
} // namespace

ReportHeader Reports::header(date::year_month month, Instant now) const
{
    // A store that cannot say whether it is a demonstration store fails at the report's next read anyway.
    const auto demo = m_store->isDemo();
    return {month,
            m_provider->providerId,
            m_provider->name,
            m_policy->municipality,
            m_policy->version,
            m_provider->priceTableVersion(),
            now,
            demo && *demo};
}

Expected<std::vector<SessionRecord>> Reports::monthly(date::year_month month) const
{
    return m_store->sessions(firstDay(month), lastDay(month), false);
}

Expected<std::vector<DailyRow>> Reports::daily(date::year_month month) const
{
    return m_store->dailyTotals(firstDay(month), lastDay(month));
}

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

Expected<std::vector<TotalsRow>> Reports::totals(date::year_month month) const
{
    auto days = daily(month);
    if (!days)
        return tl::unexpected(days.error());
    return billingTotals(*days, *m_provider, month);
}

} // namespace sango
