// Rules: the ledger's own figures for a session, from its raw times, and the verdict on a terminal's.
#include "rules.h"

#include <algorithm>

#include "sango/rounding.h"

namespace sango::ledger {

namespace reason = protocol::reason;

Expected<Rules::Computed> Rules::compute(const Provider& provider, Service service, std::int64_t start,
                                         std::int64_t stop, std::optional<std::int64_t> left)
{
    Computed c;
    const auto day = m_zone.dateOf(Instant(std::chrono::seconds(start)));
    c.figures.date = formatDate(day);
    c.figures.start = start;
    c.figures.stop = stop;
    auto policy = policyOn(c.figures.date);
    if (!policy)
        return tl::unexpected(policy.error());
    const ServiceRule* rule = policy->rule(service);
    if (!rule)
        return fail(Errc::service_not_allowed, "the policy of " + c.figures.date + " has no rule for " +
                                                   std::string(toString(service)) + " care");
    const int actual = actualMinutes(Instant(std::chrono::seconds(start)), Instant(std::chrono::seconds(stop)));
    c.figures.actualMinutes = actual;
    c.due = bill(*rule, actual, std::nullopt).billedMinutes;
    c.figures.billedMinutes = left ? std::min(c.due, std::max<std::int64_t>(*left, 0)) : c.due;
    if (auto price = provider.priceOn(service, day))
        c.figures.amountYen = amountYen(c.figures.billedMinutes, price->yenPerHour);
    return c;
}

std::optional<Rules::Verdict> Rules::compare(const Computed& c, std::optional<std::int64_t> left, std::int64_t actual,
                                             std::int64_t billed, const std::string* date)
{
    const auto mismatch = [&](std::string what) {
        return Verdict{std::string(reason::figures_mismatch), std::move(what), c.figures};
    };
    if (date && *date != c.figures.date)
        return mismatch("the session starts on " + c.figures.date + " in the municipality's time zone, not on " +
                        *date);
    if (actual != c.figures.actualMinutes)
        return mismatch("its times make " + std::to_string(c.figures.actualMinutes) + " actual minutes, not " +
                        std::to_string(actual));
    if (billed == c.figures.billedMinutes)
        return std::nullopt;
    // Within what the service's rule bills but beyond what the coupon has left: the terminal's view of the
    // balance was older than the ledger's.
    if (left && billed > *left && billed <= c.due)
        return Verdict{std::string(reason::no_balance),
                       "the coupon has " + std::to_string(*left) + " minutes left at the ledger", c.figures};
    return mismatch("the policy bills " + std::to_string(c.figures.billedMinutes) + " minutes for " +
                    std::to_string(c.figures.actualMinutes) + " actual minutes here, not " + std::to_string(billed));
}

} // namespace sango::ledger
