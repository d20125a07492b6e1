// Exactly-once effect through faults: thousands of events sync through a TCP proxy that drops requests before
// the ledger sees them, drops answers after the ledger committed, truncates and delays answers; the terminal and
// the ledger are killed with SIGKILL in the middle of syncing. At the end both sides hold the same events, the
// same minutes and the same yen, and no event twice.
//
// The events are recorded in-process through the terminal library on the real encrypted store (the binary
// would take minutes to make 2,000 of them); everything on the wire is the real `sango sync` and the real
// `sango-ledger serve`.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "fault_proxy.h"
#include "ledger_runner.h"
#include "sango/event_store.h"
#include "sango/terminal.h"
#include "sango_runner.h"

namespace sango::itest {
namespace {

// The ledger lives from the end of May; the sessions fill June.
const Instant kLedgerStart = jst(2026, 5, 31, 9, 0);
const Instant kFirstSession = jst(2026, 6, 1, 9, 0);

class SyncFaultsTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_ledger = std::make_unique<LedgerRunner>(m_tmp.path() / "ledger", kLedgerStart);
        m_ledger->init();
        m_ledger->startServer();
        m_terminal = std::make_unique<Sango>(m_tmp.path() / "t1");
        m_terminal->setNow(jst(2026, 6, 1, 8, 0));
        auto r = m_terminal->run({"enroll", "--ledger", m_ledger->url(), "--code",
                                  m_ledger->addProvider("P-0001", m_tmp.path())});
        ASSERT_EQ(r.exit, 0) << r;
        for (int i = 0; i < 10; ++i)
            m_coupons.push_back(m_ledger->issue("disability")); // 5,040 minutes each
    }

    // `sessions` stay sessions of 35 minutes (billed 30), one after the other, round the coupons: 2 events each.
    void recordSessions(int sessions)
    {
        auto store = EventStore::open(StoreLocation{m_terminal->dataDir(), {}});
        ASSERT_TRUE(store) << store.error().message;
        FakeClock clock(kFirstSession);
        auto t = Terminal::load(*store, clock);
        ASSERT_TRUE(t) << t.error().message;
        for (int i = 0; i < sessions; ++i) {
            clock.set(kFirstSession + std::chrono::minutes(36 * i));
            const std::string& qr = m_coupons[static_cast<std::size_t>(i) % m_coupons.size()].qr;
            auto opened = t->scan(ScanInput::qr(qr), Service::stay, "s1");
            ASSERT_TRUE(opened && opened->action == ScanAction::opened) << i;
            clock.advance(std::chrono::minutes(35));
            auto closed = t->scan(ScanInput::qr(qr), Service::stay, "s1");
            ASSERT_TRUE(closed && closed->action == ScanAction::closed) << i;
            ASSERT_EQ(closed->session.billedMinutes, 30);
        }
    }

    CliResult syncVia(const std::string& url, int batch, Instant at)
    {
        return m_terminal->run({"sync", "--once", "--ledger", url, "--batch-events", std::to_string(batch)}, at);
    }

    // Both ends agree: every session event accepted once, nothing rejected, the same minutes and yen, the same
    // balance per coupon, an empty queue and attention list, an intact chain.
    void expectBothEndsEqual(std::size_t events, const Instant at)
    {
        // A last clean cycle brings the balances down.
        auto last = syncVia(m_ledger->url(), 200, at);
        ASSERT_EQ(last.exit, 0) << last;
        auto accepted = m_ledger->must({"events", "--status", "accepted"});
        auto all = m_ledger->must({"events"});
        std::set<std::string> ids;
        for (const auto& e : all)
            ids.insert(e["id"].get<std::string>());
        EXPECT_EQ(ids.size(), all.size()) << "an event id appears twice at the ledger";
        EXPECT_EQ(accepted.size(), events);
        EXPECT_EQ(all.size(), events) << "rejected events: " << m_ledger->must({"events", "--status", "rejected"});

        auto status = m_terminal->run({"status"}, at);
        EXPECT_EQ(status.out["queue_length"], 0) << status;
        EXPECT_TRUE(status.out["attention"].empty()) << status;
        EXPECT_EQ(m_terminal->run({"audit"}, at).out["intact"], true);

        auto ledgerTotals = m_ledger->must({"totals", "--provider", "P-0001", "--month", "2026-06"});
        auto localTotals = m_terminal->run({"report", "totals", "--month", "2026-06"}, at);
        ASSERT_EQ(localTotals.exit, 0) << localTotals;
        EXPECT_EQ(ledgerTotals, localTotals.out);
        EXPECT_EQ(sumOf(localTotals.out, "billed_minutes"), static_cast<std::int64_t>(events / 2) * 30);
        EXPECT_EQ(sumOf(localTotals.out, "amount_yen"), static_cast<std::int64_t>(events / 2) * 30 * 1300 / 60);
        for (const auto& c : m_coupons) {
            auto atLedger = m_ledger->must({"balance", c.id});
            auto here = m_terminal->run({"balance", c.id}, at);
            EXPECT_EQ(here.out["source"], "ledger") << here;
            EXPECT_EQ(here.out["used_minutes"], atLedger["used_minutes"]) << here << atLedger;
            EXPECT_EQ(here.out["balance_minutes"], atLedger["balance_minutes"]) << here << atLedger;
        }
    }

    test::TempDir m_tmp;
    std::unique_ptr<LedgerRunner> m_ledger;
    std::unique_ptr<Sango> m_terminal;
    std::vector<LedgerRunner::Coupon> m_coupons;
};

TEST_F(SyncFaultsTest, TwoThousandEventsThroughDroppedTruncatedAndSlowExchanges)
{
    recordSessions(1000);
    test::FaultProxy proxy("127.0.0.1", m_ledger->port());
    proxy.setRandomFaults(0.3, 20261125);
    proxy.setSlowDelay(std::chrono::milliseconds(20));
    const std::string url = "http://127.0.0.1:" + std::to_string(proxy.port());
    const Instant at = jst(2026, 7, 1, 9, 0);
    m_ledger->setTime(at);
    int attempts = 0;
    int failures = 0;
    for (;; ++attempts) {
        ASSERT_LT(attempts, 400) << "the sync never completed";
        auto r = syncVia(url, 25, at + std::chrono::seconds(attempts));
        if (r.exit == 0 && r.out["queue_length"] == 0)
            break;
        if (r.exit != 0) {
            ++failures;
            EXPECT_EQ(r.exit, 4) << r; // a network error, never anything else
        }
    }
    const auto stats = proxy.stats();
    EXPECT_GT(failures, 0);
    EXPECT_GT(stats.dropped, 0u);
    EXPECT_GT(stats.truncated, 0u);
    EXPECT_GT(stats.slowed, 0u);
    proxy.stop();
    expectBothEndsEqual(2000, at + std::chrono::hours(1));
}

TEST_F(SyncFaultsTest, SigkillOfTheTerminalAndOfTheLedgerInTheMiddleOfSyncing)
{
    recordSessions(300);
    test::FaultProxy proxy("127.0.0.1", m_ledger->port());
    // Every answer is late: a kill lands while the ledger has committed and the terminal has not heard.
    proxy.setPolicy([](std::uint64_t) { return test::Fault::slowResponse; });
    proxy.setSlowDelay(std::chrono::milliseconds(30));
    const std::string url = "http://127.0.0.1:" + std::to_string(proxy.port());
    const Instant at = jst(2026, 7, 1, 9, 0);
    m_ledger->setTime(at);
    const std::vector<std::string> args{"sync", "--once", "--ledger", url, "--batch-events", "10"};

    int kills = 0;
    for (int round = 0; round < 12; ++round) {
        test::Child sync(m_terminal->argv(args), Sango::options(at + std::chrono::minutes(round)));
        // Kill after 1 to 4 more exchanges have completed: mid-batch, between batches, or during the pull.
        const std::uint64_t target = proxy.stats().exchanges + 1 + static_cast<std::uint64_t>(round % 4);
        const bool reached = proxy.waitForExchanges(target, std::chrono::seconds(60));
        if (round == 5 || round == 9) {
            // The ledger too dies mid-sync, and comes back on the same port.
            const std::uint16_t port = m_ledger->port();
            m_ledger->killServer();
            m_ledger->startServer("127.0.0.1:" + std::to_string(port));
            ASSERT_EQ(m_ledger->port(), port);
        }
        sync.kill(SIGKILL);
        auto r = sync.wait();
        if (r.signal == SIGKILL)
            ++kills;
        ASSERT_TRUE(reached || r.signal == 0) << "the sync stalled: " << r.err;
        // Whatever happened, the terminal's store is whole.
        ASSERT_EQ(m_terminal->run({"audit"}, at).out["intact"], true);
    }
    EXPECT_GE(kills, 6);
    proxy.stop();
    expectBothEndsEqual(600, at + std::chrono::hours(1));
}

} // namespace
} // namespace sango::itest
