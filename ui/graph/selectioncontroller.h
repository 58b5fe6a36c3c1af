// What is selected in the graph widget. From outside: a module (the module tree) or the nodes of a code line,
// waiting for the graphs and the layouts that draw them and selected quietly; by the user: the node the
// details panel is told about (nodeSelected) and the recorded values of its ports.
#pragma once

#include "graphstate.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

class QGraphicsScene;

namespace jitscope::ui {

class GraphCanvas;
class GraphFetcher;
class NodeItem;
class SceneBuilder;
class ValueOverlay;

// The recorded value of one input or output of the selected node: port ("in x.1", "out 0") and inlined
// value id (-1 when nothing was recorded for it). GraphWidget::PortValue.
struct NodePortValue
{
    QString port;
    int64_t value = -1;
};

class SelectionController : public QObject
{
    Q_OBJECT
public:
    SelectionController(GraphState& state, GraphFetcher& fetcher, SceneBuilder& builder, GraphCanvas* canvas,
                        QGraphicsScene* scene, const ValueOverlay& values, QObject* parent = nullptr);

    void clear();
    void selectModule(const QString& modulePath); // expand as needed, select and centre that call
    void selectNodes(const GraphRef& graph, const std::vector<int64_t>& nodeIds);
    // The nodes that `resolve` finds in `graph` once it is loaded; none found selects `module`'s call.
    void selectResolved(const GraphRef& graph, std::function<std::vector<int64_t>(const Graph&)> resolve,
                        const std::string& module);
    void centreAfterLayout(const navigation::NodeRef& node); // select and centre it once it is drawn
    // A reload: these boxes are selected when the next layout is drawn, instead of a module or nodes.
    void restore(const std::vector<navigation::NodeRef>& selected);

    void onArrivals();       // graphs arrived: select what waited for them
    void onInlinedArrived(); // … the inlined graph
    void onDrawn();          // a layout was drawn: centre and select what waited for it
    void checkReported();    // after a layout: the reported node may be gone (selectedNodeRemoved)

    void onSelectionChanged();
    void reportNode(const NodeItem* item); // tell nodeSelected() about it
    std::vector<NodePortValue> selectedNodeValues() const;
    // The recorded values changed: selectedNodeValuesChanged() when the reported node's did.
    void onValuesChanged();

Q_SIGNALS:
    void nodeSelected(const jitscope::Node& node, const QString& modulePath);
    void selectedNodeValuesChanged(const jitscope::Node& node, const QString& modulePath);
    void selectedNodeRemoved();

private:
    void trySelectModule();
    void trySelectNodes(); // where the graph is drawn, expanding the calls on the way; waits for graphs
    void applySelection(const std::vector<navigation::NodeRef>& refs);
    std::vector<int64_t> reportedValueIds() const;
    QString modulePathOf(const NodeItem* item) const;

    GraphState& m_state;
    GraphFetcher& m_fetcher;
    SceneBuilder& m_builder;
    GraphCanvas* m_canvas;
    QGraphicsScene* m_scene;
    const ValueOverlay& m_values;

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
    std::optional<PendingNodes> m_pendingNodes;          // selectNodes() waiting for graphs
    std::vector<navigation::NodeRef> m_pendingSelection; // selected quietly when the next layout is drawn
    bool m_quietSelection = false;
    std::optional<navigation::NodeRef> m_reported; // the node nodeSelected() last told about
    std::vector<int64_t> m_reportedValues;         // its recorded value ids last told about
};

} // namespace jitscope::ui
