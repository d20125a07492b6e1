// Reports (monthly lines, daily totals, billing totals per service and price period) over a small hand-made
// month, and their CSV and JSON renderings. The store is built here with its own provider profile: stay
// 1300 yen/h from 2026-04-01 and 1500 yen/h from 2026-04-16, day 3400, visit 5000 (tests/data otherwise),
// and the policy of tests/data (unit 30, floor, grace 5; day min 60 max 480; visit min 30 max 240; stay no
// bounds).
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sango/report_format.h"
#include "sango/reports.h"
#include "sango/terminal.h"
#include "store_fixture.h"

namespace sango::test {
namespace {

using nlohmann::json;
using std::chrono::minutes;

const std::string kBom = "\xEF\xBB\xBF";

date::year_month_day ymd(int y, unsigned m, unsigned d)
{
    return date::year_month_day{date::year{y}, date::month{m}, date::day{d}};
}

constexpr date::year_month kMarch = date::year{2026} / date::March;
constexpr date::year_month kApril = date::year{2026} / date::April;
constexpr date::year_month kMay = date::year{2026} / date::May;

// Splits CSV text (after the byte-order mark) into its lines, checking that every line ends in CRLF and that
// no bare LF or CR occurs.
std::vector<std::string> csvLines(const std::string& csv)
{
    std::vector<std::string> lines;
    EXPECT_EQ(csv.rfind(kBom, 0), 0u) << "no UTF-8 byte-order mark";
    std::size_t pos = kBom.size();
    while (pos < csv.size()) {
        const auto end = csv.find("\r\n", pos);
        EXPECT_NE(end, std::string::npos) << "a line without CRLF at " << pos;
        if (end == std::string::npos)
            break;
        const std::string line = csv.substr(pos, end - pos);
        EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << "a bare CR or LF in: " << line;
        lines.push_back(line);
        pos = end + 2;
    }
    return lines;
}

// A store, created with the given provider profile, and a Terminal over it on a FakeClock.
class ReportStore {
public:
    explicit ReportStore(const json& provider, Instant start) : m_clock(start)
    {
        m_where.dataDir = m_dir.path() / "data";
        InitialConfig config{"T1", readJson(testDataDir() / "policy.json"), provider, m_issuer.trustJson()};
        auto store = EventStore::create(m_where, config, m_clock.now());
        if (!store) {
            ADD_FAILURE() << store.error().message;
            return;
        }
        m_store = std::make_unique<EventStore>(std::move(*store));
        auto t = Terminal::load(*m_store, m_clock);
        if (!t) {
            ADD_FAILURE() << t.error().message;
            return;
        }
        m_terminal = std::make_unique<Terminal>(std::move(*t));
    }
    ReportStore(const ReportStore&) = delete;
    ReportStore& operator=(const ReportStore&) = delete;

    bool ok() const { return m_terminal != nullptr; }
    Terminal& terminal() { return *m_terminal; }
    EventStore& store() { return *m_store; }
    FakeClock& clock() { return m_clock; }
    const LocalTime& local() const { return m_terminal->localTime(); }
    Instant at(std::string_view iso) const { return m_terminal->localTime().parse(iso).value(); }
    Reports reports() const
    {
        return Reports(*m_store, m_terminal->policy(), m_terminal->provider(), m_terminal->localTime());
    }

    std::string qr(std::uint64_t n) const
    {
        TestIssuer::Claims c;
        c.couponId = TestIssuer::makeCouponId(n);
        return m_issuer.issue(c);
    }

    // Scans coupon n at `open` (opening) and, when `close` is given, again at `close`; returns the session.
    SessionRecord session(std::uint64_t n, Service service, std::string_view open, std::string_view close = {})
    {
        m_clock.set(at(open));
        auto o = m_terminal->scan(ScanInput::qr(qr(n)), service, "alice");
        EXPECT_TRUE(o) << open << ": " << o.error().message;
        if (!o)
            return {};
        EXPECT_EQ(o->action, ScanAction::opened) << open;
        if (close.empty())
            return o->session;
        m_clock.set(at(close));
        auto c = m_terminal->scan(ScanInput::qr(qr(n)), service, "alice");
        EXPECT_TRUE(c) << close << ": " << c.error().message;
        if (!c)
            return {};
        EXPECT_EQ(c->action, ScanAction::closed) << close;
        return c->session;
    }

private:
    TempDir m_dir;
    StoreLocation m_where;
    FakeClock m_clock;
    TestIssuer m_issuer;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<Terminal> m_terminal;
};

json providerWithStayPriceChange()
{
    json p = readJson(testDataDir() / "provider.json");
    p["prices"].push_back({{"service", "stay"}, {"yen_per_hour", 1500}, {"from", "2026-04-16"}});
    return p;
}

// The month, by hand (B = billed = floor((d + 5) / 30) * 30, then the service's bounds):
//   M   day   2026-03-31 22:00-23:30       d 90    B 90        (March: in no April figure)
//   D1  day   2026-04-03 10:00-11:35       d 95    B 90
//   D2  day   2026-04-03 13:00-14:00       d 60    B 60
//   S1  stay  2026-04-05 10:00-04-06 10:00 d 1440  B 1440      (stay price 1300)
//   V1  visit 2026-04-08 14:00-14:20       d 20    B 0 -> 30   (visit minimum)
//   V2  visit 2026-04-09 10:00-11:00       d 60    cancelled at 11:01: B 0, in no total
//   D3  day   2026-04-10 09:00-09:40       d 40    B 30 -> 60  (day minimum)
//   S2  stay  2026-04-15 23:50-04-16 01:20 d 90    B 90        (dated 04-15: price 1300)
//   S3  stay  2026-04-20 10:00-13:07       d 187   B 180       (price 1500)
//   S4  stay  paper P-100 2026-04-25 10:00-12:00 d 120 B 120   (price 1500)
//   V3  visit 2026-04-30 16:00-           open: in no total
//   Y   stay  2026-05-01 00:10-01:40       d 90    B 90        (May: in no April figure)
// Totals for April:
//   stay 04-01..04-15 @1300: S1 + S2 = 2 sessions, 1530 min, floor(1530 * 1300 / 60) = 33150
//   stay 04-16..04-30 @1500: S3 + S4 = 2 sessions,  300 min, floor( 300 * 1500 / 60) =  7500
//   day  @3400: D1 + D2 + D3 = 3 sessions, 210 min, floor(210 * 3400 / 60) = 11900
//   visit @5000: V1 = 1 session, 30 min, floor(30 * 5000 / 60) = 2500
//   total: 8 sessions, 2070 min, 55050 yen
class ReportsTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_s = std::make_unique<ReportStore>(providerWithStayPriceChange(), Instant{std::chrono::seconds(1774926000)});
        ASSERT_TRUE(m_s->ok());
        ASSERT_EQ(m_s->clock().now(), m_s->at("2026-03-31T12:00:00+09:00"));
        ReportStore& s = *m_s;
        m = s.session(1, Service::day, "2026-03-31T22:00:00+09:00", "2026-03-31T23:30:00+09:00");
        d1 = s.session(1, Service::day, "2026-04-03T10:00:00+09:00", "2026-04-03T11:35:00+09:00");
        d2 = s.session(2, Service::day, "2026-04-03T13:00:00+09:00", "2026-04-03T14:00:00+09:00");
        s1 = s.session(3, Service::stay, "2026-04-05T10:00:00+09:00", "2026-04-06T10:00:00+09:00");
        v1 = s.session(5, Service::visit, "2026-04-08T14:00:00+09:00", "2026-04-08T14:20:00+09:00");
        v2 = s.session(5, Service::visit, "2026-04-09T10:00:00+09:00", "2026-04-09T11:00:00+09:00");
        s.clock().set(s.at("2026-04-09T11:01:00+09:00"));
        auto cancelled = s.terminal().cancel(v2.sessionId, "alice", "mother_left");
        ASSERT_TRUE(cancelled) << cancelled.error().message;
        v2 = *cancelled;
        d3 = s.session(1, Service::day, "2026-04-10T09:00:00+09:00", "2026-04-10T09:40:00+09:00");
        s2 = s.session(4, Service::stay, "2026-04-15T23:50:00+09:00", "2026-04-16T01:20:00+09:00");
        s3 = s.session(4, Service::stay, "2026-04-20T10:00:00+09:00", "2026-04-20T13:07:00+09:00");
        v3 = s.session(6, Service::visit, "2026-04-30T16:00:00+09:00");
        y = s.session(7, Service::stay, "2026-05-01T00:10:00+09:00", "2026-05-01T01:40:00+09:00");
        auto paper = s.terminal().recordPaper("P-100", Service::stay, s.at("2026-04-25T10:00:00+09:00"),
                                              s.at("2026-04-25T12:00:00+09:00"), "mgr");
        ASSERT_TRUE(paper) << paper.error().message;
        s4 = *paper;

        // The hand figures above hold for each session.
        EXPECT_EQ(m.billedMinutes, 90);
        EXPECT_EQ(d1.billedMinutes, 90);
        EXPECT_EQ(d2.billedMinutes, 60);
        EXPECT_EQ(s1.billedMinutes, 1440);
        EXPECT_EQ(v1.billedMinutes, 30);
        EXPECT_EQ(v2.billedMinutes, 0);
        EXPECT_EQ(d3.billedMinutes, 60);
        EXPECT_EQ(s2.billedMinutes, 90);
        EXPECT_EQ(s3.billedMinutes, 180);
        EXPECT_EQ(s4.billedMinutes, 120);
        EXPECT_FALSE(v3.billedMinutes.has_value());
        EXPECT_EQ(y.billedMinutes, 90);
    }

    std::unique_ptr<ReportStore> m_s;
    SessionRecord m, d1, d2, s1, v1, v2, d3, s2, s3, s4, v3, y;
};

std::vector<std::string> ids(const std::vector<SessionRecord>& list)
{
    std::vector<std::string> out;
    for (const auto& s : list)
        out.push_back(s.sessionId);
    return out;
}

TEST_F(ReportsTest, MonthlyListsEverySessionOfTheMonthInStartOrder)
{
    auto april = m_s->reports().monthly(kApril);
    ASSERT_TRUE(april) << april.error().message;
    const std::vector<std::string> expected{d1.sessionId, d2.sessionId, s1.sessionId, v1.sessionId, v2.sessionId,
                                            d3.sessionId, s2.sessionId, s3.sessionId, s4.sessionId, v3.sessionId};
    EXPECT_EQ(ids(*april), expected);

    // Cancelled and open sessions appear, with their status.
    const auto& lines = *april;
    EXPECT_EQ(lines[4].status, SessionStatus::cancelled);
    EXPECT_EQ(lines[4].billedMinutes, 0);
    EXPECT_EQ(lines[4].actualMinutes, 60);
    EXPECT_EQ(lines[9].status, SessionStatus::open);
    EXPECT_FALSE(lines[9].stop.has_value());
    EXPECT_FALSE(lines[9].billedMinutes.has_value());
    EXPECT_EQ(lines[8].source, SessionSource::paper);
    EXPECT_EQ(lines[8].couponId, "P-100");
    EXPECT_EQ(lines[6].date, ymd(2026, 4, 15)); // S2 ends on the 16th, belongs to the 15th
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 7u, 8u})
        EXPECT_EQ(lines[i].status, SessionStatus::closed) << i;

    EXPECT_EQ(ids(m_s->reports().monthly(kMarch).value()), std::vector<std::string>{m.sessionId});
    EXPECT_EQ(ids(m_s->reports().monthly(kMay).value()), std::vector<std::string>{y.sessionId});
}

TEST_F(ReportsTest, DailyHasALinePerDateAndServiceWithClosedSessions)
{
    auto daily = m_s->reports().daily(kApril);
    ASSERT_TRUE(daily) << daily.error().message;
    struct Want {
        date::year_month_day date;
        Service service;
        int sessions;
        std::int64_t billed;
    };
    // 04-09 (V2, cancelled) and 04-30 (V3, open) have no line.
    const std::vector<Want> want{{ymd(2026, 4, 3), Service::day, 2, 150},   {ymd(2026, 4, 5), Service::stay, 1, 1440},
                                 {ymd(2026, 4, 8), Service::visit, 1, 30},  {ymd(2026, 4, 10), Service::day, 1, 60},
                                 {ymd(2026, 4, 15), Service::stay, 1, 90},  {ymd(2026, 4, 20), Service::stay, 1, 180},
                                 {ymd(2026, 4, 25), Service::stay, 1, 120}};
    ASSERT_EQ(daily->size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ((*daily)[i].date, want[i].date) << i;
        EXPECT_EQ((*daily)[i].service, want[i].service) << i;
        EXPECT_EQ((*daily)[i].sessions, want[i].sessions) << i;
        EXPECT_EQ((*daily)[i].billedMinutes, want[i].billed) << i;
    }
    auto march = m_s->reports().daily(kMarch).value();
    ASSERT_EQ(march.size(), 1u);
    EXPECT_EQ(march[0].date, ymd(2026, 3, 31));
    EXPECT_EQ(march[0].billedMinutes, 90);
}

TEST_F(ReportsTest, TotalsPerServiceAndPricePeriodWithATotalLine)
{
    auto totals = m_s->reports().totals(kApril);
    ASSERT_TRUE(totals) << totals.error().message;
    ASSERT_EQ(totals->size(), 5u);
    const auto& t = *totals;

    EXPECT_EQ(t[0].service, "stay");
    EXPECT_EQ(t[0].sessions, 2);
    EXPECT_EQ(t[0].billedMinutes, 1530);
    EXPECT_EQ(t[0].yenPerHour, 1300);
    EXPECT_EQ(t[0].amountYen, 33150);
    EXPECT_EQ(t[0].from, ymd(2026, 4, 1));
    EXPECT_EQ(t[0].to, ymd(2026, 4, 15));

    EXPECT_EQ(t[1].service, "stay");
    EXPECT_EQ(t[1].sessions, 2);
    EXPECT_EQ(t[1].billedMinutes, 300);
    EXPECT_EQ(t[1].yenPerHour, 1500);
    EXPECT_EQ(t[1].amountYen, 7500);
    EXPECT_EQ(t[1].from, ymd(2026, 4, 16));
    EXPECT_EQ(t[1].to, ymd(2026, 4, 30));

    EXPECT_EQ(t[2].service, "day");
    EXPECT_EQ(t[2].sessions, 3);
    EXPECT_EQ(t[2].billedMinutes, 210);
    EXPECT_EQ(t[2].yenPerHour, 3400);
    EXPECT_EQ(t[2].amountYen, 11900);

    EXPECT_EQ(t[3].service, "visit");
    EXPECT_EQ(t[3].sessions, 1); // V2 cancelled and V3 open count in no total
    EXPECT_EQ(t[3].billedMinutes, 30);
    EXPECT_EQ(t[3].yenPerHour, 5000);
    EXPECT_EQ(t[3].amountYen, 2500);

    EXPECT_EQ(t[4].service, "total");
    EXPECT_EQ(t[4].sessions, 8);
    EXPECT_EQ(t[4].billedMinutes, 2070);
    EXPECT_FALSE(t[4].yenPerHour.has_value());
    EXPECT_EQ(t[4].amountYen, 55050);
    // The total line is the sum of the lines above it.
    int sessions = 0;
    std::int64_t billed = 0;
    std::int64_t yen = 0;
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        sessions += t[i].sessions;
        billed += t[i].billedMinutes;
        yen += t[i].amountYen;
    }
    EXPECT_EQ(t[4].sessions, sessions);
    EXPECT_EQ(t[4].billedMinutes, billed);
    EXPECT_EQ(t[4].amountYen, yen);
}

TEST_F(ReportsTest, TotalsOfAMonthWithOnlyTheLaterStayPrice)
{
    // May: only the 1500 price is in force; Y (stay, 90 min) is the only session.
    auto totals = m_s->reports().totals(kMay);
    ASSERT_TRUE(totals) << totals.error().message;
    ASSERT_EQ(totals->size(), 4u);
    EXPECT_EQ((*totals)[0].service, "stay");
    EXPECT_EQ((*totals)[0].yenPerHour, 1500);
    EXPECT_EQ((*totals)[0].sessions, 1);
    EXPECT_EQ((*totals)[0].billedMinutes, 90);
    EXPECT_EQ((*totals)[0].amountYen, 2250); // 90 * 1500 / 60
    EXPECT_EQ((*totals)[1].sessions, 0);
    EXPECT_EQ((*totals)[2].sessions, 0);
    EXPECT_EQ((*totals)[3].service, "total");
    EXPECT_EQ((*totals)[3].amountYen, 2250);
}

TEST_F(ReportsTest, CorrectionShowsInTheMonthlyLineAndTheTotals)
{
    // D3 really ran 09:00-10:35: d = 95, B = 90 (was 60). Day total 240 min: 240 * 3400 / 60 = 13600.
    m_s->clock().set(m_s->at("2026-05-02T09:00:00+09:00"));
    auto c = m_s->terminal().correct(d3.sessionId, m_s->at("2026-04-10T09:00:00+09:00"),
                                     m_s->at("2026-04-10T10:35:00+09:00"), "mgr", "forgotten_stop");
    ASSERT_TRUE(c) << c.error().message;
    const auto lines = m_s->reports().monthly(kApril).value();
    const auto it = std::find_if(lines.begin(), lines.end(),
                                 [&](const SessionRecord& s) { return s.sessionId == d3.sessionId; });
    ASSERT_NE(it, lines.end());
    EXPECT_EQ(it->billedMinutes, 90);
    EXPECT_EQ(it->actualMinutes, 95);
    EXPECT_EQ(it->correctionReason, "forgotten_stop");
    EXPECT_TRUE(it->hasFlag("corrected"));
    const json j = sessionJson(*it, m_s->local());
    EXPECT_EQ(j.at("stop"), "2026-04-10T10:35:00+09:00");
    EXPECT_EQ(j.at("correction_reason"), "forgotten_stop");
    EXPECT_EQ(j.at("flags"), json::array({"corrected"}));

    const auto totals = m_s->reports().totals(kApril).value();
    ASSERT_EQ(totals.size(), 5u);
    EXPECT_EQ(totals[2].service, "day");
    EXPECT_EQ(totals[2].sessions, 3);
    EXPECT_EQ(totals[2].billedMinutes, 240);
    EXPECT_EQ(totals[2].amountYen, 13600);
    EXPECT_EQ(totals[4].billedMinutes, 2100);
    EXPECT_EQ(totals[4].amountYen, 55050 - 11900 + 13600);
}

TEST_F(ReportsTest, HeaderNamesMonthProviderPolicyAndPriceTable)
{
    const Instant now = m_s->at("2026-05-02T09:30:00+09:00");
    const ReportHeader h = m_s->reports().header(kApril, now);
    EXPECT_EQ(h.month, kApril);
    EXPECT_EQ(h.providerId, "P-0001");
    EXPECT_EQ(h.providerName, "みなと助産院");
    EXPECT_EQ(h.municipality, "131016");
    EXPECT_EQ(h.policyVersion, "2026-04-01.1");
    EXPECT_EQ(h.priceTableVersion, "2026-04-16"); // the latest `from`
    EXPECT_EQ(h.generatedAt, now);
    const json j = headerJson(h, m_s->local());
    EXPECT_EQ(j.at("month"), "2026-04");
    EXPECT_EQ(j.at("provider_id"), "P-0001");
    EXPECT_EQ(j.at("price_table_version"), "2026-04-16");
    EXPECT_EQ(j.at("generated_at"), "2026-05-02T09:30:00+09:00");
}

// ---- renderings of the real reports -------------------------------------------------------------------

TEST_F(ReportsTest, MonthlyCsv)
{
    const Table t = sessionTable(m_s->reports().monthly(kApril).value(), m_s->local());
    const std::vector<std::string> columns{"session_id", "coupon_id",      "source",         "service", "date",
                                           "start",      "stop",           "actual_minutes", "billed_minutes",
                                           "staff_id",   "status",         "flags",          "correction_reason"};
    EXPECT_EQ(t.columns, columns);
    const std::string csv = t.toCsv();
    const auto lines = csvLines(csv);
    ASSERT_EQ(lines.size(), 11u);
    EXPECT_EQ(lines[0], "session_id,coupon_id,source,service,date,start,stop,actual_minutes,billed_minutes,staff_id,"
                        "status,flags,correction_reason");
    const std::string c1 = TestIssuer::makeCouponId(1);
    EXPECT_EQ(lines[1], d1.sessionId + "," + c1 +
                            ",qr,day,2026-04-03,2026-04-03T10:00:00+09:00,2026-04-03T11:35:00+09:00,95,90,alice,"
                            "closed,,");
    EXPECT_EQ(lines[5], v2.sessionId + "," + TestIssuer::makeCouponId(5) +
                            ",qr,visit,2026-04-09,2026-04-09T10:00:00+09:00,2026-04-09T11:00:00+09:00,60,0,alice,"
                            "cancelled,,mother_left");
    EXPECT_EQ(lines[7], s2.sessionId + "," + TestIssuer::makeCouponId(4) +
                            ",qr,stay,2026-04-15,2026-04-15T23:50:00+09:00,2026-04-16T01:20:00+09:00,90,90,alice,"
                            "closed,,");
    EXPECT_EQ(lines[9], s4.sessionId +
                            ",P-100,paper,stay,2026-04-25,2026-04-25T10:00:00+09:00,2026-04-25T12:00:00+09:00,120,"
                            "120,mgr,closed,,");
    EXPECT_EQ(lines[10], v3.sessionId + "," + TestIssuer::makeCouponId(6) +
                             ",qr,visit,2026-04-30,2026-04-30T16:00:00+09:00,,,,alice,open,,");
}

TEST_F(ReportsTest, MonthlyJsonHasTypedValues)
{
    const json j = sessionTable(m_s->reports().monthly(kApril).value(), m_s->local()).toJson();
    ASSERT_TRUE(j.is_array());
    ASSERT_EQ(j.size(), 10u);
    for (const auto& row : j)
        EXPECT_EQ(row.size(), 13u);
    const json& first = j[0];
    EXPECT_EQ(first.at("session_id"), d1.sessionId);
    EXPECT_EQ(first.at("start"), "2026-04-03T10:00:00+09:00");
    EXPECT_TRUE(first.at("actual_minutes").is_number_integer());
    EXPECT_EQ(first.at("actual_minutes"), 95);
    EXPECT_TRUE(first.at("billed_minutes").is_number_integer());
    EXPECT_EQ(first.at("billed_minutes"), 90);
    EXPECT_TRUE(first.at("flags").is_array());
    EXPECT_TRUE(first.at("flags").empty());
    EXPECT_EQ(first.at("status"), "closed");
    const json& cancelled = j[4];
    EXPECT_EQ(cancelled.at("status"), "cancelled");
    EXPECT_EQ(cancelled.at("billed_minutes"), 0);
    const json& open = j[9];
    EXPECT_EQ(open.at("status"), "open");
    EXPECT_TRUE(open.at("stop").is_null());
    EXPECT_TRUE(open.at("actual_minutes").is_null());
    EXPECT_TRUE(open.at("billed_minutes").is_null());
    EXPECT_EQ(j[8].at("source"), "paper");
}

TEST_F(ReportsTest, DailyCsvAndJson)
{
    const Table t = dailyTable(m_s->reports().daily(kApril).value());
    EXPECT_EQ(t.toCsv(), kBom +
                             "date,service,sessions,billed_minutes\r\n"
                             "2026-04-03,day,2,150\r\n"
                             "2026-04-05,stay,1,1440\r\n"
                             "2026-04-08,visit,1,30\r\n"
                             "2026-04-10,day,1,60\r\n"
                             "2026-04-15,stay,1,90\r\n"
                             "2026-04-20,stay,1,180\r\n"
                             "2026-04-25,stay,1,120\r\n");
    const json j = t.toJson();
    ASSERT_EQ(j.size(), 7u);
    EXPECT_EQ(j[0], json({{"date", "2026-04-03"}, {"service", "day"}, {"sessions", 2}, {"billed_minutes", 150}}));
    EXPECT_TRUE(j[0].at("sessions").is_number_integer());
    EXPECT_TRUE(j[0].at("billed_minutes").is_number_integer());
}

TEST_F(ReportsTest, TotalsCsvAndJson)
{
    const Table t = totalsTable(m_s->reports().totals(kApril).value());
    EXPECT_EQ(t.toCsv(), kBom +
                             "service,sessions,billed_minutes,yen_per_hour,amount_yen\r\n"
                             "stay,2,1530,1300,33150\r\n"
                             "stay,2,300,1500,7500\r\n"
                             "day,3,210,3400,11900\r\n"
                             "visit,1,30,5000,2500\r\n"
                             "total,8,2070,,55050\r\n");
    const json j = t.toJson();
    ASSERT_GE(j.size(), 4u);
    EXPECT_EQ(j[0], json({{"service", "stay"},
                          {"sessions", 2},
                          {"billed_minutes", 1530},
                          {"yen_per_hour", 1300},
                          {"amount_yen", 33150}}));
    EXPECT_TRUE(j[1].at("amount_yen").is_number_integer());
    // Wherever the total line is rendered, its yen_per_hour is empty (null).
    for (const auto& row : j) {
        if (row.at("service") == "total") {
            EXPECT_TRUE(row.at("yen_per_hour").is_null());
        }
    }
}

// ---- the table format itself ------------------------------------------------------------------------------

TEST(TableFormat, CsvQuotesFieldsPerRfc4180AndJoinsLists)
{
    Table t{{"text", "number", "empty", "list"}, {}};
    t.rows.push_back({std::string("a,b"), std::int64_t{42}, std::monostate{},
                      std::vector<std::string>{"capped", "corrected"}});
    t.rows.push_back({std::string("say \"hi\""), std::int64_t{-7}, std::string(), std::vector<std::string>{}});
    t.rows.push_back({std::string("two\nlines"), std::int64_t{0}, std::string("plain"),
                      std::vector<std::string>{"unverified"}});
    EXPECT_EQ(t.toCsv(), kBom +
                             "text,number,empty,list\r\n"
                             "\"a,b\",42,,capped;corrected\r\n"
                             "\"say \"\"hi\"\"\",-7,,\r\n"
                             "\"two\nlines\",0,plain,unverified\r\n");
}

TEST(TableFormat, JsonHasTypedValues)
{
    Table t{{"text", "number", "empty", "list"}, {}};
    t.rows.push_back({std::string("a,b"), std::int64_t{42}, std::monostate{},
                      std::vector<std::string>{"capped", "corrected"}});
    const json j = t.toJson();
    ASSERT_TRUE(j.is_array());
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0].at("text"), "a,b");
    EXPECT_TRUE(j[0].at("number").is_number_integer());
    EXPECT_EQ(j[0].at("number"), 42);
    EXPECT_TRUE(j[0].at("empty").is_null());
    EXPECT_EQ(j[0].at("list"), json::array({"capped", "corrected"}));
    EXPECT_EQ(Table({{"a"}, {}}).toJson(), json::array());
    EXPECT_EQ(Table({{"a"}, {}}).toCsv(), kBom + "a\r\n");
}

TEST(TableFormat, SessionLinesFormatTimesFlagsAndReason)
{
    const auto local = LocalTime::forZone("Asia/Tokyo");
    ASSERT_TRUE(local) << local.error().message;
    SessionRecord s;
    s.sessionId = "T1-000042";
    s.couponId = "0000000000000001";
    s.source = SessionSource::manual;
    s.service = Service::visit;
    s.start = local->parse("2026-04-03T10:07:00+09:00").value();
    s.stop = local->parse("2026-04-03T12:00:30+09:00").value();
    s.date = ymd(2026, 4, 3);
    s.actualMinutes = 113;
    s.billedMinutes = 60;
    s.staffId = "m.yamada";
    s.status = SessionStatus::closed;
    s.flags = {"capped", "corrected"};
    s.correctionReason = "forgotten_stop";

    const Table t = sessionTable({s}, *local);
    const auto lines = csvLines(t.toCsv());
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1], "T1-000042,0000000000000001,manual,visit,2026-04-03,2026-04-03T10:07:00+09:00,"
                        "2026-04-03T12:00:30+09:00,113,60,m.yamada,closed,capped;corrected,forgotten_stop");
    const json j = sessionJson(s, *local);
    EXPECT_EQ(j.at("start"), "2026-04-03T10:07:00+09:00");
    EXPECT_EQ(j.at("flags"), json::array({"capped", "corrected"}));
    EXPECT_EQ(j.at("correction_reason"), "forgotten_stop");
    EXPECT_EQ(j.at("actual_minutes"), 113);
    EXPECT_EQ(j.at("source"), "manual");
}

// ---- a service offered without any price --------------------------------------------------------------------

// The provider offers visit but has no visit price: visit time is reported on a line with no price, counted
// in the total's sessions and minutes but not its yen.
class UnpricedServiceTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        json p = readJson(testDataDir() / "provider.json");
        json prices = json::array();
        for (const auto& price : p["prices"])
            if (price["service"] != "visit")
                prices.push_back(price);
        p["prices"] = prices;
        m_s = std::make_unique<ReportStore>(p, Instant{std::chrono::seconds(1774926000)});
        ASSERT_TRUE(m_s->ok());
    }
    std::unique_ptr<ReportStore> m_s;
};

TEST_F(UnpricedServiceTest, UnpricedLineCoversTheWholeMonth)
{
    // 04-01 and 04-30 visits of 60 min each: 60 billed each.
    m_s->session(1, Service::visit, "2026-04-01T10:00:00+09:00", "2026-04-01T11:00:00+09:00");
    m_s->session(1, Service::visit, "2026-04-30T10:00:00+09:00", "2026-04-30T11:00:00+09:00");
    const auto t = m_s->reports().totals(kApril).value();
    const auto visit = std::find_if(t.begin(), t.end(), [](const TotalsRow& r) { return r.service == "visit"; });
    ASSERT_NE(visit, t.end());
    EXPECT_FALSE(visit->yenPerHour.has_value());
    EXPECT_EQ(visit->sessions, 2);
    EXPECT_EQ(visit->billedMinutes, 120);
    EXPECT_EQ(visit->amountYen, 0);
    EXPECT_EQ(t.back().service, "total");
    EXPECT_EQ(t.back().sessions, 2);
    EXPECT_EQ(t.back().billedMinutes, 120);
    EXPECT_EQ(t.back().amountYen, 0);
}

// Regression: with no price at all for a service, the "unpriced" range once ended on 30 December, so in
// December a session dated the 31st was dropped from the unpriced line and from the total.
TEST_F(UnpricedServiceTest, UnpricedLineCoversTheThirtyFirstOfDecember)
{
    m_s->session(1, Service::visit, "2026-12-30T10:00:00+09:00", "2026-12-30T11:00:00+09:00");
    m_s->session(1, Service::visit, "2026-12-31T10:00:00+09:00", "2026-12-31T11:00:00+09:00");
    const auto december = date::year{2026} / date::December;
    ASSERT_EQ(m_s->reports().daily(december).value().size(), 2u);
    const auto t = m_s->reports().totals(december).value();
    const auto visit = std::find_if(t.begin(), t.end(), [](const TotalsRow& r) { return r.service == "visit"; });
    ASSERT_NE(visit, t.end());
    EXPECT_EQ(visit->sessions, 2);
    EXPECT_EQ(visit->billedMinutes, 120);
    EXPECT_EQ(t.back().service, "total");
    EXPECT_EQ(t.back().sessions, 2);
    EXPECT_EQ(t.back().billedMinutes, 120);
}

} // namespace
} // namespace sango::test
