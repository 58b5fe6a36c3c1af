// GraphWidget: which module calls are expanded — on opening, on request, all of them.
#include "graphitems.h"
#include "graphwidget.h"

#include <QGraphicsScene>

#include <cstdlib>

namespace jitscope::ui {

namespace {

// Auto-expansion keeps the first screen readable: expand while the view stays this small.
constexpr int autoExpandLimit = 60;
constexpr size_t maxAutoExpandCalls = 4;

} // namespace

void GraphWidget::autoExpand()
{
    while (m_autoExpand) {
        const std::vector<navigation::CallRef> frontier = m_tree.frontier();
        if (frontier.empty()) {
            m_autoExpand = false;
            return;
        }
        bool missing = false;
        for (const navigation::CallRef& call : frontier)
            if (!m_tree.graphs().find(call.callee)) {
                request(call.callee);
                missing = true;
            }
        if (missing)
            return; // continue when the graphs arrive
        const int visible = m_tree.visibleNodeCount();
        int gain = 0;
        for (const navigation::CallRef& call : frontier)
            gain += m_tree.expansionGain(call);
        // A graph that is little more than one call (resnet's forward → _forward_impl) always opens it; a
        // level with many calls stays collapsed even when small: a dozen modules opened at once, most of
        // them one-op wrappers, hide the structure the first screen should show.
        const bool wrapper = frontier.size() == 1 && visible <= 3;
        if (!wrapper && (visible + gain > autoExpandLimit || frontier.size() > maxAutoExpandCalls)) {
            m_autoExpand = false;
            return;
        }
        for (const navigation::CallRef& call : frontier)
            m_tree.expanded().insert(call.child);
    }
}

bool GraphWidget::isExpanded(const QString& instance) const
{
    return m_tree.expanded().count(instance.toStdString()) > 0;
}

bool GraphWidget::expandCall(const QString& modulePath, const QString& method)
{
    const std::string path = modulePath.toStdString(), name = method.toStdString();
    return expandFirst([&](const navigation::CallRef& call) {
        return call.callee == GraphRef::method(path, name);
    });
}

bool GraphWidget::expandFunction(const QString& qualifiedName)
{
    const GraphRef function = GraphRef::function(qualifiedName.toStdString());
    return expandFirst([&](const navigation::CallRef& call) { return call.callee == function; });
}

bool GraphWidget::expandFirst(const std::function<bool(const navigation::CallRef&)>& match)
{
    std::optional<navigation::CallRef> found;
    m_tree.forEachCall(true, [&](const navigation::CallRef& call) {
        if (!found && !m_tree.expanded().count(call.child) && match(call))
            found = call;
        return !found;
    });
    if (!found)
        return false;
    m_tree.expanded().insert(found->child);
    request(found->callee);
    relayout();
    return true;
}

void GraphWidget::collapseInstance(const QString& instance)
{
    // Descendants keep their state: expanding again restores what was open inside.
    const std::string child = instance.toStdString();
    if (m_tree.expanded().erase(child)) {
        const auto slash = child.rfind('/');
        anchorOnNode({slash == std::string::npos ? std::string() : child.substr(0, slash),
                      std::strtoll(child.c_str() + (slash == std::string::npos ? 0 : slash + 1), nullptr, 10)});
        relayout();
    }
}

// Expand all and Collapse all change everything: the selected node stays in sight, or without one the view
// starts over as when the graph opened.
void GraphWidget::anchorOnSelectionOrStart()
{
    for (QGraphicsItem* item : m_scene->selectedItems())
        if (item->type() == NodeItem::Type) {
            const layout::SceneNode& node = static_cast<NodeItem*>(item)->sceneNode();
            if (node.get().node) {
                anchorOnNode({node.instance, node.get().node->id});
                return;
            }
        }
    m_anchor.reset();
    m_fitPending = true;
}

void GraphWidget::expandAll()
{
    expandToDepth(-1);
}

void GraphWidget::collapseAll()
{
    m_autoExpand = false;
    m_expandDepth = -2;
    m_tree.expanded().clear();
    anchorOnSelectionOrStart();
    relayout();
}

void GraphWidget::expandToDepth(int depth)
{
    m_autoExpand = false;
    m_tree.expanded().clear();
    m_expandDepth = depth;
    anchorOnSelectionOrStart();
    for (const GraphRef& missing : m_tree.expandToDepth(depth))
        request(missing);
    relayout();
}

void GraphWidget::onNodeActivated(NodeItem* item)
{
    const layout::SceneNode& node = item->sceneNode();
    if (!node.expandable || m_inlined)
        return;
    const ViewElement& element = node.get();
    const std::string child = layout::childInstance(node.instance, element.node->id);
    m_tree.expanded().insert(child);
    anchorOnCluster(child);
    request(GraphRef::of(*element.node->callee));
    relayout();
}

} // namespace jitscope::ui
