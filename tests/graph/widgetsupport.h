// Helpers for the offscreen GraphWidget tests: a stand-in for the main window's worker, waiting for layouts,
// and a probe of how long the event loop is kept from running.
#pragma once

#include "layoutloader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

namespace jitscope::ui {
class GraphWidget;
}

namespace jitscope::test {

// Answers the widget's graph requests (methods, free functions, the inlined graph) from the fixture's
// graphs, asynchronously like the worker does.
void serveGraphs(ui::GraphWidget& widget, const bench::ModelGraphs& model);
// Waits until no layout is running or being drawn.
bool settle(ui::GraphWidget& widget, int timeoutMs = 60000);
QString screenshotDir();

// A 5 ms timer on the event loop; the longest gap between two ticks is the longest the UI thread was busy.
class StallProbe : public QObject
{
public:
    StallProbe();
    void reset();
    double longestMs() const { return m_longestNs / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0, m_longestNs = 0;
};

} // namespace jitscope::test
