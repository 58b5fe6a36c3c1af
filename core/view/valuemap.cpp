#include "valuemap.h"

#include "types/graphref.h"

#include <algorithm>

namespace jitscope {

std::string shapeText(const std::vector<int64_t>& shape)
{
    if (shape.empty())
        return "scalar";
    std::string text;
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? "×" : "") + std::to_string(shape[i]);
    return text;
}

bool isUnder(const std::string& path, const std::string& module)
{
    if (module.empty())
        return true;
    return path.compare(0, module.size(), module) == 0 && (path.size() == module.size() || path[module.size()] == '.');
}

namespace {

bool samePlace(const SourceLocation& a, const SourceLocation& b)
{
    return a.line == b.line && a.column == b.column && a.file == b.file;
}

bool sameSites(const std::vector<SourceLocation>& a, const std::vector<SourceLocation>& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), samePlace);
}

bool sameCall(const Node& a, const Node& b)
{
    return GraphRef::of(*a.callee) == GraphRef::of(*b.callee) && samePlace(a.source, b.source) &&
           sameSites(a.call_sites, b.call_sites);
}

} // namespace

CallPath CallPath::enter(const CallPath& parent, const Graph& parentGraph, const Node& call)
{
    CallPath path;
    path.sites = parent.sites;
    path.sites.insert(path.sites.end(), call.call_sites.begin(), call.call_sites.end());
    path.sites.push_back({call.source.file, call.source.line, call.source.column, {}});
    if (!call.callee)
        return path;
    // Calls from one site (an unrolled loop) are copied in node order, once per copy of the parent.
    int index = 0, same = 0;
    forEachNode(parentGraph.nodes, [&](const Node& node, int) {
        if (!node.callee || !sameCall(node, call))
            return;
        if (node.id == call.id)
            index = same;
        ++same;
    });
    path.ordinal = parent.ordinal * same + index;
    return path;
}

ValueIndex::Key ValueIndex::keyOf(const Node& node, const std::vector<SourceLocation>& sites)
{
    std::string where;
    for (const SourceLocation& site : sites)
        where += site.file + ':' + std::to_string(site.line) + ':' + std::to_string(site.column) + '/';
    return Key{node.kind, node.source.file, node.source.line, node.source.column, where};
}

ValueIndex::ValueIndex(std::shared_ptr<const ValueTable> table, std::shared_ptr<const Graph> inlined)
    : m_table(std::move(table)), m_inlined(std::move(inlined))
{
    if (!m_table)
        return;
    for (const RecordedValue& value : m_table->values) {
        m_byValue[value.id].push_back(&value);
        if (value.nonFinite() && value.node >= 0)
            m_nodeNonFinite[value.node] = true;
    }
    if (!m_inlined)
        return;
    forEachNode(m_inlined->nodes, [this](const Node& node, int) {
        m_nodes[node.id] = &node;
        if (node.kind != "prim::Constant")
            m_byKey[keyOf(node, node.call_sites)].push_back(&node);
    });
}

std::vector<const RecordedValue*> ValueIndex::valuesOf(int64_t inlinedValue) const
{
    auto it = m_byValue.find(inlinedValue);
    return it == m_byValue.end() ? std::vector<const RecordedValue*>() : it->second;
}

bool ValueIndex::nodeNonFinite(int64_t inlinedNode) const
{
    return m_nodeNonFinite.count(inlinedNode) > 0;
}

bool ValueIndex::moduleNonFinite(const std::string& modulePath) const
{
    if (!m_table)
        return false;
    for (const RecordedValue& value : m_table->values)
        if (value.nonFinite() && value.node >= 0 && isUnder(value.module_path, modulePath))
            return true;
    return false;
}

int64_t ValueIndex::lastValueIn(const std::string& modulePath) const
{
    if (!m_table)
        return -1;
    for (auto it = m_table->values.rbegin(); it != m_table->values.rend(); ++it)
        if (it->node >= 0 && isUnder(it->module_path, modulePath))
            return it->id;
    return -1;
}

const Node* ValueIndex::inlinedNode(int64_t id) const
{
    auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : it->second;
}

ValueIndex::NestedMap ValueIndex::mapNested(const Graph& graph, const std::string& modulePath,
                                            const CallPath& path) const
{
    NestedMap map;
    if (!m_inlined)
        return map;
    auto keyIn = [&](const Node& node) {
        if (node.call_sites.empty())
            return keyOf(node, path.sites);
        std::vector<SourceLocation> sites = path.sites; // a node the saved graph had inlined already
        sites.insert(sites.end(), node.call_sites.begin(), node.call_sites.end());
        return keyOf(node, sites);
    };
    // How often each key occurs in this graph: the ordinal-th copy's nodes come after the earlier copies'.
    std::map<Key, int> total;
    forEachNode(graph.nodes, [&](const Node& node, int) {
        if (!node.callee && node.kind != "prim::Constant")
            ++total[keyIn(node)];
    });
    std::map<Key, int> seen;
    std::vector<std::pair<const Node*, const Node*>> matched;
    forEachNode(graph.nodes, [&](const Node& node, int) {
        if (node.callee || node.kind == "prim::Constant")
            return;
        const Key key = keyIn(node);
        auto candidates = m_byKey.find(key);
        const int occurrence = seen[key]++;
        if (candidates == m_byKey.end())
            return;
        const auto& list = candidates->second;
        size_t index = static_cast<size_t>(path.ordinal) * total[key] + occurrence;
        if (index >= list.size())
            index = occurrence; // fewer calls inlined than counted: the first one's
        if (index >= list.size())
            return;
        matched.emplace_back(&node, list[index]);
    });
    auto pair = [&map](const std::vector<ValueInfo>& from, const std::vector<ValueInfo>& to, bool overwrite) {
        for (size_t i = 0; i < from.size() && i < to.size(); ++i) {
            if (overwrite)
                map.values[from[i].id] = to[i].id;
            else
                map.values.try_emplace(from[i].id, to[i].id);
        }
    };
    // Producers first: they name a value exactly; consumers fill in what no matched node produces.
    for (auto [nested, inlined] : matched) {
        map.nodes[nested->id] = inlined->id;
        pair(nested->outputs, inlined->outputs, true);
        for (size_t b = 0; b < nested->blocks.size() && b < inlined->blocks.size(); ++b)
            pair(nested->blocks[b].inputs, inlined->blocks[b].inputs, true);
    }
    for (auto [nested, inlined] : matched) {
        pair(nested->inputs, inlined->inputs, false);
        for (size_t b = 0; b < nested->blocks.size() && b < inlined->blocks.size(); ++b)
            pair(nested->blocks[b].outputs, inlined->blocks[b].outputs, false);
    }
    // An If the inliner folded away (its condition was a constant of the call: `if inplace:` in F.relu) has
    // no inlined node, but the nodes of the block it kept do: its results are that block's. Innermost first.
    std::vector<const Node*> ifs;
    forEachNode(graph.nodes, [&](const Node& node, int) {
        if (node.kind == "prim::If" && !map.nodes.count(node.id))
            ifs.push_back(&node);
    });
    for (auto it = ifs.rbegin(); it != ifs.rend(); ++it) {
        const Node& node = **it;
        int kept = -1;
        for (size_t b = 0; b < node.blocks.size(); ++b) {
            bool matched = false;
            forEachNode(node.blocks[b].nodes,
                        [&](const Node& inner, int) { matched = matched || map.nodes.count(inner.id); });
            if (matched)
                kept = kept == -1 ? static_cast<int>(b) : -2; // nodes of both blocks ran: not folded
        }
        if (kept < 0)
            continue;
        const Block& block = node.blocks[kept];
        for (size_t i = 0; i < node.outputs.size() && i < block.outputs.size(); ++i)
            if (auto value = map.values.find(block.outputs[i].id); value != map.values.end())
                map.values.try_emplace(node.outputs[i].id, value->second);
    }
    // A module call whose result nothing matched consumes (it is returned): the last value computed by
    // that call's copy of the module (or, for a copy its call sites cannot tell apart, by the module).
    forEachNode(graph.nodes, [&](const Node& node, int) {
        if (!node.callee || node.callee->kind != CalleeKind::Method || node.outputs.size() != 1 ||
            node.callee->module_path == modulePath || map.values.count(node.outputs[0].id))
            return;
        const CallPath call = CallPath::enter(path, graph, node);
        const int64_t last = call.ordinal == 0 ? lastValueUnder(call.sites) : lastValueIn(node.callee->module_path);
        if (last >= 0)
            map.values[node.outputs[0].id] = last;
    });
    return map;
}

int64_t ValueIndex::lastValueUnder(const std::vector<SourceLocation>& sites) const
{
    if (!m_table)
        return -1;
    for (auto it = m_table->values.rbegin(); it != m_table->values.rend(); ++it) {
        const Node* node = it->node >= 0 ? inlinedNode(it->node) : nullptr;
        if (node && node->call_sites.size() >= sites.size() &&
            std::equal(sites.begin(), sites.end(), node->call_sites.begin(), samePlace))
            return it->id;
    }
    return -1;
}

std::vector<int64_t> ValueIndex::nestedNodesOf(const Graph& graph, int64_t nodeId) const
{
    std::vector<int64_t> ids;
    const Node* target = inlinedNode(nodeId);
    if (!target)
        return ids;
    forEachNode(graph.nodes, [&](const Node& node, int) {
        if (!node.callee && node.kind == target->kind && samePlace(node.source, target->source))
            ids.push_back(node.id);
    });
    return ids;
}

} // namespace jitscope
