// Terminal: sessions opened and closed by scanning, the repeat-scan window, cancellation, manager
// corrections, paper tickets, typed coupon ids, refusals (service_not_allowed, no_balance, revoked, expired),
// capping, staff roles, and attribution of sessions to the local date of their start. Everything runs on a
// FakeClock over a real encrypted store (StoreFixture). Policy of tests/data: day unit 30 floor grace 5,
// min 60 max 480; visit unit 30 floor grace 5, min 30 max 240; stay unit 30 floor grace 5, no bounds;
// cancel window 5 min; Asia/Tokyo.
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sango/coupon_id.h"
#include "sango/crypto.h"
#include "sango/local_values.h"
#include "sango/report_format.h"
#include "sango/reports.h"
#include "sango/terminal.h"
#include "store_fixture.h"

namespace sango::test {
namespace {

using nlohmann::json;
using std::chrono::minutes;
using std::chrono::seconds;

template <typename T>
::testing::AssertionResult failsWith(const Expected<T>& r, Errc code)
{
    if (r)
        return ::testing::AssertionFailure() << "succeeded; expected " << toString(code);
    if (r.error().code != code)
        return ::testing::AssertionFailure() << "failed with " << toString(r.error().code) << " ("
                                             << r.error().message << "); expected " << toString(code);
    return ::testing::AssertionSuccess();
}

std::string lower(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

date::year_month_day ymd(int y, unsigned m, unsigned d)
{
    return date::year_month_day{date::year{y}, date::month{m}, date::day{d}};
}

class TerminalTest : public StoreFixture {
protected:
    // ISO 8601 with offset, e.g. "2026-04-03T10:00:00+09:00".
    Instant at(std::string_view iso) const { return m_terminal->localTime().parse(iso).value(); }

    std::int64_t eventCount() const { return m_store->eventCount().value(); }

    std::vector<Event> allEvents() const { return m_store->events(1, 100000).value(); }

    std::optional<Event> eventById(const std::string& id) const
    {
        for (auto& e : allEvents())
            if (e.id == id)
                return e;
        return std::nullopt;
    }

    Expected<ScanResult> scanQr(std::uint64_t n, Service service, const std::string& staff = "alice", int grant = 2520,
                                std::vector<std::string> services = {"stay", "day", "visit"})
    {
        return m_terminal->scan(ScanInput::qr(coupon(n, grant, std::move(services))), service, staff);
    }

    Expected<ScanResult> scanTyped(const std::string& typed, Service service, const std::string& staff = "alice")
    {
        return m_terminal->scan(ScanInput::typed(typed), service, staff);
    }

    SessionRecord stored(const std::string& sessionId) const
    {
        auto s = m_store->session(sessionId);
        EXPECT_TRUE(s && *s) << "session " << sessionId << " is not in the store";
        return s && *s ? **s : SessionRecord{};
    }

    std::size_t openCount() const { return m_store->sessions(std::nullopt, std::nullopt, true).value().size(); }

    Reports reports() const
    {
        return Reports(*m_store, m_terminal->policy(), m_terminal->provider(), m_terminal->localTime());
    }

    static bool containsSession(const std::vector<SessionRecord>& list, const std::string& id)
    {
        return std::any_of(list.begin(), list.end(), [&](const SessionRecord& s) { return s.sessionId == id; });
    }
};

// ---- open, close ----------------------------------------------------------------------------------------

TEST_F(TerminalTest, ScanOpensASessionWithItsRecordFields)
{
    const auto before = eventCount();
    auto r = scanQr(1, Service::day);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->action, ScanAction::opened);
    EXPECT_EQ(toString(r->action), "opened");
    EXPECT_EQ(r->balanceMinutes, 2520);

    const SessionRecord& s = r->session;
    EXPECT_EQ(s.sessionId.rfind("T1-", 0), 0u) << s.sessionId;
    EXPECT_EQ(s.couponId, TestIssuer::makeCouponId(1));
    EXPECT_EQ(s.source, SessionSource::qr);
    EXPECT_EQ(s.service, Service::day);
    EXPECT_EQ(s.start, kApril3Morning);
    EXPECT_FALSE(s.stop.has_value());
    EXPECT_EQ(s.date, ymd(2026, 4, 3));
    EXPECT_FALSE(s.actualMinutes.has_value());
    EXPECT_FALSE(s.billedMinutes.has_value());
    EXPECT_EQ(s.staffId, "alice");
    EXPECT_EQ(s.status, SessionStatus::open);
    EXPECT_TRUE(s.flags.empty());
    EXPECT_TRUE(s.correctionReason.empty());
    EXPECT_FALSE(s.lastEventId.empty());

    // Committed: one event, and the projections agree with what was answered.
    EXPECT_EQ(eventCount(), before + 1);
    const SessionRecord k = stored(s.sessionId);
    EXPECT_EQ(k.couponId, s.couponId);
    EXPECT_EQ(k.status, SessionStatus::open);
    EXPECT_EQ(k.start, s.start);
    EXPECT_FALSE(k.stop.has_value());
    EXPECT_EQ(k.date, s.date);
    EXPECT_EQ(k.lastEventId, s.lastEventId);
    auto open = m_store->openSessionFor(s.couponId);
    ASSERT_TRUE(open && *open);
    EXPECT_EQ((*open)->sessionId, s.sessionId);

    // The event names the session and carries what the credential said.
    const auto ev = eventById(s.lastEventId);
    ASSERT_TRUE(ev);
    EXPECT_EQ(ev->type, event_type::session_opened);
    EXPECT_EQ(ev->at, kApril3Morning);
    EXPECT_EQ(ev->body.at("session_id"), s.sessionId);
    EXPECT_EQ(ev->body.at("coupon_id"), s.couponId);
    EXPECT_EQ(ev->body.at("source"), "qr");
    EXPECT_EQ(ev->body.at("service"), "day");
    EXPECT_EQ(ev->body.at("start"), kApril3Morning.time_since_epoch().count());
    EXPECT_EQ(ev->body.at("date"), "2026-04-03");
    EXPECT_EQ(ev->body.at("staff_id"), "alice");
    EXPECT_EQ(ev->body.at("coupon").at("verified"), true);
    EXPECT_EQ(ev->body.at("coupon").at("grant"), 2520);

    // The line as `sango scan` and `sango sessions` show it.
    const json j = sessionJson(s, m_terminal->localTime());
    EXPECT_EQ(j.at("session_id"), s.sessionId);
    EXPECT_EQ(j.at("coupon_id"), TestIssuer::makeCouponId(1));
    EXPECT_EQ(j.at("source"), "qr");
    EXPECT_EQ(j.at("service"), "day");
    EXPECT_EQ(j.at("date"), "2026-04-03");
    EXPECT_EQ(j.at("start"), "2026-04-03T10:00:00+09:00");
    EXPECT_TRUE(j.at("stop").is_null());
    EXPECT_TRUE(j.at("actual_minutes").is_null());
    EXPECT_TRUE(j.at("billed_minutes").is_null());
    EXPECT_EQ(j.at("staff_id"), "alice");
    EXPECT_EQ(j.at("status"), "open");
    EXPECT_EQ(j.at("flags"), json::array());

    // The coupon is now known, with its grant.
    auto b = m_terminal->balance(s.couponId);
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_EQ(b->grantMinutes, 2520);
    EXPECT_EQ(b->usedMinutes, 0);
    EXPECT_EQ(b->balanceMinutes, 2520);
    EXPECT_EQ(b->asOf, kApril3Morning);
}

TEST_F(TerminalTest, ScanningTheSameCouponAgainClosesAndBills)
{
    auto opened = scanQr(1, Service::day);
    ASSERT_TRUE(opened) << opened.error().message;
    // 95 min 59 s: the seconds are dropped (d = 95); floor((95 + 5) / 30) * 30 = 90, within [60, 480].
    m_clock.advance(minutes(95) + seconds(59));
    auto closed = scanQr(1, Service::day, "bob");
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->action, ScanAction::closed);
    const SessionRecord& s = closed->session;
    EXPECT_EQ(s.sessionId, opened->session.sessionId);
    EXPECT_EQ(s.status, SessionStatus::closed);
    ASSERT_TRUE(s.stop.has_value());
    EXPECT_EQ(*s.stop, kApril3Morning + minutes(95) + seconds(59));
    EXPECT_EQ(s.actualMinutes, 95);
    EXPECT_EQ(s.billedMinutes, 90);
    EXPECT_EQ(s.staffId, "alice"); // who opened it
    EXPECT_TRUE(s.flags.empty());
    EXPECT_EQ(closed->balanceMinutes, 2520 - 90);

    const SessionRecord k = stored(s.sessionId);
    EXPECT_EQ(k.status, SessionStatus::closed);
    EXPECT_EQ(k.billedMinutes, 90);
    EXPECT_EQ(k.actualMinutes, 95);
    EXPECT_EQ(k.stop, s.stop);
    EXPECT_FALSE(m_store->openSessionFor(s.couponId).value().has_value());

    const auto ev = eventById(s.lastEventId);
    ASSERT_TRUE(ev);
    EXPECT_EQ(ev->type, event_type::session_closed);
    EXPECT_EQ(ev->body.at("billed_minutes"), 90);
    EXPECT_EQ(ev->body.at("by_scan"), true);
    EXPECT_EQ(ev->body.at("staff_id"), "bob");

    const json j = sessionJson(s, m_terminal->localTime());
    EXPECT_EQ(j.at("stop"), "2026-04-03T11:35:59+09:00");
    EXPECT_EQ(j.at("actual_minutes"), 95);
    EXPECT_EQ(j.at("billed_minutes"), 90);
    EXPECT_EQ(j.at("status"), "closed");

    auto b = m_terminal->balance(s.couponId);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->usedMinutes, 90);
    EXPECT_EQ(b->balanceMinutes, 2430);
}

TEST_F(TerminalTest, CloseBySessionId)
{
    auto opened = scanQr(1, Service::visit);
    ASSERT_TRUE(opened) << opened.error().message;
    const std::string id = opened->session.sessionId;
    m_clock.advance(minutes(20));
    // visit: floor((20 + 5) / 30) * 30 = 0, raised to the minimum of 30.
    auto closed = m_terminal->close(id, "bob");
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->action, ScanAction::closed);
    EXPECT_EQ(closed->session.sessionId, id);
    EXPECT_EQ(closed->session.status, SessionStatus::closed);
    EXPECT_EQ(closed->session.actualMinutes, 20);
    EXPECT_EQ(closed->session.billedMinutes, 30);
    EXPECT_EQ(closed->balanceMinutes, 2490);
    EXPECT_EQ(stored(id).status, SessionStatus::closed);
    const auto ev = eventById(closed->session.lastEventId);
    ASSERT_TRUE(ev);
    EXPECT_EQ(ev->body.at("by_scan"), false);

    const auto n = eventCount();
    EXPECT_TRUE(failsWith(m_terminal->close(id, "bob"), Errc::session_not_found)); // no longer open
    EXPECT_TRUE(failsWith(m_terminal->close("T1-999999", "bob"), Errc::session_not_found));
    EXPECT_EQ(eventCount(), n);
}

TEST_F(TerminalTest, DayMinimumAndMaximumApplyWhenClosing)
{
    // 10 s of day care bills the 60-minute minimum; 9 h bills the 480-minute maximum.
    ASSERT_TRUE(scanQr(1, Service::day));
    ASSERT_TRUE(scanQr(2, Service::day));
    m_clock.advance(seconds(10));
    auto shortOne = scanQr(1, Service::day);
    ASSERT_TRUE(shortOne) << shortOne.error().message;
    EXPECT_EQ(shortOne->action, ScanAction::closed);
    EXPECT_EQ(shortOne->session.actualMinutes, 0);
    EXPECT_EQ(shortOne->session.billedMinutes, 60);
    m_clock.advance(std::chrono::hours(9) - seconds(10));
    auto longOne = scanQr(2, Service::day);
    ASSERT_TRUE(longOne) << longOne.error().message;
    EXPECT_EQ(longOne->session.actualMinutes, 540);
    EXPECT_EQ(longOne->session.billedMinutes, 480);
    EXPECT_FALSE(longOne->session.hasFlag("capped")); // the maximum is not the balance
}

// ---- the repeat-scan window -----------------------------------------------------------------------------

TEST_F(TerminalTest, RepeatScanWithinTenSecondsOfOpeningIsIgnored)
{
    auto opened = scanQr(1, Service::visit);
    ASSERT_TRUE(opened) << opened.error().message;
    const auto n = eventCount();

    m_clock.advance(seconds(9));
    auto again = scanQr(1, Service::visit);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->action, ScanAction::ignored);
    EXPECT_EQ(toString(again->action), "ignored");
    EXPECT_EQ(again->session.sessionId, opened->session.sessionId);
    EXPECT_EQ(again->session.status, SessionStatus::open);
    EXPECT_EQ(again->balanceMinutes, 2520);
    EXPECT_EQ(eventCount(), n); // nothing recorded
    EXPECT_EQ(stored(opened->session.sessionId).status, SessionStatus::open);

    // 10 s after the opening scan (the ignored scan does not restart the window): this one closes.
    m_clock.advance(seconds(1));
    auto closed = scanQr(1, Service::visit);
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->action, ScanAction::closed);
    EXPECT_EQ(closed->session.sessionId, opened->session.sessionId);
    EXPECT_EQ(closed->session.actualMinutes, 0);
    EXPECT_EQ(closed->session.billedMinutes, 30); // visit minimum
}

TEST_F(TerminalTest, RepeatScanWithinTenSecondsOfClosingIsIgnored)
{
    auto opened = scanQr(1, Service::stay);
    ASSERT_TRUE(opened) << opened.error().message;
    m_clock.advance(minutes(30));
    auto closed = scanQr(1, Service::stay);
    ASSERT_TRUE(closed) << closed.error().message;
    ASSERT_EQ(closed->action, ScanAction::closed);
    EXPECT_EQ(closed->session.billedMinutes, 30);
    const auto n = eventCount();

    m_clock.advance(seconds(9));
    auto again = scanQr(1, Service::stay);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->action, ScanAction::ignored);
    EXPECT_EQ(again->session.sessionId, opened->session.sessionId);
    EXPECT_EQ(again->session.status, SessionStatus::closed);
    EXPECT_EQ(again->balanceMinutes, 2520 - 30);
    EXPECT_EQ(eventCount(), n);
    EXPECT_FALSE(m_store->openSessionFor(opened->session.couponId).value().has_value());

    // 10 s after the close: a new session.
    m_clock.advance(seconds(1));
    auto next = scanQr(1, Service::stay);
    ASSERT_TRUE(next) << next.error().message;
    EXPECT_EQ(next->action, ScanAction::opened);
    EXPECT_NE(next->session.sessionId, opened->session.sessionId);
    EXPECT_EQ(next->balanceMinutes, 2520 - 30);
}

TEST_F(TerminalTest, OneOpenSessionPerCoupon)
{
    auto a = scanQr(1, Service::day);
    auto b = scanQr(2, Service::day);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(openCount(), 2u); // different coupons each have theirs

    // A later scan of coupon 1, typed this time and for another service, closes its open day session rather
    // than opening a second one.
    m_clock.advance(minutes(70));
    auto again = scanTyped(TestIssuer::makeCouponId(1), Service::visit);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->action, ScanAction::closed);
    EXPECT_EQ(again->session.sessionId, a->session.sessionId);
    EXPECT_EQ(again->session.service, Service::day);
    EXPECT_EQ(again->session.billedMinutes, 60); // floor(75 / 30) * 30 = 60
    EXPECT_EQ(openCount(), 1u);
    EXPECT_FALSE(m_store->openSessionFor(TestIssuer::makeCouponId(1)).value().has_value());
    auto stillOpen = m_store->openSessionFor(TestIssuer::makeCouponId(2)).value();
    ASSERT_TRUE(stillOpen);
    EXPECT_EQ(stillOpen->sessionId, b->session.sessionId);
}

// ---- refusals: service, balance, capping ------------------------------------------------------------------

TEST_F(TerminalTest, ServiceNotOnTheCouponIsRefused)
{
    const auto n = eventCount();
    auto r = scanQr(1, Service::day, "alice", 2520, {"stay"});
    EXPECT_TRUE(failsWith(r, Errc::service_not_allowed));
    EXPECT_EQ(eventCount(), n);
    EXPECT_FALSE(m_store->coupon(TestIssuer::makeCouponId(1)).value().has_value()); // nothing recorded

    auto ok = scanQr(1, Service::stay, "alice", 2520, {"stay"});
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(ok->action, ScanAction::opened);
}

TEST_F(TerminalTest, SessionRunningPastTheBalanceIsCappedAndTheCouponCannotOpenAgain)
{
    // grant 100: visit of 125 min rounds to floor(130 / 30) * 30 = 120 (max 240), cut to the 100 left.
    auto opened = scanQr(1, Service::visit, "alice", 100);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(opened->balanceMinutes, 100);
    m_clock.advance(minutes(125));
    auto closed = scanQr(1, Service::visit, "alice", 100);
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->action, ScanAction::closed);
    EXPECT_EQ(closed->session.actualMinutes, 125);
    EXPECT_EQ(closed->session.billedMinutes, 100);
    EXPECT_TRUE(closed->session.hasFlag("capped"));
    EXPECT_EQ(closed->balanceMinutes, 0);
    EXPECT_TRUE(stored(closed->session.sessionId).hasFlag("capped"));
    EXPECT_EQ(stored(closed->session.sessionId).billedMinutes, 100);

    auto b = m_terminal->balance(TestIssuer::makeCouponId(1));
    ASSERT_TRUE(b);
    EXPECT_EQ(b->usedMinutes, 100);
    EXPECT_EQ(b->balanceMinutes, 0);

    // Balance zero: no new session, by QR or typed id, and nothing recorded.
    m_clock.advance(minutes(1));
    const auto n = eventCount();
    EXPECT_TRUE(failsWith(scanQr(1, Service::visit, "alice", 100), Errc::no_balance));
    EXPECT_TRUE(failsWith(scanTyped(TestIssuer::makeCouponId(1), Service::visit), Errc::no_balance));
    EXPECT_EQ(eventCount(), n);
    EXPECT_EQ(openCount(), 0u);
}

TEST_F(TerminalTest, SessionWithinTheBalanceIsNotCapped)
{
    // grant 90: a visit billed exactly 90 uses it all without being cut.
    ASSERT_TRUE(scanQr(1, Service::visit, "alice", 90));
    m_clock.advance(minutes(95));
    auto closed = scanQr(1, Service::visit, "alice", 90);
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->session.billedMinutes, 90);
    EXPECT_FALSE(closed->session.hasFlag("capped"));
    EXPECT_EQ(closed->balanceMinutes, 0);
}

// ---- cancel ------------------------------------------------------------------------------------------------

TEST_F(TerminalTest, CancelAnOpenSession)
{
    auto opened = scanQr(1, Service::day);
    ASSERT_TRUE(opened) << opened.error().message;
    const std::string id = opened->session.sessionId;
    m_clock.advance(minutes(2));

    const auto n = eventCount();
    EXPECT_TRUE(failsWith(m_terminal->cancel(id, "alice", "Not A Code"), Errc::invalid_argument));
    EXPECT_TRUE(failsWith(m_terminal->cancel("T1-999999", "alice", "opened_by_mistake"), Errc::session_not_found));
    EXPECT_EQ(eventCount(), n);

    auto c = m_terminal->cancel(id, "alice", "opened_by_mistake");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->status, SessionStatus::cancelled);
    EXPECT_EQ(c->billedMinutes, 0);
    EXPECT_EQ(c->cancelReason, "opened_by_mistake");
    EXPECT_FALSE(c->hasFlag("corrected"));
    EXPECT_EQ(eventCount(), n + 1);

    const SessionRecord k = stored(id);
    EXPECT_EQ(k.status, SessionStatus::cancelled);
    EXPECT_EQ(k.billedMinutes, 0);
    EXPECT_EQ(k.cancelReason, "opened_by_mistake");
    EXPECT_FALSE(m_store->openSessionFor(k.couponId).value().has_value());

    const auto ev = eventById(c->lastEventId);
    ASSERT_TRUE(ev);
    EXPECT_EQ(ev->type, event_type::session_cancelled);
    EXPECT_EQ(ev->body.at("corrects"), opened->session.lastEventId);
    EXPECT_EQ(ev->body.at("reason"), "opened_by_mistake");

    EXPECT_TRUE(failsWith(m_terminal->cancel(id, "alice", "opened_by_mistake"), Errc::already_cancelled));
    EXPECT_EQ(eventCount(), n + 1);

    // Nothing billed; the next scan opens a new session instead of closing the cancelled one.
    auto b = m_terminal->balance(k.couponId);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->usedMinutes, 0);
    EXPECT_EQ(b->balanceMinutes, 2520);
    auto next = scanQr(1, Service::day);
    ASSERT_TRUE(next) << next.error().message;
    EXPECT_EQ(next->action, ScanAction::opened);
    EXPECT_NE(next->session.sessionId, id);
}

TEST_F(TerminalTest, CancelAClosedSessionInSetUpModeGivesBackItsMinutes)
{
    ASSERT_TRUE(scanQr(1, Service::visit));
    m_clock.advance(minutes(65));
    auto closed = scanQr(1, Service::visit);
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->session.billedMinutes, 60);
    EXPECT_EQ(m_terminal->balance(TestIssuer::makeCouponId(1))->usedMinutes, 60);
    m_clock.advance(minutes(3));
    auto c = m_terminal->cancel(closed->session.sessionId, "alice", "mother_left");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->status, SessionStatus::cancelled);
    EXPECT_EQ(c->billedMinutes, 0);
    EXPECT_EQ(c->actualMinutes, 65); // the raw times stay
    EXPECT_EQ(m_terminal->balance(TestIssuer::makeCouponId(1))->usedMinutes, 0);
    EXPECT_EQ(m_terminal->balance(TestIssuer::makeCouponId(1))->balanceMinutes, 2520);
}

// ---- staff and roles ----------------------------------------------------------------------------------------

TEST_F(TerminalTest, SetUpModeAcceptsEveryStaffIdAsManager)
{
    auto role = m_terminal->roleOf("anyone");
    ASSERT_TRUE(role) << role.error().message;
    EXPECT_EQ(*role, StaffRole::manager);
    EXPECT_TRUE(failsWith(m_terminal->roleOf("has space"), Errc::invalid_argument));
    EXPECT_TRUE(failsWith(m_terminal->roleOf(""), Errc::invalid_argument));
    EXPECT_TRUE(failsWith(scanQr(1, Service::day, "has space"), Errc::invalid_argument));
    // Manager's work is allowed to anyone while no staff is registered.
    EXPECT_TRUE(m_terminal->recordPaper("T-1", Service::day, at("2026-04-02T10:00:00+09:00"),
                                        at("2026-04-02T11:00:00+09:00"), "anyone"));
}

TEST_F(TerminalTest, StaffRolesDecideWhoMayDoWhat)
{
    ASSERT_TRUE(m_terminal->addStaff("s1", StaffRole::staff, "1234"));
    ASSERT_TRUE(m_terminal->addStaff("m1", StaffRole::manager, "567800"));
    EXPECT_TRUE(failsWith(m_terminal->addStaff("s2", StaffRole::staff, "12"), Errc::invalid_argument)); // PIN
    EXPECT_EQ(m_terminal->roleOf("s1").value(), StaffRole::staff);
    EXPECT_EQ(m_terminal->roleOf("m1").value(), StaffRole::manager);
    EXPECT_TRUE(failsWith(m_terminal->roleOf("zz"), Errc::staff_unknown));
    EXPECT_TRUE(failsWith(m_terminal->roleOf("s2"), Errc::staff_unknown));

    // Unknown ids: refused everywhere, nothing recorded.
    auto n = eventCount();
    EXPECT_TRUE(failsWith(scanQr(1, Service::visit, "zz"), Errc::staff_unknown));
    EXPECT_TRUE(failsWith(m_terminal->close("T1-000001", "zz"), Errc::staff_unknown));
    EXPECT_TRUE(failsWith(m_terminal->cancel("T1-000001", "zz", "mother_left"), Errc::staff_unknown));
    EXPECT_TRUE(failsWith(m_terminal->correct("T1-000001", kApril3Morning - minutes(60), kApril3Morning, "zz",
                                              "wrong_time"),
                          Errc::staff_unknown));
    EXPECT_TRUE(failsWith(m_terminal->recordPaper("T-9", Service::day, kApril3Morning - minutes(60), kApril3Morning,
                                                  "zz"),
                          Errc::staff_unknown));
    EXPECT_EQ(eventCount(), n);

    // Staff scan, close and cancel within the window (exactly cancel_window_minutes after the stop).
    auto a = scanQr(1, Service::visit, "s1");
    ASSERT_TRUE(a) << a.error().message;
    m_clock.advance(minutes(60));
    auto aClosed = scanQr(1, Service::visit, "s1");
    ASSERT_TRUE(aClosed) << aClosed.error().message;
    EXPECT_EQ(aClosed->session.billedMinutes, 60);
    m_clock.advance(minutes(5));
    auto aCancel = m_terminal->cancel(a->session.sessionId, "s1", "mother_left");
    ASSERT_TRUE(aCancel) << aCancel.error().message;
    EXPECT_EQ(aCancel->status, SessionStatus::cancelled);
    EXPECT_FALSE(aCancel->hasFlag("corrected"));

    // Past the window: staff are refused, a manager may, and the session is flagged corrected.
    auto b = scanQr(2, Service::visit, "s1");
    ASSERT_TRUE(b) << b.error().message;
    m_clock.advance(minutes(60));
    ASSERT_TRUE(m_terminal->close(b->session.sessionId, "s1"));
    m_clock.advance(minutes(5) + seconds(1));
    n = eventCount();
    EXPECT_TRUE(failsWith(m_terminal->cancel(b->session.sessionId, "s1", "mother_left"), Errc::too_late_to_cancel));
    EXPECT_EQ(eventCount(), n);
    EXPECT_EQ(stored(b->session.sessionId).status, SessionStatus::closed);
    EXPECT_EQ(stored(b->session.sessionId).billedMinutes, 60);
    auto bCancel = m_terminal->cancel(b->session.sessionId, "m1", "recorded_twice");
    ASSERT_TRUE(bCancel) << bCancel.error().message;
    EXPECT_EQ(bCancel->status, SessionStatus::cancelled);
    EXPECT_EQ(bCancel->billedMinutes, 0);
    EXPECT_TRUE(bCancel->hasFlag("corrected"));
    EXPECT_TRUE(stored(b->session.sessionId).hasFlag("corrected"));
    EXPECT_EQ(m_terminal->balance(TestIssuer::makeCouponId(2))->usedMinutes, 0);

    // Staff may not correct or record paper tickets; a manager may.
    auto c = scanQr(3, Service::visit, "s1");
    ASSERT_TRUE(c);
    m_clock.advance(minutes(60));
    ASSERT_TRUE(m_terminal->close(c->session.sessionId, "s1"));
    const Instant cStart = c->session.start;
    n = eventCount();
    EXPECT_TRUE(failsWith(m_terminal->correct(c->session.sessionId, cStart, cStart + minutes(30), "s1", "wrong_time"),
                          Errc::not_permitted));
    EXPECT_TRUE(failsWith(m_terminal->recordPaper("T-9", Service::day, cStart, cStart + minutes(60), "s1"),
                          Errc::not_permitted));
    EXPECT_EQ(eventCount(), n);
    EXPECT_TRUE(m_terminal->correct(c->session.sessionId, cStart, cStart + minutes(30), "m1", "wrong_time"));
    EXPECT_TRUE(m_terminal->recordPaper("T-9", Service::day, cStart, cStart + minutes(60), "m1"));
    EXPECT_EQ(eventCount(), n + 2);
}

// ---- corrections ---------------------------------------------------------------------------------------------

TEST_F(TerminalTest, CorrectionIsANewEventThatNamesTheOneItCorrects)
{
    // A forgotten stop: opened 10:00, closed by the evening scan at 18:00 (480 min, the day maximum).
    auto opened = scanQr(1, Service::day);
    ASSERT_TRUE(opened) << opened.error().message;
    m_clock.set(at("2026-04-03T18:00:00+09:00"));
    auto closed = scanQr(1, Service::day);
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->session.billedMinutes, 480);
    const std::string id = closed->session.sessionId;
    const std::string closedEvent = closed->session.lastEventId;
    const auto n = eventCount();

    // Corrected to 10:00-12:05: d = 125, floor(130 / 30) * 30 = 120.
    auto c = m_terminal->correct(id, at("2026-04-03T10:00:00+09:00"), at("2026-04-03T12:05:00+09:00"), "mgr",
                                 "forgotten_stop");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->sessionId, id);
    EXPECT_EQ(c->start, at("2026-04-03T10:00:00+09:00"));
    EXPECT_EQ(c->stop, at("2026-04-03T12:05:00+09:00"));
    EXPECT_EQ(c->date, ymd(2026, 4, 3));
    EXPECT_EQ(c->actualMinutes, 125);
    EXPECT_EQ(c->billedMinutes, 120);
    EXPECT_EQ(c->status, SessionStatus::closed);
    EXPECT_TRUE(c->hasFlag("corrected"));
    EXPECT_EQ(c->correctionReason, "forgotten_stop");
    EXPECT_NE(c->lastEventId, closedEvent);
    EXPECT_EQ(c->staffId, "alice"); // still who opened it

    // A new event; the original stays untouched.
    EXPECT_EQ(eventCount(), n + 1);
    const auto original = eventById(closedEvent);
    ASSERT_TRUE(original);
    EXPECT_EQ(original->type, event_type::session_closed);
    EXPECT_EQ(original->body.at("billed_minutes"), 480);
    const auto corr = eventById(c->lastEventId);
    ASSERT_TRUE(corr);
    EXPECT_EQ(corr->type, event_type::session_corrected);
    EXPECT_EQ(corr->body.at("corrects"), closedEvent);
    EXPECT_EQ(corr->body.at("session_id"), id);
    EXPECT_EQ(corr->body.at("reason"), "forgotten_stop");
    EXPECT_EQ(corr->body.at("staff_id"), "mgr");
    EXPECT_EQ(corr->body.at("billed_minutes"), 120);

    // The projection shows the effective figures; the balance follows.
    const SessionRecord k = stored(id);
    EXPECT_EQ(k.billedMinutes, 120);
    EXPECT_EQ(k.stop, at("2026-04-03T12:05:00+09:00"));
    EXPECT_EQ(k.correctionReason, "forgotten_stop");
    EXPECT_TRUE(k.hasFlag("corrected"));
    EXPECT_EQ(k.lastEventId, c->lastEventId);
    EXPECT_EQ(m_terminal->balance(k.couponId)->usedMinutes, 120);
    const json j = sessionJson(k, m_terminal->localTime());
    EXPECT_EQ(j.at("stop"), "2026-04-03T12:05:00+09:00");
    EXPECT_EQ(j.at("correction_reason"), "forgotten_stop");
    EXPECT_EQ(j.at("flags"), json::array({"corrected"}));

    // A second correction names the first one.
    auto c2 = m_terminal->correct(id, at("2026-04-03T10:00:00+09:00"), at("2026-04-03T11:00:00+09:00"), "mgr",
                                  "wrong_time");
    ASSERT_TRUE(c2) << c2.error().message;
    EXPECT_EQ(c2->billedMinutes, 60);
    EXPECT_EQ(c2->correctionReason, "wrong_time");
    EXPECT_EQ(c2->flags, std::vector<std::string>{"corrected"}); // not added twice
    EXPECT_EQ(eventById(c2->lastEventId)->body.at("corrects"), c->lastEventId);
    EXPECT_EQ(eventCount(), n + 2);
}

TEST_F(TerminalTest, CorrectionClosesAnOpenSessionWithAForgottenStop)
{
    auto opened = scanQr(1, Service::day);
    ASSERT_TRUE(opened) << opened.error().message;
    m_clock.set(at("2026-04-03T17:00:00+09:00"));
    auto c = m_terminal->correct(opened->session.sessionId, at("2026-04-03T10:00:00+09:00"),
                                 at("2026-04-03T11:00:00+09:00"), "mgr", "forgotten_stop");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->status, SessionStatus::closed);
    EXPECT_EQ(c->billedMinutes, 60);
    EXPECT_EQ(eventById(c->lastEventId)->body.at("corrects"), opened->session.lastEventId);
    EXPECT_FALSE(m_store->openSessionFor(opened->session.couponId).value().has_value());
    EXPECT_EQ(stored(opened->session.sessionId).status, SessionStatus::closed);
}

TEST_F(TerminalTest, CorrectionRefusesImpossibleTimes)
{
    auto opened = scanQr(1, Service::day);
    ASSERT_TRUE(opened);
    m_clock.advance(minutes(90));
    ASSERT_TRUE(scanQr(1, Service::day));
    const std::string id = opened->session.sessionId;
    const Instant now = m_clock.now();
    const auto n = eventCount();

    EXPECT_TRUE(failsWith(m_terminal->correct(id, now - minutes(10), now - minutes(20), "mgr", "wrong_time"),
                          Errc::invalid_time)); // stop before start
    EXPECT_TRUE(failsWith(m_terminal->correct(id, now - minutes(10), now - minutes(10), "mgr", "wrong_time"),
                          Errc::invalid_time)); // stop == start
    EXPECT_TRUE(failsWith(m_terminal->correct(id, now - minutes(10), now + seconds(1), "mgr", "wrong_time"),
                          Errc::invalid_time)); // in the future
    EXPECT_TRUE(failsWith(m_terminal->correct("T1-999999", now - minutes(60), now, "mgr", "wrong_time"),
                          Errc::session_not_found));
    EXPECT_TRUE(failsWith(m_terminal->correct(id, now - minutes(60), now, "mgr", "Wrong Time"), Errc::invalid_argument));
    EXPECT_EQ(eventCount(), n);
    EXPECT_EQ(stored(id).billedMinutes, 90);
    EXPECT_FALSE(stored(id).hasFlag("corrected"));

    // A stop at exactly now is in the past enough.
    auto ok = m_terminal->correct(id, now - minutes(60), now, "mgr", "wrong_time");
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(ok->billedMinutes, 60);
}

TEST_F(TerminalTest, CorrectionMovesTheAttributedDate)
{
    auto opened = scanQr(1, Service::stay);
    ASSERT_TRUE(opened);
    m_clock.advance(minutes(60));
    ASSERT_TRUE(scanQr(1, Service::stay));
    // It really started the evening before, in local time.
    auto c = m_terminal->correct(opened->session.sessionId, at("2026-04-02T23:30:00+09:00"),
                                 at("2026-04-03T00:30:00+09:00"), "mgr", "wrong_time");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->date, ymd(2026, 4, 2));
    EXPECT_EQ(stored(c->sessionId).date, ymd(2026, 4, 2));
    EXPECT_EQ(eventById(c->lastEventId)->body.at("date"), "2026-04-02");
    auto d = reports().daily(date::year{2026} / date::April);
    ASSERT_TRUE(d);
    ASSERT_EQ(d->size(), 1u);
    EXPECT_EQ((*d)[0].date, ymd(2026, 4, 2));
    EXPECT_EQ((*d)[0].billedMinutes, 60);
}

TEST_F(TerminalTest, CorrectionRecomputesCapping)
{
    // grant 120, visit only. A: 95 min -> 90. B: 95 min -> 90, cut to the 30 left (capped).
    auto a = scanQr(1, Service::visit, "alice", 120, {"visit"});
    ASSERT_TRUE(a);
    m_clock.advance(minutes(95));
    auto aClosed = scanQr(1, Service::visit, "alice", 120, {"visit"});
    ASSERT_TRUE(aClosed);
    EXPECT_EQ(aClosed->session.billedMinutes, 90);
    EXPECT_FALSE(aClosed->session.hasFlag("capped"));
    m_clock.advance(minutes(5));
    auto b = scanQr(1, Service::visit, "alice", 120, {"visit"});
    ASSERT_TRUE(b);
    EXPECT_EQ(b->balanceMinutes, 30);
    m_clock.advance(minutes(95));
    auto bClosed = scanQr(1, Service::visit, "alice", 120, {"visit"});
    ASSERT_TRUE(bClosed);
    EXPECT_EQ(bClosed->session.billedMinutes, 30);
    EXPECT_TRUE(bClosed->session.hasFlag("capped"));

    // B corrected to 20 min: 0 rounded, 30 minimum, within the 30 left: no longer capped.
    const Instant bStart = b->session.start;
    auto bc = m_terminal->correct(b->session.sessionId, bStart, bStart + minutes(20), "mgr", "wrong_time");
    ASSERT_TRUE(bc) << bc.error().message;
    EXPECT_EQ(bc->billedMinutes, 30);
    EXPECT_FALSE(bc->hasFlag("capped"));
    EXPECT_TRUE(bc->hasFlag("corrected"));

    // A corrected to 3 h: 180, but only 120 - 30 (B) = 90 left for it: capped.
    const Instant aStart = a->session.start;
    auto ac = m_terminal->correct(a->session.sessionId, aStart, aStart + minutes(180), "mgr", "wrong_time");
    ASSERT_TRUE(ac) << ac.error().message;
    EXPECT_EQ(ac->actualMinutes, 180);
    EXPECT_EQ(ac->billedMinutes, 90);
    EXPECT_TRUE(ac->hasFlag("capped"));
    EXPECT_TRUE(ac->hasFlag("corrected"));
    EXPECT_TRUE(stored(a->session.sessionId).hasFlag("capped"));
    auto bal = m_terminal->balance(TestIssuer::makeCouponId(1));
    ASSERT_TRUE(bal);
    EXPECT_EQ(bal->usedMinutes, 120);
    EXPECT_EQ(bal->balanceMinutes, 0);
}

// ---- paper tickets ---------------------------------------------------------------------------------------

TEST_F(TerminalTest, PaperTicketSessions)
{
    const auto n = eventCount();
    // 09:00-10:35 the day before: d = 95 -> 90.
    auto p = m_terminal->recordPaper("T-1001", Service::day, at("2026-04-02T09:00:00+09:00"),
                                     at("2026-04-02T10:35:00+09:00"), "mgr");
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_EQ(p->source, SessionSource::paper);
    EXPECT_EQ(p->couponId, "T-1001");
    EXPECT_EQ(p->service, Service::day);
    EXPECT_EQ(p->status, SessionStatus::closed);
    EXPECT_EQ(p->date, ymd(2026, 4, 2));
    EXPECT_EQ(p->actualMinutes, 95);
    EXPECT_EQ(p->billedMinutes, 90);
    EXPECT_EQ(p->staffId, "mgr");
    EXPECT_TRUE(p->flags.empty());
    EXPECT_EQ(p->sessionId.rfind("T1-", 0), 0u);
    EXPECT_EQ(eventCount(), n + 1);
    const auto ev = eventById(p->lastEventId);
    ASSERT_TRUE(ev);
    EXPECT_EQ(ev->type, event_type::paper_session);
    EXPECT_EQ(ev->body.at("ticket"), "T-1001");
    const SessionRecord k = stored(p->sessionId);
    EXPECT_EQ(k.source, SessionSource::paper);
    EXPECT_EQ(k.status, SessionStatus::closed);
    EXPECT_EQ(k.billedMinutes, 90);
    EXPECT_EQ(sessionJson(k, m_terminal->localTime()).at("source"), "paper");

    // The same ticket twice.
    EXPECT_TRUE(failsWith(m_terminal->recordPaper("T-1001", Service::stay, at("2026-04-02T12:00:00+09:00"),
                                                  at("2026-04-02T13:00:00+09:00"), "mgr"),
                          Errc::duplicate_ticket));

    // The policy's minimum and maximum apply.
    auto shortOne = m_terminal->recordPaper("T-1002", Service::day, at("2026-04-02T09:00:00+09:00"),
                                            at("2026-04-02T09:40:00+09:00"), "mgr");
    ASSERT_TRUE(shortOne);
    EXPECT_EQ(shortOne->billedMinutes, 60);
    auto longOne = m_terminal->recordPaper("T-1003", Service::day, at("2026-04-02T08:00:00+09:00"),
                                           at("2026-04-02T17:00:00+09:00"), "mgr");
    ASSERT_TRUE(longOne);
    EXPECT_EQ(longOne->billedMinutes, 480);
    // No balance caps a paper ticket: 50 h of stay is more than any standard grant.
    auto stay = m_terminal->recordPaper("T-1004", Service::stay, at("2026-04-01T00:00:00+09:00"),
                                        at("2026-04-03T02:00:00+09:00"), "mgr");
    ASSERT_TRUE(stay);
    EXPECT_EQ(stay->actualMinutes, 3000);
    EXPECT_EQ(stay->billedMinutes, 3000);
    EXPECT_FALSE(stay->hasFlag("capped"));

    // Refusals record nothing.
    const auto m = eventCount();
    EXPECT_TRUE(failsWith(m_terminal->recordPaper("T-2000", Service::day, at("2026-04-02T10:00:00+09:00"),
                                                  at("2026-04-02T10:00:00+09:00"), "mgr"),
                          Errc::invalid_time));
    EXPECT_TRUE(failsWith(m_terminal->recordPaper("T-2000", Service::day, at("2026-04-03T09:30:00+09:00"),
                                                  kApril3Morning + seconds(1), "mgr"),
                          Errc::invalid_time));
    EXPECT_TRUE(failsWith(m_terminal->recordPaper("", Service::day, at("2026-04-02T09:00:00+09:00"),
                                                  at("2026-04-02T10:00:00+09:00"), "mgr"),
                          Errc::invalid_argument));
    EXPECT_TRUE(failsWith(m_terminal->recordPaper("T 2000", Service::day, at("2026-04-02T09:00:00+09:00"),
                                                  at("2026-04-02T10:00:00+09:00"), "mgr"),
                          Errc::invalid_argument));
    EXPECT_EQ(eventCount(), m);

    // A paper session is never an open session, and never a coupon's balance.
    EXPECT_EQ(openCount(), 0u);
    EXPECT_FALSE(m_store->openSessionFor("T-1001").value().has_value());
}

// ---- typed coupon ids ----------------------------------------------------------------------------------------

TEST_F(TerminalTest, TypedIdNeverSeenIsAcceptedAsUnverified)
{
    const std::string id = TestIssuer::makeCouponId(50);
    const std::string typed = lower(couponid::grouped(id)); // "xxxx-xxxx-xxxx-xxxx" in lower case
    auto opened = scanTyped(typed, Service::visit);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(opened->action, ScanAction::opened);
    EXPECT_EQ(opened->session.couponId, id);
    EXPECT_EQ(opened->session.source, SessionSource::manual);
    EXPECT_EQ(opened->session.flags, std::vector<std::string>{"unverified"});
    EXPECT_FALSE(opened->balanceMinutes.has_value());
    EXPECT_EQ(sessionJson(opened->session, m_terminal->localTime()).at("source"), "manual");
    const auto ev = eventById(opened->session.lastEventId);
    ASSERT_TRUE(ev);
    EXPECT_EQ(ev->body.at("coupon").at("verified"), false);
    EXPECT_TRUE(ev->body.at("coupon").at("grant").is_null());

    auto b = m_terminal->balance(id);
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_FALSE(b->grantMinutes.has_value());
    EXPECT_FALSE(b->balanceMinutes.has_value());
    auto known = m_store->coupon(id).value();
    ASSERT_TRUE(known);
    EXPECT_FALSE(known->verified);

    // Closed by typing it again: billed by the policy, no balance to cap it, still unverified.
    m_clock.advance(minutes(95));
    auto closed = scanTyped(id, Service::visit);
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->action, ScanAction::closed);
    EXPECT_EQ(closed->session.billedMinutes, 90);
    EXPECT_FALSE(closed->balanceMinutes.has_value());
    EXPECT_TRUE(closed->session.hasFlag("unverified"));
    EXPECT_FALSE(closed->session.hasFlag("capped"));
    EXPECT_TRUE(stored(closed->session.sessionId).hasFlag("unverified"));
}

TEST_F(TerminalTest, TypedIdFoldsCaseAndLookAlikes)
{
    // makeCouponId(1) is fourteen '0's, a '1' and the check character: type the zeros as o/O, the one as l,
    // with hyphens and a space.
    const std::string id = TestIssuer::makeCouponId(1);
    ASSERT_EQ(id.substr(0, 15), "000000000000001");
    std::string typed;
    for (std::size_t i = 0; i < id.size(); ++i) {
        if (i > 0 && i % 4 == 0)
            typed += (i == 8 ? " " : "-");
        char c = id[i];
        if (c == '0')
            c = (i % 2 == 0) ? 'o' : 'O';
        else if (c == '1')
            c = 'l';
        else if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        typed += c;
    }
    auto r = scanTyped(typed, Service::stay);
    ASSERT_TRUE(r) << typed << ": " << r.error().message;
    EXPECT_EQ(r->session.couponId, id);
    // And I for 1.
    m_clock.advance(minutes(30));
    std::string typedI = typed;
    std::replace(typedI.begin(), typedI.end(), 'l', 'I');
    auto closed = scanTyped(typedI, Service::stay);
    ASSERT_TRUE(closed) << typedI << ": " << closed.error().message;
    EXPECT_EQ(closed->action, ScanAction::closed);
    EXPECT_EQ(closed->session.sessionId, r->session.sessionId);
}

TEST_F(TerminalTest, TypedIdWithABadCheckCharacterIsMalformed)
{
    const std::string id = TestIssuer::makeCouponId(51);
    std::string wrong = id;
    wrong.back() = id.back() == 'Z' ? 'Y' : 'Z';
    const auto n = eventCount();
    EXPECT_TRUE(failsWith(scanTyped(wrong, Service::visit), Errc::malformed));
    EXPECT_TRUE(failsWith(scanTyped(id.substr(0, 15), Service::visit), Errc::malformed));
    EXPECT_TRUE(failsWith(scanTyped(id + "0", Service::visit), Errc::malformed));
    EXPECT_TRUE(failsWith(scanTyped("", Service::visit), Errc::malformed));
    EXPECT_TRUE(failsWith(m_terminal->balance(wrong), Errc::malformed));
    EXPECT_EQ(eventCount(), n);
    EXPECT_FALSE(m_store->coupon(id).value().has_value());
}

TEST_F(TerminalTest, TypedIdOfACouponSeenWithAValidQrUsesItsCredential)
{
    // Seen once by QR: grant 600, visit only; 95 min -> 90 billed, 510 left.
    ASSERT_TRUE(scanQr(9, Service::visit, "alice", 600, {"visit"}));
    m_clock.advance(minutes(95));
    auto first = scanQr(9, Service::visit, "alice", 600, {"visit"});
    ASSERT_TRUE(first);
    EXPECT_EQ(first->session.billedMinutes, 90);
    m_clock.advance(minutes(1));

    const std::string id = TestIssuer::makeCouponId(9);
    EXPECT_TRUE(failsWith(scanTyped(id, Service::day), Errc::service_not_allowed)); // the stored services
    auto opened = scanTyped(id, Service::visit);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(opened->session.source, SessionSource::manual);
    EXPECT_FALSE(opened->session.hasFlag("unverified"));
    EXPECT_TRUE(opened->session.flags.empty());
    EXPECT_EQ(opened->balanceMinutes, 510);
    const auto ev = eventById(opened->session.lastEventId);
    ASSERT_TRUE(ev);
    EXPECT_EQ(ev->body.at("coupon").at("verified"), true);
    EXPECT_EQ(ev->body.at("coupon").at("grant"), 600);
    EXPECT_TRUE(m_store->coupon(id).value()->verified);

    m_clock.advance(minutes(125));
    auto closed = scanTyped(id, Service::visit);
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->session.billedMinutes, 120);
    EXPECT_EQ(closed->balanceMinutes, 390);
    EXPECT_EQ(m_terminal->balance(id)->balanceMinutes, 390);
}

TEST_F(TerminalTest, RevokedCouponIsRefusedByQrAndByTypedId)
{
    // Coupon 10 known (seen by QR), coupon 11 never seen; both revoked.
    ASSERT_TRUE(scanQr(10, Service::stay));
    m_clock.advance(minutes(30));
    ASSERT_TRUE(scanQr(10, Service::stay));
    m_clock.advance(minutes(1));
    ASSERT_TRUE(m_terminal->revoke(TestIssuer::makeCouponId(10), "paper"));
    ASSERT_TRUE(m_terminal->revoke(lower(TestIssuer::makeCouponId(11)), "withdrawn")); // normalised
    EXPECT_TRUE(failsWith(m_terminal->revoke("not-an-id", "paper"), Errc::malformed));

    const auto n = eventCount();
    EXPECT_TRUE(failsWith(scanQr(10, Service::stay), Errc::revoked));
    EXPECT_TRUE(failsWith(scanTyped(TestIssuer::makeCouponId(10), Service::stay), Errc::revoked));
    EXPECT_TRUE(failsWith(scanQr(11, Service::stay), Errc::revoked));
    EXPECT_TRUE(failsWith(scanTyped(TestIssuer::makeCouponId(11), Service::stay), Errc::revoked));
    EXPECT_TRUE(failsWith(m_terminal->verify(coupon(10)), Errc::revoked));
    EXPECT_EQ(eventCount(), n);
    // Others are unaffected.
    EXPECT_TRUE(scanQr(12, Service::stay));
}

TEST_F(TerminalTest, ExpiredCredentialIsRefusedByQrAndByTypedId)
{
    TestIssuer::Claims claims;
    claims.couponId = TestIssuer::makeCouponId(20);
    claims.exp = kApril3Morning.time_since_epoch().count() + 86400; // 2026-04-04T10:00+09:00
    const std::string qr = m_issuer.issue(claims);

    auto opened = m_terminal->scan(ScanInput::qr(qr), Service::day, "alice");
    ASSERT_TRUE(opened) << opened.error().message;
    m_clock.advance(minutes(60));
    ASSERT_TRUE(m_terminal->scan(ScanInput::qr(qr), Service::day, "alice"));

    // The verifier allows 300 s of clock skew: at exp + 299 it still verifies, at exp + 300 it has expired.
    const Instant exp{std::chrono::seconds(claims.exp)};
    m_clock.set(exp + seconds(299));
    EXPECT_TRUE(m_terminal->verify(qr));
    m_clock.set(exp + seconds(300));
    const auto n = eventCount();
    EXPECT_TRUE(failsWith(m_terminal->verify(qr), Errc::expired));
    EXPECT_TRUE(failsWith(m_terminal->scan(ScanInput::qr(qr), Service::day, "alice"), Errc::expired));
    EXPECT_TRUE(failsWith(scanTyped(claims.couponId, Service::day), Errc::expired));
    EXPECT_EQ(eventCount(), n);
}

// ---- an open session is closed despite an expired or revoked coupon ---------------------------------------
// The care was given: the next scan of the coupon closes its open session and bills it as usual, even when the
// coupon has expired or been revoked since. Without an open session the same scans are refused. Only a genuine
// credential can do this: a QR with a bad signature closes nothing.

// Opened with the wrong service and cancelled at once: the rescan right after opens the right one.
TEST_F(TerminalTest, AScanRightAfterCancellingAMistakenOpenIsNotARepeat)
{
    auto opened = scanQr(3, Service::stay);
    ASSERT_TRUE(opened) << opened.error().message;
    m_clock.advance(seconds(3));
    ASSERT_TRUE(m_terminal->cancel(opened->session.sessionId, "alice", "opened_by_mistake"));
    m_clock.advance(seconds(3));
    auto again = scanQr(3, Service::day);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->action, ScanAction::opened);
    EXPECT_EQ(again->session.service, Service::day);
    EXPECT_NE(again->session.sessionId, opened->session.sessionId);
}

// Closing by session id starts the repeat window too: a habitual scan right after does not reopen.
TEST_F(TerminalTest, AScanRightAfterClosingBySessionIdIsIgnored)
{
    auto opened = scanQr(4, Service::day);
    ASSERT_TRUE(opened) << opened.error().message;
    m_clock.advance(minutes(90));
    auto closed = m_terminal->close(opened->session.sessionId, "alice");
    ASSERT_TRUE(closed) << closed.error().message;
    const auto n = eventCount();
    m_clock.advance(seconds(4));
    auto again = scanQr(4, Service::day);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->action, ScanAction::ignored);
    EXPECT_EQ(eventCount(), n);
}

// Cancelled by mistake (the wrong session id): a manager's correction brings the session back, billed.
TEST_F(TerminalTest, AManagersCorrectionRestoresASessionCancelledByMistake)
{
    auto opened = scanQr(2, Service::day);
    ASSERT_TRUE(opened) << opened.error().message;
    const std::string id = opened->session.sessionId;
    m_clock.advance(minutes(1));
    ASSERT_TRUE(m_terminal->cancel(id, "alice", "opened_by_mistake"));
    m_clock.advance(minutes(120));
    auto c = m_terminal->correct(id, kApril3Morning, kApril3Morning + minutes(95), "alice", "cancelled_by_mistake");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->status, SessionStatus::closed);
    EXPECT_EQ(c->billedMinutes, 90);
    EXPECT_TRUE(c->hasFlag("corrected"));
    const SessionRecord k = stored(id);
    EXPECT_EQ(k.status, SessionStatus::closed);
    EXPECT_EQ(k.billedMinutes, 90);
    EXPECT_TRUE(k.cancelReason.empty());
    EXPECT_EQ(k.correctionReason, "cancelled_by_mistake");
    EXPECT_EQ(m_terminal->balance(k.couponId).value().usedMinutes, 90);
    auto audit = m_store->audit();
    ASSERT_TRUE(audit);
    EXPECT_TRUE(audit->intact) << audit->problem;
}

// Right after a close of an expired coupon's session, the repeated gesture is ignored like any repeat.
TEST_F(TerminalTest, RepeatScanRightAfterClosingAnExpiredCouponIsIgnored)
{
    TestIssuer::Claims claims;
    claims.couponId = TestIssuer::makeCouponId(43);
    claims.exp = kApril3Morning.time_since_epoch().count() + 3600;
    const std::string qr = m_issuer.issue(claims);
    ASSERT_TRUE(m_terminal->scan(ScanInput::qr(qr), Service::stay, "alice"));
    m_clock.set(Instant{std::chrono::seconds(claims.exp)} + seconds(400));
    auto closed = m_terminal->scan(ScanInput::qr(qr), Service::stay, "alice");
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->action, ScanAction::closed);
    const auto n = eventCount();
    m_clock.advance(seconds(9));
    auto again = m_terminal->scan(ScanInput::qr(qr), Service::stay, "alice");
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->action, ScanAction::ignored);
    EXPECT_EQ(again->session.sessionId, closed->session.sessionId);
    EXPECT_EQ(eventCount(), n);
    m_clock.advance(seconds(2));
    EXPECT_TRUE(failsWith(m_terminal->scan(ScanInput::qr(qr), Service::stay, "alice"), Errc::expired));
    EXPECT_EQ(eventCount(), n);
}

// A typed id of a coupon seen before is held to the credential's not-before time, as its QR would be.
TEST_F(TerminalTest, TypedIdOfAKnownCouponBeforeItsStartIsNotYetValid)
{
    TestIssuer::Claims claims;
    claims.couponId = TestIssuer::makeCouponId(44);
    const std::string qr = m_issuer.issue(claims);
    ASSERT_TRUE(m_terminal->scan(ScanInput::qr(qr), Service::day, "alice")); // seen, verified, nbf recorded
    m_clock.advance(std::chrono::minutes(90));
    ASSERT_EQ(m_terminal->scan(ScanInput::qr(qr), Service::day, "alice").value().action, ScanAction::closed);
    m_clock.set(Instant{std::chrono::seconds(claims.nbf)} - seconds(301));  // a clock set far back
    const auto n = eventCount();
    EXPECT_TRUE(failsWith(m_terminal->scan(ScanInput::typed(claims.couponId), Service::day, "alice"),
                          Errc::not_yet_valid));
    EXPECT_EQ(eventCount(), n);
}

TEST_F(TerminalTest, SessionOpenWhenItsCouponExpiresIsClosedByTheNextQrScan)
{
    TestIssuer::Claims claims;
    claims.couponId = TestIssuer::makeCouponId(40);
    claims.exp = kApril3Morning.time_since_epoch().count() + 3600; // 11:00; refused from 11:05 (300 s of skew)
    const std::string qr = m_issuer.issue(claims);
    auto opened = m_terminal->scan(ScanInput::qr(qr), Service::stay, "alice");
    ASSERT_TRUE(opened) << opened.error().message;
    ASSERT_EQ(opened->action, ScanAction::opened);

    const Instant exp{std::chrono::seconds(claims.exp)};
    m_clock.set(exp + seconds(300)); // 65 min after the opening
    ASSERT_TRUE(failsWith(m_terminal->verify(qr), Errc::expired)) << "the coupon must have expired by now";
    const auto n = eventCount();
    auto closed = m_terminal->scan(ScanInput::qr(qr), Service::stay, "bob");
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->action, ScanAction::closed);
    const SessionRecord& s = closed->session;
    EXPECT_EQ(s.sessionId, opened->session.sessionId);
    EXPECT_EQ(s.status, SessionStatus::closed);
    EXPECT_EQ(s.start, kApril3Morning);
    EXPECT_EQ(s.stop, exp + seconds(300));
    EXPECT_EQ(s.actualMinutes, 65);
    EXPECT_EQ(s.billedMinutes, 60); // stay: floor((65 + 5) / 30) * 30
    EXPECT_TRUE(s.flags.empty());
    EXPECT_EQ(closed->balanceMinutes, 2520 - 60);

    EXPECT_EQ(eventCount(), n + 1);
    const SessionRecord k = stored(s.sessionId);
    EXPECT_EQ(k.status, SessionStatus::closed);
    EXPECT_EQ(k.billedMinutes, 60);
    EXPECT_EQ(k.stop, exp + seconds(300));
    const auto ev = eventById(s.lastEventId);
    ASSERT_TRUE(ev);
    EXPECT_EQ(ev->type, event_type::session_closed);
    EXPECT_EQ(ev->body.at("billed_minutes"), 60);
    EXPECT_EQ(ev->body.at("staff_id"), "bob");
    EXPECT_FALSE(m_store->openSessionFor(claims.couponId).value().has_value());
    auto b = m_terminal->balance(claims.couponId);
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_EQ(b->usedMinutes, 60);
    EXPECT_EQ(b->balanceMinutes, 2460);

    // Nothing open any more: the same expired coupon is refused, by QR and by typed id, and records nothing.
    m_clock.advance(seconds(11));
    EXPECT_TRUE(failsWith(m_terminal->scan(ScanInput::qr(qr), Service::stay, "bob"), Errc::expired));
    EXPECT_TRUE(failsWith(scanTyped(claims.couponId, Service::stay, "bob"), Errc::expired));
    EXPECT_EQ(eventCount(), n + 1);
    EXPECT_EQ(openCount(), 0u);
    EXPECT_EQ(m_terminal->balance(claims.couponId)->usedMinutes, 60);
}

TEST_F(TerminalTest, SessionOpenWhenItsCouponExpiresIsClosedByTheTypedId)
{
    TestIssuer::Claims claims;
    claims.couponId = TestIssuer::makeCouponId(41);
    claims.exp = kApril3Morning.time_since_epoch().count() + 7200 - 300; // refused from 2 h after the opening
    const std::string qr = m_issuer.issue(claims);
    auto opened = m_terminal->scan(ScanInput::qr(qr), Service::day, "alice");
    ASSERT_TRUE(opened) << opened.error().message;

    m_clock.set(kApril3Morning + std::chrono::hours(2));
    ASSERT_TRUE(failsWith(m_terminal->verify(qr), Errc::expired));
    const auto n = eventCount();
    // Typed as printed, in lower case: the typed id is normalised before the open session is looked up.
    auto closed = scanTyped(lower(couponid::grouped(claims.couponId)), Service::day, "bob");
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->action, ScanAction::closed);
    EXPECT_EQ(closed->session.sessionId, opened->session.sessionId);
    EXPECT_EQ(closed->session.status, SessionStatus::closed);
    EXPECT_EQ(closed->session.actualMinutes, 120);
    EXPECT_EQ(closed->session.billedMinutes, 120); // day: floor((120 + 5) / 30) * 30, within [60, 480]
    EXPECT_EQ(closed->balanceMinutes, 2520 - 120);
    EXPECT_EQ(eventCount(), n + 1);
    EXPECT_EQ(stored(closed->session.sessionId).status, SessionStatus::closed);
    EXPECT_EQ(m_terminal->balance(claims.couponId)->balanceMinutes, 2400);

    m_clock.advance(seconds(11));
    EXPECT_TRUE(failsWith(scanTyped(claims.couponId, Service::day), Errc::expired));
    EXPECT_TRUE(failsWith(m_terminal->scan(ScanInput::qr(qr), Service::day, "alice"), Errc::expired));
    EXPECT_EQ(eventCount(), n + 1);
    EXPECT_EQ(openCount(), 0u);
}

TEST_F(TerminalTest, SessionOpenWhenItsCouponIsRevokedIsClosedByTheNextScan)
{
    // Coupon 42 opened and closed by QR; 43 opened by QR, closed by typed id; 44 opened by a typed id never
    // verified (unverified), closed by typed id. All three revoked while their sessions are open.
    auto a = scanQr(42, Service::stay);
    auto b = scanQr(43, Service::visit);
    auto c = scanTyped(TestIssuer::makeCouponId(44), Service::stay);
    ASSERT_TRUE(a && b && c);
    ASSERT_EQ(openCount(), 3u);
    m_clock.advance(minutes(45));
    for (std::uint64_t n : {42u, 43u, 44u})
        ASSERT_TRUE(m_terminal->revoke(TestIssuer::makeCouponId(n), "paper"));
    ASSERT_TRUE(failsWith(m_terminal->verify(coupon(42)), Errc::revoked));
    const auto n = eventCount();

    auto byQr = scanQr(42, Service::stay, "bob");
    ASSERT_TRUE(byQr) << byQr.error().message;
    EXPECT_EQ(byQr->action, ScanAction::closed);
    EXPECT_EQ(byQr->session.sessionId, a->session.sessionId);
    EXPECT_EQ(byQr->session.actualMinutes, 45);
    EXPECT_EQ(byQr->session.billedMinutes, 30); // stay: floor((45 + 5) / 30) * 30
    EXPECT_EQ(byQr->balanceMinutes, 2520 - 30);

    auto byTyped = scanTyped(TestIssuer::makeCouponId(43), Service::visit, "bob");
    ASSERT_TRUE(byTyped) << byTyped.error().message;
    EXPECT_EQ(byTyped->action, ScanAction::closed);
    EXPECT_EQ(byTyped->session.sessionId, b->session.sessionId);
    EXPECT_EQ(byTyped->session.billedMinutes, 30); // visit: floor(50 / 30) * 30, within [30, 240]
    EXPECT_EQ(byTyped->balanceMinutes, 2520 - 30);

    auto unverified = scanTyped(TestIssuer::makeCouponId(44), Service::stay, "bob");
    ASSERT_TRUE(unverified) << unverified.error().message;
    EXPECT_EQ(unverified->action, ScanAction::closed);
    EXPECT_EQ(unverified->session.sessionId, c->session.sessionId);
    EXPECT_EQ(unverified->session.billedMinutes, 30);
    EXPECT_TRUE(unverified->session.hasFlag("unverified"));
    EXPECT_FALSE(unverified->balanceMinutes.has_value()) << "an unverified coupon has no known balance";

    EXPECT_EQ(eventCount(), n + 3);
    EXPECT_EQ(openCount(), 0u);
    for (const auto* r : {&byQr, &byTyped, &unverified}) {
        EXPECT_EQ(stored((*r)->session.sessionId).status, SessionStatus::closed);
        const auto ev = eventById((*r)->session.lastEventId);
        ASSERT_TRUE(ev);
        EXPECT_EQ(ev->type, event_type::session_closed);
    }
    EXPECT_EQ(m_terminal->balance(TestIssuer::makeCouponId(42))->usedMinutes, 30);

    // Nothing open any more: every further scan of these coupons is refused as revoked and records nothing.
    m_clock.advance(seconds(11));
    EXPECT_TRUE(failsWith(scanQr(42, Service::stay), Errc::revoked));
    EXPECT_TRUE(failsWith(scanTyped(TestIssuer::makeCouponId(42), Service::stay), Errc::revoked));
    EXPECT_TRUE(failsWith(scanQr(43, Service::visit), Errc::revoked));
    EXPECT_TRUE(failsWith(scanTyped(TestIssuer::makeCouponId(43), Service::visit), Errc::revoked));
    EXPECT_TRUE(failsWith(scanTyped(TestIssuer::makeCouponId(44), Service::stay), Errc::revoked));
    EXPECT_EQ(eventCount(), n + 3);
    EXPECT_EQ(openCount(), 0u);
}

TEST_F(TerminalTest, ExpiredOrRevokedCouponWithoutAnOpenSessionIsRefusedAndRecordsNothing)
{
    // An expired coupon never seen, and a known coupon (its session closed) that expired since.
    TestIssuer::Claims expired;
    expired.couponId = TestIssuer::makeCouponId(45);
    expired.exp = kApril3Morning.time_since_epoch().count() - 300;
    TestIssuer::Claims known;
    known.couponId = TestIssuer::makeCouponId(46);
    known.exp = kApril3Morning.time_since_epoch().count() + 3600;
    const std::string knownQr = m_issuer.issue(known);
    ASSERT_TRUE(m_terminal->scan(ScanInput::qr(knownQr), Service::stay, "alice"));
    m_clock.advance(minutes(30));
    ASSERT_TRUE(m_terminal->scan(ScanInput::qr(knownQr), Service::stay, "alice"));
    // A revoked coupon never seen, and one seen by QR whose session was closed.
    ASSERT_TRUE(scanQr(47, Service::stay));
    m_clock.advance(minutes(30));
    ASSERT_TRUE(scanQr(47, Service::stay));
    ASSERT_TRUE(m_terminal->revoke(TestIssuer::makeCouponId(47), "paper"));
    ASSERT_TRUE(m_terminal->revoke(TestIssuer::makeCouponId(48), "withdrawn"));
    m_clock.set(Instant(std::chrono::seconds(known.exp)) + seconds(300));
    ASSERT_EQ(openCount(), 0u);
    const auto n = eventCount();
    const auto sessionsBefore = m_store->sessions(std::nullopt, std::nullopt, false).value().size();

    EXPECT_TRUE(failsWith(m_terminal->scan(ScanInput::qr(m_issuer.issue(expired)), Service::stay, "alice"),
                          Errc::expired));
    EXPECT_TRUE(failsWith(m_terminal->scan(ScanInput::qr(knownQr), Service::stay, "alice"), Errc::expired));
    EXPECT_TRUE(failsWith(scanTyped(known.couponId, Service::stay), Errc::expired));
    EXPECT_TRUE(failsWith(scanQr(47, Service::stay), Errc::revoked));
    EXPECT_TRUE(failsWith(scanTyped(TestIssuer::makeCouponId(47), Service::stay), Errc::revoked));
    EXPECT_TRUE(failsWith(scanQr(48, Service::stay), Errc::revoked));
    EXPECT_TRUE(failsWith(scanTyped(TestIssuer::makeCouponId(48), Service::stay), Errc::revoked));
    EXPECT_EQ(eventCount(), n);
    EXPECT_EQ(openCount(), 0u);
    EXPECT_EQ(m_store->sessions(std::nullopt, std::nullopt, false).value().size(), sessionsBefore);
    EXPECT_FALSE(m_store->coupon(expired.couponId).value().has_value()) << "a refused scan recorded the coupon";
    EXPECT_FALSE(m_store->coupon(TestIssuer::makeCouponId(48)).value().has_value());
}

TEST_F(TerminalTest, QrWithABadSignatureNeverClosesASession)
{
    TestIssuer::Claims claims;
    claims.couponId = TestIssuer::makeCouponId(49);
    claims.exp = kApril3Morning.time_since_epoch().count() + 3600;
    const std::string qr = m_issuer.issue(claims);
    auto opened = m_terminal->scan(ScanInput::qr(qr), Service::stay, "alice");
    ASSERT_TRUE(opened) << opened.error().message;

    // One character of the signature changed, and the same claims signed by another key under the issuer's kid.
    std::string tampered = qr;
    const std::size_t pos = tampered.size() - 20;
    tampered[pos] = tampered[pos] == 'A' ? 'B' : 'A';
    const TestIssuer impostor(m_issuer.kid(), m_issuer.municipality(), 99);
    const std::string forged = impostor.issue(claims);
    auto refusedEverywhere = [&](const char* when) {
        const auto n = eventCount();
        EXPECT_TRUE(failsWith(m_terminal->scan(ScanInput::qr(tampered), Service::stay, "bob"), Errc::bad_signature))
            << when;
        EXPECT_TRUE(failsWith(m_terminal->scan(ScanInput::qr(forged), Service::stay, "bob"), Errc::bad_signature))
            << when;
        EXPECT_EQ(eventCount(), n) << when;
        EXPECT_EQ(stored(opened->session.sessionId).status, SessionStatus::open) << when;
    };

    m_clock.advance(minutes(30));
    refusedEverywhere("while the coupon is current");
    m_clock.set(Instant(std::chrono::seconds(claims.exp)) + seconds(300));
    ASSERT_TRUE(failsWith(m_terminal->verify(qr), Errc::expired));
    refusedEverywhere("after the coupon expired");
    ASSERT_TRUE(m_terminal->revoke(claims.couponId, "paper"));
    refusedEverywhere("after the coupon was revoked too");

    // The genuine QR, expired and revoked as it is, does close it.
    auto closed = m_terminal->scan(ScanInput::qr(qr), Service::stay, "bob");
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->action, ScanAction::closed);
    EXPECT_EQ(closed->session.sessionId, opened->session.sessionId);
    EXPECT_EQ(closed->session.billedMinutes, 60);
}

TEST_F(TerminalTest, QrNotYetValidByThisClockClosesTheOpenSessionOfItsCoupon)
{
    // Opened by a typed id (unverified); the QR shown at the end is genuine but valid only from tomorrow.
    const std::string id = TestIssuer::makeCouponId(50);
    auto opened = scanTyped(id, Service::stay);
    ASSERT_TRUE(opened) << opened.error().message;
    TestIssuer::Claims claims;
    claims.couponId = id;
    claims.nbf = kApril3Morning.time_since_epoch().count() + 86400;
    const std::string qr = m_issuer.issue(claims);
    m_clock.advance(minutes(60));
    ASSERT_TRUE(failsWith(m_terminal->verify(qr), Errc::not_yet_valid));
    auto closed = m_terminal->scan(ScanInput::qr(qr), Service::stay, "alice");
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->action, ScanAction::closed);
    EXPECT_EQ(closed->session.sessionId, opened->session.sessionId);
    EXPECT_EQ(closed->session.billedMinutes, 60);
    // With nothing open, the same QR is refused.
    const auto n = eventCount();
    m_clock.advance(seconds(11));
    EXPECT_TRUE(failsWith(m_terminal->scan(ScanInput::qr(qr), Service::stay, "alice"), Errc::not_yet_valid));
    EXPECT_EQ(eventCount(), n);
    EXPECT_EQ(openCount(), 0u);
}

// ---- attribution to the local date of the start ------------------------------------------------------------

TEST_F(TerminalTest, SessionAcrossMidnightAndMonthEndBelongsToItsStartDate)
{
    m_clock.set(at("2026-04-30T23:50:00+09:00"));
    auto opened = scanQr(30, Service::stay);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(opened->session.date, ymd(2026, 4, 30));
    m_clock.set(at("2026-05-01T00:40:00+09:00"));
    auto closed = scanQr(30, Service::stay);
    ASSERT_TRUE(closed) << closed.error().message;
    ASSERT_EQ(closed->action, ScanAction::closed);
    const std::string id = closed->session.sessionId;
    EXPECT_EQ(closed->session.date, ymd(2026, 4, 30));
    EXPECT_EQ(closed->session.actualMinutes, 50);
    EXPECT_EQ(closed->session.billedMinutes, 30); // floor((50 + 5) / 30) * 30
    EXPECT_EQ(stored(id).date, ymd(2026, 4, 30));

    const Reports r = reports();
    const auto april = date::year{2026} / date::April;
    const auto may = date::year{2026} / date::May;
    EXPECT_TRUE(containsSession(r.monthly(april).value(), id));
    EXPECT_FALSE(containsSession(r.monthly(may).value(), id));
    const auto aprilDays = r.daily(april).value();
    ASSERT_EQ(aprilDays.size(), 1u);
    EXPECT_EQ(aprilDays[0].date, ymd(2026, 4, 30));
    EXPECT_EQ(aprilDays[0].service, Service::stay);
    EXPECT_EQ(aprilDays[0].sessions, 1);
    EXPECT_EQ(aprilDays[0].billedMinutes, 30);
    EXPECT_TRUE(r.daily(may).value().empty());
    const auto aprilTotals = r.totals(april).value();
    ASSERT_FALSE(aprilTotals.empty());
    EXPECT_EQ(aprilTotals.back().service, "total");
    EXPECT_EQ(aprilTotals.back().sessions, 1);
    EXPECT_EQ(aprilTotals.back().billedMinutes, 30);
    EXPECT_EQ(aprilTotals.back().amountYen, 650); // 30 * 1300 / 60
    EXPECT_EQ(r.totals(may).value().back().sessions, 0);
}

TEST_F(TerminalTest, SessionAcrossTheYearEndBelongsToItsStartYear)
{
    m_clock.set(at("2026-12-31T23:50:00+09:00"));
    auto opened = scanQr(31, Service::stay);
    ASSERT_TRUE(opened) << opened.error().message;
    m_clock.set(at("2027-01-01T00:40:00+09:00"));
    auto closed = scanQr(31, Service::stay);
    ASSERT_TRUE(closed) << closed.error().message;
    ASSERT_EQ(closed->action, ScanAction::closed);
    EXPECT_EQ(closed->session.date, ymd(2026, 12, 31));
    EXPECT_EQ(closed->session.billedMinutes, 30);

    const Reports r = reports();
    const auto december = date::year{2026} / date::December;
    const auto january = date::year{2027} / date::January;
    EXPECT_TRUE(containsSession(r.monthly(december).value(), closed->session.sessionId));
    EXPECT_FALSE(containsSession(r.monthly(january).value(), closed->session.sessionId));
    const auto days = r.daily(december).value();
    ASSERT_EQ(days.size(), 1u);
    EXPECT_EQ(days[0].date, ymd(2026, 12, 31));
    EXPECT_TRUE(r.daily(january).value().empty());
    EXPECT_EQ(r.totals(december).value().back().billedMinutes, 30);
    EXPECT_EQ(r.totals(january).value().back().billedMinutes, 0);
}

TEST_F(TerminalTest, AttributionUsesTheLocalDateNotUtc)
{
    // 2026-05-01T08:30+09:00 is still 2026-04-30 in UTC: the session belongs to 1 May.
    m_clock.set(at("2026-05-01T08:30:00+09:00"));
    auto opened = scanQr(32, Service::day);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(opened->session.date, ymd(2026, 5, 1));
    m_clock.advance(minutes(60));
    ASSERT_TRUE(scanQr(32, Service::day));
    const Reports r = reports();
    EXPECT_FALSE(containsSession(r.monthly(date::year{2026} / date::April).value(), opened->session.sessionId));
    EXPECT_TRUE(containsSession(r.monthly(date::year{2026} / date::May).value(), opened->session.sessionId));
}

// ---- a terminal whose provider lacks a service and whose policy forbids unverified ids ---------------------

class RestrictedTerminalTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        json policy = readJson(testDataDir() / "policy.json");
        policy["allow_unverified_entry"] = false;
        json provider = readJson(testDataDir() / "provider.json");
        provider["services"] = json::array({"stay", "day"});
        json prices = json::array();
        for (const auto& p : provider["prices"])
            if (p["service"] != "visit")
                prices.push_back(p);
        provider["prices"] = prices;
        m_where.dataDir = m_dir.path() / "data";
        auto store = EventStore::create(m_where, InitialConfig{"T2", policy, provider, m_issuer.trustJson()},
                                        m_clock.now());
        ASSERT_TRUE(store) << store.error().message;
        m_store = std::make_unique<EventStore>(std::move(*store));
        auto t = Terminal::load(*m_store, m_clock);
        ASSERT_TRUE(t) << t.error().message;
        m_terminal = std::make_unique<Terminal>(std::move(*t));
    }

    std::string coupon(std::uint64_t n)
    {
        TestIssuer::Claims c;
        c.couponId = TestIssuer::makeCouponId(n);
        return m_issuer.issue(c);
    }

    TempDir m_dir;
    StoreLocation m_where;
    FakeClock m_clock{kApril3Morning};
    TestIssuer m_issuer;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<Terminal> m_terminal;
};

TEST_F(RestrictedTerminalTest, ServiceTheProviderDoesNotOfferIsRefused)
{
    const auto n = m_store->eventCount().value();
    // The coupon allows visit, the provider does not offer it.
    EXPECT_TRUE(failsWith(m_terminal->scan(ScanInput::qr(coupon(1)), Service::visit, "alice"),
                          Errc::service_not_allowed));
    EXPECT_TRUE(failsWith(m_terminal->recordPaper("T-1", Service::visit, kApril3Morning - minutes(60), kApril3Morning,
                                                  "mgr"),
                          Errc::service_not_allowed));
    EXPECT_EQ(m_store->eventCount().value(), n);
    auto ok = m_terminal->scan(ScanInput::qr(coupon(1)), Service::day, "alice");
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(ok->action, ScanAction::opened);
    EXPECT_EQ(ok->session.sessionId.rfind("T2-", 0), 0u);
}

TEST_F(RestrictedTerminalTest, TypedIdNeverSeenIsUnknownWhenThePolicyForbidsUnverifiedEntry)
{
    const auto n = m_store->eventCount().value();
    EXPECT_TRUE(failsWith(m_terminal->scan(ScanInput::typed(TestIssuer::makeCouponId(2)), Service::day, "alice"),
                          Errc::unknown_coupon));
    EXPECT_EQ(m_store->eventCount().value(), n);
    // Once seen with a valid signature, the typed id is accepted.
    ASSERT_TRUE(m_terminal->scan(ScanInput::qr(coupon(2)), Service::day, "alice"));
    m_clock.advance(minutes(60));
    auto closed = m_terminal->scan(ScanInput::typed(TestIssuer::makeCouponId(2)), Service::day, "alice");
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->action, ScanAction::closed);
    EXPECT_EQ(closed->session.billedMinutes, 60);
}


// ---- sign-in, close preview ------------------------------------------------------------------------------

TEST_F(TerminalTest, SignInChecksThePinAndLocksOutAfterRepeatedFailures)
{
    ASSERT_TRUE(m_terminal->addStaff("s1", StaffRole::staff, "1234"));
    ASSERT_TRUE(m_terminal->addStaff("m1", StaffRole::manager, "567890"));
    EXPECT_EQ(m_terminal->signIn("s1", "1234").value(), StaffRole::staff);
    EXPECT_EQ(m_terminal->signIn("m1", "567890").value(), StaffRole::manager);
    // Text that can never be a staff id is a usage error (it reveals nothing: no such id can be registered).
    EXPECT_TRUE(failsWith(m_terminal->signIn("bad id!", "1234"), Errc::invalid_argument));

    // A success resets the count: four wrong, one right, four wrong again is still not a lockout.
    for (int i = 0; i < Terminal::kMaxPinFailures - 1; ++i)
        EXPECT_TRUE(failsWith(m_terminal->signIn("s1", "0000"), Errc::wrong_pin));
    EXPECT_TRUE(m_terminal->signIn("s1", "1234"));
    for (int i = 0; i < Terminal::kMaxPinFailures - 1; ++i)
        EXPECT_TRUE(failsWith(m_terminal->signIn("s1", "0000"), Errc::wrong_pin));
    EXPECT_EQ(m_terminal->pinLock("s1").value().triesLeft, 1);
    // The fifth wrong PIN in a row locks the id; then even the right PIN is refused until the lockout ends.
    EXPECT_TRUE(failsWith(m_terminal->signIn("s1", "9999"), Errc::locked_out));
    EXPECT_EQ(m_terminal->pinLock("s1").value().triesLeft, 0);
    EXPECT_EQ(m_terminal->pinLock("s1").value().lockedUntil, m_clock.now() + minutes(5));
    EXPECT_TRUE(failsWith(m_terminal->signIn("s1", "1234"), Errc::locked_out));
    // Another member is not affected.
    EXPECT_TRUE(m_terminal->signIn("m1", "567890"));
    m_clock.advance(minutes(5) - seconds(1));
    EXPECT_TRUE(failsWith(m_terminal->signIn("s1", "1234"), Errc::locked_out));
    m_clock.advance(seconds(1));
    EXPECT_EQ(m_terminal->signIn("s1", "1234").value(), StaffRole::staff);
    // After a lockout has ended, one wrong PIN starts a new count (no immediate second lockout).
    EXPECT_TRUE(failsWith(m_terminal->signIn("s1", "0000"), Errc::wrong_pin));
    EXPECT_TRUE(m_terminal->signIn("s1", "1234"));
}

TEST_F(TerminalTest, LockoutsEscalateFiveFifteenSixtyUntilASuccess)
{
    ASSERT_TRUE(m_terminal->addStaff("s1", StaffRole::staff, "1234"));
    EXPECT_EQ(Terminal::pinLockoutAfter(0), minutes(5));
    EXPECT_EQ(Terminal::pinLockoutAfter(1), minutes(15));
    EXPECT_EQ(Terminal::pinLockoutAfter(2), minutes(60));
    EXPECT_EQ(Terminal::pinLockoutAfter(7), minutes(60));
    // Five wrong in a row, each time after the previous lockout ended: 5, 15, 60, then 60 again.
    for (const minutes expected : {minutes(5), minutes(15), minutes(60), minutes(60)}) {
        EXPECT_EQ(m_terminal->pinLock("s1").value().nextLockout, expected);
        for (int i = 0; i < Terminal::kMaxPinFailures - 1; ++i)
            EXPECT_TRUE(failsWith(m_terminal->signIn("s1", "0000"), Errc::wrong_pin));
        EXPECT_TRUE(failsWith(m_terminal->signIn("s1", "0000"), Errc::locked_out));
        EXPECT_EQ(m_terminal->pinLock("s1").value().lockedUntil, m_clock.now() + expected);
        m_clock.advance(expected - seconds(1));
        EXPECT_TRUE(failsWith(m_terminal->signIn("s1", "1234"), Errc::locked_out)) << expected.count();
        m_clock.advance(seconds(1));
    }
    // The escalation is kept across a restart of the program.
    auto again = Terminal::load(*m_store, m_clock);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->pinLock("s1").value().lockouts, 4);
    EXPECT_EQ(again->pinLock("s1").value().nextLockout, minutes(60));
    // A successful sign-in starts again from five minutes.
    EXPECT_EQ(again->signIn("s1", "1234").value(), StaffRole::staff);
    EXPECT_EQ(again->pinLock("s1").value().lockouts, 0);
    for (int i = 0; i < Terminal::kMaxPinFailures; ++i)
        (void)again->signIn("s1", "0000");
    EXPECT_EQ(again->pinLock("s1").value().lockedUntil, m_clock.now() + minutes(5));
}

TEST_F(TerminalTest, ALockoutStoredBeforeEscalationStillReadsAndCountsAsTheFirst)
{
    ASSERT_TRUE(m_terminal->addStaff("s1", StaffRole::staff, "1234"));
    // "failures:until", as a version before escalating lockouts kept it: locked for two more minutes.
    const auto until = std::chrono::duration_cast<seconds>((m_clock.now() + minutes(2)).time_since_epoch()).count();
    ASSERT_TRUE(LocalValues(*m_store).setPinFailures("s1", "5:" + std::to_string(until)));
    auto lock = m_terminal->pinLock("s1").value();
    EXPECT_EQ(lock.lockedUntil, m_clock.now() + minutes(2));
    EXPECT_EQ(lock.lockouts, 1);
    EXPECT_EQ(lock.nextLockout, minutes(15));
    EXPECT_TRUE(failsWith(m_terminal->signIn("s1", "1234"), Errc::locked_out));
    m_clock.advance(minutes(2));
    for (int i = 0; i < Terminal::kMaxPinFailures; ++i)
        (void)m_terminal->signIn("s1", "0000");
    EXPECT_EQ(m_terminal->pinLock("s1").value().lockedUntil, m_clock.now() + minutes(15));
    // An old value without a lockout ("2:0") is two failures.
    ASSERT_TRUE(LocalValues(*m_store).setPinFailures("s1", "2:0"));
    EXPECT_EQ(m_terminal->pinLock("s1").value().triesLeft, 3);
    EXPECT_EQ(m_terminal->pinLock("s1").value().lockouts, 0);
}

TEST_F(TerminalTest, AnUnknownStaffIdAnswersExactlyAsAWrongPin)
{
    ASSERT_TRUE(m_terminal->addStaff("s1", StaffRole::staff, "1234"));
    ASSERT_TRUE(m_terminal->addStaff("m1", StaffRole::manager, "567890"));
    // The same code and the same message (but for the id typed), try after try, up to the same lockout.
    auto sameShape = [](std::string message, const std::string& id) {
        const auto at = message.find(id);
        if (at != std::string::npos)
            message.replace(at, id.size(), "<id>");
        return message;
    };
    for (int i = 0; i < Terminal::kMaxPinFailures; ++i) {
        auto known = m_terminal->signIn("s1", "0000");
        auto unknown = m_terminal->signIn("nobody", "0000");
        ASSERT_FALSE(known);
        ASSERT_FALSE(unknown);
        EXPECT_EQ(unknown.error().code, known.error().code) << i;
        EXPECT_EQ(sameShape(unknown.error().message, "nobody"), sameShape(known.error().message, "s1")) << i;
        EXPECT_EQ(unknown.error().code, i + 1 < Terminal::kMaxPinFailures ? Errc::wrong_pin : Errc::locked_out);
        const auto k = m_terminal->pinLock("s1").value();
        const auto u = m_terminal->pinLock("nobody").value();
        EXPECT_EQ(u.failures, k.failures);
        EXPECT_EQ(u.triesLeft, k.triesLeft);
        EXPECT_EQ(u.lockedUntil, k.lockedUntil);
    }
    auto lockedKnown = m_terminal->signIn("s1", "1234");
    auto lockedUnknown = m_terminal->signIn("nobody", "1234");
    ASSERT_FALSE(lockedUnknown);
    EXPECT_EQ(lockedUnknown.error().code, Errc::locked_out);
    EXPECT_EQ(sameShape(lockedUnknown.error().message, "nobody"), sameShape(lockedKnown.error().message, "s1"));
    // The command line's role check still names an unknown id: it trusts its caller (README, Security model).
    EXPECT_TRUE(failsWith(m_terminal->roleOf("nobody"), Errc::staff_unknown));
    // Set-up mode (no staff yet) has no PINs: every id answers wrong_pin too.
    StoreLocation other;
    other.dataDir = m_dir.path() / "other";
    auto fresh = EventStore::create(other, InitialConfig{"T2", readJson(testDataDir() / "policy.json"),
                                                          readJson(testDataDir() / "provider.json"),
                                                          m_issuer.trustJson()},
                                    m_clock.now());
    ASSERT_TRUE(fresh);
    auto t = Terminal::load(*fresh, m_clock);
    ASSERT_TRUE(t);
    EXPECT_TRUE(failsWith(t->signIn("anyone", "1234"), Errc::wrong_pin));
}

TEST_F(TerminalTest, TheDummyPinHashCostsWhatARealOneCosts)
{
    // The Argon2id parameters ("$argon2id$v=19$m=65536,t=2,p=1$") of the hash an unknown id is checked against
    // are those of every stored PIN hash: the same work, so the same time (measured by the benchmarks, not here).
    auto params = [](std::string_view hash) {
        std::size_t dollars = 0, i = 0;
        for (; i < hash.size() && dollars < 4; ++i)
            dollars += hash[i] == '$';
        return std::string(hash.substr(0, i));
    };
    auto real = crypto::hashPin("123456");
    ASSERT_TRUE(real);
    EXPECT_EQ(params(crypto::dummyPinHash()), params(*real));
    EXPECT_EQ(params(*real).rfind("$argon2id$", 0), 0u);
    for (const char* pin : {"", "0000", "123456", "999999999999"})
        EXPECT_FALSE(crypto::verifyPin(crypto::dummyPinHash(), pin)) << pin;
}

TEST_F(TerminalTest, AManagersPinHasAtLeastSixDigits)
{
    EXPECT_TRUE(failsWith(m_terminal->addStaff("m1", StaffRole::manager, "2468"), Errc::invalid_argument));
    EXPECT_TRUE(failsWith(m_terminal->addStaff("m1", StaffRole::manager, "24680"), Errc::invalid_argument));
    EXPECT_TRUE(failsWith(m_terminal->addStaff("m1", StaffRole::manager, "1234567890123"), Errc::invalid_argument));
    EXPECT_TRUE(failsWith(m_terminal->addStaff("m1", StaffRole::manager, "24680a"), Errc::invalid_argument));
    EXPECT_EQ(m_store->staffCount().value(), 0) << "nothing registered";
    ASSERT_TRUE(m_terminal->addStaff("m1", StaffRole::manager, "246800"));
    ASSERT_TRUE(m_terminal->addStaff("m2", StaffRole::manager, "123456789012"));
    // Staff keep 4 to 12 digits.
    ASSERT_TRUE(m_terminal->addStaff("s1", StaffRole::staff, "1357"));
    EXPECT_TRUE(failsWith(m_terminal->addStaff("s2", StaffRole::staff, "135"), Errc::invalid_argument));
    auto refused = m_terminal->addStaff("s1", StaffRole::manager, "1357"); // promoted: the short PIN no longer does
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("6 to 12 digits"), std::string::npos) << refused.error().message;
    EXPECT_EQ(m_terminal->roleOf("s1").value(), StaffRole::staff);
}

TEST_F(TerminalTest, SignInLockoutSurvivesARestart)
{
    ASSERT_TRUE(m_terminal->addStaff("s1", StaffRole::staff, "1234"));
    for (int i = 0; i < Terminal::kMaxPinFailures; ++i)
        (void)m_terminal->signIn("s1", "0000");
    auto again = Terminal::load(*m_store, m_clock);
    ASSERT_TRUE(again);
    EXPECT_TRUE(failsWith(again->signIn("s1", "1234"), Errc::locked_out));
}

TEST_F(TerminalTest, PreviewCloseBillsAsACloseNowWouldAndRecordsNothing)
{
    auto opened = scanQr(1, Service::day);
    ASSERT_TRUE(opened) << opened.error().message;
    m_clock.advance(minutes(95) + seconds(59));
    const auto before = eventCount();
    auto p = m_terminal->previewClose(opened->session);
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_EQ(p->actualMinutes, 95);
    EXPECT_EQ(p->billedMinutes, 90);
    EXPECT_FALSE(p->capped);
    EXPECT_EQ(p->balanceAfterMinutes, 2520 - 90);
    EXPECT_EQ(eventCount(), before);
    // The day minimum applies to a short session, as a close would bill it.
    m_clock.set(opened->session.start + minutes(10));
    EXPECT_EQ(m_terminal->previewClose(opened->session).value().billedMinutes, 60);
    auto closed = scanQr(1, Service::day);
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed->session.billedMinutes, 60);
}

} // namespace
} // namespace sango::test
