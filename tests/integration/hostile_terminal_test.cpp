// A real terminal that lies gains nothing at the ledger, and an honest one loses nothing (issue 11). Against the
// real `sango-ledger serve` on loopback, after an honest month (hostile_fixture.h), a terminal enrolled over HTTP
// with a real device key signs hand-made batches with every cheat — inflated or wrong minutes, stop before
// start, a date in another month, a start backdated before a revocation it had pulled, a clock offset that
// would overflow, a future event, a session too long or too old, paper tickets never issued, reused or another
// provider's, a session id reused for another coupon or start, a cancellation with free text or after its
// window, a close of a closed session — one batch each and all in one batch; then bodies nested 20,000 deep or
// with 100 KB fields, a 100 KB enrolment, and the requests of a revoked terminal and a suspended provider.
// Each is answered with its stable reason or status; the municipality's books (`totals`, `balance`, raw
// stdout) stay byte for byte the honest month's, and the honest terminals' next events are accepted
// (TearDown).
#include <limits>

#include "hostile_fixture.h"

namespace sango::itest {
namespace {

// A refusal says what exactly.
void expectDetail(const json& r)
{
    EXPECT_TRUE(r.contains("detail") && r["detail"].is_string() && !r["detail"].get<std::string>().empty()) << r;
}

TEST_F(HostileTerminalTest, InflatedBilledMinutesWithinTheBalanceAreRefusedWithTheLedgersFigures)
{
    // 08:00 to 10:00: 120 minutes of day care, billed 240 (the coupon has 2,520).
    const auto r = pushOne(m.t1, hand::close(m.t1, "T1-o1", m.e, m.o1Start, at(7, 2, 10, 0), 120, 240));
    EXPECT_EQ(verdictOf(r), "rejected:figures_mismatch") << r;
    expectDetail(r);
    EXPECT_EQ(r["figures"]["date"], "2026-07-02") << r;
    EXPECT_EQ(r["figures"]["actual_minutes"], 120) << r;
    EXPECT_EQ(r["figures"]["billed_minutes"], 120) << r;
    EXPECT_EQ(r["figures"]["amount_yen"], 6800) << r; // 120 minutes at 3,400 yen an hour
}

TEST_F(HostileTerminalTest, WrongActualMinutesAreRefused)
{
    const auto r = pushOne(m.t1, hand::close(m.t1, "T1-o1", m.e, m.o1Start, at(7, 2, 10, 0), 150, 120));
    EXPECT_EQ(verdictOf(r), "rejected:figures_mismatch") << r;
    EXPECT_EQ(r["figures"]["actual_minutes"], 120) << r;
}

TEST_F(HostileTerminalTest, AStopBeforeTheStartIsInvalidTime)
{
    const auto r = pushOne(m.t1, hand::close(m.t1, "T1-o1", m.e, m.o1Start, at(7, 2, 7, 0), 60, 60));
    EXPECT_EQ(verdictOf(r), "rejected:invalid_time") << r;
    expectDetail(r);
}

TEST_F(HostileTerminalTest, ADateInAnotherMonthIsRefusedOnOpeningAndCorrection)
{
    auto opening = hand::open(m.t1, "T1-x1", m.e, "day", at(7, 1, 10, 0));
    opening["body"]["date"] = "2026-06-30";
    const std::int64_t now = http::serverTime(m_port);
    auto july = hand::correct(m.t1, "T1-s7", m.b, m.s7Start, m.s7Close, m.s7Start, m.s7Start + 3600, 60, 60, now);
    july["body"]["date"] = "2026-06-30";
    auto june = hand::correct(m.t1, "T1-s1", m.a, m.s1Start, m.s1Close, m.s1Start, m.s1Start + 5400, 90, 90, now);
    june["body"]["date"] = "2026-07-02";
    const auto r = push(m.t1, {opening, july, june});
    ASSERT_EQ(r.size(), 3u);
    for (const auto& one : r) {
        EXPECT_EQ(verdictOf(one), "rejected:figures_mismatch") << one;
        expectDetail(one);
    }
    EXPECT_EQ(r[0]["figures"]["date"], "2026-07-01") << r[0];
    EXPECT_EQ(r[1]["figures"]["date"], "2026-07-01") << r[1];
    EXPECT_EQ(r[2]["figures"]["date"], "2026-06-02") << r[2];
}

// Coupon f was revoked at 11:58; the terminal pulls that revocation, then claims sessions begun before it.
TEST_F(HostileTerminalTest, AStartBackdatedBeforeARevocationTheTerminalHadPulledIsRefused)
{
    const auto page = pull(m.t1);
    ASSERT_EQ(page.status, 200) << page.body;
    bool delivered = false;
    const json changes = page.json()["changes"];
    for (const auto& c : changes)
        delivered = delivered || (c["kind"] == "revocation" && c["body"]["coupon_id"] == m.f);
    ASSERT_TRUE(delivered) << page.body;
    const auto r = push(m.t1, {hand::open(m.t1, "T1-x1", m.f, "day", m.revokedAt - 3600),
                               hand::open(m.t1, "T1-x2", m.f, "day", m.revokedAt - 30),
                               hand::withOffset(hand::open(m.t1, "T1-x3", m.f, "day", m.revokedAt - 3600), 3700)});
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(verdictOf(r[0]), "rejected:invalid_time") << r[0]; // recorded, it says, an hour before it pulled
    EXPECT_EQ(verdictOf(r[1]), "rejected:revoked") << r[1];      // recorded after the pull that delivered it
    EXPECT_EQ(verdictOf(r[2]), "rejected:revoked") << r[2];      // its clock an hour slow: after the revocation
    for (const auto& one : r)
        expectDetail(one);
}

// The same cheat, with the seq of the backdated events chosen below the one the terminal had sent at its pull.
TEST_F(HostileTerminalTest, ABackdatedStartWithALowSeqIsRefusedToo)
{
    ASSERT_EQ(pull(m.t1).status, 200);
    auto opening = hand::open(m.t1, "T1-x1", m.f, "day", at(7, 2, 10, 0));
    opening["seq"] = 1;
    auto closing = hand::close(m.t1, "T1-x1", m.f, at(7, 2, 10, 0), at(7, 2, 11, 0), 60, 60);
    closing["seq"] = 2;
    const auto r = push(m.t1, {opening, closing});
    ASSERT_EQ(r.size(), 2u);
    EXPECT_NE(verdictOf(r[0]), "accepted") << "a session on a revoked coupon, backdated after the terminal pulled "
                                              "the revocation, its seq lowered: "
                                           << r[0];
    EXPECT_NE(verdictOf(r[1]), "accepted") << r[1];
}

TEST_F(HostileTerminalTest, AClockOffsetThatWouldOverflowIsRefusedAndTheLedgerGoesOn)
{
    const auto close = [&](json offset) {
        return hand::withOffset(hand::close(m.t1, "T1-o1", m.e, m.o1Start, at(7, 2, 10, 0), 120, 120), offset);
    };
    const auto r = push(m.t1, {close(std::numeric_limits<std::int64_t>::max()),
                               close(std::numeric_limits<std::int64_t>::min()),
                               close(std::numeric_limits<std::uint64_t>::max()), close(-86401),
                               hand::withOffset(hand::open(m.t1, "T1-x1", m.e, "day", at(7, 2, 9, 0)),
                                                std::numeric_limits<std::int64_t>::min())});
    ASSERT_EQ(r.size(), 5u);
    EXPECT_EQ(verdictOf(r[0]), "rejected:invalid_time") << r[0];
    EXPECT_EQ(verdictOf(r[1]), "rejected:invalid_time") << r[1];
    EXPECT_EQ(verdictOf(r[2]), "rejected:invalid_event") << r[2]; // not a 64-bit signed number at all
    EXPECT_EQ(verdictOf(r[3]), "rejected:invalid_time") << r[3];
    EXPECT_EQ(verdictOf(r[4]), "rejected:invalid_time") << r[4];
    for (const auto& one : r)
        expectDetail(one);
    expectServing();
}

TEST_F(HostileTerminalTest, AnEventInTheLedgersFutureIsInvalidTime)
{
    const std::int64_t now = http::serverTime(m_port);
    const auto r = push(m.t1, {hand::open(m.t1, "T1-x1", m.e, "day", now + 3600),
                               hand::close(m.t1, "T1-o1", m.e, m.o1Start, now + 3600, 300, 300)});
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(verdictOf(r[0]), "rejected:invalid_time") << r[0];
    EXPECT_EQ(verdictOf(r[1]), "rejected:invalid_time") << r[1];
}

TEST_F(HostileTerminalTest, ASessionLongerThanItsServiceAllowsIsInvalidTime)
{
    const std::int64_t start = at(6, 30, 8, 0);
    const auto r = push(m.t1, {hand::open(m.t1, "T1-x1", m.e, "day", start),
                               hand::close(m.t1, "T1-x1", m.e, start, start + 86400 + 60, 1441, 480)});
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(verdictOf(r[0]), "accepted") << r[0];
    EXPECT_EQ(verdictOf(r[1]), "rejected:invalid_time") << r[1];
    expectDetail(r[1]);
}

TEST_F(HostileTerminalTest, ASessionOlderThanTheCorrectionWindowIsTooOld)
{
    const std::int64_t march = at(3, 15, 10, 0);
    const std::int64_t now = http::serverTime(m_port);
    const auto r = push(m.t1, {hand::open(m.t1, "T1-x1", m.e, "day", march),
                               hand::correct(m.t1, "T1-s1", m.a, m.s1Start, m.s1Close, march, march + 5400, 90, 90,
                                             now)});
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(verdictOf(r[0]), "rejected:too_old") << r[0];
    EXPECT_EQ(verdictOf(r[1]), "rejected:too_old") << r[1];
}

TEST_F(HostileTerminalTest, PaperTicketsNeverIssuedReusedOrAnotherProvidersAreRefused)
{
    const std::int64_t now = http::serverTime(m_port);
    const std::int64_t start = at(7, 1, 14, 0);
    const auto one = push(m.t1, {hand::paper(m.t1, "T1-x1", "ABCDE-FGHJK", "day", start, start + 3600, 60, 60, now),
                                 hand::paper(m.t1, "T1-x2", m.tickets[0], "day", start, start + 3600, 60, 60, now)});
    ASSERT_EQ(one.size(), 2u);
    EXPECT_EQ(verdictOf(one[0]), "rejected:unknown_ticket") << one[0];
    EXPECT_EQ(verdictOf(one[1]), "rejected:duplicate_ticket") << one[1]; // P-0002 used it
    const auto two = push(m.t2, {hand::paper(m.t2, "T2-x1", m.tickets[0], "day", start, start + 3600, 60, 60, now),
                                 hand::paper(m.t2, "T2-x2", m.tickets[1], "visit", start, start + 3600, 60, 60, now)});
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(verdictOf(two[0]), "rejected:duplicate_ticket") << two[0]; // its own, again
    EXPECT_EQ(verdictOf(two[1]), "rejected:duplicate_ticket") << two[1]; // P-0001 used it
    for (const auto& r : {one, two})
        for (const auto& e : r)
            expectDetail(e);
}

TEST_F(HostileTerminalTest, AReusedSessionIdIsAConflict)
{
    auto otherStart = hand::close(m.t1, "T1-o1", m.e, m.o1Start + 60, at(7, 2, 10, 0), 120, 120);
    const auto r = push(m.t1, {hand::open(m.t1, "T1-s1", m.e, "day", at(7, 2, 9, 0)),
                               hand::close(m.t1, "T1-o1", m.a, m.o1Start, at(7, 2, 10, 0), 120, 120), otherStart,
                               hand::close(m.t1, "T1-s1", m.e, m.s1Start, m.s1Start + 5400, 90, 90)});
    ASSERT_EQ(r.size(), 4u);
    for (const auto& one : r) {
        EXPECT_EQ(verdictOf(one), "rejected:conflict") << one;
        expectDetail(one);
    }
}

TEST_F(HostileTerminalTest, ACancellationWithFreeTextOrAfterItsWindowIsRefused)
{
    const std::int64_t now = http::serverTime(m_port);
    const auto r = push(m.t1, {hand::cancel(m.t1, "T1-s2", m.b, m.s2Start, m.s2Close, "the mother felt unwell", now),
                               hand::cancel(m.t1, "T1-s2", m.b, m.s2Start, m.s2Close, "opened_by_mistake", now)});
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(verdictOf(r[0]), "rejected:invalid_event") << r[0];
    EXPECT_EQ(verdictOf(r[1]), "rejected:too_late_to_cancel") << r[1];
}

TEST_F(HostileTerminalTest, ClosingASessionHeldClosedIsAlreadyClosed)
{
    const auto r = pushOne(m.t1, hand::close(m.t1, "T1-s1", m.a, m.s1Start, m.s1Start + 7200, 120, 120));
    EXPECT_EQ(verdictOf(r), "rejected:already_closed") << r;
    for (const char* member : {"date", "start", "stop", "actual_minutes", "billed_minutes"})
        EXPECT_EQ(r["figures"][member], m.s1Figures[member]) << member << ": " << r;
}

TEST_F(HostileTerminalTest, DeepNestingAndOversizedFieldsAreMalformedAndTheLedgerGoesOn)
{
    const auto eventsBefore = m_ledger->run({"events"}).raw;
    // 20,000 levels inside body.coupon.
    auto deep = hand::open(m.t1, "T1-x1", m.e, "day", at(7, 2, 9, 0));
    deep["body"]["coupon"] = "@NEST@";
    std::string text = json{{"events", {deep}}}.dump();
    std::string nest;
    for (int i = 0; i < 20000; ++i)
        nest += "{\"a\":";
    nest += "1" + std::string(20000, '}');
    text.replace(text.find("\"@NEST@\""), 8, nest);
    const auto nested = pushRaw(m.t1, text);
    EXPECT_EQ(nested.status, 400) << nested.body;
    EXPECT_EQ(nested.error(), "malformed");
    expectServing();
    // 100 KB of reason, 100 KB of coupon id.
    const std::string big(100 * 1024, 'x');
    const auto reason = pushRaw(
        m.t1, json{{"events", {hand::cancel(m.t1, "T1-s2", m.b, m.s2Start, m.s2Close, big, at(7, 2, 11, 0))}}}.dump());
    EXPECT_EQ(reason.status, 400) << reason.body.substr(0, 300);
    EXPECT_EQ(reason.error(), "malformed");
    expectServing();
    const auto coupon = pushRaw(m.t1, json{{"events", {hand::open(m.t1, "T1-x2", big, "day", at(7, 2, 9, 0))}}}.dump());
    EXPECT_EQ(coupon.status, 400) << coupon.body.substr(0, 300);
    EXPECT_EQ(coupon.error(), "malformed");
    expectServing();
    // Nothing of them was stored.
    EXPECT_EQ(m_ledger->run({"events"}).raw, eventsBefore);
}

TEST_F(HostileTerminalTest, AnEnrolmentOf100KBIsRefusedBeforeItsBodyIsRead)
{
    // Only the head is sent: the answer comes without the body.
    const auto r = http::roundTrip(m_port, http::head("POST", "/v1/enrol", {{"Content-Type", "application/json"}},
                                                     100 * 1024));
    EXPECT_EQ(r.status, 413) << r.body;
    EXPECT_EQ(r.error(), "too_large") << r.body;
    expectServing();
    // An unsigned push of the same size likewise.
    const auto push = http::roundTrip(m_port, http::head("POST", "/v1/events", {}, 100 * 1024));
    EXPECT_EQ(push.status, 413) << push.body;
    expectServing();
}

TEST_F(HostileTerminalTest, ARevokedTerminalIsRefusedItsPushAndPull)
{
    const std::string code =
        m_ledger->must({"provider", "code", "--provider", "P-0001"}).at("enrolment_code").get<std::string>();
    HandTerminal stolen{http::enrol(m_port, code), 0};
    m_ledger->must({"terminal", "revoke", stolen.device.id, "--reason", "lost"});
    const auto p = pushRaw(stolen, json{{"events", {hand::open(stolen, "T3-x1", m.e, "day", at(7, 2, 9, 0))}}}.dump());
    EXPECT_EQ(p.status, 403) << p.body;
    EXPECT_EQ(p.error(), "terminal_revoked") << p.body;
    const auto q = pull(stolen);
    EXPECT_EQ(q.status, 403) << q.body;
    EXPECT_EQ(q.error(), "terminal_revoked") << q.body;
    bool listed = false;
    for (const auto& t : m_ledger->must({"terminals"}))
        if (t["terminal_id"] == stolen.device.id) {
            listed = true;
            EXPECT_EQ(t["state"], "revoked") << t;
            EXPECT_EQ(t["revoke_reason"], "lost") << t;
        }
    EXPECT_TRUE(listed);
}

TEST_F(HostileTerminalTest, ASuspendedProvidersTerminalIsRefusedItsPushAndPull)
{
    m_ledger->must({"provider", "suspend", "--provider", "P-0002"});
    m_providerSuspended = true;
    const std::int64_t now = http::serverTime(m_port);
    const auto p = pushRaw(
        m.t2, json{{"events", {hand::close(m.t2, "T2-o2", m.b, m.o2Start, now, 180, 180)}}}.dump());
    EXPECT_EQ(p.status, 403) << p.body;
    EXPECT_EQ(p.error(), "provider_suspended") << p.body;
    const auto q = pull(m.t2);
    EXPECT_EQ(q.status, 403) << q.body;
    EXPECT_EQ(q.error(), "provider_suspended") << q.body;
}

// Every cheat of the tests above that a batch can carry, in one batch: each is answered on its own.
TEST_F(HostileTerminalTest, EveryCheatInOneBatchIsRefusedEachWithItsReason)
{
    const std::int64_t now = http::serverTime(m_port);
    HandTerminal& t = m.t1;
    const std::int64_t ten = at(7, 2, 10, 0);
    auto otherMonth = hand::open(t, "T1-x1", m.e, "day", at(7, 1, 10, 0));
    otherMonth["body"]["date"] = "2026-06-30";
    auto correctedMonth =
        hand::correct(t, "T1-s7", m.b, m.s7Start, m.s7Close, m.s7Start, m.s7Start + 3600, 60, 60, now);
    correctedMonth["body"]["date"] = "2026-06-30";
    const std::int64_t long0 = at(6, 30, 8, 0);
    const std::int64_t start = at(7, 1, 14, 0);
    const std::vector<std::pair<json, std::string>> cheats{
        {hand::close(t, "T1-o1", m.e, m.o1Start, ten, 120, 240), "rejected:figures_mismatch"},
        {hand::close(t, "T1-o1", m.e, m.o1Start, ten, 150, 120), "rejected:figures_mismatch"},
        {hand::close(t, "T1-o1", m.e, m.o1Start, at(7, 2, 7, 0), 60, 60), "rejected:invalid_time"},
        {otherMonth, "rejected:figures_mismatch"},
        {correctedMonth, "rejected:figures_mismatch"},
        {hand::withOffset(hand::close(t, "T1-o1", m.e, m.o1Start, ten, 120, 120),
                          std::numeric_limits<std::int64_t>::max()),
         "rejected:invalid_time"},
        {hand::withOffset(hand::close(t, "T1-o1", m.e, m.o1Start, ten, 120, 120),
                          std::numeric_limits<std::int64_t>::min()),
         "rejected:invalid_time"},
        {hand::open(t, "T1-x2", m.e, "day", now + 3600), "rejected:invalid_time"},
        {hand::open(t, "T1-x3", m.e, "day", long0), "accepted"},
        {hand::close(t, "T1-x3", m.e, long0, long0 + 86400 + 60, 1441, 480), "rejected:invalid_time"},
        {hand::open(t, "T1-x4", m.e, "day", at(3, 15, 10, 0)), "rejected:too_old"},
        {hand::open(t, "T1-x5", m.f, "day", m.revokedAt + 60), "rejected:revoked"},
        {hand::paper(t, "T1-x6", "ABCDE-FGHJK", "day", start, start + 3600, 60, 60, now), "rejected:unknown_ticket"},
        {hand::paper(t, "T1-x7", m.tickets[0], "day", start, start + 3600, 60, 60, now), "rejected:duplicate_ticket"},
        {hand::paper(t, "T1-x8", m.tickets[1], "visit", start, start + 3600, 60, 60, now), "rejected:duplicate_ticket"},
        {hand::open(t, "T1-s1", m.e, "day", at(7, 2, 9, 0)), "rejected:conflict"},
        {hand::close(t, "T1-o1", m.a, m.o1Start, ten, 120, 120), "rejected:conflict"},
        {hand::close(t, "T1-o1", m.e, m.o1Start + 60, ten, 120, 120), "rejected:conflict"},
        {hand::cancel(t, "T1-s2", m.b, m.s2Start, m.s2Close, "the mother felt unwell", now), "rejected:invalid_event"},
        {hand::cancel(t, "T1-s2", m.b, m.s2Start, m.s2Close, "opened_by_mistake", now), "rejected:too_late_to_cancel"},
        {hand::close(t, "T1-s1", m.a, m.s1Start, m.s1Start + 7200, 120, 120), "rejected:already_closed"},
    };
    std::vector<json> batch;
    for (const auto& [e, expected] : cheats)
        batch.push_back(e);
    const auto r = push(t, batch);
    ASSERT_EQ(r.size(), cheats.size());
    for (std::size_t i = 0; i < cheats.size(); ++i) {
        EXPECT_EQ(verdictOf(r[i]), cheats[i].second) << "cheat " << i << ": " << r[i];
        EXPECT_EQ(r[i]["id"], cheats[i].first["id"]);
        if (cheats[i].second != "accepted")
            expectDetail(r[i]);
    }
}

} // namespace
} // namespace sango::itest
