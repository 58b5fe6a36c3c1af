// GraphWidget offscreen, fed with graphs from the real CLI the way the main window feeds it from the worker.
#include "graph/graphcanvas.h"
#include "graph/graphwidget.h"
#include "graphfixtures.h"
#include "model/graphview.h"
#include "widgetsupport.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

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

TEST(GraphWidget, SearchRawInlinedAndExport)
{
    const auto& model = test::modelGraphs("resnet18_scripted.pt", true);
    GraphWidget widget;
    widget.resize(1200, 850);
    serveGraphs(widget, model);
    widget.setModelInfo(model.info);
    widget.setRootGraph(*model.find("", "forward"));
    widget.show();
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
    auto function = model.graphs.find("fn|" + name.toStdString());
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
    ASSERT_EQ(asked.count(), 1);
    EXPECT_EQ(asked.first().at(0).toString(), name);
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
    EXPECT_EQ(asked.count(), 1);
    ASSERT_TRUE(settle(widget));
    EXPECT_EQ(widget.sceneNodeCount(), before - 1 + calleeNodes);
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    qRegisterMetaType<Node>("jitscope::Node");
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
