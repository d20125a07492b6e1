#pragma once
// What the tests of the ledger's rules share: a LedgerFixture that keeps the municipality's books in view —
// the balance of every coupon the test issued and the totals of every provider month it names — so that each
// refused event can be checked to leave them exactly as they were, and helpers that push one event and check
// its verdict, its detail and its figures.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "ledger_fixture.h"

namespace sango::protocol {
// Figures in failure messages as their JSON, not their bytes.
inline void PrintTo(const SessionFigures& f, std::ostream* os)
{
    *os << f.toJson().dump();
}
} // namespace sango::protocol

namespace sango::test {

class RulesFixture : public LedgerFixture {
protected:
    static constexpr std::int64_t kMinute = 60;
    static constexpr std::int64_t kHour = 3600;
    static constexpr std::int64_t kDay = 86400;

    // A coupon valid since 200 days ago (so that old sessions meet the correction window, not its validity),
    // watched by books().
    std::string coupon(int grant = 2520, std::vector<std::string> services = {})
    {
        ledger::IssueRequest req;
        req.type = "standard";
        req.grantMinutes = grant;
        req.services = std::move(services);
        req.notBefore = now() - 200 * kDay;
        auto c = m_ledger->issue(req);
        EXPECT_TRUE(c) << (c ? "" : c.error().message);
        if (!c)
            return {};
        m_watched.push_back(c->couponId);
        return c->couponId;
    }

    // Every watched coupon's balance and the monthly totals of every provider with a terminal, from three
    // months before the ledger's clock to two after, as one text.
    std::string books()
    {
        nlohmann::json out = nlohmann::json::object();
        std::vector<std::string> providers;
        if (auto ts = m_ledger->terminals())
            for (const auto& t : *ts)
                if (std::find(providers.begin(), providers.end(), t.providerId) == providers.end())
                    providers.push_back(t.providerId);
        for (const auto& c : m_watched) {
            auto b = m_ledger->balance(c);
            EXPECT_TRUE(b) << (b ? "" : b.error().message);
            if (b)
                out["balances"].push_back({b->couponId, b->grantMinutes, b->usedMinutes, b->balanceMinutes});
        }
        const date::year_month_day today{
            date::floor<date::days>(date::sys_seconds{std::chrono::seconds(now() + 9 * kHour)})};
        const date::year_month here = today.year() / today.month();
        for (const auto& p : providers)
            for (int i = -3; i <= 2; ++i) {
                const date::year_month m = here + date::months(i);
                auto rows = m_ledger->totals(p, m);
                EXPECT_TRUE(rows) << (rows ? "" : rows.error().message);
                if (!rows)
                    continue;
                for (const auto& r : *rows)
                    out["totals"].push_back({p, static_cast<int>(m.year()), static_cast<unsigned>(m.month()),
                                             r.service, r.sessions, r.billedMinutes,
                                             r.yenPerHour ? nlohmann::json(*r.yenPerHour) : nlohmann::json(),
                                             r.amountYen});
            }
        return out.dump();
    }

    // Pushes one event (the ledger's clock moves up to its time first unless asIs) and insists on this refusal:
    // the reason, a detail saying what exactly, and the books unchanged.
    protocol::EventResult refused(const ledger::TerminalInfo& t, protocol::WireEvent e, const std::string& reason,
                                  bool asIs = false)
    {
        const std::string before = books();
        auto results = asIs ? pushAsIs(t, {std::move(e)}) : push(t, {std::move(e)});
        if (results.size() != 1) {
            ADD_FAILURE() << "no answer";
            return {};
        }
        const auto& r = results.front();
        EXPECT_EQ(verdict(r), "rejected:" + reason) << r.detail;
        EXPECT_FALSE(r.detail.empty()) << "a refusal says what exactly was wrong";
        EXPECT_EQ(books(), before) << "a refused " << reason << " changed a balance or a total";
        return r;
    }

    protocol::EventResult accepted(const ledger::TerminalInfo& t, protocol::WireEvent e, bool asIs = false)
    {
        auto results = asIs ? pushAsIs(t, {std::move(e)}) : push(t, {std::move(e)});
        if (results.size() != 1) {
            ADD_FAILURE() << "no answer";
            return {};
        }
        EXPECT_EQ(verdict(results.front()), "accepted") << results.front().detail;
        return results.front();
    }

    std::int64_t used(const std::string& couponId)
    {
        auto b = m_ledger->balance(couponId);
        EXPECT_TRUE(b) << (b ? "" : b.error().message);
        return b ? b->usedMinutes : -1;
    }

    // The event with its clock offset set to `offset` (a JSON number of any kind).
    static protocol::WireEvent withOffset(protocol::WireEvent e, nlohmann::json offset)
    {
        e.body["clock"] = {{"offset_s", std::move(offset)}, {"verified", true}};
        return e;
    }

    static protocol::SessionFigures figures(const std::string& date, std::int64_t start, std::int64_t stop,
                                            std::int64_t actual, std::int64_t billed, std::optional<std::int64_t> yen)
    {
        protocol::SessionFigures f;
        f.date = date;
        f.start = start;
        f.stop = stop;
        f.actualMinutes = actual;
        f.billedMinutes = billed;
        f.amountYen = yen;
        return f;
    }

    std::vector<std::string> m_watched;
};

// The figures as one line, for readable failures.
inline std::string describe(const std::optional<protocol::SessionFigures>& f)
{
    return f ? f->toJson().dump() : std::string("(no figures)");
}

} // namespace sango::test
