// How long the UI thread keeps the event loop from running: a 5 ms timer whose longest gap between two ticks
// is the longest stall a user feels. The UI thread's own CPU time within a gap tells the program's work apart
// from the thread waiting for a core on a busy machine (the two are equal when the machine is idle).
// Shared by bench/window_bench and the UI tests (which compile this file, as they do layoutloader.cpp).
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace jitscope::bench {

class StallProbe : public QObject
{
public:
    StallProbe(); // starts measuring
    void reset(); // starts a new measurement
    double longestMs() const { return m_longestNs / 1e6; }
    double longestBusyMs() const { return m_longestBusyNs / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0, m_longestNs = 0;
    qint64 m_lastCpu = 0, m_longestBusyNs = 0;
};

} // namespace jitscope::bench
