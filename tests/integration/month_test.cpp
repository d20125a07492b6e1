// A month of care, April 2026, through the real binary: a generator (fixed-seed std::mt19937) plans the
// sessions of 8 coupons over all three services, including sessions that start on 2026-03-31 late evening and
// cross into April (March's), and ones that start on 2026-04-30 late evening and cross into May (April's);
// durations that hit the minimum, the maximum, the grace and the balance cap; cancellations within the window;
// a paper ticket; a manager's correction; a session left open. Every scan is a real `sango scan` under libfaketime
// at its planned instant. The test computes what every answer and every report must say by itself, from the spec
// (spec/policy.md: floor((d+g)/u)·u, then max, then min, then the balance cap; amount = floor(minutes × yen / 60)).
#include <algorithm>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "sango_runner.h"
#include "spec_model.h"

namespace sango::itest {
namespace {

using test::TestIssuer;
using namespace std::chrono_literals;

struct CouponPlan {
    std::uint64_t n;
    int grant;
    std::vector<std::string> services;       // the credential's svc
    std::vector<std::string> plannedServices; // what the generator picks from for ordinary sessions
    int maxSessions;
    Instant firstFrom;  // ordinary sessions start after this
    Instant lastStart;  // and not after this
};

enum class CancelKind { none, afterClose, whileOpen };

struct Planned {
    int coupon = 0;
    std::string service;
    Instant start{};
    std::optional<Instant> stop; // none: left open at the end of the month
    CancelKind cancel = CancelKind::none;
    Instant cancelAt{};
    bool repeatAfterOpen = false;
    bool repeatAfterClose = false;
    std::optional<std::pair<Instant, Instant>> correction;
    Instant correctAt{};
};

Planned plan(int coupon, std::string service, Instant start, std::optional<Instant> stop)
{
    Planned p;
    p.coupon = coupon;
    p.service = std::move(service);
    p.start = start;
    p.stop = stop;
    return p;
}

enum class Kind { staff, open, repeat, close, cancel, correct, paper };

struct Action {
    Instant at;
    int order; // ties: keep plan order
    Kind kind;
    int planned; // index into the plan (or -1)
};

// What the model says a session is.
struct ModelSession {
    std::string sessionId;
    std::string couponId;
    std::string source = "qr";
    std::string service;
    Instant start{};
    std::optional<Instant> stop;
    std::optional<std::int64_t> actual;
    std::optional<std::int64_t> billed;
    std::string status = "open";
    std::set<std::string> flags;
    std::string correctionReason;
    std::string staff = "s1";
};

struct Coverage {
    int minApplied = 0, maxApplied = 0, graceApplied = 0, capped = 0, noBalance = 0;
    int cancelAfterClose = 0, cancelWhileOpen = 0, corrected = 0, paper = 0, ignored = 0;
    int fromMarch = 0, intoMay = 0, leftOpen = 0, utcMonthDiffers = 0;
};

class MonthTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_store = std::make_unique<TestStore>(m_issuer);
        s = &m_store->sango();
        const Instant from = jst(2026, 4, 1, 8, 0);
        m_coupons = {
            {0, 240, {"day", "visit"}, {}, 0, from, from},                                  // explicit plan below
            {1, 600, {"stay", "day", "visit"}, {"stay", "day", "visit"}, 8, from, jst(2026, 4, 28, 18, 0)},
            {2, 5040, {"stay", "day", "visit"}, {"stay", "day", "visit"}, 12, from, jst(2026, 4, 27, 18, 0)},
            {3, 2520, {"visit"}, {"visit"}, 12, from, jst(2026, 4, 29, 12, 0)},
            {4, 3780, {"stay", "day"}, {"day"}, 7, from, jst(2026, 4, 27, 18, 0)},
            {5, 600, {"day"}, {"day"}, 8, from, jst(2026, 4, 29, 12, 0)},
            {6, 5040, {"stay", "day", "visit"}, {"stay", "day", "visit"}, 12, jst(2026, 4, 1, 11, 0),
             jst(2026, 4, 29, 12, 0)},
            {7, 1200, {"stay", "visit"}, {"visit"}, 4, from, jst(2026, 4, 27, 18, 0)},
        };
        for (const auto& c : m_coupons) {
            TestIssuer::Claims cl;
            cl.couponId = couponId(c.n);
            cl.grant = c.grant;
            cl.services = c.services;
            m_qr.push_back(m_issuer.issue(cl));
        }
    }

    std::int64_t durationSeconds(const std::string& service)
    {
        static const std::vector<int> day{40, 57, 61, 85, 86, 115, 200, 240, 300, 475, 500, 540};
        static const std::vector<int> visit{20, 25, 29, 54, 55, 90, 119, 236, 250, 300};
        std::uniform_int_distribution<int> secs(0, 59);
        if (service == "day")
            return std::int64_t{day[pick(day.size())]} * 60 + secs(m_rng);
        if (service == "visit")
            return std::int64_t{visit[pick(visit.size())]} * 60 + secs(m_rng);
        std::uniform_int_distribution<int> stay(300, 1500);
        return std::int64_t{stay(m_rng)} * 60 + secs(m_rng);
    }

    std::size_t pick(std::size_t n)
    {
        std::uniform_int_distribution<std::size_t> d(0, n - 1);
        return d(m_rng);
    }
    int percent()
    {
        std::uniform_int_distribution<int> d(0, 99);
        return d(m_rng);
    }

    void generate()
    {
        // Coupon 0 (240 min): 180, then 90 capped at 60, then refused twice.
        auto add = [&](Planned p) { m_plan.push_back(std::move(p)); };
        add(plan(0, "day", jst(2026, 4, 2, 10, 0), jst(2026, 4, 2, 13, 20, 30)));
        add(plan(0, "visit", jst(2026, 4, 5, 14, 0), jst(2026, 4, 5, 15, 40, 10)));
        add(plan(0, "day", jst(2026, 4, 8, 10, 0), jst(2026, 4, 8, 12, 0)));
        add(plan(0, "visit", jst(2026, 4, 12, 9, 0), jst(2026, 4, 12, 10, 0)));
        // From 2026-03-31 late evening into April 1: March's.
        add(plan(6, "stay", jst(2026, 3, 31, 23, 20, 15), jst(2026, 4, 1, 9, 47, 40)));
        {
            Planned p = plan(1, "stay", jst(2026, 3, 31, 22, 5, 0), jst(2026, 4, 1, 7, 12, 9));
            p.repeatAfterOpen = true;
            add(p);
        }
        // Ordinary sessions.
        for (int c = 1; c < static_cast<int>(m_coupons.size()); ++c) {
            const CouponPlan& cp = m_coupons[static_cast<std::size_t>(c)];
            Instant cursor = cp.firstFrom + std::chrono::seconds(std::uniform_int_distribution<int>(0, 8 * 3600)(m_rng));
            if (c == 1)
                cursor = jst(2026, 4, 1, 9, 0);
            for (int k = 0; k < cp.maxSessions; ++k) {
                const Instant start =
                    cursor + std::chrono::seconds(std::uniform_int_distribution<int>(2 * 3600, 48 * 3600)(m_rng));
                if (start > cp.lastStart)
                    break;
                Planned p;
                p.coupon = c;
                p.service = cp.plannedServices[pick(cp.plannedServices.size())];
                p.start = start;
                p.stop = start + std::chrono::seconds(durationSeconds(p.service));
                int r = percent();
                const bool correctThis = c == 3 && k == 1;
                // A few cancellations on coupons that never run out, whatever the random draws say.
                if ((c == 3 && k == 0) || (c == 4 && k == 1))
                    r = 0; // cancelled within the window after the close
                if (c == 3 && k == 3)
                    r = 12; // cancelled while open
                if (!correctThis && r < 10) {
                    p.cancel = CancelKind::afterClose;
                    p.cancelAt = *p.stop + std::chrono::seconds(std::uniform_int_distribution<int>(30, 280)(m_rng));
                } else if (!correctThis && r < 15) {
                    p.cancel = CancelKind::whileOpen;
                    p.cancelAt = start + 2min;
                    p.stop.reset();
                }
                p.repeatAfterOpen = percent() < 10;
                p.repeatAfterClose = p.stop && percent() < 8;
                if (correctThis) {
                    p.correction = std::make_pair(start, start + 125min);
                    p.correctAt = std::max(*p.stop, start + 125min) + 30min;
                }
                cursor = (p.stop ? *p.stop : start) + 1h;
                add(p);
            }
        }
        // Starting on 2026-04-30 late evening, crossing into May: April's.
        add(plan(2, "stay", jst(2026, 4, 30, 23, 10, 0), jst(2026, 5, 1, 8, 5, 20)));
        add(plan(4, "day", jst(2026, 4, 30, 23, 40, 0), jst(2026, 5, 1, 2, 10, 45)));
        // Where the UTC date is not the Tokyo date: April 1 early morning (still March 31 in UTC) is April's;
        // May 1 early morning (still April 30 in UTC) is May's, not in April's report.
        add(plan(4, "day", jst(2026, 4, 1, 6, 30, 0), jst(2026, 4, 1, 8, 5, 30)));
        add(plan(3, "visit", jst(2026, 5, 1, 6, 0, 0), jst(2026, 5, 1, 7, 10, 0)));
        // Left open at the end of the month.
        add(plan(7, "visit", jst(2026, 4, 30, 20, 0, 0), std::nullopt));
    }

    std::vector<Action> actions() const
    {
        std::vector<Action> out;
        int order = 0;
        out.push_back({jst(2026, 3, 31, 20, 0), order++, Kind::staff, -1});
        for (std::size_t i = 0; i < m_plan.size(); ++i) {
            const Planned& p = m_plan[i];
            const int idx = static_cast<int>(i);
            out.push_back({p.start, order++, Kind::open, idx});
            if (p.repeatAfterOpen)
                out.push_back({p.start + 4s, order++, Kind::repeat, idx});
            if (p.stop) {
                out.push_back({*p.stop, order++, Kind::close, idx});
                if (p.repeatAfterClose)
                    out.push_back({*p.stop + 5s, order++, Kind::repeat, idx});
            }
            if (p.cancel != CancelKind::none)
                out.push_back({p.cancelAt, order++, Kind::cancel, idx});
            if (p.correction)
                out.push_back({p.correctAt, order++, Kind::correct, idx});
        }
        out.push_back({m_paperAt, order++, Kind::paper, -1});
        std::sort(out.begin(), out.end(), [](const Action& a, const Action& b) {
            return a.at != b.at ? a.at < b.at : a.order < b.order;
        });
        return out;
    }

    std::int64_t balanceOf(int coupon) const
    {
        const auto it = m_used.find(coupon);
        return m_coupons[static_cast<std::size_t>(coupon)].grant - (it == m_used.end() ? 0 : it->second);
    }

    CliResult run(const std::vector<std::string>& args, Instant at, const std::string& stdinText = {})
    {
        ++m_invocations;
        return s->run(args, at, stdinText);
    }

    static json flagsJson(const std::set<std::string>& flags) { return json(std::vector<std::string>(flags.begin(), flags.end())); }
    static std::set<std::string> flagSet(const json& j)
    {
        std::set<std::string> out;
        if (j.is_array())
            for (const auto& f : j)
                out.insert(f.get<std::string>());
        return out;
    }
    static json optJson(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(); }

    // Billing of a closing (or corrected) session per the spec, counting what it triggered.
    model::Billed bill(const std::string& service, std::int64_t d, std::int64_t balance)
    {
        const model::Rule r = model::rule(service);
        const std::int64_t rounded = (d + r.grace) / r.unit * r.unit;
        if (rounded > d / r.unit * r.unit)
            ++m_cov.graceApplied;
        if (r.max > 0 && rounded > r.max)
            ++m_cov.maxApplied;
        if (std::min(rounded, r.max > 0 ? r.max : rounded) < r.min)
            ++m_cov.minApplied;
        const model::Billed b = model::bill(service, d, balance);
        if (b.capped)
            ++m_cov.capped;
        return b;
    }

    // Runs one action and checks the answer against the model.
    void step(const Action& a)
    {
        if (a.kind == Kind::staff) {
            ASSERT_EQ(run({"staff", "add", "--id", "s1", "--role", "staff"}, a.at, "2468\n").exit, 0);
            ASSERT_EQ(run({"staff", "add", "--id", "m1", "--role", "manager"}, a.at, "135790\n").exit, 0);
            return;
        }
        if (a.kind == Kind::paper) {
            auto r = run({"paper", "--ticket", "PT-2026-0042", "--service", "visit", "--start", isoJst(m_paperStart),
                          "--stop", isoJst(m_paperStop), "--staff", "m1"},
                         a.at);
            ASSERT_EQ(r.exit, 0) << r;
            ModelSession m;
            m.sessionId = r.out.value("session_id", "");
            m.couponId = "PT-2026-0042";
            m.source = "paper";
            m.service = "visit";
            m.start = m_paperStart;
            m.stop = m_paperStop;
            m.actual = model::actualMinutes(epoch(m_paperStop) - epoch(m_paperStart));
            m.billed = model::bill("visit", *m.actual, std::nullopt).minutes;
            m.status = "closed";
            m.staff = "m1";
            EXPECT_EQ(r.out.value("billed_minutes", -1), *m.billed) << r;
            m_sessions.push_back(m);
            ++m_cov.paper;
            return;
        }
        const Planned& p = m_plan[static_cast<std::size_t>(a.planned)];
        const int c = p.coupon;
        const std::string& qr = m_qr[static_cast<std::size_t>(c)];
        auto found = m_byPlan.find(a.planned);
        if (a.kind != Kind::open && found == m_byPlan.end())
            return; // its opening was refused: nothing more happens to it
        const std::vector<std::string> scanArgs{"scan", qr, "--service", p.service, "--staff", "s1"};

        if (a.kind == Kind::open) {
            auto r = run(scanArgs, a.at);
            const std::int64_t balance = balanceOf(c);
            if (balance <= 0) {
                ASSERT_EQ(r.exit, 2) << "coupon " << c << " has no balance left: " << r;
                ASSERT_EQ(r.result(), "no_balance") << r;
                ++m_cov.noBalance;
                return;
            }
            ASSERT_EQ(r.exit, 0) << r;
            ASSERT_EQ(r.out.value("action", ""), "opened") << r;
            ModelSession m;
            m.sessionId = r.out.value("session_id", "");
            ASSERT_FALSE(m.sessionId.empty());
            for (const auto& other : m_sessions)
                ASSERT_NE(other.sessionId, m.sessionId) << "a session id was given twice";
            m.couponId = couponId(m_coupons[static_cast<std::size_t>(c)].n);
            m.service = p.service;
            m.start = a.at;
            EXPECT_EQ(r.out.value("coupon_id", ""), m.couponId);
            EXPECT_EQ(r.out.value("service", ""), p.service);
            EXPECT_EQ(r.out.value("start", ""), isoJst(a.at));
            EXPECT_EQ(r.out.value("balance_minutes", json()), json(balance)) << r;
            EXPECT_EQ(r.out.value("flags", json()), json::array());
            m_byPlan[a.planned] = m_sessions.size();
            m_sessions.push_back(m);
            return;
        }
        ModelSession& m = m_sessions[found->second];
        if (a.kind == Kind::repeat) {
            auto r = run(scanArgs, a.at);
            ASSERT_EQ(r.exit, 0) << r;
            EXPECT_EQ(r.out.value("action", ""), "ignored") << r;
            EXPECT_EQ(r.out.value("session_id", ""), m.sessionId);
            ++m_cov.ignored;
            return;
        }
        if (a.kind == Kind::close) {
            auto r = run(scanArgs, a.at);
            ASSERT_EQ(r.exit, 0) << r;
            ASSERT_EQ(r.out.value("action", ""), "closed") << r;
            ASSERT_EQ(r.out.value("session_id", ""), m.sessionId);
            const std::int64_t balance = balanceOf(c);
            const std::int64_t d = model::actualMinutes(epoch(a.at) - epoch(m.start));
            const model::Billed b = bill(m.service, d, balance);
            m.stop = a.at;
            m.actual = d;
            m.billed = b.minutes;
            m.status = "closed";
            if (b.capped)
                m.flags.insert("capped");
            m_used[c] += b.minutes;
            EXPECT_EQ(r.out.value("stop", ""), isoJst(a.at));
            EXPECT_EQ(r.out.value("actual_minutes", json()), json(d)) << r;
            EXPECT_EQ(r.out.value("billed_minutes", json()), json(b.minutes))
                << m.service << " d=" << d << " balance=" << balance << "\n" << r;
            EXPECT_EQ(r.out.value("balance_minutes", json()), json(balanceOf(c))) << r;
            EXPECT_EQ(flagSet(r.out.value("flags", json())), m.flags) << r;
            if (dateJst(m.start).substr(0, 7) == "2026-03" && dateJst(a.at).substr(0, 7) == "2026-04")
                ++m_cov.fromMarch;
            if (dateJst(m.start).substr(0, 7) == "2026-04" && dateJst(a.at).substr(0, 7) == "2026-05")
                ++m_cov.intoMay;
            if (dateJst(m.start).substr(0, 7) != dateJst(m.start - 9h).substr(0, 7))
                ++m_cov.utcMonthDiffers;
            return;
        }
        if (a.kind == Kind::cancel) {
            const bool open = m.status == "open";
            const std::string reason = open ? "opened_by_mistake" : "mother_left";
            auto r = run({"cancel", m.sessionId, "--staff", "s1", "--reason", reason}, a.at);
            ASSERT_EQ(r.exit, 0) << r;
            EXPECT_EQ(r.out.value("status", ""), "cancelled") << r;
            if (!open)
                m_used[c] -= *m.billed;
            m.billed = 0;
            m.status = "cancelled";
            m.correctionReason = reason;
            ++(open ? m_cov.cancelWhileOpen : m_cov.cancelAfterClose);
            return;
        }
        if (a.kind == Kind::correct) {
            ASSERT_EQ(m.status, "closed") << "the generator should correct a closed session";
            const auto [start, stop] = *p.correction;
            auto r = run({"correct", m.sessionId, "--start", isoJst(start), "--stop", isoJst(stop), "--staff", "m1",
                          "--reason", "wrong_time"},
                         a.at);
            ASSERT_EQ(r.exit, 0) << r;
            const std::int64_t balance = balanceOf(c) + *m.billed; // what is left, not counting this session
            const std::int64_t d = model::actualMinutes(epoch(stop) - epoch(start));
            const model::Billed b = bill(m.service, d, balance);
            m_used[c] += b.minutes - *m.billed;
            m.start = start;
            m.stop = stop;
            m.actual = d;
            m.billed = b.minutes;
            m.flags.erase("capped");
            if (b.capped)
                m.flags.insert("capped");
            m.flags.insert("corrected");
            m.correctionReason = "wrong_time";
            EXPECT_EQ(r.out.value("billed_minutes", json()), json(b.minutes)) << r;
            ++m_cov.corrected;
            return;
        }
    }

    TestIssuer m_issuer;
    std::unique_ptr<TestStore> m_store;
    Sango* s = nullptr;
    std::mt19937 m_rng{20260401u};
    std::vector<CouponPlan> m_coupons;
    std::vector<std::string> m_qr;
    std::vector<Planned> m_plan;
    const Instant m_paperStart = jst(2026, 4, 15, 14, 0, 0);
    const Instant m_paperStop = jst(2026, 4, 15, 15, 52, 0);
    const Instant m_paperAt = jst(2026, 4, 16, 9, 0, 0);

    std::vector<ModelSession> m_sessions;
    std::map<int, std::size_t> m_byPlan;
    std::map<int, std::int64_t> m_used;
    Coverage m_cov;
    int m_invocations = 0;
};

TEST_F(MonthTest, April2026ReportsMatchAnIndependentComputation)
{
    generate();
    for (const Action& a : actions()) {
        step(a);
        ASSERT_FALSE(HasFatalFailure()) << "at " << isoJst(a.at);
    }
    for (const auto& m : m_sessions)
        if (m.status == "open")
            ++m_cov.leftOpen;

    // The generator did its job: every case the month is meant to hold happened.
    EXPECT_GE(m_cov.minApplied, 1);
    EXPECT_GE(m_cov.maxApplied, 1);
    EXPECT_GE(m_cov.graceApplied, 3);
    EXPECT_GE(m_cov.capped, 2);
    EXPECT_GE(m_cov.noBalance, 2);
    EXPECT_GE(m_cov.cancelAfterClose, 2);
    EXPECT_GE(m_cov.cancelWhileOpen, 1);
    EXPECT_EQ(m_cov.corrected, 1);
    EXPECT_EQ(m_cov.paper, 1);
    EXPECT_GE(m_cov.ignored, 2);
    EXPECT_EQ(m_cov.fromMarch, 2);
    EXPECT_EQ(m_cov.intoMay, 2);
    EXPECT_EQ(m_cov.leftOpen, 1);
    EXPECT_EQ(m_cov.utcMonthDiffers, 2);

    const Instant reportTime = jst(2026, 5, 2, 9, 0);
    s->setNow(reportTime);
    auto april = [](const ModelSession& m) { return dateJst(m.start).substr(0, 7) == "2026-04"; };

    // ---- monthly: one line per session attributed to April, in start order ----
    std::vector<const ModelSession*> aprilSessions;
    for (const auto& m : m_sessions)
        if (april(m))
            aprilSessions.push_back(&m);
    std::stable_sort(aprilSessions.begin(), aprilSessions.end(),
                     [](const ModelSession* x, const ModelSession* y) { return x->start < y->start; });
    auto monthly = run({"report", "monthly", "--month", "2026-04"}, reportTime);
    ASSERT_EQ(monthly.exit, 0) << monthly;
    ASSERT_TRUE(monthly.out.is_array());
    ASSERT_EQ(monthly.out.size(), aprilSessions.size());
    std::map<std::string, json> rowById;
    for (const auto& row : monthly.out)
        rowById[row.value("session_id", "")] = row;
    ASSERT_EQ(rowById.size(), aprilSessions.size()) << "a session id appears twice";
    std::map<std::string, int> statusCount, expectedStatusCount;
    for (const auto& row : monthly.out)
        ++statusCount[row.value("status", "")];
    for (std::size_t i = 0; i < aprilSessions.size(); ++i) {
        const ModelSession& m = *aprilSessions[i];
        ++expectedStatusCount[m.status];
        SCOPED_TRACE(m.sessionId);
        ASSERT_TRUE(rowById.count(m.sessionId)) << "missing from the monthly report";
        const json& row = rowById[m.sessionId];
        EXPECT_EQ(row.value("coupon_id", ""), m.couponId);
        EXPECT_EQ(row.value("source", ""), m.source);
        EXPECT_EQ(row.value("service", ""), m.service);
        EXPECT_EQ(row.value("date", ""), dateJst(m.start));
        EXPECT_EQ(row.value("start", ""), isoJst(m.start));
        EXPECT_EQ(row.value("stop", json()), m.stop ? json(isoJst(*m.stop)) : json());
        EXPECT_EQ(row.value("actual_minutes", json()), optJson(m.actual));
        EXPECT_EQ(row.value("billed_minutes", json()), m.status == "open" ? json() : optJson(m.billed)) << row;
        EXPECT_EQ(row.value("staff_id", ""), m.staff);
        EXPECT_EQ(row.value("status", ""), m.status);
        EXPECT_EQ(flagSet(row.value("flags", json())), m.flags) << row;
        // A cancelled session shows its cancel reason in this column, a corrected one its correction reason.
        EXPECT_EQ(text(row, "correction_reason"), m.correctionReason) << row;
    }
    for (std::size_t i = 1; i < monthly.out.size(); ++i)
        EXPECT_LE(monthly.out[i - 1].value("start", ""), monthly.out[i].value("start", "")) << "not in start order";
    EXPECT_EQ(statusCount, expectedStatusCount);
    auto monthlyCsv = run({"report", "monthly", "--month", "2026-04", "--format", "csv"}, reportTime);
    ASSERT_EQ(monthlyCsv.exit, 0);
    const CsvLines ml = splitCsv(monthlyCsv.raw);
    EXPECT_TRUE(ml.bom);
    EXPECT_TRUE(ml.crlfOnly);
    EXPECT_EQ(ml.lines.size(), aprilSessions.size() + 1);

    // March holds the sessions that started on March 31.
    auto march = run({"sessions", "--month", "2026-03"}, reportTime);
    ASSERT_EQ(march.exit, 0) << march;
    std::set<std::string> marchIds, expectedMarch;
    for (const auto& row : march.out)
        marchIds.insert(row.value("session_id", ""));
    for (const auto& m : m_sessions)
        if (dateJst(m.start).substr(0, 7) == "2026-03")
            expectedMarch.insert(m.sessionId);
    EXPECT_EQ(marchIds, expectedMarch);
    EXPECT_EQ(expectedMarch.size(), 2u);

    // ---- daily: closed sessions per local date and service ----
    const std::map<std::string, int> serviceOrder{{"stay", 0}, {"day", 1}, {"visit", 2}};
    std::map<std::pair<std::string, int>, std::pair<std::int64_t, std::int64_t>> daily; // (date, service) → (n, min)
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> perService;
    for (const ModelSession* m : aprilSessions) {
        if (m->status != "closed")
            continue;
        auto& d = daily[{dateJst(m->start), serviceOrder.at(m->service)}];
        ++d.first;
        d.second += *m->billed;
        auto& t = perService[m->service];
        ++t.first;
        t.second += *m->billed;
    }
    json expectedDaily = json::array();
    for (const auto& [key, v] : daily) {
        static const char* names[] = {"stay", "day", "visit"};
        expectedDaily.push_back({{"date", key.first},
                                 {"service", names[key.second]},
                                 {"sessions", v.first},
                                 {"billed_minutes", v.second}});
    }
    auto dailyJson = run({"report", "daily", "--month", "2026-04"}, reportTime);
    ASSERT_EQ(dailyJson.exit, 0) << dailyJson;
    EXPECT_EQ(dailyJson.out, expectedDaily);
    auto dailyCsv = run({"report", "daily", "--month", "2026-04", "--format", "csv"}, reportTime);
    ASSERT_EQ(dailyCsv.exit, 0) << dailyCsv;
    const CsvLines dl = splitCsv(dailyCsv.raw);
    EXPECT_TRUE(dl.bom);
    EXPECT_TRUE(dl.crlfOnly);
    ASSERT_EQ(dl.lines.size(), expectedDaily.size() + 1);
    EXPECT_EQ(dl.lines[0], "date,service,sessions,billed_minutes");
    for (std::size_t i = 0; i < expectedDaily.size(); ++i)
        EXPECT_EQ(dl.lines[i + 1], expectedDaily[i]["date"].get<std::string>() + "," +
                                       expectedDaily[i]["service"].get<std::string>() + "," +
                                       expectedDaily[i]["sessions"].dump() + "," +
                                       expectedDaily[i]["billed_minutes"].dump());

    // ---- totals: per service, then the total line in CSV ----
    json expectedTotals = json::array();
    std::int64_t totalSessions = 0, totalMinutes = 0, totalYen = 0;
    for (const char* service : {"stay", "day", "visit"}) {
        const auto t = perService[service];
        const std::int64_t yen = model::amountYen(t.second, model::yenPerHour(service));
        expectedTotals.push_back({{"service", service},
                                  {"sessions", t.first},
                                  {"billed_minutes", t.second},
                                  {"yen_per_hour", model::yenPerHour(service)},
                                  {"amount_yen", yen}});
        totalSessions += t.first;
        totalMinutes += t.second;
        totalYen += yen;
        EXPECT_GT(t.first, 0) << service << ": the month should use every service";
    }
    auto totals = run({"report", "totals", "--month", "2026-04", "--format", "json"}, reportTime);
    ASSERT_EQ(totals.exit, 0) << totals;
    EXPECT_EQ(totals.out, expectedTotals);
    auto totalsCsv = run({"report", "totals", "--month", "2026-04", "--format", "csv"}, reportTime);
    ASSERT_EQ(totalsCsv.exit, 0) << totalsCsv;
    const CsvLines tl = splitCsv(totalsCsv.raw);
    EXPECT_TRUE(tl.bom);
    EXPECT_TRUE(tl.crlfOnly);
    ASSERT_EQ(tl.lines.size(), 5u) << totalsCsv.raw;
    EXPECT_EQ(tl.lines[0], "service,sessions,billed_minutes,yen_per_hour,amount_yen");
    EXPECT_EQ(tl.lines[4], "total," + std::to_string(totalSessions) + "," + std::to_string(totalMinutes) + ",," +
                               std::to_string(totalYen));

    // ---- balances ----
    for (std::size_t c = 0; c < m_coupons.size(); ++c) {
        SCOPED_TRACE(c);
        auto b = run({"balance", couponId(m_coupons[c].n)}, reportTime);
        ASSERT_EQ(b.exit, 0) << b;
        const std::int64_t used = m_used[static_cast<int>(c)];
        EXPECT_EQ(b.out.value("grant_minutes", json()), json(m_coupons[c].grant));
        EXPECT_EQ(b.out.value("used_minutes", json()), json(used));
        EXPECT_EQ(b.out.value("balance_minutes", json()), json(std::max<std::int64_t>(m_coupons[c].grant - used, 0)));
    }
    auto audit = run({"audit"}, reportTime);
    EXPECT_EQ(audit.exit, 0) << audit;

    RecordProperty("sango_invocations", m_invocations);
    std::cout << "[ info     ] " << m_invocations << " sango runs; " << m_sessions.size() << " sessions, "
              << aprilSessions.size() << " in April; min " << m_cov.minApplied << ", max " << m_cov.maxApplied
              << ", grace " << m_cov.graceApplied << ", capped " << m_cov.capped << ", no_balance " << m_cov.noBalance
              << ", cancelled " << m_cov.cancelAfterClose << "+" << m_cov.cancelWhileOpen << ", ignored "
              << m_cov.ignored << "\n";
    EXPECT_GE(m_invocations, 150);
    EXPECT_LE(m_invocations, 300);
}

} // namespace
} // namespace sango::itest
