#include "selectioncontroller.h"

#include "graphcanvas.h"
#include "graphfetcher.h"
#include "graphitems.h"
#include "qtstring.h"
#include "scenebuilder.h"
#include "valueoverlay.h"

#include <QGraphicsScene>

#include <algorithm>

namespace jitscope::ui {

SelectionController::SelectionController(GraphState& state, GraphFetcher& fetcher, SceneBuilder& builder,
                                         GraphCanvas* canvas, QGraphicsScene* scene,
                                         const ValueOverlay& values, QObject* parent)
    : QObject(parent), m_state(state), m_fetcher(fetcher), m_builder(builder), m_canvas(canvas),
      m_scene(scene), m_values(values)
{
    connect(scene, &QGraphicsScene::selectionChanged, this, &SelectionController::onSelectionChanged);
    connect(canvas, &GraphCanvas::selectedNodeClicked, this, &SelectionController::reportNode);
}

void SelectionController::clear()
{
    m_pendingModule.reset();
    m_pendingCentre.reset();
    m_reported.reset();
    m_pendingNodes.reset();
    m_pendingSelection.clear();
}

void SelectionController::selectModule(const QString& modulePath)
{
    m_pendingModule = modulePath;
    trySelectModule();
}

void SelectionController::trySelectModule()
{
    const std::string path = m_pendingModule->toStdString();
    if (path == m_state.rootPath) {
        m_pendingModule.reset();
        return;
    }
    if (auto call = m_state.tree.findModuleCall(path)) {
        m_pendingModule.reset();
        if (!call->node.instance.empty())
            m_state.tree.expandPath(call->node.instance);
        m_pendingCentre = call->node;
        m_builder.relayout();
        return;
    }
    for (const navigation::CallRef& call : m_state.tree.missingOnTheWayTo(path))
        m_fetcher.request(call.callee);
}

void SelectionController::selectNodes(const GraphRef& graph, const std::vector<int64_t>& nodeIds)
{
    m_pendingNodes = PendingNodes{graph, nodeIds, {}, {}};
    m_pendingSelection.clear();
    trySelectNodes();
}

void SelectionController::selectResolved(const GraphRef& graph,
                                         std::function<std::vector<int64_t>(const Graph&)> resolve,
                                         const std::string& module)
{
    m_pendingNodes = PendingNodes{graph, {}, std::move(resolve), module};
    m_pendingSelection.clear();
    trySelectNodes();
}

void SelectionController::centreAfterLayout(const navigation::NodeRef& node)
{
    m_pendingCentre = node;
}

void SelectionController::restore(const std::vector<navigation::NodeRef>& selected)
{
    m_pendingModule.reset();
    m_pendingCentre.reset();
    m_pendingSelection = selected;
}

void SelectionController::onArrivals()
{
    if (m_pendingModule)
        trySelectModule();
    if (m_pendingNodes)
        trySelectNodes();
}

void SelectionController::onInlinedArrived()
{
    if (m_pendingNodes)
        trySelectNodes();
}

// Where the graph is drawn: the call instance holding it (expanded on the way there), or the inlined graph.
// Waits for graphs still missing on the way; onArrivals() and onInlinedArrived() try again.
void SelectionController::trySelectNodes()
{
    const PendingNodes pending = *m_pendingNodes;
    if (pending.graph.inlined != m_state.inlined) {
        m_pendingNodes.reset(); // a graph of the other view: nothing drawn here shows its nodes
        return;
    }
    navigation::ExpansionTree& tree = m_state.tree;
    std::string instance;
    std::shared_ptr<const GraphView> view;
    if (pending.graph.inlined) {
        if (!m_state.inlinedGraph)
            return;
        if (pending.graph != m_state.inlinedRef()) {
            m_pendingNodes.reset();
            return;
        }
        view = m_state.inlinedView();
    } else {
        std::optional<std::string> found;
        if (pending.graph == tree.root())
            found = std::string();
        else
            tree.forEachCall(false, [&](const navigation::CallRef& call) {
                if (call.callee == pending.graph)
                    found = call.child;
                return !found;
            });
        if (!found && !pending.graph.isFunction())
            for (const navigation::CallRef& call : tree.missingOnTheWayTo(pending.graph.module_path))
                m_fetcher.request(call.callee);
        if (found && !tree.graphs().find(pending.graph))
            m_fetcher.request(pending.graph);
        if (!found || !tree.graphs().find(pending.graph))
            return;
        instance = *found;
        view = tree.view(pending.graph);
    }
    m_pendingNodes.reset();
    std::vector<int64_t> ids = pending.ids;
    if (pending.resolve) {
        ids = pending.resolve(*view->graph);
        if (ids.empty() && !pending.module.empty() && pending.module != m_state.rootPath) {
            selectModule(qs(pending.module)); // not found in its graph: at least its module's call
            return;
        }
    }
    std::vector<navigation::NodeRef> refs;
    for (int element : view->elementsShowing(ids)) {
        const navigation::NodeRef ref{instance, element >= 0 ? view->elements[element].node->id : -1};
        if (element >= 0 && std::find(refs.begin(), refs.end(), ref) == refs.end())
            refs.push_back(ref);
    }
    const size_t before = tree.expanded().size();
    tree.expandPath(instance);
    if (tree.expanded().size() != before || m_builder.isPending() || m_fetcher.isArrivalScheduled()) {
        m_pendingSelection = refs; // after the layout that shows them
        m_builder.relayout();
        return;
    }
    applySelection(refs);
}

// Selected without nodeSelected(): the caller (the code view) already shows what these nodes are.
void SelectionController::applySelection(const std::vector<navigation::NodeRef>& refs)
{
    m_quietSelection = true;
    m_scene->clearSelection();
    NodeItem* first = nullptr;
    for (const navigation::NodeRef& ref : refs)
        if (NodeItem* item = m_builder.item(ref)) {
            item->setSelected(true);
            first = first ? first : item;
        }
    m_quietSelection = false;
    if (first)
        m_canvas->centreOnItem(first);
}

void SelectionController::onDrawn()
{
    if (m_pendingCentre) {
        if (NodeItem* item = m_builder.item(*m_pendingCentre)) {
            m_scene->clearSelection();
            item->setSelected(true);
            m_canvas->centreOnItem(item);
        }
        m_pendingCentre.reset();
    }
    if (!m_pendingSelection.empty()) {
        applySelection(m_pendingSelection);
        m_pendingSelection.clear();
    }
}

void SelectionController::checkReported()
{
    if (m_reported && !m_builder.item(*m_reported)) {
        m_reported.reset();
        Q_EMIT selectedNodeRemoved();
    }
}

void SelectionController::onSelectionChanged()
{
    if (m_quietSelection)
        return;
    const QList<QGraphicsItem*> selected = m_scene->selectedItems();
    if (selected.size() != 1 || selected.front()->type() != NodeItem::Type)
        return;
    reportNode(static_cast<NodeItem*>(selected.front()));
}

// The inlined view's nodes carry their module; a nested view's box is in its graph's module.
QString SelectionController::modulePathOf(const NodeItem* item) const
{
    const layout::SceneNode& node = item->sceneNode();
    return qs(m_state.inlined ? node.get().node->module_path : node.view->graph->module_path);
}

void SelectionController::reportNode(const NodeItem* item)
{
    const layout::SceneNode& node = item->sceneNode();
    const ViewElement& element = node.get();
    if (!element.node)
        return;
    m_reported = navigation::NodeRef{node.instance, element.node->id};
    m_reportedValues = reportedValueIds();
    Q_EMIT nodeSelected(*element.node, modulePathOf(item));
}

void SelectionController::onValuesChanged()
{
    // Values that arrive (or go) after the node was selected: say so, once per change.
    if (!m_reported)
        return;
    std::vector<int64_t> ids = reportedValueIds();
    if (ids == m_reportedValues)
        return;
    m_reportedValues = std::move(ids);
    if (const NodeItem* item = m_builder.item(*m_reported))
        Q_EMIT selectedNodeValuesChanged(*item->sceneNode().get().node, modulePathOf(item));
}

std::vector<int64_t> SelectionController::reportedValueIds() const
{
    std::vector<int64_t> ids;
    for (const NodePortValue& port : selectedNodeValues())
        ids.push_back(port.value);
    return ids;
}

std::vector<NodePortValue> SelectionController::selectedNodeValues() const
{
    std::vector<NodePortValue> ports;
    if (!m_reported || m_values.empty())
        return ports;
    const NodeItem* item = m_builder.item(*m_reported);
    if (!item)
        return ports;
    const Node& node = *item->sceneNode().get().node;
    auto add = [&](const QString& role, const std::vector<ValueInfo>& values) {
        for (size_t i = 0; i < values.size(); ++i) {
            const int64_t id = m_values.inlinedValue(m_state.inlined, m_reported->instance, values[i].id);
            if (id >= 0 && !m_values.index().valuesOf(id).empty())
                ports.push_back({QStringLiteral("%1 %2").arg(
                                     role, values[i].name.empty() ? QString::number(i) : qs(values[i].name)),
                                 id});
        }
    };
    add(tr("in"), node.inputs);
    add(tr("out"), node.outputs);
    return ports;
}

} // namespace jitscope::ui
