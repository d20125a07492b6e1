#include "sango/coupon_id.h"

#include <set>

#include <gtest/gtest.h>

#include "test_issuer.h"

namespace {

using namespace sango::couponid;

TEST(CouponId, KnownValidIds)
{
    for (const char* id : {"7K3Q9M2X4T8VWZ1M", "A1B2C3D4E5F6G7HA", "Q0W9E8R7T6Y5Z4XR", "M3N4P5Q6R7S8T9VP"}) {
        EXPECT_TRUE(isValid(id)) << id;
        EXPECT_EQ(checkCharacter(std::string_view(id).substr(0, 15)), std::string_view(id).back()) << id;
    }
}

TEST(CouponId, WrongCheckCharacterIsInvalid)
{
    EXPECT_FALSE(isValid("BADCHECK0000000Z"));
    EXPECT_EQ(checkCharacter("BADCHECK0000000"), 'Y');
    EXPECT_TRUE(isValid("BADCHECK0000000Y"));
}

TEST(CouponId, AllZeroBodyHasCheckZero)
{
    EXPECT_EQ(checkCharacter("000000000000000"), '0');
}

TEST(CouponId, IsValidWantsCanonicalForm)
{
    EXPECT_FALSE(isValid("7k3q9m2x4t8vwz1m"));
    EXPECT_FALSE(isValid("7K3Q-9M2X-4T8V-WZ1M"));
    EXPECT_FALSE(isValid("7K3Q9M2X4T8VWZ1"));
    EXPECT_FALSE(isValid("7K3Q9M2X4T8VWZ1MM"));
    EXPECT_FALSE(isValid(""));
    EXPECT_FALSE(isValid("7K3Q9M2X4T8VWZLM")); // L is typed input, not canonical
}

TEST(CouponId, CheckCharacterNeedsAFifteenCharacterBody)
{
    EXPECT_FALSE(checkCharacter("7K3Q9M2X4T8VWZ"));
    EXPECT_FALSE(checkCharacter("7K3Q9M2X4T8VWZ1M"));
    EXPECT_FALSE(checkCharacter("7K3Q9M2X4T8VWZU")); // U is not in the alphabet
    EXPECT_FALSE(checkCharacter("7K3Q9M2X4T8VWZi"));
}

TEST(CouponId, NormalizeFoldsCaseAndDropsSeparators)
{
    EXPECT_EQ(normalize("7k3q-9m2x 4t8v-wz1m"), "7K3Q9M2X4T8VWZ1M");
    EXPECT_EQ(normalize("7K3Q-9M2X-4T8V-WZ1M"), "7K3Q9M2X4T8VWZ1M");
    EXPECT_EQ(normalize("  7K3Q9M2X4T8VWZ1M  "), "7K3Q9M2X4T8VWZ1M");
    EXPECT_EQ(normalize("7K3Q9M2X4T8VWZ1M"), "7K3Q9M2X4T8VWZ1M");
}

TEST(CouponId, NormalizeMapsLookAlikes)
{
    EXPECT_EQ(normalize("QOW9-E8R7-T6Y5-Z4XR"), "Q0W9E8R7T6Y5Z4XR");
    EXPECT_EQ(normalize("qow9e8r7t6y5z4xr"), "Q0W9E8R7T6Y5Z4XR");
    EXPECT_EQ(normalize("7K3Q-9M2X-4T8V-WZIM"), "7K3Q9M2X4T8VWZ1M");
    EXPECT_EQ(normalize("7K3Q-9M2X-4T8V-WZLM"), "7K3Q9M2X4T8VWZ1M");
    EXPECT_EQ(normalize("7k3q-9m2x-4t8v-wzlm"), "7K3Q9M2X4T8VWZ1M");
    EXPECT_EQ(normalize("7k3q-9m2x-4t8v-wzim"), "7K3Q9M2X4T8VWZ1M");
}

TEST(CouponId, NormalizeRejectsBadInput)
{
    EXPECT_FALSE(normalize(""));
    EXPECT_FALSE(normalize("BADCHECK0000000Z"));
    EXPECT_FALSE(normalize("7K3Q9M2X4T8VWZ1"));     // too short
    EXPECT_FALSE(normalize("7K3Q9M2X4T8VWZ1M0"));   // too long
    EXPECT_FALSE(normalize("7K3Q_9M2X4T8VWZ1M"));   // other separators are not dropped
    EXPECT_FALSE(normalize("7K3Q.9M2X4T8VWZ1M"));
    EXPECT_FALSE(normalize("7K3Q9M2X4T8VWZ1U"));    // U is not in the alphabet
    EXPECT_FALSE(normalize("7K3Q\t9M2X4T8VWZ1M"));  // only spaces and hyphens are dropped
}

TEST(CouponId, EverySingleSubstitutionIsDetected)
{
    const std::string ids[] = {"7K3Q9M2X4T8VWZ1M", "A1B2C3D4E5F6G7HA", "Q0W9E8R7T6Y5Z4XR", "M3N4P5Q6R7S8T9VP",
                               sango::test::TestIssuer::makeCouponId(0),
                               sango::test::TestIssuer::makeCouponId(123456789)};
    for (const std::string& valid : ids) {
        ASSERT_TRUE(isValid(valid));
        for (std::size_t pos = 0; pos < kLength; ++pos) {
            for (char c : kAlphabet) {
                if (c == valid[pos])
                    continue;
                std::string changed = valid;
                changed[pos] = c;
                EXPECT_FALSE(isValid(changed)) << changed;
            }
        }
    }
}

TEST(CouponId, MakeCouponIdGivesDistinctValidIds)
{
    EXPECT_EQ(sango::test::TestIssuer::makeCouponId(0), "0000000000000000");
    EXPECT_EQ(sango::test::TestIssuer::makeCouponId(33).substr(0, 15), "000000000000011");
    std::set<std::string> seen;
    for (std::uint64_t n = 0; n < 2000; ++n) {
        const std::string id = sango::test::TestIssuer::makeCouponId(n * 7919);
        EXPECT_TRUE(isValid(id)) << id;
        EXPECT_TRUE(seen.insert(id).second) << id;
    }
}

TEST(CouponId, Grouped)
{
    EXPECT_EQ(grouped("7K3Q9M2X4T8VWZ1M"), "7K3Q-9M2X-4T8V-WZ1M");
    EXPECT_EQ(grouped(""), "");
    EXPECT_EQ(grouped("ABCD"), "ABCD");
    EXPECT_EQ(grouped("ABCDE"), "ABCD-E");
}

TEST(CouponId, GroupedThenNormalizedRoundTrips)
{
    const std::string id = "M3N4P5Q6R7S8T9VP";
    EXPECT_EQ(normalize(grouped(id)), id);
}

} // namespace
