// The graph view of one method: folded by default, module calls expanded in place, laid out off the UI
// thread. Graphs come from a GraphStore (graphstore.h): the window shares the model's, which asks the worker;
// a widget on its own has one whose requests are the graphRequested()/functionGraphRequested() signals,
// answered with setRootGraph()/addGraph()/setInlinedGraph() (the compare and passes views, tests).
#pragma once

#include "navigation/expansion.h"
#include "view/heat.h"
#include "types/graph.h"
#include "types/graphref.h"
#include "types/modelinfo.h"
#include "types/values.h"

#include <QElapsedTimer>
#include <QImage>
#include <QPointF>
#include <QThreadPool>
#include <QTimer>
#include <QWidget>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

class QGraphicsItem;
class QGraphicsScene;
class QToolButton;
class QLabel;

namespace jitscope::ui {

class GraphCanvas;
class NodeItem;
class EdgeItem;
class ValueOverlay;
class SearchBar;
class GraphStore;
class HeatOverlay;

class GraphWidget : public QWidget
{
    Q_OBJECT
public:
    explicit GraphWidget(QWidget* parent = nullptr);
    ~GraphWidget() override;

    // Where graphs come from: a store shared with other views (not owned), or null for the widget's own.
    void setStore(GraphStore* store);
    GraphStore* store() const { return m_store; }
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
    bool isHeatShown() const;
    // For tests: the share given to node `nodeId` drawn in call instance `instance` ("" is the root graph
    // and the inlined graph); -1 when no such box is drawn or no heat is shown.
    double heatOf(const QString& instance, int64_t nodeId) const;
    // A recorded run's values (ui/graph/valueoverlay.h): edges show shapes (hover: statistics and a
    // histogram), nodes whose output holds a NaN/Inf are red; kept across relayouts until clearValues().
    // Shown while the widget shows the recorded method. Asks for the inlined graph (graphRequested) when it
    // does not have it: the nested view's values are found through it.
    void setValues(std::shared_ptr<const jitscope::ValueTable> values);
    void clearValues();
    bool hasValues() const;
    const ValueOverlay& valueOverlay() const { return *m_values; }
    const jitscope::ValueTable* valueOverlayTable() const; // null without values
    const std::vector<EdgeItem*>& edgeItems() const { return m_edgeItems; } // drawn edges (tests)
    bool isNonFiniteNode(const QString& instance, int64_t nodeId) const;   // drawn red (tests)
    // Selects the node that computed the first NaN/Inf, expanding the calls on the way (quiet, like
    // selectNodes); false when the values hold none.
    bool goToFirstNonFinite();
    // The recorded values of the inputs and outputs of the node last reported by nodeSelected(): per port
    // ("in x.1", "out 0") the inlined value id (-1 when nothing was recorded for it).
    struct PortValue
    {
        QString port;
        int64_t value = -1;
    };
    std::vector<PortValue> selectedNodeValues() const;
    // The recorded value under `scenePos` (an edge's), as (inlined value id, element); id -1 when none.
    std::pair<int64_t, std::string> valueAt(const QPointF& scenePos) const;
    bool isInlinedMode() const { return m_inlined; }
    bool isRawMode() const { return m_tree.raw; }
    bool isFocusMode() const { return m_composer->focus(); }
    // What focus on data flow folded in the drawn views (for the status line and tests).
    int foldedChecks() const { return m_foldedChecks; }
    int foldedNodes() const { return m_foldedNodes; }
    int visibleNodeCount() const; // IR nodes drawn in the current state (for tests)
    // A narrow toolbar for a pane beside another (the Passes view): only Focus, Raw IR, Fit and Find, so two
    // panes and the op-kind table fit a 1600-px screen next to the docks.
    void setCompactToolBar(bool compact);

    // For tests and the bench: what the last finished layout drew, and whether one is still running.
    int sceneNodeCount() const;
    bool isLayoutPending() const
    {
        return m_pendingJobs > 0 || m_relayoutScheduled || m_building || m_arrivalScheduled;
    }
    bool hasPendingGraphs() const { return !m_requested.empty() || !m_pendingRoot.empty(); } // asked, not arrived
    int matchCount() const { return static_cast<int>(m_matches.size()); }
    int currentMatch() const { return m_current; }
    QGraphicsScene* scene() const { return m_scene; }
    GraphCanvas* canvas() const { return m_canvas; }
    bool isExpanded(const QString& instance) const;
    bool expandCall(const QString& modulePath,
                    const QString& method);            // the first visible call; false if none
    bool expandFunction(const QString& qualifiedName); // the first visible call of it; false if none
    void collapseInstance(const QString& instance);

    // What a reload keeps (graphwidget_state.cpp): the expanded calls, the selected boxes, zoom and centre.
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
    bool isRestoringView() const { return !m_restoreExpanded.empty(); }

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
    void buildToolBar();
    void exportWithDialog(const QString& format); // asks for a path, then exportSvg/Png/Dot
    void request(const GraphRef& ref);
    GraphRef inlinedRef() const;
    void onGraphArrived(const GraphRef& ref);
    void onGraphFailed(const GraphRef& ref);
    void setRoot(const GraphRef& ref, std::shared_ptr<const Graph> graph);
    void setInlined(std::shared_ptr<const Graph> graph);
    void scheduleArrivals();
    void processArrivals();
    bool expandFirst(const std::function<bool(const navigation::CallRef&)>& match);
    void autoExpand();
    void relayout();
    void layoutWhenReady();
    void startLayout();
    struct Drawing;
    void applyLayout(quint64 generation, std::shared_ptr<const Drawing> drawing);
    void buildItems(quint64 generation);
    void finishBuild();
    void updateHighlights();
    void goToMatch();
    void trySelectModule();
    void trySelectNodes();
    void applySelection(const std::vector<navigation::NodeRef>& refs);
    void applyHeat();
    void applyValues();
    void showContextMenu(const QPoint& pos);
    void continueRestore();   // expands what restoreViewState() asked for as far as the graphs allow
    bool applyRestoredView(); // in finishBuild(): false when there is no zoom and centre to restore
    // graphwidget_view.cpp: keeping what the user acted on in sight across a relayout
    void anchorOnCluster(const std::string& instance);
    void anchorOnNode(const navigation::NodeRef& node);
    bool placeAnchor(); // after a layout: false when the anchor is not drawn
    void anchorOnSelectionOrStart();
    void onNodeActivated(NodeItem* item);
    void onSelectionChanged();
    void reportNode(const NodeItem* item);
    std::vector<int64_t> reportedValueIds() const;
    std::string dotText() const;

    GraphStore* m_ownStore; // the store of a widget that is given none
    GraphStore* m_store;
    std::shared_ptr<layout::Composer> m_composer;
    navigation::ExpansionTree m_tree;
    std::string m_rootPath, m_rootMethod;
    GraphRef m_pendingRoot; // showRoot() waits for it
    std::shared_ptr<const Graph> m_inlinedGraph;
    bool m_inlined = false;
    bool m_inlinedRequested = false;
    std::set<GraphRef> m_requested; // asked of the store, not arrived
    bool m_arrivalScheduled = false;     // graphs arrived; the tree is walked once for all of them
    bool m_autoExpand = false;
    int m_expandDepth = -2; // -2: no expand-all in progress, -1: all, else the depth asked for
    std::optional<QString> m_pendingModule;
    std::optional<navigation::NodeRef> m_pendingCentre;
    struct PendingNodes
    {
        GraphRef graph; // inlined: the inlined view's
        std::vector<int64_t> ids;
        // When set: the ids are found in the graph once it is loaded; none found selects `module`'s call.
        std::function<std::vector<int64_t>(const Graph&)> resolve;
        std::string module;
    };
    std::optional<PendingNodes> m_pendingNodes;      // selectNodes() waiting for graphs
    std::vector<navigation::NodeRef> m_pendingSelection; // selected quietly when the next layout is drawn
    bool m_quietSelection = false;
    std::optional<navigation::NodeRef> m_reported; // the node nodeSelected() last told about
    std::vector<int64_t> m_reportedValues;         // its recorded value ids last told about
    bool m_fitPending = false; // the next layout opens with GraphCanvas::showStart()
    // What an expand or collapse acted on, and where it was in the viewport: the next layout puts the
    // expanded module (or the collapsed call) back there.
    struct Anchor
    {
        std::string cluster;                // an expanded call's instance
        std::optional<navigation::NodeRef> node; // or a node (a collapsed call)
        QPointF viewPos;                     // its top left in viewport coordinates before
    };
    std::optional<Anchor> m_anchor;
    std::set<std::string> m_restoreExpanded;                 // restoreViewState() still expanding these
    std::optional<std::pair<double, QPointF>> m_restoreView; // zoom and centre for the next layouts

    std::string m_query;
    std::vector<navigation::NodeRef> m_matches;
    int m_current = -1;

    QThreadPool m_pool; // one thread: Graphviz is not thread-safe, and layouts must finish in order
    quint64 m_generation = 0;
    // The newest generation, read by queued layout jobs: one that is already outdated when the layout thread
    // gets to it is skipped instead of running dot for a state nobody will see.
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    int m_pendingJobs = 0;
    bool m_relayoutScheduled = false; // a layout is due, maybe waiting for graphs (layoutWhenReady)
    bool m_readyCheckPosted = false;
    QElapsedTimer m_lastRequest; // since the last graph was asked for
    QTimer m_graphWait;
    std::shared_ptr<const layout::SceneLayout> m_layout;
    // The scene being built from m_layout, a slice per event-loop turn.
    struct Build
    {
        quint64 generation = 0;
        bool cleared = false; // the previous scene's items are deleted
        size_t next = 0;      // clusters, then tiles
        std::optional<navigation::NodeRef> selected;
        QPointF centre;
        std::shared_ptr<const Drawing> drawing;
    };
    Build m_build;
    bool m_building = false;
    std::vector<QGraphicsItem*> m_sceneItems; // top-level items of m_scene, deleted in slices on rebuild
    std::map<navigation::NodeRef, NodeItem*> m_items;
    std::vector<EdgeItem*> m_edgeItems;
    std::unique_ptr<ValueOverlay> m_values;

    QGraphicsScene* m_scene;
    GraphCanvas* m_canvas;
    SearchBar* m_searchBar;
    QToolButton* m_rawButton;
    QToolButton* m_inlinedButton;
    QToolButton* m_heatButton;
    QToolButton* m_mapButton;
    QToolButton* m_focusButton;
    std::vector<QWidget*> m_fullToolBarOnly; // hidden by setCompactToolBar()
    int m_foldedChecks = 0, m_foldedNodes = 0;
    HeatOverlay* m_heat;
    QLabel* m_status;
};

} // namespace jitscope::ui
