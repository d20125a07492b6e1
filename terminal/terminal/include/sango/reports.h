#pragma once
// The manager's reports (spec/cli.md "Reports") read from the terminal's store: monthly session lines, daily
// totals, and the billing totals per service and price period (the bill itself is sango/billing.h's, shared with
// the ledger). Integers only: minutes and yen.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "sango/billing.h"
#include "sango/clock.h"
#include "sango/event_store.h"
#include "sango/local_time.h"
#include "sango/policy.h"
#include "sango/provider.h"

namespace sango {

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
