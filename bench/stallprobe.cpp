#include "stallprobe.h"

#include <algorithm>
#include <ctime>

namespace jitscope::bench {

namespace {

qint64 threadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

} // namespace

StallProbe::StallProbe()
{
    m_timer.setInterval(5);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed(), cpu = threadCpuNs();
        m_longestNs = std::max(m_longestNs, now - m_last);
        m_longestBusyNs = std::max(m_longestBusyNs, cpu - m_lastCpu);
        m_last = now;
        m_lastCpu = cpu;
    });
    m_clock.start();
    m_lastCpu = threadCpuNs();
    m_timer.start();
}

void StallProbe::reset()
{
    m_last = m_clock.nsecsElapsed();
    m_lastCpu = threadCpuNs();
    m_longestNs = m_longestBusyNs = 0;
}

} // namespace jitscope::bench
