#include "expansioncontroller.h"

#include "graphfetcher.h"
#include "graphitems.h"
#include "scenebuilder.h"
#include "viewanchor.h"

#include <cstdlib>
#include <optional>

namespace jitscope::ui {

namespace {

// Auto-expansion keeps the first screen readable: expand while the view stays this small.
constexpr int autoExpandLimit = 60;
constexpr size_t maxAutoExpandCalls = 4;

} // namespace

ExpansionController::ExpansionController(GraphState& state, GraphFetcher& fetcher, SceneBuilder& builder,
                                         ViewAnchor& anchor)
    : m_state(state), m_fetcher(fetcher), m_builder(builder), m_anchor(anchor)
{}

void ExpansionController::clear()
{
    m_autoExpand = false;
    m_expandDepth = -2;
    m_restoreExpanded.clear();
}

void ExpansionController::startAutoExpand()
{
    m_autoExpand = true;
    autoExpand();
}

void ExpansionController::onArrivals()
{
    if (m_expandDepth != -2)
        for (const GraphRef& missing : m_state.tree.expandToDepth(m_expandDepth))
            m_fetcher.request(missing);
    if (m_autoExpand)
        autoExpand();
    if (!m_restoreExpanded.empty())
        continueRestore();
}

void ExpansionController::autoExpand()
{
    navigation::ExpansionTree& tree = m_state.tree;
    while (m_autoExpand) {
        const std::vector<navigation::CallRef> frontier = tree.frontier();
        if (frontier.empty()) {
            m_autoExpand = false;
            return;
        }
        bool missing = false;
        for (const navigation::CallRef& call : frontier)
            if (!tree.graphs().find(call.callee)) {
                m_fetcher.request(call.callee);
                missing = true;
            }
        if (missing)
            return; // continue when the graphs arrive
        const int visible = tree.visibleNodeCount();
        int gain = 0;
        for (const navigation::CallRef& call : frontier)
            gain += tree.expansionGain(call);
        // A graph that is little more than one call (resnet's forward → _forward_impl) always opens it; a
        // level with many calls stays collapsed even when small: a dozen modules opened at once, most of
        // them one-op wrappers, hide the structure the first screen should show.
        const bool wrapper = frontier.size() == 1 && visible <= 3;
        if (!wrapper && (visible + gain > autoExpandLimit || frontier.size() > maxAutoExpandCalls)) {
            m_autoExpand = false;
            return;
        }
        for (const navigation::CallRef& call : frontier)
            tree.expanded().insert(call.child);
    }
}

bool ExpansionController::isExpanded(const QString& instance) const
{
    return m_state.tree.expanded().count(instance.toStdString()) > 0;
}

bool ExpansionController::expandCall(const QString& modulePath, const QString& method)
{
    const std::string path = modulePath.toStdString(), name = method.toStdString();
    return expandFirst(
        [&](const navigation::CallRef& call) { return call.callee == GraphRef::method(path, name); });
}

bool ExpansionController::expandFunction(const QString& qualifiedName)
{
    const GraphRef function = GraphRef::function(qualifiedName.toStdString());
    return expandFirst([&](const navigation::CallRef& call) { return call.callee == function; });
}

bool ExpansionController::expandFirst(const std::function<bool(const navigation::CallRef&)>& match)
{
    navigation::ExpansionTree& tree = m_state.tree;
    std::optional<navigation::CallRef> found;
    tree.forEachCall(true, [&](const navigation::CallRef& call) {
        if (!found && !tree.expanded().count(call.child) && match(call))
            found = call;
        return !found;
    });
    if (!found)
        return false;
    tree.expanded().insert(found->child);
    m_fetcher.request(found->callee);
    m_builder.relayout();
    return true;
}

void ExpansionController::collapseInstance(const QString& instance)
{
    // Descendants keep their state: expanding again restores what was open inside.
    const std::string child = instance.toStdString();
    if (m_state.tree.expanded().erase(child)) {
        const auto slash = child.rfind('/');
        m_anchor.onNode(
            {slash == std::string::npos ? std::string() : child.substr(0, slash),
             std::strtoll(child.c_str() + (slash == std::string::npos ? 0 : slash + 1), nullptr, 10)});
        m_builder.relayout();
    }
}

void ExpansionController::activate(const NodeItem* item)
{
    const layout::SceneNode& node = item->sceneNode();
    if (!node.expandable || m_state.inlined)
        return;
    const ViewElement& element = node.get();
    const std::string child = layout::childInstance(node.instance, element.node->id);
    m_state.tree.expanded().insert(child);
    m_anchor.onCluster(child);
    m_fetcher.request(GraphRef::of(*element.node->callee));
    m_builder.relayout();
}

void ExpansionController::collapseAll()
{
    m_autoExpand = false;
    m_expandDepth = -2;
    m_state.tree.expanded().clear();
    m_anchor.onSelectionOrStart();
    m_builder.relayout();
}

void ExpansionController::expandToDepth(int depth)
{
    m_autoExpand = false;
    m_state.tree.expanded().clear();
    m_expandDepth = depth;
    m_anchor.onSelectionOrStart();
    for (const GraphRef& missing : m_state.tree.expandToDepth(depth))
        m_fetcher.request(missing);
    m_builder.relayout();
}

void ExpansionController::restore(const std::set<std::string>& expanded)
{
    // The old expansion replaces the automatic first view and whatever selecting a module had opened.
    m_autoExpand = false;
    m_expandDepth = -2;
    m_state.tree.expanded().clear();
    m_restoreExpanded = expanded;
    continueRestore();
}

// Instance paths are call node ids, which the worker numbers in graph order: a model saved again with the
// same structure (other sizes or weights) has the same paths, and a call that no longer exists is never
// reached. Expanding needs the callee's graph, so this goes as deep as the loaded graphs allow, asks for the
// missing ones, and runs again when they arrive (onArrivals).
void ExpansionController::continueRestore()
{
    navigation::ExpansionTree& tree = m_state.tree;
    bool waiting = false;
    for (bool grew = true; grew;) {
        grew = false;
        std::vector<navigation::CallRef> calls;
        tree.forEachCall(true, [&](const navigation::CallRef& call) {
            if (m_restoreExpanded.count(call.child) && !tree.expanded().count(call.child))
                calls.push_back(call);
            return true;
        });
        for (const navigation::CallRef& call : calls) {
            tree.expanded().insert(call.child);
            if (tree.graphs().find(call.callee)) {
                grew = true;
            } else if (!m_fetcher.isUnavailable(call.callee)) {
                m_fetcher.request(call.callee);
                waiting = true;
            }
        }
    }
    if (!waiting && !m_fetcher.hasRequests())
        m_restoreExpanded.clear(); // everything that still exists is open again
}

} // namespace jitscope::ui
