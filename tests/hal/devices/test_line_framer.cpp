// LineFramer: CR, LF and CRLF end lines, also split across reads; overlong lines are dropped and counted;
// bytes that are not UTF-8 are kept.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sango/hal/line_framer.h"

namespace sango::hal {
namespace {

using Lines = std::vector<std::string>;

TEST(LineFramer, EachTerminator)
{
    LineFramer framer;
    EXPECT_EQ(framer.feed("one\rtwo\nthree\r\nfour"), (Lines{"one", "two", "three"}));
    EXPECT_EQ(framer.feed("\n"), (Lines{"four"}));
}

TEST(LineFramer, CrlfSplitAcrossReadsIsOneTerminator)
{
    LineFramer framer;
    EXPECT_EQ(framer.feed("abc\r"), (Lines{"abc"}));
    EXPECT_EQ(framer.feed("\ndef\r"), (Lines{"def"}));
    EXPECT_EQ(framer.feed("\n"), Lines{});
}

TEST(LineFramer, LineSplitAcrossReads)
{
    LineFramer framer;
    EXPECT_EQ(framer.feed("SGC1:"), Lines{});
    EXPECT_EQ(framer.feed("abc"), Lines{});
    EXPECT_EQ(framer.feed(".def\r\n"), (Lines{"SGC1:abc.def"}));
}

TEST(LineFramer, EmptyLinesAreSkipped)
{
    LineFramer framer;
    EXPECT_EQ(framer.feed("\r\n\n\r\rA\n\n"), (Lines{"A"}));
}

TEST(LineFramer, OverlongLineDroppedAndCounted)
{
    LineFramer framer(5);
    EXPECT_EQ(framer.feed("12345\n"), (Lines{"12345"}));
    EXPECT_EQ(framer.feed("123456"), Lines{});
    EXPECT_EQ(framer.feed("789\r\nok\n"), (Lines{"ok"}));
    EXPECT_EQ(framer.droppedLines(), 1u);
    EXPECT_EQ(framer.feed(std::string(100, 'x') + "\n" + std::string(6, 'y') + "\rz\n"), (Lines{"z"}));
    EXPECT_EQ(framer.droppedLines(), 3u);
}

TEST(LineFramer, BytesKeptAsTheyAre)
{
    LineFramer framer;
    const std::string raw("\xFF\xFE\x00\x81z", 5);
    EXPECT_EQ(framer.feed(raw + "\n"), (Lines{raw}));
}

TEST(LineFramer, ResetForgetsAPartialLine)
{
    LineFramer framer;
    EXPECT_EQ(framer.feed("half"), Lines{});
    framer.reset();
    EXPECT_EQ(framer.feed("whole\n"), (Lines{"whole"}));
}

} // namespace
} // namespace sango::hal
