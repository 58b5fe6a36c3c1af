// The graph view of one method: folded by default, module calls expanded in place, laid out off the UI
// thread. Graphs come from a GraphStore (graphstore.h): the window shares the model's, which asks the worker;
// a widget on its own has one whose requests are the graphRequested()/functionGraphRequested() signals,
// answered with setRootGraph()/addGraph()/setInlinedGraph() (the compare and passes views, tests).
// The widget is the toolbar, this API and the wiring between the objects doing the work: GraphFetcher
// (graphs), SceneBuilder (layout thread, scene items), ExpansionController, SelectionController, GraphSearch,
// ViewAnchor (where the view looks after a relayout), OverlayController (heat, values) and graphexport.
#pragma once

// The collaborators' headers are here so that the widget's queries stay inline one-liners.
#include "expansioncontroller.h"
#include "graphfetcher.h"
#include "graphsearch.h"
#include "graphstate.h"
#include "overlaycontroller.h"
#include "scenebuilder.h"
#include "selectioncontroller.h"
#include "types/modelinfo.h"
#include "types/values.h"
#include "valueoverlay.h"
#include "view/heat.h"
#include "viewanchor.h"

#include <QPointF>
#include <QWidget>

#include <memory>
#include <set>
#include <vector>

class QGraphicsScene;

namespace jitscope::ui {

class EdgeItem;
class GraphCanvas;
class GraphStore;
class GraphToolBar;
class SearchBar;

class GraphWidget : public QWidget
{
    Q_OBJECT
public:
    explicit GraphWidget(QWidget* parent = nullptr);
    ~GraphWidget() override;

    // Where graphs come from: a store shared with other views (not owned), or null for the widget's own.
    void setStore(GraphStore* store);
    GraphStore* store() const { return m_fetcher->store(); }
    void setModelInfo(const jitscope::ModelInfo& info); // parameter shapes for folding; resets
    // Shows the graph `ref` names (a method of the model, as saved) once the store has it; resets the view.
    void showRoot(const jitscope::GraphRef& ref);
    // Pushing graphs into the widget's store (a widget without a worker-backed store):
    void setRootGraph(const jitscope::Graph& graph); // the method's top-level graph; shown at once
    void addGraph(const jitscope::GraphRef& ref, const jitscope::Graph& graph); // a graph it asked for
    void setInlinedGraph(const jitscope::Graph& graph); // the flat inlined graph of the root's method
    // A graph the widget asked for cannot be had: stop waiting for it and do not ask again for this model;
    // its calls stay drawn collapsed.
    void graphUnavailable(const jitscope::GraphRef& ref);
    void clear();
    void selectModule(const QString& modulePath); // expand as needed, select and centre that call
    // Selects the drawn nodes with these IR node ids of one graph (module_path and method as the Graph has
    // them; the inlined graph when `inlined`, which only the inlined view shows), expanding the calls that
    // hide them, and centres on the first. A node folded away (constant, GetAttr) selects the node showing
    // it. Quiet: nodeSelected() is not emitted.
    void selectNodes(const jitscope::GraphRef& graph, const std::vector<int64_t>& nodeIds);
    void selectNodes(const QString& modulePath, const QString& method, bool inlined, // a method's graph
                     const std::vector<int64_t>& nodeIds);
    // Colours every drawn box by its share of the profile's self time (view::HeatTable), white → yellow →
    // red relative to the hottest box drawn, the share in its tooltip; kept across relayouts until
    // clearHeat() or a new model. The toolbar's Heat button hides and shows it.
    void setHeat(const std::vector<jitscope::OpTime>& ops);
    void clearHeat();
    bool isHeatShown() const { return m_overlays->isHeatShown(); }
    // For tests: the share given to node `nodeId` drawn in call instance `instance` ("" is the root graph
    // and the inlined graph); -1 when no such box is drawn or no heat is shown.
    double heatOf(const QString& instance, int64_t nodeId) const
    {
        return m_overlays->heatOf(instance, nodeId);
    }
    // A recorded run's values (ui/graph/valueoverlay.h): edges show shapes (hover: statistics and a
    // histogram), nodes whose output holds a NaN/Inf are red; kept across relayouts until clearValues().
    // Shown while the widget shows the recorded method. Asks for the inlined graph (graphRequested) when it
    // does not have it: the nested view's values are found through it.
    void setValues(std::shared_ptr<const jitscope::ValueTable> values);
    void clearValues();
    bool hasValues() const { return !m_values->empty(); }
    const ValueOverlay& valueOverlay() const { return *m_values; }
    const jitscope::ValueTable* valueOverlayTable() const { return m_values->table(); } // null without values
    const std::vector<EdgeItem*>& edgeItems() const { return m_builder->edgeItems(); }  // drawn edges (tests)
    bool isNonFiniteNode(const QString& instance, int64_t nodeId) const                 // drawn red (tests)
    {
        return m_overlays->isNonFiniteNode(instance, nodeId);
    }
    // Selects the node that computed the first NaN/Inf, expanding the calls on the way (quiet, like
    // selectNodes); false when the values hold none.
    bool goToFirstNonFinite();
    // The recorded values of the inputs and outputs of the node last reported by nodeSelected(): per port
    // ("in x.1", "out 0") the inlined value id (-1 when nothing was recorded for it).
    using PortValue = NodePortValue;
    std::vector<PortValue> selectedNodeValues() const { return m_selection->selectedNodeValues(); }
    // The recorded value under `scenePos` (an edge's), as (inlined value id, element); id -1 when none.
    std::pair<int64_t, std::string> valueAt(const QPointF& scenePos) const
    {
        return m_overlays->valueAt(scenePos);
    }
    bool isInlinedMode() const { return m_state.inlined; }
    bool isRawMode() const { return m_state.tree.raw; }
    bool isFocusMode() const { return m_state.composer->focus(); }
    // What focus on data flow folded in the drawn views (for the status line and tests).
    int foldedChecks() const { return m_builder->foldedChecks(); }
    int foldedNodes() const { return m_builder->foldedNodes(); }
    int visibleNodeCount() const; // IR nodes drawn in the current state (for tests)
    // A narrow toolbar for a pane beside another (the Passes view): only Focus, Raw IR, Fit and Find, so two
    // panes and the op-kind table fit a 1600-px screen next to the docks.
    void setCompactToolBar(bool compact);

    // For tests and the bench: what the last finished layout drew, and whether one is still running.
    int sceneNodeCount() const { return m_builder->layout() ? m_builder->layout()->nodeCount : 0; }
    bool isLayoutPending() const { return m_builder->isPending() || m_fetcher->isArrivalScheduled(); }
    bool hasPendingGraphs() const { return m_fetcher->hasPending(); } // asked, not arrived
    int matchCount() const { return m_search->matchCount(); }
    int currentMatch() const { return m_search->currentMatch(); }
    QGraphicsScene* scene() const { return m_scene; }
    GraphCanvas* canvas() const { return m_canvas; }
    bool isExpanded(const QString& instance) const { return m_expansion->isExpanded(instance); }
    bool expandCall(const QString& modulePath,
                    const QString& method);            // the first visible call; false if none
    bool expandFunction(const QString& qualifiedName); // the first visible call of it; false if none
    void collapseInstance(const QString& instance);

    // What a reload keeps: the expanded calls, the selected boxes, zoom and centre.
    struct ViewState
    {
        std::set<std::string> expanded; // call instance paths ("4/17")
        std::vector<navigation::NodeRef> selected;
        double zoom = 0; // 0: nothing drawn yet, fit as usual
        QPointF centre;  // scene point at the middle of the view
    };
    ViewState viewState() const;
    // Shows the root graph just set the way `state` describes instead of its default view: the calls that
    // still exist are expanded as their graphs arrive, the same boxes selected, the same zoom and centre.
    void restoreViewState(const ViewState& state);
    bool isRestoringView() const { return m_expansion->isRestoring(); }

public Q_SLOTS:
    void setInlinedMode(bool on);
    // Focus on data flow (default on, remembered): checks folded, `if self.training` shown eval-side only.
    void setFocusMode(bool on);
    void setRawMode(bool on);
    void expandAll();
    void collapseAll();
    void expandToDepth(int depth);
    void findText(const QString& text);
    void findNext();
    void findPrevious();
    void fitToView();
    void exportSvg(const QString& path);
    void exportPng(const QString& path);
    void exportDot(const QString& path);

Q_SIGNALS:
    // The widget's own store needs a graph (not emitted with a shared store).
    void graphRequested(const QString& modulePath, const QString& method, bool inlined);
    void functionGraphRequested(const QString& qualifiedName); // … the graph of a free function
    void rootShown(); // the root graph showRoot() asked for arrived and is being laid out
    void nodeSelected(const jitscope::Node& node, const QString& modulePath); // for the details panel
    // The recorded values of that node's inputs/outputs changed (values arrived or were dropped after it
    // was selected): the details panel shows them again.
    void selectedNodeValuesChanged(const jitscope::Node& node, const QString& modulePath);
    // The node last reported by nodeSelected() is no longer drawn (Collapse all, a collapse around it).
    void selectedNodeRemoved();
    // "Save value…" in an edge's context menu: the window asks for a path and the worker saves it.
    void saveValueRequested(qint64 value, const QString& element);
    void layoutStarted();
    void layoutFinished(double milliseconds);

private:
    void setRoot(const GraphRef& ref, std::shared_ptr<const Graph> graph);
    void setInlined(std::shared_ptr<const Graph> graph);
    void processArrivals();
    void onDrawn(double milliseconds, const QPointF& oldCentre);

    GraphState m_state;
    std::unique_ptr<ValueOverlay> m_values;
    QGraphicsScene* m_scene;
    GraphCanvas* m_canvas;
    SearchBar* m_searchBar;
    GraphToolBar* m_toolBar;
    // Declared in the order they need each other; destroyed in reverse (the builder waits for its thread).
    std::unique_ptr<GraphFetcher> m_fetcher;
    std::unique_ptr<SceneBuilder> m_builder;
    std::unique_ptr<ViewAnchor> m_anchor;
    std::unique_ptr<ExpansionController> m_expansion;
    std::unique_ptr<SelectionController> m_selection;
    std::unique_ptr<GraphSearch> m_search;
    std::unique_ptr<OverlayController> m_overlays;
};

} // namespace jitscope::ui
