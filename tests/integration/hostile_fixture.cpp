// The hostile-terminal suite's stage (hostile_fixture.h): the honest month, built once, copied per test.
#include "hostile_fixture.h"

#include <cctype>
#include <filesystem>
#include <stdexcept>

namespace sango::itest {

namespace {

const Instant kLedgerStart = jst(2026, 3, 1, 9, 0);

std::unique_ptr<test::TempDir> g_template; // the stage's ledger directory, copied by every test
std::string g_templateDatabase;            // on PostgreSQL: the stage's database, copied by every test
std::unique_ptr<HonestStage> g_stage;     // what the honest month left
std::string g_stageError;                  // why the stage could not be built, or ""

std::int64_t at(int mo, int d, int h, int mi)
{
    return epoch(jst(2026, static_cast<unsigned>(mo), static_cast<unsigned>(d), h, mi));
}

// The coupon id as a person types it from the card: lower case, in groups of four.
std::string typed(const std::string& id)
{
    std::string out;
    for (std::size_t i = 0; i < id.size(); ++i) {
        if (i && i % 4 == 0)
            out += '-';
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(id[i])));
    }
    return out;
}

} // namespace

namespace hand {

json common(const std::string& sessionId, const std::string& staff)
{
    return {{"session_id", sessionId},
            {"staff_id", staff},
            {"flags", json::array()},
            {"clock", {{"offset_s", 0}, {"verified", true}}}};
}

json event(HandTerminal& t, const std::string& type, std::int64_t at, json body)
{
    return {{"id", crypto::randomUuid()}, {"seq", ++t.seq}, {"type", type}, {"at", at}, {"body", std::move(body)}};
}

json open(HandTerminal& t, const std::string& sessionId, const std::string& coupon,
          const std::string& service, std::int64_t start, const std::string& source)
{
    json b = common(sessionId);
    b.update({{"coupon_id", coupon},
              {"source", source},
              {"service", service},
              {"start", start},
              {"date", dateJst(Instant(std::chrono::seconds(start)))},
              {"coupon", json::object()}});
    return event(t, "session_opened", start, std::move(b));
}

json close(HandTerminal& t, const std::string& sessionId, const std::string& coupon,
           std::int64_t sessionStart, std::int64_t stop, int actual, int billed)
{
    json b = common(sessionId);
    b.update({{"coupon_id", coupon},
              {"session_start", sessionStart},
              {"stop", stop},
              {"actual_minutes", actual},
              {"billed_minutes", billed},
              {"by_scan", true},
              {"coupon", json::object()}});
    return event(t, "session_closed", stop, std::move(b));
}

json cancel(HandTerminal& t, const std::string& sessionId, const std::string& coupon,
            std::int64_t sessionStart, const std::string& corrects, const std::string& reason,
            std::int64_t at)
{
    json b = common(sessionId);
    b.update({{"coupon_id", coupon}, {"session_start", sessionStart}, {"corrects", corrects}, {"reason", reason}});
    return event(t, "session_cancelled", at, std::move(b));
}

json correct(HandTerminal& t, const std::string& sessionId, const std::string& coupon,
             std::int64_t sessionStart, const std::string& corrects, std::int64_t start,
             std::int64_t stop, int actual, int billed, std::int64_t at)
{
    json b = common(sessionId, "M1");
    b["flags"] = {"corrected"};
    b.update({{"coupon_id", coupon},
              {"session_start", sessionStart},
              {"corrects", corrects},
              {"start", start},
              {"stop", stop},
              {"date", dateJst(Instant(std::chrono::seconds(start)))},
              {"actual_minutes", actual},
              {"billed_minutes", billed},
              {"reason", "forgotten_stop"}});
    return event(t, "session_corrected", at, std::move(b));
}

json paper(HandTerminal& t, const std::string& sessionId, const std::string& ticket,
           const std::string& service, std::int64_t start, std::int64_t stop, int actual,
           int billed, std::int64_t at)
{
    json b = common(sessionId, "M1");
    b.update({{"ticket", ticket},
              {"service", service},
              {"start", start},
              {"stop", stop},
              {"date", dateJst(Instant(std::chrono::seconds(start)))},
              {"actual_minutes", actual},
              {"billed_minutes", billed}});
    return event(t, "paper_session", at, std::move(b));
}

json withOffset(json e, json offset)
{
    e["body"]["clock"] = {{"offset_s", std::move(offset)}, {"verified", true}};
    return e;
}

json push(std::uint16_t port, const HandTerminal& t, const std::vector<json>& events)
{
    const auto r = http::signedCall(port, t.device, "POST", "/v1/events", json{{"events", events}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    const auto j = r.json();
    if (r.status != 200 || !j.is_object() || !j.contains("results") || j["results"].size() != events.size()) {
        ADD_FAILURE() << "no answer per event: " << r.body;
        return json::array();
    }
    return j["results"];
}

} // namespace hand

http::Reply HostileTerminalTest::pushRaw(const HandTerminal& t, const std::string& body) const
{
    return http::signedCall(m_port, t.device, "POST", "/v1/events", body);
}

json HostileTerminalTest::pushOne(const HandTerminal& t, const json& e) const
{
    auto results = push(t, {e});
    return results.empty() ? json::object() : results[0];
}

http::Reply HostileTerminalTest::pull(const HandTerminal& t) const
{
    return http::signedCall(m_port, t.device, "GET", "/v1/changes?cursor=" + t.device.cursor + "&limit=100");
}

void HostileTerminalTest::expectServing() const
{
    EXPECT_EQ(http::call(m_port, "GET", "/v1/health").status, 200) << "the ledger stopped serving";
}

std::string ledgerBooks(const LedgerRunner& ledger, const HonestStage& s)
{
    std::string out;
    for (const char* provider : {"P-0001", "P-0002"})
        for (const char* month : {"2026-03", "2026-06", "2026-07"}) {
            auto r = ledger.run({"totals", "--provider", provider, "--month", month});
            if (r.exit != 0)
                throw std::runtime_error("sango-ledger totals failed: " + r.raw + r.err);
            out += std::string("totals ") + provider + " " + month + "\n" + r.raw;
        }
    for (const auto& coupon : {s.a, s.b, s.c, s.d, s.e, s.f}) {
        auto r = ledger.run({"balance", coupon});
        if (r.exit != 0)
            throw std::runtime_error("sango-ledger balance failed: " + r.raw + r.err);
        out += "balance " + coupon + "\n" + r.raw;
    }
    return out;
}

std::int64_t HostileTerminalTest::used(const std::string& coupon) const
{
    return m_ledger->must({"balance", coupon}).at("used_minutes").get<std::int64_t>();
}

namespace {

void buildStage()
{
    g_template = std::make_unique<test::TempDir>();
    auto stage = std::make_unique<HonestStage>();
    HonestStage& s = *stage;
    LedgerRunner ledger(g_template->path() / "ledger", kLedgerStart);
    g_templateDatabase = ledger.database();
    ledger.init();
    const std::string code1 = ledger.addProvider("P-0001", g_template->path());
    const std::string code2 = ledger.addProvider("P-0002", g_template->path());
    s.a = ledger.issue("standard").id;
    s.b = ledger.issue("standard").id;
    s.c = ledger.issue("disability").id; // 5,040 minutes: room for a stay
    s.d = ledger.issue("standard").id;
    s.e = ledger.issue("standard").id;
    s.f = ledger.issue("standard").id;
    const json paperSwitch = ledger.must({"revoke", s.d, "--reason", "paper", "--tickets", "3"});
    for (const auto& t : paperSwitch.at("tickets"))
        s.tickets.push_back(t.get<std::string>());
    if (s.tickets.size() != 3)
        throw std::runtime_error("sango-ledger revoke --tickets 3 gave " + paperSwitch.dump());
    ledger.startServer();
    const std::uint16_t port = ledger.port();
    s.t1.device = http::enrol(port, code1);
    s.t2.device = http::enrol(port, code2);

    // The honest month, pushed the next day.
    ledger.setTime(jst(2026, 7, 2, 11, 50));
    HandTerminal& t1 = s.t1;
    HandTerminal& t2 = s.t2;
    s.s1Start = at(6, 2, 10, 0);
    s.s2Start = at(6, 3, 14, 0);
    s.s7Start = at(7, 1, 10, 0);
    s.o1Start = at(7, 2, 8, 0);
    s.o2Start = at(7, 2, 9, 0);
    const json s1Close = hand::close(t1, "T1-s1", s.a, s.s1Start, s.s1Start + 90 * 60, 90, 90);
    const json s2Close = hand::close(t1, "T1-s2", typed(s.b), s.s2Start, s.s2Start + 70 * 60, 70, 60);
    s.s1Close = s1Close["id"].get<std::string>();
    s.s2Close = s2Close["id"].get<std::string>();
    std::vector<json> first{hand::open(t1, "T1-s1", s.a, "day", s.s1Start), s1Close,
                            hand::open(t1, "T1-s2", typed(s.b), "visit", s.s2Start, "manual"), s2Close};
    // A stay of a night.
    const std::int64_t s3 = at(6, 5, 10, 0);
    first.push_back(hand::open(t1, "T1-s3", s.c, "stay", s3));
    first.push_back(hand::close(t1, "T1-s3", s.c, s3, s3 + 86400, 1440, 1440));
    // A forgotten stop, corrected by the manager.
    const std::int64_t s4 = at(6, 10, 9, 0);
    first.push_back(hand::open(t1, "T1-s4", s.b, "day", s4));
    const json s4Close = hand::close(t1, "T1-s4", s.b, s4, s4 + 9 * 3600, 540, 480);
    first.push_back(s4Close);
    first.push_back(hand::correct(t1, "T1-s4", s.b, s4, s4Close["id"].get<std::string>(), s4, s4 + 2 * 3600, 120,
                                  120, s4 + 9 * 3600 + 1800));
    // Cancelled three minutes after its stop.
    const std::int64_t s5 = at(6, 12, 10, 0);
    first.push_back(hand::open(t1, "T1-s5", s.a, "day", s5));
    const json s5Close = hand::close(t1, "T1-s5", s.a, s5, s5 + 3600, 60, 60);
    first.push_back(s5Close);
    first.push_back(hand::cancel(t1, "T1-s5", s.a, s5, s5Close["id"].get<std::string>(), "opened_by_mistake",
                                 s5 + 3600 + 180));
    // Across midnight at the end of the month: June's.
    const std::int64_t s6 = at(6, 30, 23, 0);
    first.push_back(hand::open(t1, "T1-s6", s.a, "day", s6));
    first.push_back(hand::close(t1, "T1-s6", s.a, s6, s6 + 90 * 60, 90, 90));
    first.push_back(hand::open(t1, "T1-s7", s.b, "day", s.s7Start));
    const json s7Close = hand::close(t1, "T1-s7", s.b, s.s7Start, s.s7Start + 3600, 60, 60);
    s.s7Close = s7Close["id"].get<std::string>();
    first.push_back(s7Close);
    first.push_back(hand::paper(t1, "T1-p1", s.tickets[1], "visit", at(6, 22, 14, 0), at(6, 22, 15, 0), 60, 60,
                                  at(6, 22, 16, 0)));
    first.push_back(hand::open(t1, "T1-o1", s.e, "day", s.o1Start));
    const json r1 = hand::push(port, t1, first);
    for (std::size_t i = 0; i < r1.size(); ++i) {
        if (verdictOf(r1[i]) != "accepted")
            throw std::runtime_error("the honest month's event " + std::to_string(i) + " of P-0001 was answered " +
                                     r1[i].dump());
        if (r1[i]["id"] == s.s1Close)
            s.s1Figures = r1[i]["figures"];
    }
    const std::int64_t u1 = at(6, 15, 10, 0);
    const json r2 = hand::push(
        port, t2, {hand::open(t2, "T2-u1", s.a, "day", u1), hand::close(t2, "T2-u1", s.a, u1, u1 + 7200, 120, 120),
             hand::paper(t2, "T2-p0", s.tickets[0], "day", at(6, 20, 10, 0), at(6, 20, 11, 30), 90, 90,
                           at(6, 20, 12, 0)),
             hand::open(t2, "T2-o2", s.b, "visit", s.o2Start)});
    for (std::size_t i = 0; i < r2.size(); ++i)
        if (verdictOf(r2[i]) != "accepted")
            throw std::runtime_error("the honest month's event " + std::to_string(i) + " of P-0002 was answered " +
                                     r2[i].dump());
    if (r1.size() != first.size() || r2.size() != 4)
        throw std::runtime_error("the honest month was not answered in full");

    // A coupon withdrawn just before now.
    ledger.setTime(jst(2026, 7, 2, 11, 58));
    ledger.must({"revoke", s.f, "--reason", "withdrawn"});
    s.revokedAt = epoch(jst(2026, 7, 2, 11, 58));
    if (ledger.stopServer() != 0)
        throw std::runtime_error("sango-ledger serve did not stop cleanly");
    ledger.setTime(hostileNow());
    s.books = ledgerBooks(ledger, s);
    g_stage = std::move(stage);
}

} // namespace

void HostileTerminalTest::SetUpTestSuite()
{
    try {
        buildStage();
    } catch (const std::exception& e) {
        g_stageError = e.what();
    }
}

void HostileTerminalTest::TearDownTestSuite()
{
    g_stage.reset();
    g_template.reset();
}

void HostileTerminalTest::SetUp()
{
    ASSERT_TRUE(g_stageError.empty() && g_stage) << "the honest month could not be staged: " << g_stageError;
    m = *g_stage;
    if (g_templateDatabase.empty())
        std::filesystem::copy(g_template->path() / "ledger", m_tmp.path() / "ledger",
                              std::filesystem::copy_options::recursive);
    m_ledger = std::make_unique<LedgerRunner>(m_tmp.path() / "ledger", cheatTime(), g_templateDatabase);
    m_ledger->startServer();
    m_port = m_ledger->port();
}

void HostileTerminalTest::TearDown()
{
    if (!m_ledger || m_port == 0)
        return;
    // The cheats gained nothing: the books are byte for byte the honest month's.
    EXPECT_EQ(ledgerBooks(*m_ledger, m), m.books) << "the municipality's books changed";
    if (m_providerSuspended)
        m_ledger->must({"provider", "resume", "--provider", "P-0002"});
    // And an honest terminal loses nothing: its next events are accepted and billed as the policy says.
    const std::int64_t now = http::serverTime(m_port);
    const int day = static_cast<int>((now - m.o1Start) / 60);
    const int visit = static_cast<int>((now - m.o2Start) / 60);
    const auto billed = [](int actual, int max) { return std::min((actual + 5) / 30 * 30, max); };
    const json r1 =
        push(m.t1, {hand::close(m.t1, "T1-o1", m.e, m.o1Start, now, day, billed(day, 480)),
                    hand::paper(m.t1, "T1-p2", m.tickets[2], "day", at(7, 2, 9, 0), at(7, 2, 10, 0), 60, 60, now)});
    const json r2 = push(m.t2, {hand::close(m.t2, "T2-o2", m.b, m.o2Start, now, visit, billed(visit, 240))});
    for (const auto& r : {r1, r2})
        for (const auto& one : r)
            EXPECT_EQ(verdictOf(one), "accepted") << "an honest event after the cheats: " << one.dump();
    EXPECT_EQ(used(m.e), billed(day, 480));
    EXPECT_EQ(used(m.d), 90 + 60 + 60);
    m_ledger->stopServer();
}

} // namespace sango::itest
