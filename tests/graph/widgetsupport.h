// Helpers for the offscreen GraphWidget tests: a stand-in for the main window's worker, waiting for layouts.
// (The probe of how long the event loop is kept from running is bench/stallprobe.h.)
#pragma once

#include "layoutloader.h"

#include <QString>

#include <functional>

namespace jitscope::ui {
class GraphWidget;
}

namespace jitscope::test {

// Answers the widget's graph requests (methods, free functions, the inlined graph) from the fixture's
// graphs, asynchronously like the worker does.
void serveGraphs(ui::GraphWidget& widget, const bench::ModelGraphs& model);
// What every widget test starts with: 1200×850, served by serveGraphs(), the model's forward shown.
void openModel(ui::GraphWidget& widget, const bench::ModelGraphs& model);
// Waits until no layout is running or being drawn. These run a real event loop: QTest::qWait and
// qWaitFor sleep 10 ms between passes, which bench::StallProbe would count as the widget's stall.
bool settle(ui::GraphWidget& widget, int timeoutMs = 60000);
bool waitFor(const std::function<bool()>& done, int timeoutMs);
void spin(int ms); // runs the event loop for ms
QString screenshotDir();

} // namespace jitscope::test
