// Building the folded view of a graph: which nodes are drawn, what folds into them, the edges between
// them, and the clusters of If/Loop blocks.
#include "graphview.h"

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
        if (m_view.focus && !m_view.raw)
            foldForFocus(graph);
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
        visit(graph.nodes, -1);
        ViewElement output;
        output.kind = ElementKind::Output;
        output.title = "output";
        output.category = "output";
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

    void visit(const std::vector<Node>& nodes, int cluster)
    {
        for (const Node& node : nodes) {
            if (m_folded.count(&node))
                continue;
            if (m_evalOnly.count(&node)) { // `if self.training`: the else block, in line
                const Block& eval = node.blocks[1];
                visit(eval.nodes, cluster);
                for (size_t i = 0; i < node.outputs.size() && i < eval.outputs.size(); ++i)
                    if (auto it = m_valueElement.find(eval.outputs[i].id); it != m_valueElement.end())
                        m_valueElement[node.outputs[i].id] = it->second;
                continue;
            }
            ViewElement element;
            element.node = &node;
            element.cluster = cluster;
            describe(element);
            if (node.blocks.empty()) {
                const int index = add(std::move(element));
                connect(index, node.inputs, skippedInputs(node));
                for (const ValueInfo& out : node.outputs)
                    m_valueElement[out.id] = index;
                continue;
            }
            element.cluster = cluster;
            visitControl(node, std::move(element), cluster);
        }
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
            visit(block.nodes, inner);
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

    // --- focus on data flow -------------------------------------------------------------------------

    static bool isCheckOp(const std::string& kind)
    {
        return kind == "prim::RaiseException" || kind == "aten::warn" || kind == "prim::Constant" ||
               kind == "prim::Uninitialized" || kind == "aten::format" || kind == "aten::str" ||
               kind == "prim::ListConstruct" || kind == "prim::TupleConstruct" || kind == "prim::GetAttr" ||
               kind == "prim::SetAttr"; // `if not self._has_warned: warn(…); self._has_warned = True`
    }

    // Every node of the blocks only raises, warns or builds the message (nested check Ifs included).
    static bool onlyChecks(const Node& node)
    {
        bool raises = false;
        bool ok = true;
        for (const Block& block : node.blocks)
            forEachNode(block.nodes, [&](const Node& inner, int) {
                if (inner.kind == "prim::If")
                    return; // its blocks are walked too
                raises = raises || inner.kind == "prim::RaiseException" || inner.kind == "aten::warn";
                ok = ok && isCheckOp(inner.kind);
            });
        return ok && raises;
    }

    // add_, relu_ … change their input; __getitem__, __not__ … are plain dunder ops.
    static bool isInPlace(const std::string& kind)
    {
        const size_t n = kind.size();
        return n > 1 && kind[n - 1] == '_' && kind[n - 2] != '_';
    }

    bool isTrainingIf(const Node& node) const
    {
        if (node.kind != "prim::If" || node.blocks.size() != 2 || node.inputs.empty())
            return false;
        auto it = m_producer.find(node.inputs[0].id);
        if (it == m_producer.end() || it->second->kind != "prim::GetAttr")
            return false;
        for (const Attribute& a : it->second->attributes)
            if (a.name == "name" && a.value.find("training") != std::string::npos)
                return true;
        const std::string& path = it->second->attr_path;
        return path == "training" || (path.size() > 9 && path.compare(path.size() - 9, 9, ".training") == 0);
    }

    void foldAll(const Node& node)
    {
        if (m_folded.insert(&node).second)
            ++m_view.foldedNodes;
        for (const Block& block : node.blocks)
            for (const Node& inner : block.nodes)
                foldAll(inner);
    }

    void foldForFocus(const Graph& graph)
    {
        // Values something still uses: graph and block outputs, inputs of nodes that are drawn.
        std::unordered_map<int64_t, std::vector<const Node*>> consumers;
        std::set<int64_t> live;
        for (const ValueInfo& v : graph.outputs)
            live.insert(v.id);
        std::vector<const Node*> all;
        forEachNode(graph.nodes, [&](const Node& node, int) {
            all.push_back(&node);
            for (const ValueInfo& v : node.inputs)
                consumers[v.id].push_back(&node);
            for (const Block& block : node.blocks)
                for (const ValueInfo& v : block.outputs)
                    live.insert(v.id);
        });
        for (const Node* node : all) {
            if (m_folded.count(node))
                continue;
            if (node->kind == "prim::If" && node->outputs.empty() && onlyChecks(*node)) {
                foldAll(*node);
                ++m_view.foldedChecks;
            } else if (isTrainingIf(*node)) {
                m_evalOnly.insert(node);
                for (const Node& inner : node->blocks[0].nodes)
                    foldAll(inner);
                ++m_view.foldedNodes; // the If itself is not drawn
                ++m_view.foldedBranches;
            }
        }
        // What computed only the folded checks' conditions, and loops left holding nothing: folded too,
        // until nothing changes.
        for (bool changed = true; changed;) {
            changed = false;
            for (auto it = all.rbegin(); it != all.rend(); ++it) {
                const Node& node = **it;
                if (m_folded.count(&node) || m_evalOnly.count(&node) || node.callee ||
                    node.kind == "prim::RaiseException" ||
                    isInPlace(node.kind))
                    continue;
                // Used, and only by folded nodes. An unused result stays: the op may mutate (list append).
                bool dead = !node.outputs.empty();
                for (const ValueInfo& out : node.outputs) {
                    const auto users = consumers.find(out.id);
                    if (live.count(out.id) || users == consumers.end() || users->second.empty()) {
                        dead = false;
                        break;
                    }
                    for (const Node* user : users->second)
                        dead = dead && m_folded.count(user) > 0;
                }
                if (node.kind == "prim::Loop" && node.outputs.empty()) {
                    bool empty = true;
                    for (const Block& block : node.blocks)
                        for (const Node& inner : block.nodes)
                            empty = empty && m_folded.count(&inner) > 0;
                    dead = empty;
                    if (dead)
                        ++m_view.foldedChecks;
                } else if (!node.blocks.empty()) {
                    continue;
                }
                if (dead) {
                    foldAll(node);
                    changed = true;
                }
            }
        }
    }

    GraphView& m_view;
    const ParameterIndex* m_params;
    std::set<const Node*> m_evalOnly; // `if self.training` Ifs drawn as their else block
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
