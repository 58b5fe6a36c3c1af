#include "benchcharts.h"

#include "types/stats.h"

#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace jitscope::ui {

BenchCharts::BenchCharts(QWidget* parent)
    : QSplitter(Qt::Horizontal, parent), m_series(new QLineSeries), m_seriesX(new QValueAxis),
      m_seriesY(new QValueAxis), m_histSet(new QBarSet(tr("calls"))), m_histX(new QCategoryAxis),
      m_histY(new QValueAxis)
{
    setObjectName(QStringLiteral("benchCharts"));
    auto* seriesChart = new QChart;
    seriesChart->setTitle(tr("Per-call time (ms)"));
    seriesChart->legend()->hide();
    seriesChart->addSeries(m_series);
    seriesChart->addAxis(m_seriesX, Qt::AlignBottom);
    seriesChart->addAxis(m_seriesY, Qt::AlignLeft);
    m_series->attachAxis(m_seriesX);
    m_series->attachAxis(m_seriesY);

    auto* histChart = new QChart;
    histChart->setTitle(tr("Histogram (ms)"));
    histChart->legend()->hide();
    auto* bars = new QBarSeries;
    bars->append(m_histSet);
    bars->setBarWidth(1.0);
    histChart->addSeries(bars);
    // Thirty bin labels cannot fit under the bars (they all read "…"): a category axis over the bins'
    // indices labels a few of them with their times (plot).
    m_histX->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    histChart->addAxis(m_histX, Qt::AlignBottom);
    histChart->addAxis(m_histY, Qt::AlignLeft);
    bars->attachAxis(m_histX);
    bars->attachAxis(m_histY);

    // Charts need room to be read: each has a minimum size, and a dock too small for them scrolls (the
    // panel sits in a scroll area) instead of drawing them over each other. 160 px high: the default bottom
    // dock of a window on a 1600×1000 screen holds them with the panel's tab bar.
    setChildrenCollapsible(false);
    for (QChart* chart : {seriesChart, histChart}) {
        auto* view = new QChartView(chart);
        view->setMinimumSize(300, 160);
        view->setRenderHint(QPainter::Antialiasing);
        chart->setMargins(QMargins(4, 4, 4, 4));
        addWidget(view);
    }
}

QStringList BenchCharts::histogramLabels() const
{
    return m_histX->categoriesLabels();
}

void BenchCharts::plot(const std::vector<double>& samples)
{
    // The series shows the latest 2000 calls: enough to see drift, cheap to redraw.
    const size_t n = samples.size();
    const size_t from = n > 2000 ? n - 2000 : 0;
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(n - from));
    for (size_t i = from; i < n; ++i)
        points.append(QPointF(static_cast<double>(i), samples[i]));
    m_series->replace(points);
    const double max = n ? *std::max_element(samples.begin(), samples.end()) : 0;
    m_seriesX->setRange(static_cast<double>(from), std::max<double>(static_cast<double>(n), from + 1.0));
    m_seriesY->setRange(0, n ? max * 1.05 : 1.0);

    const Histogram h = makeHistogram(samples, 30);
    m_histSet->remove(0, m_histSet->count());
    QStringList categories;
    int64_t peak = 1;
    for (size_t i = 0; i < h.counts.size(); ++i) {
        *m_histSet << static_cast<double>(h.counts[i]);
        categories << QString::number(h.lo + h.width * (static_cast<double>(i) + 0.5), 'g', 3);
        peak = std::max(peak, h.counts[i]);
    }
    for (const QString& label : m_histX->categoriesLabels())
        m_histX->remove(label);
    const int bins = static_cast<int>(h.counts.size());
    m_histX->setRange(-0.5, std::max(0.5, bins - 0.5));
    m_histX->setStartValue(-0.5);
    // Five labels: the first, last and three between, each at its bin's centre time.
    for (int k = 0; bins > 0 && k < 5; ++k) {
        const int i = (bins - 1) * k / 4;
        if (k > 0 && i == (bins - 1) * (k - 1) / 4)
            continue;
        m_histX->append(categories[i], i);
    }
    m_histY->setRange(0, static_cast<double>(peak));
}

} // namespace jitscope::ui
