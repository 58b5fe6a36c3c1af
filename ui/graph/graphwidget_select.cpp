// GraphWidget, fourth part: selecting from outside — a module from the module tree, the nodes of a code line.
#include "graphcanvas.h"
#include "graphitems.h"
#include "graphwidget.h"

#include <QGraphicsScene>

#include <algorithm>

namespace jitscope::ui {

void GraphWidget::selectModule(const QString& modulePath)
{
    m_pendingModule = modulePath;
    trySelectModule();
}

void GraphWidget::trySelectModule()
{
    const std::string path = m_pendingModule->toStdString();
    if (path == m_rootPath) {
        m_pendingModule.reset();
        return;
    }
    if (auto call = m_tree.findModuleCall(path)) {
        m_pendingModule.reset();
        if (!call->node.instance.empty())
            m_tree.expandPath(call->node.instance);
        m_pendingCentre = call->node;
        relayout();
        return;
    }
    for (const navigation::CallRef& call : m_tree.missingOnTheWayTo(path))
        request(call.callee);
}

void GraphWidget::selectNodes(const QString& modulePath, const QString& method, bool inlined,
                              const std::vector<int64_t>& nodeIds)
{
    selectNodes(GraphRef::method(modulePath.toStdString(), method.toStdString(), inlined), nodeIds);
}

void GraphWidget::selectNodes(const GraphRef& graph, const std::vector<int64_t>& nodeIds)
{
    m_pendingNodes = PendingNodes{graph, nodeIds, {}, {}};
    m_pendingSelection.clear();
    trySelectNodes();
}

// Where the graph is drawn: the call instance holding it (expanded on the way there), or the inlined graph.
// Waits for graphs still missing on the way; processArrivals() and setInlinedGraph() try again.
void GraphWidget::trySelectNodes()
{
    const PendingNodes pending = *m_pendingNodes;
    if (pending.graph.inlined != m_inlined) {
        m_pendingNodes.reset(); // a graph of the other view: nothing drawn here shows its nodes
        return;
    }
    std::string instance;
    std::shared_ptr<const GraphView> view;
    if (pending.graph.inlined) {
        if (!m_inlinedGraph)
            return;
        if (pending.graph != inlinedRef()) {
            m_pendingNodes.reset();
            return;
        }
        view = m_composer->view(m_inlinedGraph, m_tree.raw, m_tree.graphs().params.get());
    } else {
        std::optional<std::string> found;
        if (pending.graph == m_tree.root())
            found = std::string();
        else
            m_tree.forEachCall(false, [&](const navigation::CallRef& call) {
                if (call.callee == pending.graph)
                    found = call.child;
                return !found;
            });
        if (!found && !pending.graph.isFunction())
            for (const navigation::CallRef& call : m_tree.missingOnTheWayTo(pending.graph.module_path))
                request(call.callee);
        if (found && !m_tree.graphs().find(pending.graph))
            request(pending.graph);
        if (!found || !m_tree.graphs().find(pending.graph))
            return;
        instance = *found;
        view = m_tree.view(pending.graph);
    }
    m_pendingNodes.reset();
    std::vector<int64_t> ids = pending.ids;
    if (pending.resolve) {
        ids = pending.resolve(*view->graph);
        if (ids.empty() && !pending.module.empty() && pending.module != m_rootPath) {
            selectModule(QString::fromStdString(pending.module)); // not found in its graph: at least its module's call
            return;
        }
    }
    std::vector<navigation::NodeRef> refs;
    for (int element : view->elementsShowing(ids)) {
        const navigation::NodeRef ref{instance, element >= 0 ? view->elements[element].node->id : -1};
        if (element >= 0 && std::find(refs.begin(), refs.end(), ref) == refs.end())
            refs.push_back(ref);
    }
    const size_t before = m_tree.expanded().size();
    m_tree.expandPath(instance);
    if (m_tree.expanded().size() != before || isLayoutPending()) {
        m_pendingSelection = refs; // after the layout that shows them
        relayout();
        return;
    }
    applySelection(refs);
}

// Selected without nodeSelected(): the caller (the code view) already shows what these nodes are.
void GraphWidget::applySelection(const std::vector<navigation::NodeRef>& refs)
{
    m_quietSelection = true;
    m_scene->clearSelection();
    NodeItem* first = nullptr;
    for (const navigation::NodeRef& ref : refs)
        if (auto it = m_items.find(ref); it != m_items.end()) {
            it->second->setSelected(true);
            first = first ? first : it->second;
        }
    m_quietSelection = false;
    if (first)
        m_canvas->centreOnItem(first);
}

} // namespace jitscope::ui
