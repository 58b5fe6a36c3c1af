// Which module calls are expanded, and the questions the UI asks about that tree: how many nodes are
// visible, which graphs are still missing, where a module or a search match lives. Qt-free so that it is
// unit-tested without a display; the layout itself is the Composer's job.
#pragma once

#include "layout/composer.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jitscope::navigation {

using layout::Composer;
using layout::GraphSet;
using layout::childInstance;

// A node of one call instance: "4/17" + node id 23.
struct NodeRef
{
    std::string instance;
    int64_t nodeId = -1;
    bool operator==(const NodeRef& o) const { return instance == o.instance && nodeId == o.nodeId; }
    bool operator<(const NodeRef& o) const
    {
        return instance != o.instance ? instance < o.instance : nodeId < o.nodeId;
    }
};

// A call of the instance tree (an expandable CallMethod or CallFunction node), with the graph it calls.
struct CallRef
{
    NodeRef node;
    std::string child;      // the callee's instance path
    GraphRef callee;        // the graph it calls
    std::string modulePath; // the called module; "" for a free function (callee.isFunction())
    int depth = 0;          // depth of the instance holding the call (root = 0)
};

class ExpansionTree
{
public:
    ExpansionTree(Composer& composer) : m_composer(composer) {}

    void reset(const GraphRef& root);
    GraphSet& graphs() { return m_graphs; }
    const GraphSet& graphs() const { return m_graphs; }
    const GraphRef& root() const { return m_root; }
    bool hasRoot() const { return !m_root.empty(); }
    std::set<std::string>& expanded() { return m_expanded; }
    const std::set<std::string>& expanded() const { return m_expanded; }
    bool raw = false;

    std::shared_ptr<const GraphView> view(const GraphRef& ref) const;
    // The graph of an instance, null when it (or a graph on the way to it) is not loaded.
    std::shared_ptr<const Graph> graphOf(const std::string& instance) const;

    // Visits every call of every instance reachable through loaded graphs; `visibleOnly` stops at
    // collapsed calls. fn returns false to skip the callee's subtree.
    void forEachCall(bool visibleOnly, const std::function<bool(const CallRef&)>& fn) const;
    // IR nodes drawn in the current state (expanded calls become clusters and are not counted).
    int visibleNodeCount() const;
    // Expanding `child` changes the count by this much (callee nodes − the call), when its graph is loaded.
    int expansionGain(const CallRef& call) const;

    // Collapsed calls at the shallowest depth of the visible tree.
    std::vector<CallRef> frontier() const;
    // Expands every call down to `maxDepth` instance levels (-1: all); returns the callee graphs missing.
    std::vector<GraphRef> expandToDepth(int maxDepth);
    // Expands the instance and its ancestors.
    void expandPath(const std::string& instance);
    // The first call (shallowest, then in node order) of `modulePath`; absent when not reachable yet.
    std::optional<CallRef> findModuleCall(const std::string& modulePath) const;
    // Loaded calls whose module path is a proper prefix of `modulePath` and whose callee is not loaded.
    std::vector<CallRef> missingOnTheWayTo(const std::string& modulePath) const;

    // Case-insensitive search over every loaded instance (collapsed ones included), in tree order.
    std::vector<NodeRef> search(const std::string& text) const;

private:
    // The call nodes of a graph in node order (the order of GraphView::callElements(), folded or raw),
    // found without building the folded view: walking the tree happens on the UI thread for every batch
    // of arriving graphs, and the views of large graphs are built on the layout thread.
    const std::vector<const Node*>& callsOf(const std::shared_ptr<const Graph>& graph) const;
    void walk(const std::string& instance, const std::shared_ptr<const Graph>& graph, int depth,
              bool visibleOnly, const std::function<bool(const CallRef&)>& fn) const;

    Composer& m_composer;
    GraphSet m_graphs;
    GraphRef m_root;
    std::set<std::string> m_expanded;
    // By graph; holding the graph keeps its address from being reused by another one.
    mutable std::map<const Graph*, std::pair<std::shared_ptr<const Graph>, std::vector<const Node*>>> m_calls;
};

} // namespace jitscope::navigation
