// SyncEngine's background thread: cycles on start(), waits (idle or backoff) that wake() and stop() cut
// short, and a stop() that returns promptly. Every synchronisation here is a condition variable or a
// promise; the timeouts only bound a failing test.
#include <future>

#include <gtest/gtest.h>

#include "client_fakes.h"
#include "sango/sync/ledger_client.h"
#include "sango/sync/sync_engine.h"

namespace sango::sync {
namespace {

using namespace sango::sync::testing;
using namespace std::chrono_literals;

constexpr auto kBound = 20s; // how long a broken test may take to fail

// Lets every held request go before the engine is destroyed (declared after the engine, so it runs first).
struct ReleaseOnExit {
    Gate& gate;
    ~ReleaseOnExit() { gate.releaseAll(); }
};

class SyncEngineBackgroundTest : public ::testing::Test {
protected:
    SyncEngineBackgroundTest()
    {
        m_options.idleInterval = 1h; // a test that relied on these waits ending would time out
        m_options.initialBackoff = 1h;
        m_options.maxBackoff = 2h;
        // Health opens every cycle: hold it at the gate.
        m_ledger.onRequest = [this](const HttpExchange& r) {
            if (targetOf(r) == protocol::kPathHealth)
                m_gate.enter();
        };
    }

    FakeClock m_clock{kStart};
    crypto::SigningKey m_key = crypto::SigningKey::generate();
    FakeLedger m_ledger{m_clock, publicKeyB64u(m_key), 0};
    LedgerClient m_client{m_ledger, std::string(kBaseUrl), m_clock};
    FakeLocal m_local{Identity{std::string(kBaseUrl), "P-0001-T01", m_key}, makeEvents(3)};
    Gate m_gate;
    SyncOptions m_options;
};

TEST_F(SyncEngineBackgroundTest, StartRunsACycleWakeRunsAnotherStopReturnsPromptly)
{
    SyncEngine engine(m_local, m_client, m_clock, m_options, [] { return 0.5; });
    ReleaseOnExit releaser{m_gate};
    engine.start();
    ASSERT_TRUE(m_gate.waitEntered(1, kBound));
    {
        auto lock = m_local.guard();
        EXPECT_TRUE(m_local.outcomes.empty()); // held at the gate: nothing recorded yet
    }
    m_gate.release(1);
    ASSERT_TRUE(m_local.waitOutcomes(1, kBound));
    EXPECT_EQ(m_local.unanswered(), 0u);

    // The engine now idles for an hour; wake() starts the next cycle at once.
    engine.wake();
    ASSERT_TRUE(m_gate.waitEntered(2, kBound));
    m_gate.release(2);
    ASSERT_TRUE(m_local.waitOutcomes(2, kBound));

    auto stopped = std::async(std::launch::async, [&] { engine.stop(); });
    ASSERT_EQ(stopped.wait_for(kBound), std::future_status::ready) << "stop() waited for the idle interval";
    EXPECT_EQ(m_gate.entered(), 2);
    engine.stop(); // idempotent
    const auto state = engine.state();
    EXPECT_TRUE(state.online);
    EXPECT_EQ(state.lastResult, "ok");
    EXPECT_EQ(state.consecutiveFailures, 0);
    auto lock = m_local.guard();
    EXPECT_EQ(m_local.outcomes.size(), 2u);
    EXPECT_EQ(m_local.outcomes[0].accepted, 3);
    EXPECT_EQ(m_local.outcomes[1].accepted, 0);
}

TEST_F(SyncEngineBackgroundTest, FailuresBackOffAndWakeCutsTheBackoffShort)
{
    {
        auto lock = m_ledger.guard();
        m_ledger.failEverything = true;
    }
    std::promise<void> backoffChosen;
    bool promised = false;
    SyncEngine engine(m_local, m_client, m_clock, m_options, [&] {
        // Drawn once per failed cycle, just before the backoff wait (on the engine's thread).
        if (!promised) {
            promised = true;
            backoffChosen.set_value();
        }
        return 0.5;
    });
    ReleaseOnExit releaser{m_gate};
    engine.start();
    ASSERT_TRUE(m_gate.waitEntered(1, kBound));
    m_gate.release(1);
    ASSERT_EQ(backoffChosen.get_future().wait_for(kBound), std::future_status::ready);
    EXPECT_EQ(m_gate.entered(), 1); // waiting out the backoff (45 min), not retrying at once

    engine.wake();
    ASSERT_TRUE(m_gate.waitEntered(2, kBound));
    {
        const auto state = engine.state(); // cycle 1's result, settled before cycle 2 began
        EXPECT_FALSE(state.online);
        EXPECT_EQ(state.consecutiveFailures, 1);
        EXPECT_EQ(state.lastResult, "ledger_unreachable");
        EXPECT_FALSE(state.lastSuccess.has_value());
    }
    m_gate.release(2);
    ASSERT_TRUE(m_local.waitOutcomes(2, kBound));

    {
        auto lock = m_ledger.guard();
        m_ledger.failEverything = false; // the network is back
    }
    engine.wake();
    ASSERT_TRUE(m_gate.waitEntered(3, kBound));
    EXPECT_EQ(engine.state().consecutiveFailures, 2);
    m_gate.release(3);
    ASSERT_TRUE(m_local.waitOutcomes(3, kBound));
    engine.stop();
    const auto state = engine.state();
    EXPECT_TRUE(state.online);
    EXPECT_EQ(state.consecutiveFailures, 0);
    EXPECT_EQ(state.lastSuccess, kStart);
    EXPECT_EQ(m_local.unanswered(), 0u);
}

TEST_F(SyncEngineBackgroundTest, StopDuringABlockedRequestReturnsOnceTheRequestEnds)
{
    SyncEngine engine(m_local, m_client, m_clock, m_options, [] { return 0.5; });
    ReleaseOnExit releaser{m_gate};
    engine.start();
    ASSERT_TRUE(m_gate.waitEntered(1, kBound));
    auto stopped = std::async(std::launch::async, [&] { engine.stop(); });
    m_gate.releaseAll(); // the request in flight ends (as a real one would, by answer or timeout)
    ASSERT_EQ(stopped.wait_for(kBound), std::future_status::ready);
    EXPECT_EQ(m_gate.entered(), 1); // no cycle after stop()
    EXPECT_TRUE(engine.state().lastAttempt.has_value());
}

TEST_F(SyncEngineBackgroundTest, StopFromTheSyncThreadEndsTheCycleBetweenBatches)
{
    FakeLocal local{Identity{std::string(kBaseUrl), "P-0001-T01", m_key}, makeEvents(450)};
    m_options.maxBatchEvents = 200;
    m_gate.releaseAll();
    SyncEngine engine(local, m_client, m_clock, m_options, [] { return 0.5; });
    std::promise<void> stopAsked;
    bool asked = false;
    m_ledger.onRequest = [&](const HttpExchange& r) {
        if (targetOf(r) == protocol::kPathEvents && !asked) {
            asked = true;
            engine.stop(); // on the engine's thread: asks, does not join
            stopAsked.set_value();
        }
    };
    engine.start();
    ASSERT_EQ(stopAsked.get_future().wait_for(kBound), std::future_status::ready);
    engine.stop(); // joins
    {
        auto lock = m_ledger.guard();
        EXPECT_EQ(m_ledger.pushes.size(), 1u); // the batch in flight was answered, no other was sent
    }
    EXPECT_EQ(local.unanswered(), 250u);
    EXPECT_TRUE(local.outcomes.empty()); // shutting down is not a sync failure

    // A cycle on the caller's thread is not affected by a stopped background thread.
    auto report = engine.runOnce();
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->accepted, 250);
    EXPECT_EQ(local.unanswered(), 0u);

    // And start() after stop() runs again.
    engine.start();
    ASSERT_TRUE(local.waitOutcomes(2, kBound));
    engine.stop();
}

TEST_F(SyncEngineBackgroundTest, TheDestructorStopsARunningEngine)
{
    {
        SyncEngine engine(m_local, m_client, m_clock, m_options, [] { return 0.5; });
        m_gate.releaseAll();
        engine.start();
        ASSERT_TRUE(m_local.waitOutcomes(1, kBound));
    } // joins here, without waiting for the idle hour
    EXPECT_EQ(m_local.unanswered(), 0u);
}

TEST_F(SyncEngineBackgroundTest, ARevokedTerminalStopsAskingASuspendedOneKeepsTrying)
{
    m_gate.releaseAll();
    {
        // The municipality revoked this terminal: one cycle, then the background thread ends for good.
        auto g = m_ledger.guard();
        m_ledger.pushReplyOverride = errorReply(403, protocol::request_error::terminal_revoked, "revoked", 1);
    }
    {
        SyncEngine engine(m_local, m_client, m_clock, m_options, [] { return 0.5; });
        engine.start();
        ASSERT_TRUE(m_local.waitOutcomes(1, kBound));
        engine.wake();
        engine.stop();
        EXPECT_EQ(engine.state().lastResult, "ledger_refused:terminal_revoked");
        auto g = m_ledger.guard();
        EXPECT_EQ(m_ledger.requestCount, 2); // health and the refused push, nothing after
    }
    {
        // A suspended provider may be resumed: the engine backs off and asks again when woken.
        auto g = m_ledger.guard();
        m_ledger.pushReplyOverride = errorReply(403, protocol::request_error::provider_suspended, "suspended", 1);
    }
    SyncEngine engine(m_local, m_client, m_clock, m_options, [] { return 0.5; });
    engine.start();
    ASSERT_TRUE(m_local.waitOutcomes(2, kBound));
    engine.wake();
    ASSERT_TRUE(m_local.waitOutcomes(3, kBound));
    engine.stop();
    EXPECT_EQ(engine.state().lastResult, "ledger_refused:provider_suspended");
}

} // namespace
} // namespace sango::sync
