// Heat colouring of the GraphWidget from a synthetic profile, on resnet18_scripted's real graphs.
#include "graph/graphcanvas.h"
#include "graph/graphwidget.h"
#include "graphfixtures.h"
#include "widgetsupport.h"

#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

using namespace jitscope;
using jitscope::test::screenshotDir;
using jitscope::test::settle;
using jitscope::ui::GraphWidget;

namespace {

// The id of the call of `callee` (a module path) in `graph`, or of its first node of `kind`.
int64_t callId(const Graph& graph, const std::string& callee)
{
    for (const Node& node : graph.nodes)
        if (node.callee && node.callee->kind == CalleeKind::Method && node.callee->module_path == callee)
            return node.id;
    ADD_FAILURE() << "no call of " << callee << " in " << graph.module_path << "." << graph.method;
    return -1;
}

int64_t nodeId(const Graph& graph, const std::string& kind, int nth = 0)
{
    int64_t found = -1;
    forEachNode(graph.nodes, [&](const Node& node, int) {
        if (node.kind == kind && nth-- == 0)
            found = node.id;
    });
    EXPECT_GE(found, 0) << kind << " in " << graph.module_path << "." << graph.method;
    return found;
}

QString q(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace

TEST(GraphWidgetHeat, SharesOfSelfTimePerBoxSurviveRelayoutsAndTheInlinedView)
{
    const auto& model = test::modelGraphs("resnet18_scripted.pt", true);
    GraphWidget widget;
    test::openModel(widget, model);
    ASSERT_TRUE(settle(widget));
    QTest::qWait(20);
    ASSERT_TRUE(settle(widget));

    // 60 ms of self time in all.
    widget.setHeat({{"aten::conv2d", "layer1.0.conv1", 1, 10, 10},
                    {"aten::batch_norm", "layer1.0.bn1", 1, 5, 5},
                    {"aten::add_", "layer1.0", 1, 4, 4},
                    {"aten::relu_", "layer1.0.relu", 2, 6, 6},
                    {"aten::max_pool2d", "maxpool", 1, 20, 20},
                    {"aten::linear", "fc", 1, 1, 1},
                    {"aten::conv2d", "layer2.0.conv1", 1, 10, 10},
                    {"aten::flatten", "", 1, 4, 4}});
    EXPECT_TRUE(widget.isHeatShown());

    // The default view: forward → _forward_impl opened, its calls collapsed. A call holds its module and
    // everything below it; flatten is an op of the root module.
    const Graph& impl = *model.find("", "_forward_impl");
    const std::string implInstance = std::to_string(callId(*model.find("", "forward"), ""));
    const QString inImpl = q(implInstance);
    EXPECT_DOUBLE_EQ(widget.heatOf(inImpl, callId(impl, "maxpool")), 20.0 / 60);
    EXPECT_DOUBLE_EQ(widget.heatOf(inImpl, callId(impl, "layer1")), 25.0 / 60);
    EXPECT_DOUBLE_EQ(widget.heatOf(inImpl, callId(impl, "layer2")), 10.0 / 60);
    EXPECT_DOUBLE_EQ(widget.heatOf(inImpl, callId(impl, "layer3")), 0);
    EXPECT_DOUBLE_EQ(widget.heatOf(inImpl, callId(impl, "fc")), 1.0 / 60);
    EXPECT_DOUBLE_EQ(widget.heatOf(inImpl, nodeId(impl, "aten::flatten")), 4.0 / 60);

    // Expanded, layer1.0's boxes share its 25 ms; its relu module is called twice, each call shows it.
    ASSERT_TRUE(widget.expandCall(QStringLiteral("layer1"), QStringLiteral("forward")));
    ASSERT_TRUE(settle(widget));
    ASSERT_TRUE(widget.expandCall(QStringLiteral("layer1.0"), QStringLiteral("forward")));
    QTest::qWait(20);
    ASSERT_TRUE(settle(widget));
    const Graph& block = *model.find("layer1.0", "forward");
    const std::string layer1 = implInstance + "/" + std::to_string(callId(impl, "layer1"));
    const QString inBlock =
        q(layer1 + "/" + std::to_string(callId(*model.find("layer1", "forward"), "layer1.0")));
    EXPECT_DOUBLE_EQ(widget.heatOf(inBlock, callId(block, "layer1.0.conv1")), 10.0 / 60);
    EXPECT_DOUBLE_EQ(widget.heatOf(inBlock, callId(block, "layer1.0.bn1")), 5.0 / 60);
    EXPECT_DOUBLE_EQ(widget.heatOf(inBlock, callId(block, "layer1.0.relu")), 6.0 / 60);
    EXPECT_DOUBLE_EQ(widget.heatOf(inBlock, nodeId(block, "aten::add_")), 4.0 / 60);
    EXPECT_DOUBLE_EQ(widget.heatOf(inBlock, callId(block, "layer1.0.conv2")), 0);
    EXPECT_DOUBLE_EQ(widget.heatOf(inImpl, callId(impl, "maxpool")), 20.0 / 60) << "kept by the relayout";
    widget.canvas()->fitAll();
    widget.grab().save(screenshotDir() + QStringLiteral("/graph_resnet18_heat.png"));

    // The toolbar's Heat button hides it and shows it again.
    QToolButton* button = nullptr;
    for (QToolButton* candidate : widget.findChildren<QToolButton*>())
        if (candidate->text() == QStringLiteral("Heat"))
            button = candidate;
    ASSERT_NE(button, nullptr);
    button->click();
    EXPECT_FALSE(widget.isHeatShown());
    EXPECT_EQ(widget.heatOf(inBlock, nodeId(block, "aten::add_")), -1);
    button->click();
    EXPECT_DOUBLE_EQ(widget.heatOf(inBlock, nodeId(block, "aten::add_")), 4.0 / 60);

    // Inlined: every op with its own module path; layer1.0.relu's 6 ms are split between its two relu_.
    widget.setInlinedMode(true);
    QTest::qWait(20);
    ASSERT_TRUE(settle(widget, 120000));
    const Graph& flat = *model.inlined;
    std::vector<int64_t> relus;
    forEachNode(flat.nodes, [&](const Node& node, int) {
        if (node.kind == "aten::relu_" && node.module_path == "layer1.0.relu")
            relus.push_back(node.id);
    });
    ASSERT_EQ(relus.size(), 2u);
    for (int64_t relu : relus)
        EXPECT_DOUBLE_EQ(widget.heatOf(QString(), relu), 3.0 / 60);
    EXPECT_DOUBLE_EQ(widget.heatOf(QString(), nodeId(flat, "aten::max_pool2d")), 20.0 / 60);
    EXPECT_DOUBLE_EQ(widget.heatOf(QString(), nodeId(flat, "aten::flatten")), 4.0 / 60);

    widget.clearHeat();
    EXPECT_FALSE(widget.isHeatShown());
    EXPECT_EQ(widget.heatOf(QString(), relus[0]), -1);
}
