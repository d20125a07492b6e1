#include "sango/base64url.h"

#include <random>

#include <gtest/gtest.h>

namespace {

using sango::base64url::decode;
using sango::base64url::encode;

std::vector<std::uint8_t> bytesOf(std::string_view s)
{
    return {s.begin(), s.end()};
}

TEST(Base64Url, Rfc4648Vectors)
{
    EXPECT_EQ(encode(""), "");
    EXPECT_EQ(encode("f"), "Zg");
    EXPECT_EQ(encode("fo"), "Zm8");
    EXPECT_EQ(encode("foo"), "Zm9v");
    EXPECT_EQ(encode("foob"), "Zm9vYg");
    EXPECT_EQ(encode("fooba"), "Zm9vYmE");
    EXPECT_EQ(encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(decode("Zm9vYmE"), bytesOf("fooba"));
    EXPECT_EQ(decode(""), std::vector<std::uint8_t>{});
}

TEST(Base64Url, UsesTheUrlAlphabet)
{
    const std::uint8_t bytes[] = {0xFB, 0xFF, 0xBF};
    EXPECT_EQ(encode(bytes, sizeof bytes), "-_-_");
    EXPECT_EQ(decode("-_-_"), std::vector<std::uint8_t>(std::begin(bytes), std::end(bytes)));
}

TEST(Base64Url, RoundTripsRandomBytesOfEveryLength)
{
    std::mt19937 rng(20260331);
    std::uniform_int_distribution<int> byte(0, 255);
    for (std::size_t length = 0; length <= 64; ++length) {
        for (int round = 0; round < 8; ++round) {
            std::vector<std::uint8_t> data(length);
            for (auto& b : data)
                b = static_cast<std::uint8_t>(byte(rng));
            const std::string text = encode(data.data(), data.size());
            EXPECT_EQ(text.size(), (length * 4 + 2) / 3) << "length " << length;
            EXPECT_EQ(text.find('='), std::string::npos);
            const auto back = decode(text);
            ASSERT_TRUE(back.has_value()) << text;
            EXPECT_EQ(*back, data) << text;
        }
    }
}

TEST(Base64Url, RejectsPadding)
{
    EXPECT_FALSE(decode("Zg=="));
    EXPECT_FALSE(decode("Zm8="));
    EXPECT_FALSE(decode("Zm9v===="));
    EXPECT_FALSE(decode("="));
}

TEST(Base64Url, RejectsWhitespace)
{
    EXPECT_FALSE(decode(" Zm9v"));
    EXPECT_FALSE(decode("Zm9v "));
    EXPECT_FALSE(decode("Zm\n9v"));
    EXPECT_FALSE(decode("Zm\t9v"));
    EXPECT_FALSE(decode("Zm\r9v"));
}

TEST(Base64Url, RejectsCharactersOutsideTheAlphabet)
{
    EXPECT_FALSE(decode("Zm9+"));  // standard base64, not base64url
    EXPECT_FALSE(decode("Zm9/"));
    EXPECT_FALSE(decode("Zm*v"));
    EXPECT_FALSE(decode("Zm.v"));
    EXPECT_FALSE(decode(std::string_view("Zm\0v", 4)));
    EXPECT_FALSE(decode("Zm\xC3\xA9v"));
}

TEST(Base64Url, RejectsImpossibleLengths)
{
    EXPECT_FALSE(decode("A"));
    EXPECT_FALSE(decode("AAAAA"));
    EXPECT_FALSE(decode("Zm9vY"));
}

// Decision: the unused low bits of the last character must be zero, so that each byte string has exactly
// one accepted spelling.
TEST(Base64Url, RejectsNonZeroTrailingBits)
{
    EXPECT_TRUE(decode("Zg"));
    EXPECT_FALSE(decode("Zh"));  // 2 characters: the low 4 bits are unused
    EXPECT_FALSE(decode("Zv"));
    EXPECT_TRUE(decode("Zm8"));
    EXPECT_FALSE(decode("Zm9"));  // 3 characters: the low 2 bits are unused
    EXPECT_FALSE(decode("Zm_"));
}

} // namespace
