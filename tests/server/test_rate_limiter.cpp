// RateLimiter on a FakeClock: the limit, the sliding window, the exact wait it tells, independent keys,
// the bound on remembered keys, and exactness under threads.
#include <atomic>
#include <cstddef>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "sango/server/rate_limiter.h"

namespace sango::server::test {
namespace {

using std::chrono::seconds;

Instant at(long long s)
{
    return Instant(seconds(1'700'000'000 + s));
}

TEST(RateLimiter, AllowsTheLimitThenRefusesForTheRestOfTheWindow)
{
    FakeClock clock(at(0));
    RateLimiter limiter(clock, {3, seconds(60)});
    for (int i = 0; i < 3; ++i) {
        const auto verdict = limiter.hit("10.0.0.1");
        EXPECT_TRUE(verdict.allowed) << i;
        EXPECT_EQ(verdict.retryAfter, seconds(0));
    }
    const auto refused = limiter.hit("10.0.0.1");
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retryAfter, seconds(60));

    clock.set(at(59));
    EXPECT_FALSE(limiter.wouldAllow("10.0.0.1"));
    EXPECT_EQ(limiter.hit("10.0.0.1").retryAfter, seconds(1));
    // All three leave the window together: three more, not four.
    clock.set(at(60));
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(limiter.hit("10.0.0.1").allowed) << i;
    EXPECT_FALSE(limiter.hit("10.0.0.1").allowed);
}

TEST(RateLimiter, TheWindowSlidesEventByEvent)
{
    FakeClock clock(at(0));
    RateLimiter limiter(clock, {3, seconds(60)});
    ASSERT_TRUE(limiter.hit("k").allowed); // t=0
    clock.set(at(10));
    ASSERT_TRUE(limiter.hit("k").allowed); // t=10
    clock.set(at(20));
    ASSERT_TRUE(limiter.hit("k").allowed); // t=20

    clock.set(at(30));
    auto verdict = limiter.hit("k");
    EXPECT_FALSE(verdict.allowed);
    EXPECT_EQ(verdict.retryAfter, seconds(30)); // when t=0 leaves: at 60

    // At 60 only the event of t=0 has left: one more is allowed, and the next waits for t=10 to leave.
    clock.set(at(60));
    EXPECT_TRUE(limiter.wouldAllow("k"));
    EXPECT_TRUE(limiter.hit("k").allowed);
    verdict = limiter.hit("k");
    EXPECT_FALSE(verdict.allowed);
    EXPECT_EQ(verdict.retryAfter, seconds(10));

    // A refused event is not recorded: waiting exactly the time told is enough.
    clock.set(at(70));
    EXPECT_TRUE(limiter.hit("k").allowed);
    verdict = limiter.hit("k");
    EXPECT_FALSE(verdict.allowed);
    EXPECT_EQ(verdict.retryAfter, seconds(10)); // t=20 leaves at 80
}

TEST(RateLimiter, NoWindowEverHoldsMoreThanTheLimit)
{
    // One hit a second for ten minutes against 5 per 60 s: every 60-second window has at most 5.
    FakeClock clock(at(0));
    RateLimiter limiter(clock, {5, seconds(60)});
    std::vector<long long> allowedAt;
    for (long long t = 0; t < 600; ++t) {
        clock.set(at(t));
        if (limiter.hit("k").allowed)
            allowedAt.push_back(t);
    }
    EXPECT_EQ(allowedAt.size(), 50u); // 5 in each of ten windows: as many as the limit lets through
    for (std::size_t i = 5; i < allowedAt.size(); ++i)
        EXPECT_GE(allowedAt[i] - allowedAt[i - 5], 60) << "six events within 60 s at " << allowedAt[i];
}

TEST(RateLimiter, WouldAllowRecordsNothing)
{
    FakeClock clock(at(0));
    RateLimiter limiter(clock, {2, seconds(10)});
    for (int i = 0; i < 10; ++i)
        EXPECT_TRUE(limiter.wouldAllow("k"));
    EXPECT_TRUE(limiter.hit("k").allowed);
    EXPECT_TRUE(limiter.wouldAllow("k"));
    EXPECT_TRUE(limiter.hit("k").allowed);
    EXPECT_FALSE(limiter.wouldAllow("k"));
    EXPECT_FALSE(limiter.hit("k").allowed);
}

TEST(RateLimiter, KeysAreIndependent)
{
    FakeClock clock(at(0));
    RateLimiter limiter(clock, {1, seconds(60)});
    EXPECT_TRUE(limiter.hit("10.0.0.1|enrol").allowed);
    EXPECT_FALSE(limiter.hit("10.0.0.1|enrol").allowed);
    EXPECT_TRUE(limiter.hit("10.0.0.1|auth").allowed);
    EXPECT_TRUE(limiter.hit("10.0.0.2|enrol").allowed);
    EXPECT_TRUE(limiter.hit("10.0.0.1").allowed);
    EXPECT_FALSE(limiter.hit("10.0.0.1|auth").allowed);
    EXPECT_FALSE(limiter.hit("10.0.0.2|enrol").allowed);
}

TEST(RateLimiter, TheLeastRecentlyHitKeyIsForgottenFirst)
{
    FakeClock clock(at(0));
    RateLimiter limiter(clock, {1, seconds(60)}, 2);
    ASSERT_TRUE(limiter.hit("a").allowed);
    ASSERT_TRUE(limiter.hit("b").allowed);
    ASSERT_FALSE(limiter.hit("a").allowed); // a is now the most recently hit, though refused
    ASSERT_TRUE(limiter.hit("c").allowed);  // a third key: b goes
    EXPECT_FALSE(limiter.wouldAllow("a"));
    EXPECT_FALSE(limiter.wouldAllow("c"));
    EXPECT_TRUE(limiter.wouldAllow("b")); // forgotten

    // A flood of new keys washes out all of them, whatever their number: memory stays at maxKeys.
    for (int i = 0; i < 10000; ++i)
        ASSERT_TRUE(limiter.hit("flood-" + std::to_string(i)).allowed);
    EXPECT_TRUE(limiter.wouldAllow("a"));
    EXPECT_TRUE(limiter.wouldAllow("c"));
    EXPECT_FALSE(limiter.wouldAllow("flood-9999"));
    EXPECT_FALSE(limiter.wouldAllow("flood-9998"));
    EXPECT_TRUE(limiter.wouldAllow("flood-9997"));
}

TEST(RateLimiter, WouldAllowDoesNotKeepAKeyFromBeingForgotten)
{
    FakeClock clock(at(0));
    RateLimiter limiter(clock, {1, seconds(60)}, 2);
    ASSERT_TRUE(limiter.hit("a").allowed);
    ASSERT_TRUE(limiter.hit("b").allowed);
    EXPECT_FALSE(limiter.wouldAllow("a")); // looks only
    ASSERT_TRUE(limiter.hit("c").allowed); // a is still the least recently hit
    EXPECT_TRUE(limiter.wouldAllow("a"));
    EXPECT_FALSE(limiter.wouldAllow("b"));
}

TEST(RateLimiter, ExactlyTheLimitIsAllowedAcrossThreads)
{
    FakeClock clock(at(0));
    constexpr std::size_t limit = 50;
    RateLimiter limiter(clock, {limit, seconds(60)}, 4);
    constexpr int threads = 8;
    constexpr int hitsEach = 200;
    std::atomic<std::size_t> allowed{0};
    std::atomic<std::size_t> allowedOther{0};
    std::latch start(threads);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            start.arrive_and_wait();
            for (int i = 0; i < hitsEach; ++i) {
                if (limiter.hit("shared").allowed)
                    ++allowed;
                // Other keys at the same time (as many as maxKeys allows with "shared", so none is forgotten).
                if (limiter.hit("other-" + std::to_string((t + i) % 3)).allowed)
                    ++allowedOther;
            }
        });
    for (auto& worker : workers)
        worker.join();
    EXPECT_EQ(allowed.load(), limit);
    EXPECT_EQ(allowedOther.load(), 3 * limit);
    EXPECT_FALSE(limiter.wouldAllow("shared"));
}

TEST(RateLimiter, ALimitOfNoneAllowsNothingAndANoWindowEverything)
{
    FakeClock clock(at(0));
    RateLimiter none(clock, {0, seconds(60)});
    EXPECT_FALSE(none.wouldAllow("k"));
    const auto verdict = none.hit("k");
    EXPECT_FALSE(verdict.allowed);
    EXPECT_EQ(verdict.retryAfter, seconds(60));

    RateLimiter unlimited(clock, {1, seconds(0)});
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(unlimited.hit("k").allowed);
}

TEST(RateLimiter, AClockSteppingBackRefusesForAtMostOneWindow)
{
    FakeClock clock(at(1000));
    RateLimiter limiter(clock, {1, seconds(60)});
    ASSERT_TRUE(limiter.hit("k").allowed);
    clock.set(at(0)); // an hour and more back
    const auto verdict = limiter.hit("k");
    EXPECT_FALSE(verdict.allowed);
    EXPECT_EQ(verdict.retryAfter, seconds(60));
    clock.set(at(60));
    EXPECT_TRUE(limiter.hit("k").allowed);
}

} // namespace
} // namespace sango::server::test
