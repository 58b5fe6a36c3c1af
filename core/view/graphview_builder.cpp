// Building the folded view of a graph: which nodes are drawn, what folds into them, the edges between
// them, and the clusters of If/Loop blocks.
#include "graphview.h"

#include "focusfold.h"
#include "graphview_text.h"

#include <set>
#include <unordered_map>

namespace jitscope {

using namespace graphview_text;

namespace {

bool isSelfInput(const ValueInfo& value)
{
    return value.type.rfind("__torch__.", 0) == 0 || value.name == "self" ||
           value.name.rfind("self.", 0) == 0;
}

std::string constantText(const Node& node)
{
    if (node.attributes.empty())
        return "None";
    return node.attributes.front().value;
}

class ViewBuilder
{
public:
    ViewBuilder(GraphView& view, const ParameterIndex* params) : m_view(view), m_params(params) {}

    void build()
    {
        const Graph& graph = *m_view.graph;
        forEachNode(graph.nodes, [&](const Node& node, int) {
            for (const ValueInfo& out : node.outputs)
                m_producer[out.id] = &node;
            if (!m_view.raw && isFoldable(node))
                m_folded.insert(&node);
        });
        if (m_view.focus && !m_view.raw) {
            m_focus = foldForFocus(graph, m_params, m_folded, m_producer);
            m_view.foldedChecks = m_focus.foldedChecks;
            m_view.foldedBranches = m_focus.foldedBranches;
            m_view.foldedNodes = m_focus.foldedNodes;
            // An If that only refines a type stands for its source values (a folded producer included).
            for (const auto& [node, sources] : m_focus.identity)
                for (size_t i = 0; i < node->outputs.size() && i < sources.size(); ++i)
                    if (auto it = m_producer.find(sources[i]); it != m_producer.end())
                        m_producer[node->outputs[i].id] = it->second;
        }
        for (const ValueInfo& input : graph.inputs) {
            if (isSelfInput(input))
                continue;
            ViewElement element;
            element.kind = ElementKind::Input;
            element.title = input.name;
            element.subtitle = shortTypeLabel(input.type).empty() ? input.type : shortTypeLabel(input.type);
            element.category = "input";
            element.searchText = lower(input.name);
            m_valueElement[input.id] = add(std::move(element));
        }
        const int checks = visit(graph.nodes, -1);
        ViewElement output;
        output.kind = ElementKind::Output;
        output.title = "output";
        output.category = "output";
        output.checks = checks; // checks after the last drawn node
        const int index = add(std::move(output));
        connect(index, graph.outputs, 0);
        finishLines();
    }

private:
    bool isFoldable(const Node& node) const
    {
        if (node.kind == "prim::Constant")
            return true;
        if (node.kind == "prim::GetAttr")
            return !node.attr_path.empty();
        if (node.kind == "prim::ListConstruct") {
            // Only lists of constants: a list of tensors computed at run time is data flow.
            for (const ValueInfo& input : node.inputs) {
                auto it = m_producer.find(input.id);
                if (it == m_producer.end() || !m_folded.count(it->second) ||
                    it->second->kind == "prim::GetAttr")
                    return false;
            }
            return true;
        }
        return false;
    }

    int add(ViewElement element)
    {
        m_view.elements.push_back(std::move(element));
        return static_cast<int>(m_view.elements.size()) - 1;
    }

    int addCluster(int parent, const Node* node, int block, std::string label)
    {
        m_view.clusters.push_back(ViewCluster{parent, node, block, std::move(label)});
        return static_cast<int>(m_view.clusters.size()) - 1;
    }

    bool hasVisibleNodes(const std::vector<Node>& nodes) const
    {
        for (const Node& node : nodes)
            if (!m_folded.count(&node))
                return true;
        return false;
    }

    // Draws `nodes` into `cluster`. Checks folded among them become a badge on the next element drawn in
    // the block (the op they guard), else on the last; what is left (no element drawn) is returned.
    int visit(const std::vector<Node>& nodes, int cluster)
    {
        int pending = 0, last = -1;
        for (const Node& node : nodes) {
            if (m_folded.count(&node)) {
                if (auto identity = m_focus.identity.find(&node); identity != m_focus.identity.end())
                    for (size_t i = 0; i < node.outputs.size() && i < identity->second.size(); ++i)
                        if (auto it = m_valueElement.find(identity->second[i]); it != m_valueElement.end())
                            m_valueElement[node.outputs[i].id] = it->second;
                if (m_view.focus)
                    pending += checksWithin(m_focus, node);
                continue;
            }
            const size_t first = m_view.elements.size();
            if (auto taken = m_focus.taken.find(&node); taken != m_focus.taken.end()) {
                // An If whose condition is known (`if self.training`: the eval side): that block, in line.
                const Block& block = node.blocks[taken->second];
                pending += visit(block.nodes, cluster);
                for (size_t i = 0; i < node.outputs.size() && i < block.outputs.size(); ++i)
                    if (auto it = m_valueElement.find(block.outputs[i].id); it != m_valueElement.end())
                        m_valueElement[node.outputs[i].id] = it->second;
            } else {
                ViewElement element;
                element.node = &node;
                element.cluster = cluster;
                describe(element);
                if (node.blocks.empty()) {
                    const int index = add(std::move(element));
                    connect(index, node.inputs, skippedInputs(node));
                    for (const ValueInfo& out : node.outputs)
                        m_valueElement[out.id] = index;
                } else {
                    if (m_focus.bookkeeping.count(&node)) { // its body is folded: checks in it go on the loop
                        int body = 0;
                        for (const Block& block : node.blocks)
                            forEachNode(block.nodes, [&](const Node&, int) { ++body; });
                        for (const Block& block : node.blocks)
                            for (const Node& inner : block.nodes)
                                element.checks += checksWithin(m_focus, inner);
                        element.attrs.push_back(
                            FoldedAttr{"body", std::to_string(body) + " nodes, no tensor math"});
                    }
                    visitControl(node, std::move(element), cluster);
                }
            }
            if (m_view.elements.size() > first) {
                m_view.elements[first].checks += pending;
                pending = 0;
                last = static_cast<int>(first);
            }
        }
        if (pending > 0 && last >= 0) {
            m_view.elements[last].checks += pending;
            pending = 0;
        }
        return pending;
    }

    // If/Loop: the node is the head, each non-empty block a cluster, and a merge point produces the node's
    // outputs, so that data flows top to bottom through the blocks. An If whose blocks hold nothing visible
    // (the common `if self.training:` with constant results) is drawn as one plain node: clusters are what
    // makes dot slow.
    void visitControl(const Node& node, ViewElement head, int cluster)
    {
        const bool loop = node.kind == "prim::Loop";
        bool anyVisible = false;
        for (const Block& block : node.blocks)
            anyVisible = anyVisible || hasVisibleNodes(block.nodes);
        const int headIndex = add(std::move(head));
        connect(headIndex, node.inputs, 0);
        if (!anyVisible) {
            for (const Block& block : node.blocks)
                connect(headIndex, block.outputs, 0);
            for (const ValueInfo& out : node.outputs)
                m_valueElement[out.id] = headIndex;
            return;
        }
        std::vector<std::pair<int, int64_t>> mergeInputs; // element, value
        for (size_t b = 0; b < node.blocks.size(); ++b) {
            const Block& block = node.blocks[b];
            for (const ValueInfo& input : block.inputs)
                m_valueElement[input.id] = headIndex;
            if (!hasVisibleNodes(block.nodes)) {
                for (const ValueInfo& out : block.outputs) {
                    auto it = m_valueElement.find(out.id);
                    if (it != m_valueElement.end())
                        mergeInputs.emplace_back(it->second, out.id);
                }
                continue;
            }
            const std::string label = loop ? "loop body" : (b == 0 ? "then" : "else");
            const int inner = addCluster(cluster, &node, static_cast<int>(b), label);
            const size_t first = m_view.elements.size(), firstEdge = m_view.edges.size();
            // Checks at the end of a block (nothing drawn after them in it) go on the If/Loop's head.
            m_view.elements[headIndex].checks += visit(block.nodes, inner);
            // Anchor the block under its head: its entry nodes (no edge from inside the block) get a control
            // edge from the head. Edges between block elements were all added while visiting the block.
            std::vector<char> fed(m_view.elements.size() - first, 0);
            for (size_t e = firstEdge; e < m_view.edges.size(); ++e)
                if (m_view.edges[e].from >= static_cast<int>(first) &&
                    m_view.edges[e].to >= static_cast<int>(first))
                    fed[m_view.edges[e].to - first] = 1;
            for (size_t i = first; i < m_view.elements.size(); ++i)
                if (!fed[i - first])
                    m_view.edges.push_back(ViewEdge{headIndex, static_cast<int>(i), -1, {}});
            if (!block.outputs.empty()) {
                ViewElement ret;
                ret.kind = ElementKind::Return;
                ret.cluster = inner;
                ret.title = "return";
                ret.category = "return";
                const int retIndex = add(std::move(ret));
                connect(retIndex, block.outputs, 0);
                mergeInputs.emplace_back(retIndex, block.outputs.front().id);
            }
        }
        if (node.outputs.empty())
            return;
        ViewElement merge;
        merge.kind = ElementKind::Merge;
        merge.node = &node;
        merge.cluster = cluster;
        merge.category = "merge";
        const int mergeIndex = add(std::move(merge));
        m_view.edges.push_back(ViewEdge{headIndex, mergeIndex, -1, {}});
        for (auto [from, value] : mergeInputs)
            m_view.edges.push_back(ViewEdge{from, mergeIndex, value, {}});
        for (const ValueInfo& out : node.outputs)
            m_valueElement[out.id] = mergeIndex;
    }

    // The module of a CallMethod and the function of a CallFunction are shown in the title, not as inputs.
    size_t skippedInputs(const Node& node) const { return (!m_view.raw && node.callee) ? 1 : 0; }

    void connect(int consumer, const std::vector<ValueInfo>& values, size_t skip)
    {
        ViewElement& element = m_view.elements[consumer];
        const std::vector<std::string> argNames = element.node && element.kind == ElementKind::Node
                                                      ? schemaArgumentNames(element.node->schema)
                                                      : std::vector<std::string>();
        for (size_t i = skip; i < values.size(); ++i) {
            const ValueInfo& value = values[i];
            auto visible = m_valueElement.find(value.id);
            if (visible != m_valueElement.end()) {
                if (!hasEdge(visible->second, consumer, value.id))
                    m_view.edges.push_back(
                        ViewEdge{visible->second, consumer, value.id, shortTypeLabel(value.type)});
                continue;
            }
            auto producer = m_producer.find(value.id);
            if (producer == m_producer.end() || !m_folded.count(producer->second))
                continue; // `self`
            const Node& source = *producer->second;
            if (source.kind == "prim::GetAttr") {
                const std::string shape = m_params ? m_params->shapeText(source.attr_path) : std::string();
                element.params.push_back(
                    FoldedParam{lastComponent(source.attr_path), source.attr_path, source.attr_kind, shape});
            } else {
                std::string name = i < argNames.size() ? argNames[i] : "#" + std::to_string(i);
                element.attrs.push_back(FoldedAttr{std::move(name), foldedValue(source)});
            }
        }
    }

    bool hasEdge(int from, int to, int64_t value) const
    {
        for (auto it = m_view.edges.rbegin(); it != m_view.edges.rend() && it->to == to; ++it)
            if (it->from == from && it->value == value)
                return true;
        return false;
    }

    std::string foldedValue(const Node& node) const
    {
        if (node.kind == "prim::Constant")
            return constantText(node);
        std::string text = "[";
        for (size_t i = 0; i < node.inputs.size(); ++i) {
            auto it = m_producer.find(node.inputs[i].id);
            text += (i ? ", " : "") + (it == m_producer.end() ? std::string("?") : foldedValue(*it->second));
        }
        return text + "]";
    }

    void describe(ViewElement& element) const
    {
        const Node& node = *element.node;
        const Graph& graph = *m_view.graph;
        element.category = opCategory(node.kind);
        std::string search = node.kind + " " + node.module_path;
        if (node.callee && node.callee->kind == CalleeKind::Method) {
            const Callee& callee = *node.callee;
            std::string relative = callee.module_path;
            if (relative == graph.module_path)
                relative.clear();
            else if (!graph.module_path.empty() && relative.rfind(graph.module_path + ".", 0) == 0)
                relative = relative.substr(graph.module_path.size() + 1);
            if (relative.empty())
                element.title = callee.method;
            else
                element.title = callee.method == "forward" ? relative : relative + "." + callee.method;
            element.subtitle = shortClassName(callee.type);
            search += " " + callee.module_path + " " + callee.method + " " + callee.type;
        } else if (node.callee) {
            element.title = shortClassName(node.callee->type);
            element.subtitle = "function";
            search += " " + node.callee->type;
        } else {
            element.title = shortKind(node.kind);
            element.subtitle = kindNamespace(node.kind);
            if (node.kind == "prim::GetAttr" || node.kind == "prim::Constant")
                for (const Attribute& attribute : node.attributes)
                    element.attrs.push_back(FoldedAttr{attribute.name, attribute.value});
        }
        for (const ValueInfo& v : node.inputs)
            search += " " + v.name;
        for (const ValueInfo& v : node.outputs)
            search += " " + v.name;
        search += " " + node.attr_path;
        element.searchText = lower(search);
    }

    void finishLines()
    {
        constexpr size_t maxLines = 6;
        for (ViewElement& element : m_view.elements) {
            std::vector<std::string> lines;
            for (const FoldedParam& p : element.params) {
                lines.push_back(p.shape.empty() ? p.name : p.name + " ⟨" + p.shape + "⟩");
                element.searchText += " " + lower(p.path);
            }
            for (const FoldedAttr& a : element.attrs)
                lines.push_back(shorten(a.name + "=" + a.value));
            if (lines.size() > maxLines) {
                const size_t more = lines.size() - (maxLines - 1);
                lines.resize(maxLines - 1);
                lines.push_back("+" + std::to_string(more) + " more");
            }
            element.lines = std::move(lines);
        }
    }

    GraphView& m_view;
    const ParameterIndex* m_params;
    FocusFolding m_focus; // empty without focus
    std::unordered_map<int64_t, const Node*> m_producer;
    std::unordered_map<int64_t, int> m_valueElement;
    std::set<const Node*> m_folded;
};

} // namespace

std::shared_ptr<const GraphView> makeGraphView(std::shared_ptr<const Graph> graph,
                                               const ParameterIndex* params, bool raw, bool focus)
{
    auto view = std::make_shared<GraphView>();
    view->graph = std::move(graph);
    view->raw = raw;
    view->focus = focus && !raw;
    ViewBuilder(*view, params).build();
    return view;
}

} // namespace jitscope
