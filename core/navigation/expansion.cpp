#include "expansion.h"

#include <algorithm>
#include <cctype>

namespace jitscope::navigation {

void ExpansionTree::reset(const GraphRef& root)
{
    m_root = root;
    m_expanded.clear();
    m_calls.clear();
}

const std::vector<const Node*>& ExpansionTree::callsOf(const std::shared_ptr<const Graph>& graph) const
{
    auto it = m_calls.find(graph.get());
    if (it != m_calls.end())
        return it->second.second;
    std::vector<const Node*> calls;
    forEachNode(graph->nodes, [&](const Node& node, int) {
        if (node.callee)
            calls.push_back(&node);
    });
    return m_calls.emplace(graph.get(), std::make_pair(graph, std::move(calls))).first->second.second;
}

std::shared_ptr<const GraphView> ExpansionTree::view(const GraphRef& ref) const
{
    auto graph = m_graphs.get(ref);
    return graph ? m_composer.view(graph, raw, m_graphs.params.get()) : nullptr;
}

std::shared_ptr<const Graph> ExpansionTree::graphOf(const std::string& instance) const
{
    auto graph = m_graphs.get(m_root);
    size_t pos = 0;
    while (graph && pos < instance.size()) {
        const size_t slash = instance.find('/', pos);
        const int64_t id = std::stoll(instance.substr(pos, slash - pos));
        pos = slash == std::string::npos ? instance.size() : slash + 1;
        const Node* call = nullptr;
        forEachNode(graph->nodes, [&](const Node& node, int) {
            if (node.id == id)
                call = &node;
        });
        if (!call || !call->callee)
            return nullptr;
        graph = m_graphs.get(GraphRef::of(*call->callee));
    }
    return graph;
}

void ExpansionTree::walk(const std::string& instance, const std::shared_ptr<const Graph>& graph, int depth,
                         bool visibleOnly, const std::function<bool(const CallRef&)>& fn) const
{
    for (const Node* callNode : callsOf(graph)) {
        const Node& node = *callNode;
        CallRef call;
        call.node = NodeRef{instance, node.id};
        call.child = childInstance(instance, node.id);
        call.callee = GraphRef::of(*node.callee);
        call.modulePath = call.callee.module_path;
        call.depth = depth;
        const bool descend = fn(call);
        if (!descend || (visibleOnly && !m_expanded.count(call.child)))
            continue;
        if (auto callee = m_graphs.get(call.callee))
            walk(call.child, callee, depth + 1, visibleOnly, fn);
    }
}

void ExpansionTree::forEachCall(bool visibleOnly, const std::function<bool(const CallRef&)>& fn) const
{
    if (auto root = m_graphs.get(m_root))
        walk(std::string(), root, 0, visibleOnly, fn);
}

int ExpansionTree::expansionGain(const CallRef& call) const
{
    auto callee = view(call.callee);
    return callee ? callee->nodeCount() - 1 : 0;
}

int ExpansionTree::visibleNodeCount() const
{
    auto root = view(m_root);
    if (!root)
        return 0;
    int count = root->nodeCount();
    forEachCall(true, [&](const CallRef& call) {
        if (m_expanded.count(call.child) && m_graphs.find(call.callee))
            count += expansionGain(call);
        return true;
    });
    return count;
}

std::vector<CallRef> ExpansionTree::frontier() const
{
    std::vector<CallRef> calls;
    int best = -1;
    forEachCall(true, [&](const CallRef& call) {
        if (m_expanded.count(call.child) && m_graphs.find(call.callee))
            return true;
        if (best < 0 || call.depth < best) {
            best = call.depth;
            calls.clear();
        }
        if (call.depth == best)
            calls.push_back(call);
        return true;
    });
    return calls;
}

std::vector<GraphRef> ExpansionTree::expandToDepth(int maxDepth)
{
    std::vector<GraphRef> missing;
    forEachCall(false, [&](const CallRef& call) {
        if (maxDepth >= 0 && call.depth >= maxDepth)
            return false;
        m_expanded.insert(call.child);
        if (!m_graphs.find(call.callee) &&
            std::find(missing.begin(), missing.end(), call.callee) == missing.end())
            missing.push_back(call.callee);
        return true;
    });
    return missing;
}

void ExpansionTree::expandPath(const std::string& instance)
{
    for (size_t pos = instance.find('/'); pos != std::string::npos; pos = instance.find('/', pos + 1))
        m_expanded.insert(instance.substr(0, pos));
    if (!instance.empty())
        m_expanded.insert(instance);
}

std::optional<CallRef> ExpansionTree::findModuleCall(const std::string& modulePath) const
{
    std::optional<CallRef> best;
    forEachCall(false, [&](const CallRef& call) {
        if (call.callee.isFunction())
            return false; // free functions have no `self`: no module call lies below one
        const bool match = call.modulePath == modulePath;
        if (match && (!best || call.depth < best->depth))
            best = call;
        // Only paths that lead towards the module are worth descending.
        return !match && (modulePath.rfind(call.modulePath, 0) == 0 || call.modulePath.empty());
    });
    return best;
}

std::vector<CallRef> ExpansionTree::missingOnTheWayTo(const std::string& modulePath) const
{
    std::vector<CallRef> missing;
    forEachCall(false, [&](const CallRef& call) {
        if (call.callee.isFunction())
            return false;
        const bool onTheWay = call.modulePath.empty() || modulePath.rfind(call.modulePath + ".", 0) == 0 ||
                              call.modulePath == modulePath;
        if (onTheWay && !m_graphs.find(call.callee))
            missing.push_back(call);
        return onTheWay;
    });
    return missing;
}

std::vector<NodeRef> ExpansionTree::search(const std::string& text) const
{
    std::vector<NodeRef> matches;
    std::string query = text;
    for (char& c : query)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (query.empty())
        return matches;
    std::function<void(const std::string&, const std::shared_ptr<const Graph>&)> visit =
        [&](const std::string& instance, const std::shared_ptr<const Graph>& graph) {
            auto view = m_composer.view(graph, raw, m_graphs.params.get());
            for (const ViewElement& element : view->elements) {
                if (element.kind != ElementKind::Node)
                    continue;
                if (element.searchText.find(query) != std::string::npos)
                    matches.push_back(NodeRef{instance, element.node->id});
                if (element.isCall())
                    if (auto callee = m_graphs.get(GraphRef::of(*element.node->callee)))
                        visit(childInstance(instance, element.node->id), callee);
            }
        };
    if (auto root = m_graphs.get(m_root))
        visit(std::string(), root);
    return matches;
}

} // namespace jitscope::navigation
