#include "benchview.h"

#include "benchcharts.h"
#include "benchhistory.h"
#include "profileview.h"
#include "types/stats.h"

#include <QLabel>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace jitscope::ui {

BenchView::BenchView(QWidget* parent)
    : QWidget(parent), m_stats(new QLabel), m_charts(new BenchCharts), m_history(new BenchHistory),
      m_profile(new ProfileView), m_views(new QTabWidget), m_redraw(new QTimer(this))
{
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // One thing at a time, each with the tab's whole area: charts, the session's history, the profile.
    m_views->setObjectName(QStringLiteral("benchViews"));
    m_views->setDocumentMode(true);
    m_views->addTab(m_charts, tr("Charts"));
    m_views->addTab(m_history, tr("History (this session)"));
    m_views->addTab(m_profile, tr("Per-op profile"));
    m_redraw->setInterval(100); // redraw at most 10 times a second however fast samples arrive
    m_redraw->setSingleShot(true);
    connect(m_redraw, &QTimer::timeout, this, &BenchView::refresh);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_stats);
    layout->addWidget(m_views, 1);
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
    m_stats->setText(tr("%1 calls   median %2 ms   mean %3   min %4   p90 %5   p99 %6   std %7   IQR %8   "
                        "%9 calls/s")
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
