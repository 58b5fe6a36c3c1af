// HeatTable: how a profile's rows (op kind, module path) are attributed to boxes.
#include "view/heat.h"

#include <gtest/gtest.h>

using namespace jitscope;
using jitscope::view::HeatTable;

TEST(HeatTable, SharesOfOpsAndModules)
{
    const HeatTable heat({{"aten::conv2d", "layer1.0.conv1", 3, 10, 12},
                          {"aten::relu_", "layer1.0.relu", 2, 6, 6},
                          {"aten::add_", "layer1.0", 1, 4, 4},
                          {"aten::conv2d", "layer10.conv", 1, 20, 20}, // not below "layer1"
                          {"aten::add_", "layer1.0", 1, 2, 2},         // a second row of the same op
                          {"aten::flatten", "", 1, 8, 8}});
    EXPECT_DOUBLE_EQ(heat.totalMs(), 50);
    EXPECT_DOUBLE_EQ(heat.opShare("aten::add_", "layer1.0", 1), 6.0 / 50);
    EXPECT_DOUBLE_EQ(heat.opShare("aten::relu_", "layer1.0.relu", 2), 3.0 / 50) << "split between two boxes";
    EXPECT_DOUBLE_EQ(heat.opShare("aten::relu_", "layer1.0", 1), 0) << "another module";
    EXPECT_DOUBLE_EQ(heat.moduleShare("layer1"), 22.0 / 50);
    EXPECT_DOUBLE_EQ(heat.moduleShare("layer1.0.conv1"), 10.0 / 50);
    EXPECT_DOUBLE_EQ(heat.moduleShare("layer10"), 20.0 / 50);
    EXPECT_DOUBLE_EQ(heat.moduleShare(""), 1);
    EXPECT_DOUBLE_EQ(heat.moduleShare("fc"), 0);
    EXPECT_TRUE(HeatTable().empty());
    EXPECT_DOUBLE_EQ(HeatTable().moduleShare(""), 0);
}
