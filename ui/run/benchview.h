// The Benchmark tab: the statistics of the calls so far over one view at a time — live charts, the
// session's history, the per-op profile.
#pragma once

#include "types/runresult.h"

#include <QWidget>

#include <vector>

class QLabel;
class QTableWidget;
class QTabWidget;
class QTimer;

namespace jitscope::ui {

class BenchCharts;
class BenchHistory;
class ProfileView;

class BenchView : public QWidget
{
    Q_OBJECT
public:
    explicit BenchView(QWidget* parent = nullptr);

    void start();                                   // a benchmark begins: no samples yet
    void addSamples(const std::vector<double>& ms); // live, redrawn at most 10 times a second
    // The benchmark ended: its samples, a history row named `modelName`, its profile when it has one.
    void finish(const BenchResult& result, const QString& modelName);

    int sampleCount() const { return static_cast<int>(m_samples.size()); }
    QStringList histogramLabels() const;
    QTabWidget* views() const { return m_views; }
    BenchHistory* history() const { return m_history; }
    QTableWidget* profileTable() const;

private:
    void refresh();

    std::vector<double> m_samples;
    QLabel* m_stats;
    BenchCharts* m_charts;
    BenchHistory* m_history;
    ProfileView* m_profile;
    QTabWidget* m_views;
    QTimer* m_redraw;
};

} // namespace jitscope::ui
