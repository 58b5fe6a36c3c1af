// The checks that run before LibTorch reads a file, on hand-made inputs: the pickle walkers (data.pkl, debug
// records, input files) and the look at the code that LibTorch 1.13's importer would crash on. The files the
// fuzzer found go through the real CLI in test_trust.
#include "engine/codecheck.h"
#include "engine/debuginfo.h"
#include "engine/pickle.h"
#include "engine/picklescan.h"

#include <gtest/gtest.h>

using namespace jitscope;

namespace {
std::string bytes(const char* data, size_t size)
{
    return std::string(data, size);
}
} // namespace

TEST(PickleWalkers, HostileBytesNeitherThrowNorCrash)
{
    // Inputs the fuzzer found (APPEND on an empty stack made rewriteAppends index past the end).
    for (const std::string& input : {bytes("a\x90\x62", 3), bytes("\x80\x02\x61.", 4), bytes("s", 1),
                                     bytes("\x80\x02(\x85\x61\x61.", 7), bytes("]K\x01\x61\x61\x61.", 7)}) {
        EXPECT_NO_THROW((void)rewriteAppends(input));
        EXPECT_NO_THROW((void)rewriteOrderedDicts(input));
        EXPECT_NO_THROW((void)scanTorchPickle(input));
        EXPECT_NO_THROW((void)checkDebugPickle(input));
    }
    // A one-element list still gets its APPEND rewritten.
    EXPECT_EQ(rewriteAppends(bytes("\x80\x02]K\x01\x61.", 6)), bytes("\x80\x02](K\x01\x65.", 7));
}

TEST(PickleWalkers, BrokenPicklesAreMalformedUnmodelledOnesAreNot)
{
    EXPECT_TRUE(scanTorchPickle(bytes("\x80\x02t.", 4)).malformed);            // TUPLE without a MARK
    EXPECT_TRUE(scanTorchPickle(bytes("\x80\x02h\x05.", 5)).malformed);        // BINGET of nothing memoised
    EXPECT_TRUE(scanTorchPickle(bytes("\x80\x02K", 3)).malformed);             // an operand past the end
    const PickleScan noOpcode = scanTorchPickle(bytes("\x80\x02)\xf0.", 5));
    EXPECT_TRUE(noOpcode.malformed);
    // The reason reaches the user inside "data.pkl is not a valid pickle (…)": no internal wording.
    EXPECT_EQ(noOpcode.problem, "0xf0 is not a pickle instruction, at byte 3");
    EXPECT_TRUE(scanTorchPickle(bytes("\x80\x02)", 3)).malformed);             // no STOP
    EXPECT_FALSE(scanTorchPickle(bytes("\x80\x02I1\n.", 6)).malformed);        // INT: valid, not modelled
    const PickleScan ok = scanTorchPickle(bytes("\x80\x02).", 4));
    EXPECT_TRUE(ok.complete);
    EXPECT_FALSE(ok.malformed);
}

TEST(DebugRecords, OnlyTheShapeTorchWritesIsAccepted)
{
    EXPECT_NE(checkDebugPickle(bytes("\x80\x02).", 4)), ""); // an empty tuple: LibTorch reads element 0
    // ((offset, (("text", None, 1), 0, 4), -1),): the format without a text table.
    const std::string plain = bytes("\x80\x02(K\x00X\x04\x00\x00\x00textNK\x01\x87K\x00K\x04\x87J\xff\xff\xff\xff"
                                    "\x87t.",
                                    31);
    EXPECT_EQ(checkDebugPickle(plain), "");
    // A record that is not a tuple, and one whose range lacks its source.
    EXPECT_NE(checkDebugPickle(bytes("\x80\x02(K\x00t.", 7)), "");
    EXPECT_NE(checkDebugPickle(bytes("\x80\x02(K\x00K\x00K\x00K\x04\x87\x86t.", 15)), "");
}

TEST(CodeCheck, ClassStatementsThatCrashTheImporterAreFound)
{
    const std::string module = "class Linear(Module):\n"
                               "  __parameters__ = [\"weight\", \"bias\", ]\n"
                               "  __buffers__ = []\n"
                               "  weight : Tensor\n"
                               "  in_features : Final[int] = 4\n"
                               "  def forward(self: __torch__.Linear,\n"
                               "    input: Tensor) -> Tensor:\n"
                               "    x = torch.linear(input, self.weight)\n"
                               "    return x\n";
    EXPECT_EQ(findCrashingClassStatement(module), "");
    std::string damaged = module;
    damaged.replace(damaged.find("__parameters__"), 14, "__paremst_are_");
    EXPECT_EQ(findCrashingClassStatement(damaged), "line 2: class Linear assigns __paremst_are_ without a type");
    EXPECT_EQ(findCrashingClassStatement("class P(NamedTuple):\n  a : int\n  b = 3\n"),
              "line 3: class P has a field b without a type");
    EXPECT_EQ(findCrashingClassStatement("class Color(Enum):\n  RED = 1\n  GREEN : int\n"),
              "line 3: class Color has a member GREEN without a value");
    // Method bodies, continuation lines and free functions are not class statements.
    EXPECT_EQ(findCrashingClassStatement("def f(x: int,\n  y = 3) -> int:\n  z = x\n  return z\n"), "");
    EXPECT_EQ(findCrashingClassStatement(std::string(200000, 'x') + " = 1\n"), ""); // a long line, no class
}
