// The Graphs tab of the compare view: A's and B's graphs side by side, each fed by its side's GraphStore
// (CompareController), showing the compared method inlined with the nodes only one side has (by kind and
// module) in colour. Calls can be expanded out of the inlined view like in the main window.
#pragma once

#include "types/comparereport.h"
#include "types/graph.h"
#include "types/graphref.h"
#include "types/modelinfo.h"

#include <QWidget>

#include <memory>
#include <optional>

namespace jitscope::ui {

class GraphStore;
class GraphWidget;

class CompareGraphsTab : public QWidget
{
    Q_OBJECT
public:
    // `a` and `b` (not owned) outlive the tab: the widgets read them until they go.
    CompareGraphsTab(GraphStore* a, GraphStore* b, QWidget* parent = nullptr);

    GraphWidget* graph(int side) const { return m_graphs[side]; }

    void clear(); // a new comparison: nothing shown until showMethod()
    // Shows `method` of both models (inlined), once the comparison has its report; `info` per side when
    // that side opened.
    void showMethod(const QString& method, const std::optional<jitscope::ModelInfo> info[2]);
    // Selects these nodes of a side's inlined graph (a control-flow node clicked).
    void selectNodes(int side, const std::vector<int64_t>& nodeIds);
    // Selects, in both inlined graphs, the nodes of this module and its submodules.
    void selectModule(const std::string& modulePath);

private:
    void onGraphArrived(int side, const jitscope::GraphRef& ref);
    void highlightOneSideNodes();

    GraphStore* m_stores[2];
    GraphWidget* m_graphs[2];
    QString m_method;                                    // shown; empty before showMethod()
    std::shared_ptr<const jitscope::Graph> m_inlined[2]; // of m_method, once arrived
};

} // namespace jitscope::ui
