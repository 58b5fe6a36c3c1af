// GraphWidget offscreen, fed with graphs from the real CLI the way the main window feeds it from the worker.
#include "graph/graphcanvas.h"
#include "graph/graphitems.h"
#include "graph/graphwidget.h"
#include "graphfixtures.h"
#include "view/graphview.h"
#include "widgetsupport.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace jitscope;
using jitscope::ui::GraphWidget;

using jitscope::test::screenshotDir;
using jitscope::test::serveGraphs;
using jitscope::test::settle;

TEST(GraphWidget, OpensScriptedResnetWithForwardImplExpanded)
{
    const auto& model = test::modelGraphs("resnet18_scripted.pt");
    GraphWidget widget;
    widget.resize(1200, 850);
    serveGraphs(widget, model);
    QSignalSpy requested(&widget, &GraphWidget::graphRequested);
    widget.setModelInfo(model.info);
    widget.setRootGraph(*model.find("", "forward"));
    EXPECT_GE(requested.count(), 1) << "the callee to auto-expand is asked for at once";
    widget.show();
    ASSERT_TRUE(settle(widget));
    QTest::qWait(50);
    ASSERT_TRUE(settle(widget));
    // forward → _forward_impl (11 nodes) expanded; its children would exceed the first-screen budget.
    EXPECT_EQ(widget.visibleNodeCount(), 11);
    EXPECT_EQ(widget.sceneNodeCount(), 11);
    widget.grab().save(screenshotDir() + QStringLiteral("/graph_resnet18_default.png"));

    // Expanding layer1 adds exactly its two BasicBlock calls in place of the call; collapse restores.
    ASSERT_TRUE(widget.expandCall(QStringLiteral("layer1"), QStringLiteral("forward")));
    ASSERT_TRUE(settle(widget));
    EXPECT_EQ(widget.visibleNodeCount(), 12);
    EXPECT_EQ(widget.sceneNodeCount(), 12);
    ASSERT_TRUE(widget.expandCall(QStringLiteral("layer1.0"), QStringLiteral("forward")));
    QTest::qWait(20);
    ASSERT_TRUE(settle(widget));
    const int block =
        makeGraphView(std::make_shared<Graph>(*model.find("layer1.0", "forward")), nullptr, false)
            ->nodeCount();
    EXPECT_EQ(widget.visibleNodeCount(), 12 - 1 + block);
    EXPECT_EQ(widget.sceneNodeCount(), 12 - 1 + block);
    widget.canvas()->fitAll();
    // The minimap stays inside the viewport, clear of the scroll bars, also after scrolling (the view scrolls
    // its viewport's children along).
    widget.canvas()->verticalScrollBar()->setValue(widget.canvas()->verticalScrollBar()->value() + 150);
    QTest::qWait(20);
    auto* minimap = widget.canvas()->findChild<ui::Minimap*>();
    ASSERT_NE(minimap, nullptr);
    EXPECT_TRUE(minimap->isVisible());
    const QRect viewport = widget.canvas()->viewport()->geometry(), map = minimap->geometry();
    EXPECT_TRUE(viewport.contains(map));
    EXPECT_EQ(viewport.right() - map.right(), 12) << "anchored bottom right, a margin from the scroll bar";
    EXPECT_EQ(viewport.bottom() - map.bottom(), 12);
    widget.grab().save(screenshotDir() + QStringLiteral("/graph_resnet18_layer1_expanded.png"));
    widget.collapseAll();
    ASSERT_TRUE(settle(widget));
    EXPECT_EQ(widget.visibleNodeCount(), 1);

    // Selecting a node reports it for the details panel.
    QSignalSpy selected(&widget, &GraphWidget::nodeSelected);
    widget.selectModule(QStringLiteral("layer2"));
    QTest::qWait(20);
    ASSERT_TRUE(settle(widget));
    ASSERT_GE(selected.count(), 1);
    const Node node = selected.last().at(0).value<Node>();
    ASSERT_TRUE(node.callee.has_value());
    EXPECT_EQ(node.callee->module_path, "layer2");
}

TEST(GraphWidget, StatusShowsTheNodeCountWholeInANarrowPane)
{
    // The compare window's panes are half a window wide: the toolbar's status gives way to the buttons, but
    // the node count is never cut in half ("11 no"); what follows it may be elided.
    const auto& model = test::modelGraphs("resnet18_scripted.pt");
    GraphWidget widget;
    test::openModel(widget, model);
    widget.resize(560, 700);
    ASSERT_TRUE(settle(widget));
    QTest::qWait(50);
    const auto* status = widget.findChild<QLabel*>(QStringLiteral("graphStatus"));
    ASSERT_TRUE(status);
    const QString count = status->text().section(QStringLiteral(" · "), 0, 0);
    EXPECT_EQ(count, QStringLiteral("11 nodes")) << status->text().toStdString();
    EXPECT_GE(status->contentsRect().width(), status->fontMetrics().horizontalAdvance(count))
        << count.toStdString() << " in " << status->contentsRect().width() << " px of a " << widget.width()
        << " px widget";
}

TEST(GraphWidget, SearchRawInlinedAndExport)
{
    const auto& model = test::modelGraphs("resnet18_scripted.pt", true);
    GraphWidget widget;
    test::openModel(widget, model);
    ASSERT_TRUE(settle(widget));
    QTest::qWait(50);
    ASSERT_TRUE(settle(widget));

    // conv2d lives three calls deep; every one of the 20 is found, and stepping to one expands the way.
    widget.expandAll();
    QTest::qWait(50);
    ASSERT_TRUE(settle(widget));
    widget.collapseAll();
    ASSERT_TRUE(settle(widget));
    widget.findText(QStringLiteral("aten::conv2d"));
    EXPECT_EQ(widget.matchCount(), 20);
    widget.findNext();
    QTest::qWait(20);
    ASSERT_TRUE(settle(widget));
    EXPECT_EQ(widget.currentMatch(), 0);
    EXPECT_GT(widget.visibleNodeCount(), 1);
    widget.grab().save(screenshotDir() + QStringLiteral("/graph_resnet18_search.png"));

    const int folded = widget.visibleNodeCount();
    widget.setRawMode(true);
    ASSERT_TRUE(settle(widget));
    EXPECT_GT(widget.visibleNodeCount(), folded);
    widget.setRawMode(false);
    ASSERT_TRUE(settle(widget));

    const QString dir = screenshotDir();
    widget.exportSvg(dir + QStringLiteral("/graph_export.svg"));
    widget.exportPng(dir + QStringLiteral("/graph_export.png"));
    widget.exportDot(dir + QStringLiteral("/graph_export.dot"));
    EXPECT_GT(QFileInfo(dir + QStringLiteral("/graph_export.svg")).size(), 1000);
    EXPECT_GT(QFileInfo(dir + QStringLiteral("/graph_export.png")).size(), 1000);
    EXPECT_GT(QFileInfo(dir + QStringLiteral("/graph_export.dot")).size(), 100);

    widget.setInlinedMode(true);
    QTest::qWait(50);
    ASSERT_TRUE(settle(widget, 120000));
    EXPECT_TRUE(widget.isInlinedMode());
    EXPECT_GT(widget.sceneNodeCount(), 40);
    widget.grab().save(screenshotDir() + QStringLiteral("/graph_resnet18_inlined.png"));
}

TEST(GraphWidget, ExpandsFreeFunctionCalls)
{
    const QString name =
        QStringLiteral("__torch__.torchvision.models.detection.rpn.concat_box_prediction_layers");
    const auto& model = test::modelGraphs("fasterrcnn_scripted.pt");
    auto function = model.graphs.find(GraphRef::function(name.toStdString()));
    ASSERT_NE(function, model.graphs.end());
    GraphWidget widget;
    widget.resize(1200, 850);
    serveGraphs(widget, model);
    QSignalSpy asked(&widget, &GraphWidget::functionGraphRequested);
    QSignalSpy askedMethod(&widget, &GraphWidget::graphRequested);
    widget.setModelInfo(model.info);
    widget.setRootGraph(*model.find("rpn", "forward"));
    widget.show();
    ASSERT_TRUE(settle(widget));
    QTest::qWait(50);
    ASSERT_TRUE(settle(widget));
    const int before = widget.visibleNodeCount();
    EXPECT_EQ(widget.sceneNodeCount(), before);

    // The auto-expansion of the first screen may already have fetched it; either way it is asked for once,
    // under its qualified name, and never as a module method.
    ASSERT_TRUE(widget.expandFunction(name));
    // Other functions (methods of TorchScript class objects such as BoxCoder.decode) may be asked for too.
    auto askedFor = [&](const QString& function) {
        return std::count_if(asked.begin(), asked.end(),
                             [&](const QList<QVariant>& args) { return args.at(0).toString() == function; });
    };
    ASSERT_EQ(askedFor(name), 1);
    for (const QList<QVariant>& args : askedMethod)
        EXPECT_FALSE(args.at(1).toString().contains(QLatin1Char('.')));
    QTest::qWait(20);
    ASSERT_TRUE(settle(widget));
    const int calleeNodes =
        makeGraphView(std::make_shared<Graph>(function->second), nullptr, false)->nodeCount();
    EXPECT_EQ(widget.visibleNodeCount(), before - 1 + calleeNodes);
    EXPECT_EQ(widget.sceneNodeCount(), before - 1 + calleeNodes);
    widget.canvas()->fitAll();
    widget.grab().save(screenshotDir() + QStringLiteral("/graph_rpn_function_expanded.png"));

    // Expanding again hits the widget's cache: no second request.
    widget.collapseAll();
    ASSERT_TRUE(settle(widget));
    ASSERT_TRUE(widget.expandFunction(name));
    EXPECT_EQ(askedFor(name), 1);
    ASSERT_TRUE(settle(widget));
    EXPECT_EQ(widget.sceneNodeCount(), before - 1 + calleeNodes);
}

namespace {

// The node of `graph` (top level) whose kind is `kind`, and optionally whose callee is `callee`.
const Node* findNode(const Graph& graph, const std::string& kind, const std::string& callee = {})
{
    for (const Node& node : graph.nodes)
        if (node.kind == kind && (callee.empty() || (node.callee && node.callee->module_path == callee)))
            return &node;
    return nullptr;
}

std::set<std::pair<std::string, int64_t>> selectedNodes(const GraphWidget& widget)
{
    std::set<std::pair<std::string, int64_t>> nodes;
    for (QGraphicsItem* item : widget.scene()->selectedItems()) {
        EXPECT_EQ(item->type(), ui::NodeItem::Type);
        const layout::SceneNode& node = static_cast<ui::NodeItem*>(item)->sceneNode();
        nodes.insert({node.instance, node.get().node->id});
    }
    return nodes;
}

} // namespace

TEST(GraphWidget, SelectsTheNodesOfACodeLineInsideCollapsedCalls)
{
    const auto& model = test::modelGraphs("resnet18_scripted.pt", true);
    GraphWidget widget;
    test::openModel(widget, model);
    ASSERT_TRUE(settle(widget));
    widget.collapseAll();
    ASSERT_TRUE(settle(widget));
    ASSERT_EQ(widget.visibleNodeCount(), 1);

    // In layer1.0 (BasicBlock, three calls deep): the residual add_, the constant alpha folded into it, and
    // the call of conv1. The constant selects the add_ that shows it: two boxes in all.
    const Graph& block = *model.find("layer1.0", "forward");
    const Node* add = findNode(block, "aten::add_");
    const Node* conv = findNode(block, "prim::CallMethod", "layer1.0.conv1");
    ASSERT_TRUE(add && conv);
    int64_t alpha = -1;
    for (const Node& node : block.nodes)
        if (node.kind == "prim::Constant" && node.outputs.size() == 1 &&
            node.outputs[0].id == add->inputs[2].id)
            alpha = node.id;
    ASSERT_GE(alpha, 0);
    QSignalSpy reported(&widget, &GraphWidget::nodeSelected);
    widget.selectNodes(QStringLiteral("layer1.0"), QStringLiteral("forward"), false,
                       {add->id, alpha, conv->id});
    QTest::qWait(20);
    ASSERT_TRUE(settle(widget));
    const auto selected = selectedNodes(widget);
    ASSERT_EQ(selected.size(), 2u);
    const std::string instance = selected.begin()->first;
    EXPECT_EQ(selected,
              (std::set<std::pair<std::string, int64_t>>{{instance, add->id}, {instance, conv->id}}));
    // forward → _forward_impl → layer1 → layer1.0: three calls, all expanded now.
    EXPECT_EQ(std::count(instance.begin(), instance.end(), '/'), 2) << instance;
    for (size_t pos = instance.find('/'); pos != std::string::npos; pos = instance.find('/', pos + 1))
        EXPECT_TRUE(widget.isExpanded(QString::fromStdString(instance.substr(0, pos))));
    EXPECT_TRUE(widget.isExpanded(QString::fromStdString(instance)));
    EXPECT_EQ(reported.count(), 0) << "the code view already shows these nodes";
    widget.grab().save(screenshotDir() + QStringLiteral("/graph_resnet18_code_line_selected.png"));

    // The same line of another view's graph selects nothing here; in the inlined view the inlined graph's
    // ids are used, at the top level.
    widget.selectNodes(QString(), QStringLiteral("forward"), true, {add->id});
    ASSERT_TRUE(settle(widget));
    EXPECT_EQ(selectedNodes(widget), selected);
    widget.setInlinedMode(true);
    QTest::qWait(20);
    ASSERT_TRUE(settle(widget, 120000));
    const Node* flatConv = nullptr;
    forEachNode(model.inlined->nodes, [&](const Node& node, int) {
        if (!flatConv && node.kind == "aten::conv2d")
            flatConv = &node;
    });
    ASSERT_NE(flatConv, nullptr);
    widget.selectNodes(QString(), QStringLiteral("forward"), true, {flatConv->id});
    ASSERT_TRUE(settle(widget));
    EXPECT_EQ(selectedNodes(widget), (std::set<std::pair<std::string, int64_t>>{{"", flatConv->id}}));
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    qRegisterMetaType<Node>("jitscope::Node");
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

// A graph the worker cannot give (it answered with an error) must not keep the view waiting, nor be asked
// for again: the call stays collapsed.
TEST(GraphWidget, UnavailableGraphsAreNotAwaited)
{
    const auto& model = test::modelGraphs("resnet18_scripted.pt");
    GraphWidget widget;
    widget.resize(1000, 700);
    // Serve every graph but layer1's, which is refused the way the window refuses it.
    QObject::connect(
        &widget, &GraphWidget::graphRequested, &widget,
        [&](const QString& path, const QString& method, bool) {
            if (path == QLatin1String("layer1"))
                widget.graphUnavailable(GraphRef::method(path.toStdString(), method.toStdString()));
            else if (const Graph* graph = model.find(path.toStdString(), method.toStdString()))
                widget.addGraph(GraphRef::method(path.toStdString(), method.toStdString()), *graph);
        },
        Qt::QueuedConnection);
    QObject::connect(
        &widget, &GraphWidget::functionGraphRequested, &widget,
        [&](const QString& name) {
            auto it = model.graphs.find(GraphRef::function(name.toStdString()));
            if (it != model.graphs.end())
                widget.addGraph(it->first, it->second);
        },
        Qt::QueuedConnection);
    QSignalSpy requested(&widget, &GraphWidget::graphRequested);
    auto layer1Requests = [&] {
        return std::count_if(requested.begin(), requested.end(), [](const QList<QVariant>& args) {
            return args.at(0).toString() == QLatin1String("layer1");
        });
    };
    auto idle = [&] { return !widget.hasPendingGraphs() && !widget.isLayoutPending(); };
    widget.setModelInfo(model.info);
    widget.setRootGraph(*model.find("", "forward"));
    widget.show();
    ASSERT_TRUE(test::waitFor(idle, 20000));
    ASSERT_EQ(widget.visibleNodeCount(), 11);

    widget.expandCall(QStringLiteral("layer1"), QStringLiteral("forward"));
    ASSERT_TRUE(test::waitFor(idle, 20000)) << "waiting for a refused graph";
    EXPECT_EQ(layer1Requests(), 1);
    EXPECT_EQ(widget.visibleNodeCount(), 11); // still the collapsed call

    widget.expandAll();
    ASSERT_TRUE(test::waitFor(idle, 60000)) << "waiting for a refused graph";
    EXPECT_EQ(layer1Requests(), 1) << "a refused graph is not asked for again";
    EXPECT_GT(widget.visibleNodeCount(), 100); // layer2..4 and everything in them expanded
}
