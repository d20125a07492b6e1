#include "totals.h"

#include <string>

#include "sango/local_time.h"
#include "sql.h"

namespace sango::ledger {

namespace {

struct DayTotal {
    Service service;
    date::year_month_day date;
    int sessions = 0;
    std::int64_t billedMinutes = 0;
};

} // namespace

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
    std::vector<DayTotal> days;
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
        days.push_back({*service, *day, st->int32(2), st->int64(3)});
    }

    std::vector<TotalsRow> rows;
    TotalsRow total;
    total.service = "total";
    for (Service service : kAllServices) {
        const auto periods = provider.periodsIn(service, month);
        auto sum = [&](date::year_month_day from, date::year_month_day to, TotalsRow& row) {
            for (const DayTotal& d : days) {
                if (d.service == service && d.date >= from && d.date <= to) {
                    row.sessions += d.sessions;
                    row.billedMinutes += d.billedMinutes;
                }
            }
        };
        // Care before the service's first price: a line of its own with no price (as the terminal shows it).
        TotalsRow unpriced;
        unpriced.service = std::string(toString(service));
        if (periods.empty())
            sum(first, last, unpriced);
        else if (periods.front().first > first)
            sum(first, date::year_month_day{date::sys_days{periods.front().first} - date::days{1}}, unpriced);
        if (unpriced.sessions > 0) {
            unpriced.from = first;
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

} // namespace sango::ledger
