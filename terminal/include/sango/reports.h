#pragma once
// The manager's reports (spec/cli.md "Reports"): monthly session lines, daily totals, and the billing
// totals per service and price period. Integers only: minutes and yen.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "sango/clock.h"
#include "sango/event_store.h"
#include "sango/local_time.h"
#include "sango/policy.h"
#include "sango/provider.h"

namespace sango {

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

class Reports {
public:
    Reports(EventStore& store, const Policy& policy, const Provider& provider, const LocalTime& local)
        : m_store(&store), m_policy(&policy), m_provider(&provider), m_local(&local)
    {
    }

    ReportHeader header(date::year_month month, Instant now) const;
    // Every session attributed to the month, in start order.
    Expected<std::vector<SessionRecord>> monthly(date::year_month month) const;
    // A line per local date and service with at least one closed session.
    Expected<std::vector<DailyRow>> daily(date::year_month month) const;
    // A line per offered service and price in force during the month, then the total line.
    Expected<std::vector<TotalsRow>> totals(date::year_month month) const;

private:
    EventStore* m_store;
    const Policy* m_policy;
    const Provider* m_provider;
    const LocalTime* m_local;
};

} // namespace sango
