// SyncEngine::runOnce against an in-memory ledger and store: batching, per-event answers, failures in the
// middle of a cycle (nothing lost, nothing counted twice), paging of changes, and the recorded outcome.
#include <gtest/gtest.h>

#include "client_fakes.h"
#include "sango/sync/ledger_client.h"
#include "sango/sync/sync_engine.h"

namespace sango::sync {
namespace {

using namespace sango::sync::testing;

constexpr std::int64_t kAhead = 42; // the ledger's clock runs 42 s ahead of the terminal's

class SyncEngineTest : public ::testing::Test {
protected:
    void SetUp() override { makeLocal(makeEvents(0)); }

    void makeLocal(std::vector<protocol::WireEvent> events)
    {
        m_local = std::make_unique<FakeLocal>(Identity{std::string(kBaseUrl), "P-0001-T01", m_key}, std::move(events));
    }

    SyncEngine engine(SyncOptions options = {}) { return SyncEngine(*m_local, m_client, m_clock, options, [] { return 0.5; }); }

    // Every event id the ledger accepted, each exactly once.
    void expectAcceptedExactlyOnce(int count)
    {
        auto lock = m_ledger.guard();
        EXPECT_EQ(m_ledger.acceptedCount.size(), static_cast<std::size_t>(count));
        for (const auto& [id, n] : m_ledger.acceptedCount)
            EXPECT_EQ(n, 1) << id << " was counted " << n << " times";
    }

    FakeClock m_clock{kStart};
    crypto::SigningKey m_key = crypto::SigningKey::generate();
    FakeLedger m_ledger{m_clock, publicKeyB64u(m_key), kAhead};
    LedgerClient m_client{m_ledger, std::string(kBaseUrl), m_clock};
    std::unique_ptr<FakeLocal> m_local;
};

TEST_F(SyncEngineTest, PushesTheOutboxInBatchesInEventOrder)
{
    makeLocal(makeEvents(450));
    SyncOptions options;
    options.maxBatchEvents = 200;
    auto e = SyncEngine(*m_local, m_client, m_clock, options, [] { return 0.5; });
    auto report = e.runOnce();
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->batches, 3);
    EXPECT_EQ(report->accepted, 450);
    EXPECT_EQ(report->duplicate, 0);
    EXPECT_EQ(report->rejected, 0);

    ASSERT_EQ(m_ledger.pushes.size(), 3u);
    EXPECT_EQ(m_ledger.pushes[0].size(), 200u);
    EXPECT_EQ(m_ledger.pushes[1].size(), 200u);
    EXPECT_EQ(m_ledger.pushes[2].size(), 50u);
    int seq = 1;
    for (const auto& push : m_ledger.pushes)
        for (const auto& id : push)
            EXPECT_EQ(id, "event-" + std::to_string(seq++));
    EXPECT_EQ(m_local->unanswered(), 0u);
    EXPECT_EQ(m_local->recordedBatches.size(), 3u);
    expectAcceptedExactlyOnce(450);

    // The clock was measured first and recorded with the store.
    ASSERT_EQ(m_local->clocks.size(), 1u);
    EXPECT_EQ(m_local->clocks[0].first, kAhead);
    EXPECT_EQ(m_local->clocks[0].second, kStart);

    ASSERT_EQ(m_local->outcomes.size(), 1u);
    EXPECT_EQ(m_local->outcomes[0].result, "ok");
    EXPECT_EQ(m_local->outcomes[0].accepted, 450);
    const auto state = e.state();
    EXPECT_TRUE(state.online);
    EXPECT_EQ(state.lastResult, "ok");
    EXPECT_EQ(state.lastSuccess, kStart);
    EXPECT_EQ(state.consecutiveFailures, 0);
}

TEST_F(SyncEngineTest, ByteBoundSplitsBatchesAndABigEventGoesAlone)
{
    // Bodies stay within what the ledger accepts of one event (protocol::kMaxEventBodyBytes).
    auto events = makeEvents(12, 300);
    events.push_back(makeEvents(1, 3000, 13)[0]); // larger than the whole bound
    events.push_back(makeEvents(1, 300, 14)[0]);
    const std::size_t one = eventBytes(events[0]);
    makeLocal(events);
    SyncOptions options;
    options.maxBatchBytes = 4 * one + one / 2; // four events per batch
    auto e = engine(options);
    auto report = e.runOnce();
    ASSERT_TRUE(report) << report.error().message;

    ASSERT_EQ(m_ledger.pushes.size(), 5u);
    EXPECT_EQ(m_ledger.pushes[0].size(), 4u);
    EXPECT_EQ(m_ledger.pushes[1].size(), 4u);
    EXPECT_EQ(m_ledger.pushes[2].size(), 4u);
    ASSERT_EQ(m_ledger.pushes[3].size(), 1u);
    EXPECT_EQ(m_ledger.pushes[3][0], "event-13");
    EXPECT_EQ(m_ledger.pushes[4].size(), 1u);
    expectAcceptedExactlyOnce(14);
}

TEST_F(SyncEngineTest, ARejectedEventDoesNotBlockTheOnesAfterIt)
{
    makeLocal(makeEvents(10));
    m_ledger.rejectIds = {"event-3"};
    SyncOptions options;
    options.maxBatchEvents = 4;
    auto e = engine(options);
    auto report = e.runOnce();
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->batches, 3);
    EXPECT_EQ(report->accepted, 9);
    EXPECT_EQ(report->rejected, 1);
    EXPECT_EQ(m_local->unanswered(), 0u);
    const auto& rejected = m_local->answers.at("event-3");
    EXPECT_EQ(rejected.status, protocol::EventStatus::rejected);
    EXPECT_EQ(rejected.reason, protocol::reason::revoked);
    EXPECT_EQ(m_local->answers.at("event-10").status, protocol::EventStatus::accepted);
    EXPECT_EQ(m_local->outcomes.back().rejected, 1);
}

TEST_F(SyncEngineTest, AnAnswerLostMidwayIsResentAndAnsweredDuplicate)
{
    makeLocal(makeEvents(450));
    m_ledger.dropAnswerOfPush = 1; // the ledger stores batch 2, but its answer never arrives
    SyncOptions options;
    options.maxBatchEvents = 200;
    auto e = engine(options);

    auto first = e.runOnce();
    ASSERT_FALSE(first);
    EXPECT_EQ(first.error().code, Errc::ledger_unreachable);
    EXPECT_EQ(m_local->recordedBatches.size(), 1u); // batch 1 was answered and recorded
    EXPECT_EQ(m_local->unanswered(), 250u);          // batch 2 (unanswered) and batch 3 (never sent) wait
    EXPECT_EQ(m_local->outcomes.back().result, "ledger_unreachable");
    EXPECT_EQ(m_local->outcomes.back().accepted, 200);
    EXPECT_FALSE(e.state().online);
    EXPECT_EQ(e.state().consecutiveFailures, 1);

    auto second = e.runOnce();
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(second->duplicate, 200);
    EXPECT_EQ(second->accepted, 50);
    EXPECT_EQ(m_local->unanswered(), 0u);
    const auto& resent = m_local->answers.at("event-201");
    EXPECT_EQ(resent.status, protocol::EventStatus::duplicate);
    EXPECT_EQ(resent.effective(), protocol::EventStatus::accepted);
    expectAcceptedExactlyOnce(450);
    EXPECT_EQ(e.state().consecutiveFailures, 0);
    EXPECT_TRUE(e.state().online);
}

TEST_F(SyncEngineTest, ARequestLostMidwayIsResentAndAccepted)
{
    makeLocal(makeEvents(450));
    m_ledger.losePush = 1;
    SyncOptions options;
    options.maxBatchEvents = 200;
    auto e = engine(options);
    ASSERT_FALSE(e.runOnce());
    EXPECT_EQ(m_local->unanswered(), 250u);
    auto second = e.runOnce();
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(second->accepted, 250);
    EXPECT_EQ(second->duplicate, 0);
    expectAcceptedExactlyOnce(450);
}

TEST_F(SyncEngineTest, AnswersThatDoNotMatchTheBatchRecordNothing)
{
    makeLocal(makeEvents(5));
    m_ledger.answerOneShort = true;
    auto e = engine();
    auto r = e.runOnce();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::ledger_error);
    EXPECT_NE(r.error().message.find("4 results for a batch of 5"), std::string::npos) << r.error().message;
    EXPECT_TRUE(m_local->recordedBatches.empty());
    EXPECT_EQ(m_local->unanswered(), 5u);
    EXPECT_EQ(m_local->outcomes.back().result, "ledger_error");
    EXPECT_TRUE(e.state().online); // the ledger answered, wrongly

    m_ledger.answerOneShort = false;
    m_ledger.answerOutOfOrder = true;
    auto r2 = e.runOnce();
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error().code, Errc::ledger_error);
    EXPECT_TRUE(m_local->recordedBatches.empty());
    EXPECT_EQ(m_local->unanswered(), 5u);
}

TEST_F(SyncEngineTest, ChangesArePagedUntilNoMoreAndTheCursorMoves)
{
    for (int i = 0; i < 7; ++i)
        m_ledger.changeLog.push_back(protocol::Change{i + 1, std::string(protocol::change_kind::revocation),
                                                      {{"coupon_id", "C" + std::to_string(i)}}});
    SyncOptions options;
    options.changesPageSize = 3;
    auto e = engine(options);
    auto report = e.runOnce();
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->changes, 7);
    EXPECT_EQ(report->batches, 0); // an empty outbox sends nothing
    EXPECT_TRUE(m_ledger.pushes.empty());
    ASSERT_EQ(m_ledger.changeTargets.size(), 3u);
    EXPECT_EQ(m_ledger.changeTargets[0], "/v1/changes?cursor=c0&limit=3");
    EXPECT_EQ(m_ledger.changeTargets[1], "/v1/changes?cursor=c3&limit=3");
    EXPECT_EQ(m_ledger.changeTargets[2], "/v1/changes?cursor=c6&limit=3");
    ASSERT_EQ(m_local->applied.size(), 7u);
    for (std::size_t i = 0; i < 7; ++i)
        EXPECT_EQ(m_local->applied[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(m_local->cursorValue, "c7");

    // Nothing new: one request from where it stopped.
    auto again = e.runOnce();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->changes, 0);
    ASSERT_EQ(m_ledger.changeTargets.size(), 4u);
    EXPECT_EQ(m_ledger.changeTargets[3], "/v1/changes?cursor=c7&limit=3");
}

TEST_F(SyncEngineTest, NotEnrolledIsReturnedAndRecorded)
{
    m_local->notEnrolled = true;
    auto e = engine();
    auto r = e.runOnce();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::not_enrolled);
    EXPECT_EQ(m_ledger.requestCount, 0);
    ASSERT_EQ(m_local->outcomes.size(), 1u);
    EXPECT_EQ(m_local->outcomes[0].result, "not_enrolled");
    EXPECT_FALSE(e.state().online);
    EXPECT_EQ(e.state().consecutiveFailures, 1);
    EXPECT_EQ(e.state().lastResult, "not_enrolled");
}

TEST_F(SyncEngineTest, ARefusalIsRecordedWithTheLedgersCode)
{
    // The store holds a key the ledger does not know: every signed request is refused.
    m_local = std::make_unique<FakeLocal>(Identity{std::string(kBaseUrl), "P-0001-T01", crypto::SigningKey::generate()},
                                          makeEvents(3));
    auto e = engine();
    auto r = e.runOnce();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::ledger_refused);
    EXPECT_EQ(m_local->outcomes.back().result, "ledger_refused:bad_signature");
    EXPECT_EQ(e.state().lastResult, "ledger_refused:bad_signature");
    EXPECT_TRUE(e.state().online);
    EXPECT_EQ(m_local->unanswered(), 3u);
}

TEST_F(SyncEngineTest, AFailedClockMeasurementFailsTheCycleBeforeAnyPush)
{
    makeLocal(makeEvents(3));
    m_ledger.failEverything = true;
    auto e = engine();
    auto r = e.runOnce();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::ledger_unreachable);
    EXPECT_TRUE(m_local->clocks.empty());
    EXPECT_EQ(m_local->outboxCalls, 0);
    EXPECT_EQ(m_local->outcomes.back().result, "ledger_unreachable");
    EXPECT_FALSE(e.state().online);
}

TEST_F(SyncEngineTest, AStoreFailureAbortsTheCycleWithItsCode)
{
    m_ledger.changeLog.push_back(protocol::Change{1, "balance", {{"coupon_id", "C1"}}});
    m_local->applyError = Error{Errc::disk_full, "the disk is full"};
    auto e = engine();
    auto r = e.runOnce();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::disk_full);
    EXPECT_EQ(m_local->cursorValue, "c0");
    EXPECT_EQ(m_local->outcomes.back().result, "disk_full");
    EXPECT_TRUE(e.state().online); // the ledger was fine
}

TEST_F(SyncEngineTest, AStoreThatForgetsAnswersStopsInsteadOfLooping)
{
    makeLocal(makeEvents(3));
    m_local->forgetResults = true;
    auto e = engine();
    auto r = e.runOnce();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::store_io);
    EXPECT_EQ(m_ledger.pushes.size(), 1u);
}

TEST(SyncEngineBackoff, DelaysDoubleUpToTheCapWithJitterInTheUpperHalf)
{
    SyncOptions o;
    o.initialBackoff = std::chrono::milliseconds(1000);
    o.maxBackoff = std::chrono::milliseconds(60'000);
    EXPECT_EQ(SyncEngine::backoffDelay(0, o, 0.5).count(), 0);
    EXPECT_EQ(SyncEngine::backoffDelay(-3, o, 0.5).count(), 0);

    std::int64_t previousCap = 0;
    for (int failures = 1; failures <= 40; ++failures) {
        std::int64_t d = 1000;
        for (int i = 1; i < failures && d < 60'000; ++i)
            d = std::min<std::int64_t>(d * 2, 60'000);
        EXPECT_GE(d, previousCap) << "caps must not shrink";
        previousCap = d;
        for (double j : {0.0, 0.25, 0.5, 0.999999, 1.0, -1.0, 7.0}) {
            const auto delay = SyncEngine::backoffDelay(failures, o, j).count();
            EXPECT_GE(delay, d / 2) << failures << " failures, jitter " << j;
            EXPECT_LT(delay, d) << failures << " failures, jitter " << j;
        }
    }
    EXPECT_EQ(SyncEngine::backoffDelay(1, o, 0.0).count(), 500);
    EXPECT_EQ(SyncEngine::backoffDelay(3, o, 0.0).count(), 2000);
    EXPECT_EQ(SyncEngine::backoffDelay(3, o, 0.5).count(), 3000);
    EXPECT_EQ(SyncEngine::backoffDelay(7, o, 0.0).count(), 30'000); // 64 s capped to 60 s
    EXPECT_EQ(SyncEngine::backoffDelay(1'000'000, o, 0.0).count(), 30'000);
    EXPECT_LT(SyncEngine::backoffDelay(1'000'000, o, 0.999999).count(), 60'000);
}

} // namespace
} // namespace sango::sync
