// A benchmark's results, kept up to date while it runs: the live charts, the statistics line, the session's
// history and the per-op profile. The Run panel puts the widgets where they have room (its tabs and their
// corner); this object feeds them.
#pragma once

#include "types/runresult.h"

#include <QObject>

#include <vector>

class QLabel;
class QTableWidget;
class QTimer;

namespace jitscope::ui {

class BenchCharts;
class BenchHistory;
class ProfileView;

class BenchView : public QObject
{
    Q_OBJECT
public:
    // The widgets have no parent until they are laid out; the panel that does so owns them.
    explicit BenchView(QObject* parent = nullptr);

    void start();                                   // a benchmark begins: no samples yet
    void showProgress(const QString& text);         // in the statistics line (warm-up)
    void addSamples(const std::vector<double>& ms); // live, redrawn at most 10 times a second
    // The benchmark ended: its samples, a history row named `modelName`, its profile when it has one.
    void finish(const BenchResult& result, const QString& modelName);

    int sampleCount() const { return static_cast<int>(m_samples.size()); }
    QStringList histogramLabels() const;
    BenchCharts* charts() const { return m_charts; }
    BenchHistory* history() const { return m_history; }
    ProfileView* profile() const { return m_profile; }
    QLabel* statistics() const { return m_stats; }
    QTableWidget* profileTable() const;

private:
    void refresh();

    std::vector<double> m_samples;
    QLabel* m_stats;
    BenchCharts* m_charts;
    BenchHistory* m_history;
    ProfileView* m_profile;
    QTimer* m_redraw;
};

} // namespace jitscope::ui
