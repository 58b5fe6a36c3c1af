// The compare view: two exports side by side. Verdict first; then op-kind differences, control flow only in
// one side (click: its code line and its node), parameters sortable by difference, outputs and probes, the
// first divergence ("Show in both graphs"), module trees in step, both graphs with one-side-only nodes
// highlighted, and both timing distributions on one chart. The work runs in a worker (CompareController).
// The view is the frame (title, progress and Stop, export), the verdict and summary, the op kinds and the
// parameter table; the other tabs are objects of their own: ControlFlowTab, ModulesTab, CompareGraphsTab
// (graphs from the controller's per-side GraphStores) and TimingTab.
#pragma once

#include "comparecontroller.h"
#include "types/comparereport.h"

#include <QWidget>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QTreeWidget;
class QTableView;
class QSortFilterProxyModel;

namespace jitscope::ui {

class CompareGraphsTab;
class ControlFlowTab;
class GraphWidget;
class ModulesTab;
class ParameterDiffModel;
class TimingTab;

class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);
    ~CompareView() override;

    void start(const CompareRequest& request);
    void stop();
    bool isRunning() const;
    const std::optional<jitscope::CompareReport>& report() const { return m_report; }
    CompareController* controller() const { return m_controller; }

    bool exportMachineReadable(const QString& path) const; // the CompareReport as JSON
    bool exportMarkdown(const QString& path) const;
    void showDivergenceInGraphs();

    // For tests.
    QTabWidget* tabs() const { return m_tabs; }
    QLabel* verdictLabel() const { return m_verdict; }
    QTreeWidget* controlFlowTree() const;
    QTreeWidget* moduleTree() const;
    QSortFilterProxyModel* parameterProxy() const { return m_paramProxy; }
    GraphWidget* graph(int side) const;
    QLabel* codeLine() const;

Q_SIGNALS:
    void reportReady();
    void failed(const QString& message);

private:
    void buildUi();
    QWidget* buildSummaryTab();
    void showReport(const jitscope::CompareReport& report);
    void fillSummary(const jitscope::CompareReport& report);
    void fillOpKinds(const jitscope::CompareReport& report);
    void exportDialog(const QString& format);

    CompareController* m_controller;
    std::optional<jitscope::CompareReport> m_report;
    std::optional<jitscope::ModelInfo> m_info[2];

    QLabel* m_title;
    QProgressBar* m_progress;
    QPushButton* m_stopButton;
    QPushButton* m_jsonButton;
    QPushButton* m_markdownButton;
    QLabel* m_verdict;
    QTabWidget* m_tabs;
    QTextBrowser* m_summary;
    QPushButton* m_showDivergence;
    ControlFlowTab* m_controlFlow;
    QTreeWidget* m_opKinds;
    QTableView* m_paramTable;
    ParameterDiffModel* m_paramModel;
    QSortFilterProxyModel* m_paramProxy;
    ModulesTab* m_modules;
    CompareGraphsTab* m_graphs;
    TimingTab* m_timing;
};

} // namespace jitscope::ui

namespace jitscope::ui {
// A top-level compare window (deleted on close) comparing A and B with these example input specs.
CompareView* openCompareWindow(const QString& a, const QString& b, const QStringList& inputSpecs,
                               QWidget* parent = nullptr);
// File › Compare With…: asks for B (and A when `a` is empty) and the example inputs, then opens the window.
void compareWithDialog(const QString& a, QWidget* parent);
} // namespace jitscope::ui
