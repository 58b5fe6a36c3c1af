#include "graphview.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <unordered_map>

namespace jitscope {

namespace {

std::string lower(std::string text)
{
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// Values longer than this are cut: a folded attribute is a hint, the details panel has the full text.
std::string shorten(const std::string& text, size_t limit = 40)
{
    if (text.size() <= limit)
        return text;
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // do not split a UTF-8 sequence
    return text.substr(0, cut) + "…";
}

std::string lastComponent(const std::string& path)
{
    const size_t dot = path.rfind('.');
    return dot == std::string::npos ? path : path.substr(dot + 1);
}

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

} // namespace

ParameterIndex::ParameterIndex(const ModelInfo& info)
{
    auto add = [this](const TensorMeta& meta) {
        std::string text;
        for (size_t i = 0; i < meta.shape.size(); ++i)
            text += (i ? "×" : "") + std::to_string(meta.shape[i]);
        m_shapes[meta.name] = meta.shape.empty() ? std::string("scalar") : text;
    };
    for (const TensorMeta& meta : info.parameters)
        add(meta);
    for (const TensorMeta& meta : info.buffers)
        add(meta);
    for (const ModuleInfo& module : info.modules)
        m_moduleTypes[module.path] = shortClassName(module.type);
}

std::string ParameterIndex::shapeText(const std::string& name) const
{
    auto it = m_shapes.find(name);
    return it == m_shapes.end() ? std::string() : it->second;
}

std::string ParameterIndex::moduleType(const std::string& path) const
{
    auto it = m_moduleTypes.find(path);
    return it == m_moduleTypes.end() ? std::string() : it->second;
}

std::string shortKind(const std::string& kind)
{
    const size_t sep = kind.find("::");
    return sep == std::string::npos ? kind : kind.substr(sep + 2);
}

std::string kindNamespace(const std::string& kind)
{
    const size_t sep = kind.find("::");
    return sep == std::string::npos ? std::string() : kind.substr(0, sep);
}

std::string shortClassName(const std::string& type)
{
    return lastComponent(type);
}

std::string shortTypeLabel(const std::string& type)
{
    if (type == "Tensor" || type.empty())
        return {};
    // A complete tensor type: "Float(1, 64, 56, 56, strides=[…], requires_grad=0, device=cpu)".
    const size_t open = type.find('(');
    if (open != std::string::npos && open > 0 && std::isupper(static_cast<unsigned char>(type[0])) &&
        type.find("strides=") != std::string::npos) {
        std::string dims;
        size_t pos = open + 1;
        while (pos < type.size()) {
            size_t end = type.find_first_of(",)", pos);
            if (end == std::string::npos)
                break;
            std::string item = type.substr(pos, end - pos);
            while (!item.empty() && item.front() == ' ')
                item.erase(item.begin());
            if (item.empty() || !(std::isdigit(static_cast<unsigned char>(item[0])) || item[0] == '*'))
                break;
            dims += (dims.empty() ? "" : "×") + item;
            pos = end + 1;
            if (type[end] == ')')
                break;
        }
        return dims.empty() ? type.substr(0, open) : dims;
    }
    return shorten(type, 32);
}

std::string opCategory(const std::string& kind)
{
    const std::string name = lower(shortKind(kind));
    auto has = [&](const char* word) { return name.find(word) != std::string::npos; };
    if (kind == "prim::CallMethod")
        return "call";
    if (kind == "prim::CallFunction")
        return "function";
    if (kind == "prim::If" || kind == "prim::Loop")
        return "control";
    if (kind == "prim::Constant" || kind == "prim::GetAttr" || kind == "prim::ListConstruct" ||
        kind == "prim::TupleConstruct" || kind == "prim::ListUnpack" || kind == "prim::TupleUnpack" ||
        kind == "prim::TupleIndex" || kind == "prim::DictConstruct" || kind == "prim::SetAttr")
        return "prim";
    if (has("conv"))
        return "conv";
    if (has("norm"))
        return "norm";
    if (has("relu") || has("sigmoid") || has("tanh") || has("gelu") || has("softmax") || has("silu") ||
        has("hardswish") || has("hardsigmoid") || has("elu") || has("dropout"))
        return "act";
    if (has("pool"))
        return "pool";
    if (has("linear") || has("matmul") || has("addmm") || has("bmm") || name == "mm" || has("einsum") ||
        has("lstm") || has("gru") || has("attention") || has("embedding"))
        return "linear";
    if (has("view") || has("reshape") || has("flatten") || has("permute") || has("transpose") || has("cat") ||
        has("stack") || has("split") || has("chunk") || has("squeeze") || has("slice") || has("select") ||
        has("size") || has("contiguous") || has("expand") || has("index") || name == "t" || has("unbind"))
        return "shape";
    if (kindNamespace(kind) == "prim")
        return "prim";
    return "math";
}

std::vector<std::string> schemaArgumentNames(const std::string& schema)
{
    std::vector<std::string> names;
    const size_t open = schema.find('(');
    if (open == std::string::npos)
        return names;
    int depth = 0;
    std::string current;
    auto flush = [&] {
        std::string arg = current;
        current.clear();
        const size_t eq = arg.find('=');
        if (eq != std::string::npos)
            arg = arg.substr(0, eq);
        while (!arg.empty() && arg.back() == ' ')
            arg.pop_back();
        while (!arg.empty() && arg.front() == ' ')
            arg.erase(arg.begin());
        if (arg.empty() || arg == "*")
            return;
        const size_t space = arg.rfind(' ');
        names.push_back(space == std::string::npos ? arg : arg.substr(space + 1));
    };
    for (size_t i = open + 1; i < schema.size(); ++i) {
        const char c = schema[i];
        if (c == '(' || c == '[' || c == '<')
            ++depth;
        if (c == ')' || c == ']' || c == '>') {
            if (depth == 0 && c == ')') {
                flush();
                break;
            }
            --depth;
        }
        if (c == ',' && depth == 0)
            flush();
        else
            current += c;
    }
    return names;
}

std::string graphKey(const std::string& modulePath, const std::string& method)
{
    return modulePath + "|" + method;
}

std::string calleeKey(const Callee& callee)
{
    return callee.kind == "method" ? graphKey(callee.module_path, callee.method) : "fn|" + callee.type;
}

int GraphView::nodeCount() const
{
    return static_cast<int>(std::count_if(elements.begin(), elements.end(),
                                          [](const ViewElement& e) { return e.kind == ElementKind::Node; }));
}

int GraphView::elementOfNode(int64_t nodeId) const
{
    for (size_t i = 0; i < elements.size(); ++i)
        if (elements[i].kind == ElementKind::Node && elements[i].node->id == nodeId)
            return static_cast<int>(i);
    return -1;
}

std::vector<int> GraphView::elementsShowing(const std::vector<int64_t>& nodeIds) const
{
    std::unordered_map<int64_t, int> drawn; // node id → element
    for (size_t i = 0; i < elements.size(); ++i)
        if (elements[i].kind == ElementKind::Node)
            drawn.emplace(elements[i].node->id, static_cast<int>(i));
    // Who consumes each value: node inputs, and the If/Loop owning a block whose outputs it is.
    std::unordered_map<int64_t, std::vector<const Node*>> consumers;
    std::unordered_map<int64_t, const Node*> byId;
    std::function<void(const std::vector<Node>&)> index = [&](const std::vector<Node>& nodes) {
        for (const Node& node : nodes) {
            byId[node.id] = &node;
            for (const ValueInfo& input : node.inputs)
                consumers[input.id].push_back(&node);
            for (const Block& block : node.blocks) {
                for (const ValueInfo& output : block.outputs)
                    consumers[output.id].push_back(&node);
                index(block.nodes);
            }
        }
    };
    std::vector<int> result;
    bool indexed = false;
    for (int64_t id : nodeIds) {
        auto it = drawn.find(id);
        if (it != drawn.end()) {
            result.push_back(it->second);
            continue;
        }
        if (!indexed) {
            index(graph->nodes);
            indexed = true;
        }
        // Breadth first along the data flow, so that the nearest consumer wins.
        int found = -1;
        std::vector<const Node*> queue;
        std::set<const Node*> seen;
        if (auto node = byId.find(id); node != byId.end())
            queue.push_back(node->second);
        for (size_t head = 0; head < queue.size() && found < 0; ++head)
            for (const ValueInfo& output : queue[head]->outputs) {
                for (const Node* consumer : consumers[output.id]) {
                    if (auto shown = drawn.find(consumer->id); shown != drawn.end()) {
                        found = shown->second;
                        break;
                    }
                    if (seen.insert(consumer).second)
                        queue.push_back(consumer);
                }
                if (found >= 0)
                    break;
            }
        result.push_back(found);
    }
    return result;
}

std::vector<int> GraphView::callElements() const
{
    std::vector<int> calls;
    for (size_t i = 0; i < elements.size(); ++i)
        if (elements[i].isCall())
            calls.push_back(static_cast<int>(i));
    return calls;
}

namespace {

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
        if (node.callee && node.callee->kind == "method") {
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
    std::unordered_map<int64_t, const Node*> m_producer;
    std::unordered_map<int64_t, int> m_valueElement;
    std::set<const Node*> m_folded;
};

} // namespace

std::shared_ptr<const GraphView> makeGraphView(std::shared_ptr<const Graph> graph,
                                               const ParameterIndex* params, bool raw)
{
    auto view = std::make_shared<GraphView>();
    view->graph = std::move(graph);
    view->raw = raw;
    ViewBuilder(*view, params).build();
    return view;
}

} // namespace jitscope
