// Helpers for the offscreen GraphWidget tests: a stand-in for the main window's worker, waiting for layouts,
// and a probe of how long the event loop is kept from running.
#pragma once

#include "layoutloader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

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
// qWaitFor sleep 10 ms between passes, which the StallProbe would count as the widget's stall.
bool settle(ui::GraphWidget& widget, int timeoutMs = 60000);
bool waitFor(const std::function<bool()>& done, int timeoutMs);
void spin(int ms); // runs the event loop for ms
QString screenshotDir();

// A 5 ms timer on the event loop; the longest gap between two ticks is the longest the UI thread was busy,
// as the user feels it. The UI thread's own CPU time within a gap tells the widget's work apart from the
// thread waiting for a core on a busy machine (the two are equal when the machine is idle).
class StallProbe : public QObject
{
public:
    StallProbe();
    void reset();
    double longestMs() const { return m_longestNs / 1e6; }
    double longestBusyMs() const { return m_longestBusyNs / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0, m_longestNs = 0;
    qint64 m_lastCpu = 0, m_longestBusyNs = 0;
};

} // namespace jitscope::test
