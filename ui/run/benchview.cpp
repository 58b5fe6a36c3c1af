#include "benchview.h"

#include "benchcharts.h"
#include "benchhistory.h"
#include "profileview.h"
#include "types/stats.h"

#include <QLabel>
#include <QTimer>

namespace jitscope::ui {

BenchView::BenchView(QObject* parent)
    : QObject(parent), m_stats(new QLabel), m_charts(new BenchCharts), m_history(new BenchHistory),
      m_profile(new ProfileView), m_redraw(new QTimer(this))
{
    m_stats->setObjectName(QStringLiteral("benchStatistics"));
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_redraw->setInterval(100); // redraw at most 10 times a second however fast samples arrive
    m_redraw->setSingleShot(true);
    connect(m_redraw, &QTimer::timeout, this, &BenchView::refresh);
}

QStringList BenchView::histogramLabels() const
{
    return m_charts->histogramLabels();
}

QTableWidget* BenchView::profileTable() const
{
    return m_profile->table();
}

void BenchView::start()
{
    m_samples.clear();
    refresh();
}

void BenchView::showProgress(const QString& text)
{
    m_stats->setText(text);
}

void BenchView::addSamples(const std::vector<double>& ms)
{
    m_samples.insert(m_samples.end(), ms.begin(), ms.end());
    if (!m_redraw->isActive())
        m_redraw->start();
}

void BenchView::finish(const BenchResult& result, const QString& modelName)
{
    m_redraw->stop();
    m_samples = result.samples_ms;
    refresh();
    m_history->add(result, modelName);
    if (result.profile)
        m_profile->setProfile(result.profile);
}

void BenchView::refresh()
{
    m_charts->plot(m_samples);
    const SampleStats s = computeStats(m_samples);
    if (!s.count) {
        m_stats->clear();
        return;
    }
    // Short, as it shares the line of the panel's tabs; the whole set in the tooltip.
    m_stats->setText(
        tr("%1 calls · median %2 ms · p90 %3").arg(s.count).arg(s.median, 0, 'g', 4).arg(s.p90, 0, 'g', 4));
    m_stats->setToolTip(tr("%1 measured calls (warm-up left out)\nmedian %2 ms\nmean %3 ms\nmin %4 ms\n"
                           "p90 %5 ms\np99 %6 ms\nstd %7 ms\nIQR %8 ms\n%9 calls/s")
                            .arg(s.count)
                            .arg(s.median, 0, 'g', 5)
                            .arg(s.mean, 0, 'g', 5)
                            .arg(s.min, 0, 'g', 5)
                            .arg(s.p90, 0, 'g', 5)
                            .arg(s.p99, 0, 'g', 5)
                            .arg(s.std, 0, 'g', 4)
                            .arg(s.iqr, 0, 'g', 4)
                            .arg(s.calls_per_s, 0, 'f', 1));
}

} // namespace jitscope::ui
