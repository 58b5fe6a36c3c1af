// Model::graph: a LibTorch graph copied into plain values (nodes, nested blocks, types, source locations).
#include "engine.h"
#include "graphids.h"

#include <torch/csrc/jit/passes/inliner.h>
#include <torch/script.h>

#include <set>
#include <sstream>
#include <unordered_map>

namespace jitscope {

namespace {

SourceLocation location(const torch::jit::SourceRange& range)
{
    SourceLocation loc;
    const auto& source = range.source();
    if (!source)
        return loc;
    const auto flc = range.file_line_col();
    const size_t lineInSource = source->lineno_for_offset(range.start());
    if (flc) {
        loc.file = std::get<0>(*flc);
        loc.line = static_cast<int>(std::get<1>(*flc));
        loc.column = static_cast<int>(std::get<2>(*flc)) + 1;
    } else {
        loc.line = static_cast<int>(lineInSource) + 1;
        loc.column = static_cast<int>(range.start() - source->offset_for_line(lineInSource)) + 1;
    }
    loc.text = source->get_line(lineInSource).str();
    while (!loc.text.empty() && (loc.text.back() == '\n' || loc.text.back() == '\r'))
        loc.text.pop_back();
    return loc;
}

std::string tensorPreview(const at::Tensor& t)
{
    std::ostringstream out;
    out << "Tensor" << t.sizes();
    if (t.numel() == 1 && !t.is_quantized())
        out << " = " << t.item();
    return out.str();
}

template<class T> std::string list(const std::vector<T>& values)
{
    std::ostringstream out;
    out << '[';
    for (size_t i = 0; i < values.size(); ++i)
        out << (i ? ", " : "") << values[i];
    out << ']';
    return out.str();
}

Attribute attribute(const torch::jit::Node* node, torch::jit::Symbol name)
{
    using torch::jit::AttributeKind;
    Attribute attr;
    attr.name = name.toUnqualString();
    const AttributeKind kind = node->kindOf(name);
    attr.kind = torch::jit::toString(kind);
    std::ostringstream out;
    switch (kind) {
    case AttributeKind::i:
        out << node->i(name);
        break;
    case AttributeKind::f:
        out << node->f(name);
        break;
    case AttributeKind::s:
        out << node->s(name);
        break;
    case AttributeKind::is:
        out << list(node->is(name));
        break;
    case AttributeKind::fs:
        out << list(node->fs(name));
        break;
    case AttributeKind::ss:
        out << list(node->ss(name));
        break;
    case AttributeKind::t:
        out << tensorPreview(node->t(name));
        break;
    case AttributeKind::ival: {
        const c10::IValue& value = node->ival(name);
        if (value.isTensor())
            out << tensorPreview(value.toTensor());
        else
            out << value;
        break;
    }
    case AttributeKind::ty:
        out << node->ty(name)->annotation_str();
        break;
    default:
        out << "<" << attr.kind << ">";
        break;
    }
    attr.value = out.str();
    if (attr.value.size() > 200)
        attr.value = attr.value.substr(0, 197) + "...";
    return attr;
}

class Exporter
{
public:
    Exporter(const std::string& modulePath, bool inlined) : m_modulePath(modulePath), m_inlined(inlined) {}

    void exportGraph(const torch::jit::Graph& g, Graph& out)
    {
        out.inputs = values(g.inputs());
        out.outputs = values(g.outputs());
        // `self` is the module whose method this is: GetAttr chains from it resolve to dotted paths.
        if (!g.inputs().empty())
            if (auto self = g.inputs()[0]->type()->cast<c10::ClassType>()) {
                m_paths[g.inputs()[0]] = {m_modulePath, "module"};
                m_selfType = self.get();
            }
        m_nodeIds = graphids::numberNodes(g.block());
        out.nodes = nodes(g.block());
    }

private:
    struct PathInfo
    {
        std::string path, kind;
    };

    ValueInfo value(const torch::jit::Value* v) const
    {
        return ValueInfo{graphids::valueId(v),
                         v->hasDebugName() ? v->debugName() : std::string(), v->type()->str()};
    }

    template<class List> std::vector<ValueInfo> values(const List& list) const
    {
        std::vector<ValueInfo> result;
        result.reserve(list.size());
        for (const torch::jit::Value* v : list)
            result.push_back(value(v));
        return result;
    }

    std::vector<Node> nodes(const torch::jit::Block* block)
    {
        std::vector<Node> result;
        for (const torch::jit::Node* n : block->nodes())
            result.push_back(node(n));
        return result;
    }

    static std::string join(const std::string& base, const std::string& name)
    {
        return base.empty() ? name : base + "." + name;
    }

    void resolveGetAttr(const torch::jit::Node* n, Node& out)
    {
        auto base = m_paths.find(n->input(0));
        const auto classType = n->input(0)->type()->cast<c10::ClassType>();
        if (base == m_paths.end() || !classType)
            return;
        const std::string name = n->s(torch::jit::attr::name);
        std::string kind = "attribute";
        auto slot = classType->findAttributeSlot(name);
        if (slot && classType->is_module()) {
            if (classType->is_parameter(*slot))
                kind = "parameter";
            else if (classType->is_buffer(*slot))
                kind = "buffer";
            else if (classType->getAttribute(*slot)->is_module())
                kind = "module";
        }
        out.attr_path = join(base->second.path, name);
        out.attr_kind = kind;
        m_paths[n->output()] = {out.attr_path, kind};
    }

    Node node(const torch::jit::Node* n)
    {
        Node out;
        out.id = m_nodeIds.at(n);
        out.kind = n->kind().toQualString();
        out.inputs = values(n->inputs());
        out.outputs = values(n->outputs());
        for (const torch::jit::Symbol name : n->attributeNames())
            out.attributes.push_back(attribute(n, name));
        if (const c10::FunctionSchema* schema = n->maybeSchema()) {
            std::ostringstream text;
            text << *schema;
            out.schema = text.str();
        }
        out.module_path = m_inlined ? graphids::callstackPath(n, m_modulePath, m_selfType) : m_modulePath;
        out.source = graphids::sourceOf(n);
        out.call_sites = graphids::callSites(n);
        out.original = graphids::originalOf(n);

        if (n->kind() == torch::jit::prim::GetAttr) {
            resolveGetAttr(n, out);
        } else if (n->kind() == torch::jit::prim::CallMethod) {
            Callee callee;
            callee.kind = CalleeKind::Method;
            callee.method = n->s(torch::jit::attr::name);
            const auto type = n->input(0)->type()->cast<c10::ClassType>();
            if (type)
                callee.type = type->name() ? type->name()->qualifiedName() : type->str();
            auto it = m_paths.find(n->input(0));
            if (type && type->is_module() && it != m_paths.end()) {
                callee.module_path = it->second.path;
            } else {
                // A method of a TorchScript class object (torchvision's BoxCoder, a Matcher) or of a module
                // whose instance is unknown here: no submodule path leads to it, but its code is a function
                // of the compilation unit named "Class.method", fetched like any other function.
                callee.kind = CalleeKind::Function;
                callee.type += "." + callee.method;
                callee.method.clear();
            }
            out.callee = callee;
        } else if (n->kind() == torch::jit::prim::CallFunction) {
            if (auto fn = n->input(0)->type()->cast<c10::FunctionType>()) {
                Callee callee;
                callee.kind = CalleeKind::Function;
                callee.type = fn->function()->qualname().qualifiedName();
                out.callee = callee;
            }
        }
        for (const torch::jit::Block* block : n->blocks()) {
            Block b;
            b.inputs = values(block->inputs());
            b.outputs = values(block->outputs());
            b.nodes = nodes(block);
            out.blocks.push_back(std::move(b));
        }
        return out;
    }

    std::string m_modulePath;
    const c10::ClassType* m_selfType = nullptr; // owned by the graph's input type, alive while exporting
    bool m_inlined;
    graphids::NodeIds m_nodeIds;
    std::unordered_map<const torch::jit::Value*, PathInfo> m_paths;
};

} // namespace

namespace detail {

Result<Graph> exportGraph(std::shared_ptr<torch::jit::Graph> g, const std::string& modulePath,
                          const std::string& moduleType, const std::string& method, bool inlined)
{
    Graph out;
    out.module_path = modulePath;
    out.module_type = moduleType;
    out.method = method;
    out.inlined = inlined;
    try {
        if (inlined)
            g = graphids::inlinedCopy(g);
        out.text = g->toString();
        Exporter(modulePath, inlined).exportGraph(*g, out);
    } catch (const std::exception& e) {
        return Error{ErrorCode::Internal, "Cannot describe the graph of " + method + ".", e.what(), {}};
    }
    return out;
}

} // namespace detail

namespace graphids {

std::shared_ptr<torch::jit::Graph> inlinedCopy(const std::shared_ptr<torch::jit::Graph>& graph)
{
    auto g = graph->copy();
    torch::jit::Inline(*g);
    return g;
}

namespace {
void numberBlock(const torch::jit::Block* block, NodeIds& ids)
{
    for (const torch::jit::Node* n : block->nodes()) {
        const int64_t id = static_cast<int64_t>(ids.size());
        ids.emplace(n, id);
        for (const torch::jit::Block* inner : n->blocks())
            numberBlock(inner, ids);
    }
}
} // namespace

NodeIds numberNodes(const torch::jit::Block* block)
{
    NodeIds ids;
    numberBlock(block, ids);
    return ids;
}

int64_t valueId(const torch::jit::Value* value)
{
    return static_cast<int64_t>(value->unique());
}

static std::string joinPath(const std::string& base, const std::string& name)
{
    return base.empty() ? name : base + "." + name;
}

namespace {
// The path below `type` of its submodule attribute `name` of type `target`: the direct child when there is
// one, else the shallowest descendant ("block.act"); "" when none.
std::string submodulePath(const c10::ClassType* type, const std::string& name, const c10::ClassType* target)
{
    std::vector<std::pair<std::string, const c10::ClassType*>> level{{std::string(), type}}, next;
    std::set<const c10::ClassType*> seen;
    for (int depth = 0; depth < 8 && !level.empty(); ++depth) {
        for (const auto& [path, t] : level) {
            if (!t || !seen.insert(t).second)
                continue;
            for (size_t i = 0; i < t->numAttributes(); ++i) {
                auto child = t->getAttribute(i)->cast<c10::ClassType>();
                if (!child || !child->is_module())
                    continue;
                const std::string childPath = joinPath(path, t->getAttributeName(i));
                if (t->getAttributeName(i) == name && (!target || child.get() == target))
                    return childPath;
                next.emplace_back(childPath, child.get());
            }
        }
        level.swap(next);
        next.clear();
    }
    return {};
}
} // namespace

std::optional<std::string> instancePath(const torch::jit::Node* n, const c10::ClassType* self)
{
    auto callstack = n->callstack();
    if (!callstack)
        return std::string();
    std::string path;
    bool instance = false;
    const c10::ClassType* type = self;
    for (const auto& entry : (*callstack)->vec()) {
        const auto& info = std::get<2>(entry);
        if (!info)
            continue; // a free function's frame: no module instance
        instance = true;
        // Calls of a method on the same module are recorded with the instance name "SELF".
        if (info->instance_name().empty() || info->instance_name() == "SELF")
            continue;
        const c10::ClassType* target = info->class_type().get();
        const std::string below = type ? submodulePath(type, info->instance_name(), target) : std::string();
        path = joinPath(path, below.empty() ? info->instance_name() : below);
        type = target;
    }
    if (!instance)
        return std::nullopt;
    return path;
}

std::string callstackPath(const torch::jit::Node* n, const std::string& modulePath, const c10::ClassType* self)
{
    const std::string below = instancePath(n, self).value_or(std::string());
    return below.empty() ? modulePath : joinPath(modulePath, below);
}

std::vector<SourceLocation> callSites(const torch::jit::Node* n)
{
    std::vector<SourceLocation> sites;
    auto callstack = n->callstack();
    if (!callstack)
        return sites;
    for (const auto& entry : (*callstack)->vec()) {
        SourceLocation site = location(std::get<1>(entry));
        site.text.clear(); // the position tells copies apart; the line's text would only weigh on the wire
        sites.push_back(std::move(site));
    }
    return sites;
}

SourceLocation sourceOf(const torch::jit::Node* node)
{
    return location(node->sourceRange());
}

SourceLocation originalOf(const torch::jit::Node* node)
{
    if (auto generated = node->sourceRange().findSourceRangeThatGenerated())
        return location(*generated);
    return {};
}

} // namespace graphids

Result<Graph> Model::graph(const std::string& modulePath, const std::string& method, bool inlined) const
{
    torch::jit::Module target = module();
    std::stringstream components(modulePath);
    std::string name;
    while (!modulePath.empty() && std::getline(components, name, '.')) {
        if (!target.hasattr(name) || !target.attr(name).isModule())
            return Error{ErrorCode::NotFound, "The model has no submodule " + modulePath + ".", {}, {}};
        target = target.attr(name).toModule();
    }
    auto found = target.find_method(method);
    if (!found)
        return Error{ErrorCode::NotFound,
                     "Module " + (modulePath.empty() ? std::string("(root)") : modulePath) +
                         " has no method " + method + ".",
                     {},
                     {}};
    const auto type = target.type();
    return detail::exportGraph(found->graph(), modulePath, type->name() ? type->name()->qualifiedName() : type->str(),
                       method, inlined);
}

Result<Graph> Model::functionGraph(const std::string& qualifiedName, bool inlined) const
{
    const auto unit = module()._ivalue()->compilation_unit();
    // Methods of TorchScript classes are functions of the unit too, named "Class.method" (the callee that
    // prim::CallMethod on a class object reports).
    torch::jit::Function* function = unit ? unit->find_function(c10::QualifiedName(qualifiedName)) : nullptr;
    if (!function || !function->isGraphFunction())
        return Error{
            ErrorCode::NotFound, "The file defines no TorchScript function " + qualifiedName + ".", {}, {}};
    return detail::exportGraph(torch::jit::toGraphFunction(*function).graph(), {}, {}, qualifiedName, inlined);
}

} // namespace jitscope
