// The folded view's vocabulary — short kinds, type labels, colour categories, schema argument names, graph
// keys, parameter shapes — and the questions asked of a built view. The folding itself is
// graphview_builder.cpp.
#include "graphview.h"

#include "graphview_text.h"

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_map>

namespace jitscope {

using namespace graphview_text;

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
    for (const ModuleInfo& module : info.modules) {
        m_moduleTypes[module.path] = shortClassName(module.type);
        for (const AttributeInfo& attribute : module.attributes) {
            if (attribute.type != "bool" && attribute.type != "int" && attribute.type != "float" &&
                attribute.type != "str")
                continue;
            std::string value = attribute.preview;
            if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
                value.back() == value.front())
                value = value.substr(1, value.size() - 2);
            if (attribute.type == "str" && value.size() >= 77 &&
                value.compare(value.size() - 3, 3, "...") == 0)
                continue; // cut by the preview: not the value
            m_attributes[module.path.empty() ? attribute.name : module.path + "." + attribute.name] = value;
        }
    }
    // "forward(__torch__.M self, Tensor[] images, Dict(str, Tensor)[]? targets=None) -> …"
    for (const MethodInfo& method : info.summary.methods)
        for (size_t at = method.schema.find("=None"); at != std::string::npos;
             at = method.schema.find("=None", at + 5)) {
            const size_t space = method.schema.rfind(' ', at);
            if (space != std::string::npos)
                m_noneDefaults.insert({method.name, method.schema.substr(space + 1, at - space - 1)});
        }
}

std::string ParameterIndex::attributeValue(const std::string& path) const
{
    auto it = m_attributes.find(path);
    return it == m_attributes.end() ? std::string() : it->second;
}

bool ParameterIndex::defaultsToNone(const std::string& method, const std::string& name) const
{
    return m_noneDefaults.count({method, name}) > 0;
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

} // namespace jitscope
