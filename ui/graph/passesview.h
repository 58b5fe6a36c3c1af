// The graph LibTorch really runs: one method after a pass (saved, inlined, frozen, optimized, executed —
// Model::passGraph in the worker), optionally a second pass beside it in a splitter, and the op-kind
// table of both against the saved graph (a tab beside the graphs'). Graphs arrive from outside: the view
// asks with passRequested() and the window answers with setPassGraph() or setPassError() (shown in place of
// that pane's graph).
#pragma once

#include "types/graph.h"
#include "types/modelinfo.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <map>
#include <optional>

class QComboBox;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace jitscope::ui {

class GraphWidget;
class PassKindsModel;

class PassesView : public QWidget
{
    Q_OBJECT
public:
    static QStringList passNames(); // saved, inlined, frozen, optimized, executed

    explicit PassesView(QWidget* parent = nullptr);

    void setModelInfo(const jitscope::ModelInfo& info); // parameter shapes; forgets every pass graph
    void clear();                                       // another method or model: forget the graphs
    // Shows `left`, and `right` beside it ("" hides the second pane); asks for graphs not known yet.
    void showPasses(const QString& left, const QString& right = {});
    void setPassGraph(const QString& pass, const jitscope::Graph& graph);
    void setPassError(const QString& pass, const QString& message);

    QString leftPass() const;
    QString rightPass() const; // "" when one pane
    GraphWidget* pane(int i) const;
    QString paneMessage(int i) const; // a failed pass's reason shown in that pane, "" otherwise
    PassKindsModel* kindsModel() const { return m_kinds; }
    QComboBox* rightChooser() const;
    QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    void passRequested(const QString& pass);
    void leftPassChanged(const QString& pass); // from the view's own chooser

private:
    struct Pane
    {
        QComboBox* chooser = nullptr;
        QStackedWidget* stack = nullptr;
        GraphWidget* graph = nullptr;
        QLabel* message = nullptr;
        QLabel* count = nullptr;
        QString shown; // the pass whose graph the pane holds
    };
    QWidget* buildPane(Pane& pane, bool optional);
    void refreshPane(Pane& pane);
    void request(const QString& pass);

    Pane m_panes[2];
    QSplitter* m_splitter = nullptr;
    QTabWidget* m_tabs = nullptr; // the graphs, and the op-kind table
    QTableView* m_table = nullptr;
    PassKindsModel* m_kinds = nullptr;
    std::optional<jitscope::ModelInfo> m_info;
    std::map<QString, jitscope::Graph> m_graphs;
    std::map<QString, QString> m_errors;
    std::map<QString, bool> m_requested;
};

} // namespace jitscope::ui
