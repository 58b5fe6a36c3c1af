// The byte-level pickle fix-up on malformed input: found by the fuzzing campaign (35 of its first 62
// crashes were one bug: an APPEND/SETITEM with too few stack items made rewriteAppends append from npos
// and throw std::out_of_range). A malformed pickle must come back unchanged, for LibTorch to report.
#include "engine/pickle.h"

#include <gtest/gtest.h>

#include <string>

using jitscope::rewriteAppends;

TEST(PickleFixup, AppendWithoutAnItemIsLeftAlone)
{
    const std::string pickle("\x80\x02"
                             "a.",
                             4);
    EXPECT_EQ(rewriteAppends(pickle), pickle);
}

TEST(PickleFixup, SetitemWithOneItemIsLeftAlone)
{
    const std::string pickle("\x80\x02K\x01s.", 6);
    EXPECT_EQ(rewriteAppends(pickle), pickle);
}

TEST(PickleFixup, SecondAppendAfterTheListWasUsedUpIsLeftAlone)
{
    const std::string pickle("\x80\x02(K\x01"
                             "aa.",
                             8);
    EXPECT_NO_THROW((void)rewriteAppends(pickle));
}

TEST(PickleFixup, OneElementListIsRewrittenToMarkAndAppends)
{
    // pickle.dumps([1], protocol=2): ] q\0 K\1 a .  → ] q\0 ( K\1 e .
    const std::string pickle("\x80\x02]q\x00K\x01"
                             "a.",
                             9);
    const std::string expected("\x80\x02]q\x00(K\x01"
                               "e.",
                               10);
    EXPECT_EQ(rewriteAppends(pickle), expected);
}
