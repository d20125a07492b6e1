// WedgeDetector: a fast burst ended by Enter is a scan; slow keys are typing and given back in order; a burst
// broken midway, too short, or too long is typing too.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "sango/hal/wedge_detector.h"

namespace sango::hal {
namespace {

using std::chrono::milliseconds;
using namespace std::chrono_literals;

// Feeds each character `step` after the previous one, from `at`; returns the keys given back on the way.
std::size_t type(WedgeDetector& detector, std::string_view text, milliseconds& at, milliseconds step)
{
    std::size_t released = 0;
    for (const char c : text) {
        at += step;
        const auto decision = detector.feed(static_cast<char32_t>(c), at);
        EXPECT_TRUE(decision.hold) << "key '" << c << "'";
        EXPECT_FALSE(decision.scan);
        released += decision.release;
    }
    return released;
}

TEST(WedgeDetector, FastBurstEndedByEnterIsAScan)
{
    WedgeDetector detector;
    milliseconds at{1000};
    EXPECT_EQ(type(detector, "SGC1:abc.def", at, 4ms), 0u);
    EXPECT_EQ(detector.held(), 12u);
    const auto decision = detector.enter(at + 4ms);
    ASSERT_TRUE(decision.scan);
    EXPECT_EQ(*decision.scan, "SGC1:abc.def");
    EXPECT_EQ(decision.release, 0u);
    EXPECT_EQ(detector.held(), 0u);
    EXPECT_FALSE(detector.deadline());
}

TEST(WedgeDetector, KeysExactlyMaxGapApartStillABurst)
{
    WedgeDetector detector;
    milliseconds at{0};
    type(detector, "7K3Q9M2X4T8V", at, 35ms);
    EXPECT_TRUE(detector.enter(at + 35ms).scan);
}

TEST(WedgeDetector, SlowTypingIsGivenBackKeyByKey)
{
    WedgeDetector detector;
    milliseconds at{0};
    at += 150ms;
    auto d = detector.feed(U'h', at);
    EXPECT_TRUE(d.hold);
    EXPECT_EQ(d.release, 0u);
    for (const char32_t c : std::u32string(U"ello")) {
        at += 150ms;
        d = detector.feed(c, at);
        EXPECT_EQ(d.release, 1u); // the previous key was typing
        EXPECT_TRUE(d.hold);
    }
    ASSERT_EQ(detector.deadline(), at + 35ms);
    EXPECT_EQ(detector.expire(at + 35ms).release, 0u); // not yet over
    EXPECT_EQ(detector.expire(at + 36ms).release, 1u);
    EXPECT_EQ(detector.held(), 0u);
    const auto enter = detector.enter(at + 500ms);
    EXPECT_FALSE(enter.scan);
    EXPECT_EQ(enter.release, 0u);
}

TEST(WedgeDetector, BurstBrokenMidwayIsTyping)
{
    WedgeDetector detector;
    milliseconds at{0};
    type(detector, "ABCDE", at, 5ms);
    at += 200ms; // a pause: those five were typed
    auto d = detector.feed(U'F', at);
    EXPECT_EQ(d.release, 5u);
    EXPECT_TRUE(d.hold);
    type(detector, "GHIJKLMN", at, 5ms);
    d = detector.enter(at + 5ms);
    ASSERT_TRUE(d.scan); // a new burst of 9 after the pause
    EXPECT_EQ(*d.scan, "FGHIJKLMN");
}

TEST(WedgeDetector, LateEnterGivesTheBurstBack)
{
    WedgeDetector detector;
    milliseconds at{0};
    type(detector, "ABCDEFGHIJ", at, 5ms);
    const auto d = detector.enter(at + 100ms);
    EXPECT_FALSE(d.scan);
    EXPECT_EQ(d.release, 10u);
}

TEST(WedgeDetector, TooShortBurstIsTyping)
{
    WedgeDetector detector;
    milliseconds at{0};
    type(detector, "1234567", at, 5ms);
    const auto d = detector.enter(at + 5ms);
    EXPECT_FALSE(d.scan);
    EXPECT_EQ(d.release, 7u);
}

TEST(WedgeDetector, TooLongBurstIsGivenBackAndTheRestPasses)
{
    WedgeDetector detector({.maxGap = 35ms, .minLength = 3, .maxLength = 10});
    milliseconds at{0};
    type(detector, "0123456789", at, 1ms);
    auto d = detector.feed(U'X', at + 1ms);
    EXPECT_EQ(d.release, 10u);
    EXPECT_FALSE(d.hold);
    d = detector.feed(U'Y', at + 2ms);
    EXPECT_EQ(d.release, 0u);
    EXPECT_FALSE(d.hold);
    d = detector.enter(at + 3ms);
    EXPECT_FALSE(d.scan);
    EXPECT_EQ(d.release, 0u);
    // After the Enter, a normal scan is recognised again.
    at += 100ms;
    type(detector, "abcd", at, 1ms);
    EXPECT_TRUE(detector.enter(at + 1ms).scan);
}

TEST(WedgeDetector, ExactlyMaxLengthIsAScan)
{
    WedgeDetector detector({.maxGap = 35ms, .minLength = 3, .maxLength = 10});
    milliseconds at{0};
    type(detector, "0123456789", at, 1ms);
    const auto d = detector.enter(at + 1ms);
    ASSERT_TRUE(d.scan);
    EXPECT_EQ(*d.scan, "0123456789");
}

TEST(WedgeDetector, OtherKeyInterruptsAndPasses)
{
    WedgeDetector detector;
    milliseconds at{0};
    type(detector, "abc", at, 5ms);
    auto d = detector.feed(U'\t', at + 5ms);
    EXPECT_EQ(d.release, 3u);
    EXPECT_FALSE(d.hold);
    EXPECT_EQ(detector.interrupt().release, 0u);
}

TEST(WedgeDetector, Utf8CharactersMakeAUtf8Scan)
{
    WedgeDetector detector;
    milliseconds at{0};
    for (const std::string_view c : {"産", "後", "ケ", "ア", "a", "b", "c", "d"}) {
        at += 3ms;
        EXPECT_TRUE(detector.feed(c, at).hold);
    }
    const auto d = detector.enter(at + 3ms);
    ASSERT_TRUE(d.scan);
    EXPECT_EQ(*d.scan, "産後ケアabcd");
}

TEST(WedgeDetector, MalformedUtf8IsNotPrintable)
{
    WedgeDetector detector;
    EXPECT_TRUE(detector.feed(std::string_view("a"), 0ms).hold);
    const auto d = detector.feed(std::string_view("\xC3\x28"), 1ms);
    EXPECT_FALSE(d.hold);
    EXPECT_EQ(d.release, 1u);
    EXPECT_FALSE(detector.feed(std::string_view("ab"), 2ms).hold);          // two characters
    EXPECT_FALSE(detector.feed(std::string_view("\xED\xA0\x80"), 3ms).hold); // a surrogate
    EXPECT_FALSE(detector.feed(std::string_view("\xC0\xAF"), 4ms).hold);     // overlong '/'
    EXPECT_FALSE(detector.feed(std::string_view(""), 5ms).hold);
}

} // namespace
} // namespace sango::hal
