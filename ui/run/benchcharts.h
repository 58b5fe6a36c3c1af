// A benchmark's per-call times drawn live: the latest calls as a time series and all of them as a
// histogram (Qt Charts), side by side.
#pragma once

#include <QSplitter>

#include <vector>

class QBarSet;
class QCategoryAxis;
class QLineSeries;
class QValueAxis;

namespace jitscope::ui {

class BenchCharts : public QSplitter
{
    Q_OBJECT
public:
    explicit BenchCharts(QWidget* parent = nullptr);
    void plot(const std::vector<double>& samplesMs);
    QStringList histogramLabels() const; // the histogram's x-axis labels

private:
    QLineSeries* m_series;
    QValueAxis* m_seriesX;
    QValueAxis* m_seriesY;
    QBarSet* m_histSet;
    QCategoryAxis* m_histX;
    QValueAxis* m_histY;
};

} // namespace jitscope::ui
