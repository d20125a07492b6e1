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

Expected<std::vector<TotalsRow>> Reports::totals(date::year_month month) const
{
    auto days = daily(month);
    if (!days)
        return tl::unexpected(days.error());
    return billingTotals(*days, *m_provider, month);
}

} // namespace sango
