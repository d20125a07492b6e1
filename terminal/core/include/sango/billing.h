#pragma once
// The bill of a month: closed sessions per local date and service (DailyRow), priced by the provider's price
// table into a line per service and price in force, then the total line (spec/cli.md "Reports"). The one
// computation of the bill: the terminal's reports and the ledger's totals both use it. Integers only: minutes
// and yen.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "sango/clock.h"
#include "sango/provider.h"
#include "sango/service.h"

namespace sango {

// Closed sessions of one local date and service.
struct DailyRow {
    date::year_month_day date;
    Service service;
    int sessions = 0;
    std::int64_t billedMinutes = 0;
};

struct ReportHeader {
    date::year_month month;
    std::string providerId;
    std::string providerName;
    std::string municipality;
    std::string policyVersion;
    std::string priceTableVersion;
    Instant generatedAt{};
    bool demo = false; // made from a demonstration store (EventStore::isDemo): every header says DEMO
};

struct TotalsRow {
    std::string service; // "stay", "day", "visit", or "total" on the last line
    int sessions = 0;
    std::int64_t billedMinutes = 0;
    std::optional<int> yenPerHour; // none on the total line (and where no price was in force)
    std::int64_t amountYen = 0;
    std::optional<date::year_month_day> from; // the part of the month this price covers
    std::optional<date::year_month_day> to;
};

// The billing totals of a month from its closed sessions per local date and service: a line per service and
// price in force (and one with no price for days before a service's first price), then the total line. The
// one computation of the bill: the terminal's `report totals` and the ledger's `totals` both use it.
std::vector<TotalsRow> billingTotals(const std::vector<DailyRow>& days, const Provider& provider,
                                     date::year_month month);

} // namespace sango
