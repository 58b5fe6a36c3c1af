// How long the UI thread is kept busy while big models are opened, expanded and inlined: layouts run on
// the layout thread, and the scene is built in slices, so the event loop should never wait long.
#include "graph/graphwidget.h"
#include "graphfixtures.h"
#include "stallprobe.h"
#include "testsupport.h"
#include "widgetsupport.h"

#include <QFileInfo>
#include <QTest>

#include <gtest/gtest.h>

#include <cstdio>

using namespace jitscope;
using jitscope::ui::GraphWidget;

namespace {

// The goal is 50 ms (measured on an idle 2-core machine: under 35 ms for every stage). The limit applies to
// the UI thread's own work within the longest gap, with room for a slow CI machine: on a loaded one the wall
// gap also holds the time the thread waited for a core (seen: several hundred ms at load 5 on 2 cores).
// Both figures are printed.
constexpr double stallLimitMs = 150;

struct Stage
{
    const char* name;
    std::function<void(GraphWidget&)> action;
};

void measure(const std::string& file)
{
    if (!QFileInfo::exists(QString::fromStdString(test::fixturePath(file))))
        GTEST_SKIP() << file << " is one of the large fixtures, not generated here";
    const auto& model = test::modelGraphs(file, true);
    ASSERT_TRUE(model.error.empty()) << model.error;
    ASSERT_TRUE(model.inlined);
    GraphWidget widget;
    widget.resize(1200, 850);
    test::serveGraphs(widget, model);
    widget.setModelInfo(model.info);
    widget.show();
    const std::vector<Stage> stages{
        {"open", [&](GraphWidget& w) { w.setRootGraph(*model.find("", "forward")); }},
        {"expand all", [](GraphWidget& w) { w.expandAll(); }},
        {"collapse all", [](GraphWidget& w) { w.collapseAll(); }},
        {"inlined", [](GraphWidget& w) { w.setInlinedMode(true); }},
        {"back to modules", [](GraphWidget& w) { w.setInlinedMode(false); }},
    };
    bench::StallProbe probe;
    for (const Stage& stage : stages) {
        test::spin(20);
        probe.reset();
        QElapsedTimer clock;
        clock.start();
        stage.action(widget);
        test::spin(10);
        ASSERT_TRUE(test::settle(widget, 300000)) << stage.name;
        test::spin(30); // the paint of the finished scene
        const double stall = probe.longestMs(), busy = probe.longestBusyMs();
        std::printf("  %-24s %-16s %6d nodes  %7.0f ms total  longest UI stall %5.1f ms (busy %5.1f ms)\n",
                    file.c_str(), stage.name, widget.sceneNodeCount(), clock.nsecsElapsed() / 1e6, stall,
                    busy);
        std::fflush(stdout);
        EXPECT_LE(busy, stallLimitMs) << stage.name;
    }
    widget.grab().save(test::screenshotDir() + QStringLiteral("/graph_stall_") +
                       QString::fromStdString(file) + QStringLiteral(".png"));
}

} // namespace

TEST(GraphWidgetStall, MaskRcnn)
{
    measure("maskrcnn_scripted.pt");
}

TEST(GraphWidgetStall, Transformer)
{
    measure("transformer_scripted.pt");
}

TEST(GraphWidgetStall, FasterRcnn)
{
    measure("fasterrcnn_scripted.pt");
}
