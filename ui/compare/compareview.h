// The compare view: two exports side by side. Verdict first; then op-kind differences, control flow only in
// one side (click: its code line and its node), parameters sortable by difference, outputs and probes, the
// first divergence ("Show in both graphs"), module trees in step, both graphs with one-side-only nodes
// highlighted, and both timing distributions on one chart. The work runs in a worker (CompareController).
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
class QTreeWidgetItem;
class QTableView;
class QSortFilterProxyModel;

namespace jitscope::ui {

class GraphWidget;
class ParameterDiffModel;

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
    QTreeWidget* controlFlowTree() const { return m_controlFlow; }
    QTreeWidget* moduleTree() const { return m_modules; }
    QSortFilterProxyModel* parameterProxy() const { return m_paramProxy; }
    GraphWidget* graph(int side) const { return m_graphs[side]; }
    QLabel* codeLine() const { return m_codeLine; }

Q_SIGNALS:
    void reportReady();
    void failed(const QString& message);

private:
    void buildUi();
    QWidget* buildSummaryTab();
    QWidget* buildControlFlowTab();
    QWidget* buildGraphsTab();
    QWidget* buildTimingTab();
    void showReport(const jitscope::CompareReport& report);
    void fillSummary(const jitscope::CompareReport& report);
    void fillControlFlow(const jitscope::CompareReport& report);
    void fillOpKinds(const jitscope::CompareReport& report);
    void fillModules();
    void fillTiming(const jitscope::CompareReport& report);
    void onGraphArrived(int side, const jitscope::Graph& graph);
    void highlightOneSideNodes();
    void onControlFlowClicked(QTreeWidgetItem* item);
    void exportDialog(const QString& format);

    CompareController* m_controller;
    std::optional<jitscope::CompareReport> m_report;
    std::optional<jitscope::ModelInfo> m_info[2];
    std::optional<jitscope::Graph> m_inlined[2];

    QLabel* m_title;
    QProgressBar* m_progress;
    QPushButton* m_stopButton;
    QPushButton* m_jsonButton;
    QPushButton* m_markdownButton;
    QLabel* m_verdict;
    QTabWidget* m_tabs;
    QTextBrowser* m_summary;
    QPushButton* m_showDivergence;
    QTreeWidget* m_controlFlow;
    QLabel* m_codeLine;
    QTreeWidget* m_opKinds;
    QTableView* m_paramTable;
    ParameterDiffModel* m_paramModel;
    QSortFilterProxyModel* m_paramProxy;
    QTreeWidget* m_modules;
    GraphWidget* m_graphs[2];
    QWidget* m_timingTab;
};

} // namespace jitscope::ui

namespace jitscope::ui {
// A top-level compare window (deleted on close) comparing A and B with these example input specs.
CompareView* openCompareWindow(const QString& a, const QString& b, const QStringList& inputSpecs,
                               QWidget* parent = nullptr);
// File › Compare With…: asks for B (and A when `a` is empty) and the example inputs, then opens the window.
void compareWithDialog(const QString& a, QWidget* parent);
} // namespace jitscope::ui
