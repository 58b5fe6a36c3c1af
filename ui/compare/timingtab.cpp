#include "timingtab.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

namespace jitscope::ui {

TimingTab::TimingTab(QWidget* parent) : QWidget(parent)
{
    new QVBoxLayout(this);
}

void TimingTab::setReport(const CompareReport& report)
{
    QLayout* box = layout();
    while (QLayoutItem* item = box->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!report.timing || report.timing->iters == 0) {
        box->addWidget(new QLabel(tr("No timing (a side failed on the example, or iters was 0)."), this));
        return;
    }
    const TimingComparison& timing = *report.timing;
    auto* chart = new QChart;
    double top = 0;
    for (int side = 0; side < 2; ++side) {
        auto* series = new QLineSeries;
        const auto& samples = side == 0 ? timing.a_ms : timing.b_ms;
        series->setName(tr("%1: median %2 ms")
                            .arg(side == 0 ? QStringLiteral("A") : QStringLiteral("B"))
                            .arg(side == 0 ? timing.a_median_ms : timing.b_median_ms, 0, 'g', 4));
        for (size_t i = 0; i < samples.size(); ++i) {
            series->append(static_cast<double>(i), samples[i]);
            top = std::max(top, samples[i]);
        }
        chart->addSeries(series);
    }
    chart->setTitle(
        tr("Alternating calls on the example (ms per call), B/A = %1").arg(timing.ratio, 0, 'g', 4));
    auto* x = new QValueAxis;
    x->setTitleText(tr("call"));
    x->setLabelFormat(QStringLiteral("%d"));
    auto* y = new QValueAxis;
    y->setTitleText(tr("ms"));
    y->setRange(0, top * 1.1);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    box->addWidget(new QChartView(chart, this));
}

} // namespace jitscope::ui
