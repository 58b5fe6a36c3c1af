// Focus on data flow: which nodes of a graph only validate (asserts, shape checks, warnings), which Ifs have
// a condition known from the model, which Ifs only refine a type, which loops only keep books — so that a
// detection model's forward reads as transform → backbone → rpn → roi_heads.
#include "focusfold.h"

#include <cctype>
#include <cstdlib>
#include <optional>

namespace jitscope {

namespace {

// add_, relu_ … change their input; __getitem__, __not__ … are plain dunder ops.
bool isInPlace(const std::string& kind)
{
    const size_t n = kind.size();
    return n > 1 && kind[n - 1] == '_' && kind[n - 2] != '_';
}

bool isMutating(const Node& node)
{
    return node.callee || isInPlace(node.kind) || node.kind == "aten::append" ||
           node.kind == "aten::insert" || node.kind == "aten::update" || node.kind == "aten::extend" ||
           node.kind == "aten::pop" || node.kind == "aten::clear" || node.kind == "aten::_set_item" ||
           node.kind == "aten::__setitem__" || node.kind == "prim::SetAttr";
}

bool isTensorType(const std::string& type)
{
    return type.find("Tensor") != std::string::npos ||
           (!type.empty() && std::isupper(static_cast<unsigned char>(type[0])) &&
            type.find('(') != std::string::npos);
}

// A block of a check: one that raises at its own level may compute anything first (the call ends there);
// any other may only warn (and remember it warned), check further, or compute what nobody outside sees.
bool isCheckBlock(const Block& block, bool& signals)
{
    for (const Node& node : block.nodes)
        if (node.kind == "prim::RaiseException") {
            signals = true;
            return true;
        }
    for (const Node& node : block.nodes) {
        if (node.kind == "aten::warn") {
            signals = true;
            continue;
        }
        if (node.kind == "prim::SetAttr") // `if not self._has_warned: warn(…); self._has_warned = True`
            continue;
        if (isMutating(node))
            return false;
        for (const Block& inner : node.blocks)
            if (!isCheckBlock(inner, signals))
                return false;
    }
    return true;
}

bool isCheck(const Node& node)
{
    if (node.kind != "prim::If" || !node.outputs.empty())
        return false;
    bool signals = false;
    for (const Block& block : node.blocks)
        if (!isCheckBlock(block, signals))
            return false;
    return signals;
}

// "True"/"1" → "1", "False"/"0" → "0"; other text as is.
std::string normalised(const std::string& text)
{
    if (text == "True")
        return "1";
    if (text == "False")
        return "0";
    return text;
}

class Folder
{
public:
    Folder(const Graph& graph, const ParameterIndex* params, std::set<const Node*>& folded,
           const std::unordered_map<int64_t, const Node*>& producer)
        : m_graph(graph), m_params(params), m_folded(folded), m_producer(producer)
    {}

    FocusFolding run()
    {
        std::unordered_map<int64_t, std::vector<const Node*>> consumers;
        std::set<int64_t> live; // graph and block outputs
        for (const ValueInfo& v : m_graph.outputs)
            live.insert(v.id);
        std::vector<const Node*> all;
        forEachNode(m_graph.nodes, [&](const Node& node, int) {
            all.push_back(&node);
            for (const ValueInfo& v : node.inputs)
                consumers[v.id].push_back(&node);
            for (const Block& block : node.blocks)
                for (const ValueInfo& v : block.outputs)
                    live.insert(v.id);
            if (node.kind == "prim::SetAttr")
                for (const Attribute& a : node.attributes)
                    if (a.name == "name")
                        m_setAttrs.insert(a.value);
        });
        for (const Node* node : all) { // preorder: an If folded whole takes the checks inside with it
            if (m_folded.count(node))
                continue;
            if (isCheck(*node)) {
                foldAll(*node);
                m_out.checks.insert(node);
                ++m_out.foldedChecks;
            } else if (const int block = takenBlock(*node); block >= 0) {
                m_out.taken[node] = block;
                for (const Node& inner : node->blocks[1 - block].nodes)
                    foldAll(inner);
                ++m_out.foldedNodes; // the If itself is not drawn
                ++m_out.foldedBranches;
            }
        }
        // What computed only what was folded, loops left empty or keeping books, Ifs left refining a type:
        // folded too, until nothing changes.
        for (bool changed = true; changed;) {
            changed = false;
            for (auto it = all.rbegin(); it != all.rend(); ++it) {
                const Node& node = **it;
                if (m_folded.count(&node) || m_out.taken.count(&node) || m_out.bookkeeping.count(&node) ||
                    node.callee || node.kind == "prim::RaiseException" || isInPlace(node.kind))
                    continue;
                if (node.kind == "prim::If" && !node.outputs.empty()) {
                    if (foldIdentity(node))
                        changed = true;
                    continue;
                }
                if (node.kind == "prim::Loop" && node.outputs.empty()) {
                    if (!hasVisible(node.blocks)) {
                        foldAll(node);
                        m_out.checks.insert(&node);
                        ++m_out.foldedChecks;
                        changed = true;
                    } else if (keepsBooks(node)) {
                        m_out.bookkeeping.insert(&node);
                        for (const Block& block : node.blocks)
                            for (const Node& inner : block.nodes)
                                foldAll(inner);
                        changed = true;
                    }
                    continue;
                }
                if (!node.blocks.empty())
                    continue;
                // Used, and only by folded nodes (or as the condition of an If drawn as one side). An unused
                // result stays: the op may mutate (list append).
                bool dead = !node.outputs.empty();
                for (const ValueInfo& out : node.outputs) {
                    const auto users = consumers.find(out.id);
                    if (live.count(out.id) || users == consumers.end() || users->second.empty()) {
                        dead = false;
                        break;
                    }
                    for (const Node* user : users->second)
                        dead = dead && (m_folded.count(user) > 0 ||
                                        (m_out.taken.count(user) && user->inputs[0].id == out.id));
                }
                if (dead) {
                    foldAll(node);
                    changed = true;
                }
            }
        }
        return std::move(m_out);
    }

private:
    void foldAll(const Node& node)
    {
        if (m_folded.insert(&node).second)
            ++m_out.foldedNodes;
        for (const Block& block : node.blocks)
            for (const Node& inner : block.nodes)
                foldAll(inner);
    }

    bool hasVisible(const std::vector<Block>& blocks) const
    {
        for (const Block& block : blocks)
            for (const Node& node : block.nodes)
                if (!m_folded.count(&node))
                    return true;
        return false;
    }

    // `if self.training` → its else block; an If whose condition the model decides → that block; -1 else.
    int takenBlock(const Node& node) const
    {
        if (node.kind != "prim::If" || node.blocks.size() != 2 || node.inputs.empty())
            return -1;
        auto it = m_producer.find(node.inputs[0].id);
        if (it != m_producer.end() && it->second->kind == "prim::GetAttr") {
            const std::string& path = it->second->attr_path;
            if (path == "training" || (path.size() > 9 && path.compare(path.size() - 9, 9, ".training") == 0))
                return 1;
            for (const Attribute& a : it->second->attributes)
                if (a.name == "name" && a.value.find("training") != std::string::npos)
                    return 1;
        }
        const std::optional<std::string> value = known(node.inputs[0].id, 0);
        if (!value || (*value != "1" && *value != "0"))
            return -1;
        return *value == "1" ? 0 : 1;
    }

    // The value of `id` when the model decides it (normalised), nothing when it depends on the inputs.
    std::optional<std::string> known(int64_t id, int depth) const
    {
        if (depth > 4)
            return std::nullopt;
        auto it = m_producer.find(id);
        if (it == m_producer.end()) { // a graph input: None when the root's argument defaults to it
            if (!m_params || !m_graph.module_path.empty() || m_graph.inlined)
                return std::nullopt;
            for (const ValueInfo& input : m_graph.inputs)
                if (input.id == id) {
                    const std::string name = input.name.substr(0, input.name.rfind('.'));
                    if (m_params->defaultsToNone(m_graph.method, name) ||
                        m_params->defaultsToNone(m_graph.method, input.name))
                        return std::string("None");
                }
            return std::nullopt;
        }
        const Node& node = *it->second;
        if (node.kind == "prim::Constant")
            return node.attributes.empty() ? std::string("None") : normalised(node.attributes.front().value);
        if (node.kind == "prim::GetAttr") {
            if (!m_params || node.attr_kind != "attribute" || node.attr_path.empty())
                return std::nullopt;
            for (const Attribute& a : node.attributes)
                if (a.name == "name" && m_setAttrs.count(a.value))
                    return std::nullopt; // the graph changes it
            const std::string value = m_params->attributeValue(node.attr_path);
            return value.empty() ? std::nullopt : std::optional<std::string>(normalised(value));
        }
        if (node.kind == "aten::__not__" && node.inputs.size() == 1) {
            const auto v = known(node.inputs[0].id, depth + 1);
            if (v && (*v == "1" || *v == "0"))
                return std::string(*v == "1" ? "0" : "1");
            return std::nullopt;
        }
        const bool equal = node.kind == "aten::eq" || node.kind == "aten::__is__";
        const bool differ = node.kind == "aten::ne" || node.kind == "aten::__isnot__";
        if ((equal || differ) && node.inputs.size() == 2) {
            const auto a = known(node.inputs[0].id, depth + 1), b = known(node.inputs[1].id, depth + 1);
            if (!a || !b)
                return std::nullopt;
            return std::string((*a == *b) == equal ? "1" : "0");
        }
        const bool less = node.kind == "aten::lt" || node.kind == "aten::le";
        if ((less || node.kind == "aten::gt" || node.kind == "aten::ge") && node.inputs.size() == 2) {
            const auto a = known(node.inputs[0].id, depth + 1), b = known(node.inputs[1].id, depth + 1);
            if (!a || !b)
                return std::nullopt;
            char* endA = nullptr;
            char* endB = nullptr;
            const long long x = std::strtoll(a->c_str(), &endA, 10), y = std::strtoll(b->c_str(), &endB, 10);
            if (a->empty() || b->empty() || *endA || *endB)
                return std::nullopt; // ints only
            const bool strict = node.kind == "aten::lt" || node.kind == "aten::gt";
            const bool result = less ? (strict ? x < y : x <= y) : (strict ? x > y : x >= y);
            return std::string(result ? "1" : "0");
        }
        return std::nullopt;
    }

    // An If (with results) whose visible nodes are all prim::unchecked_cast, each result the same value
    // (or its cast) in every block: `if x is not None: x = unchecked_cast(x)` once its checks are folded.
    bool foldIdentity(const Node& node)
    {
        std::vector<int64_t> sources;
        for (const Block& block : node.blocks) {
            std::unordered_map<int64_t, int64_t> castOf;
            for (const Node& inner : block.nodes) {
                if (m_folded.count(&inner))
                    continue;
                if (inner.kind != "prim::unchecked_cast" || inner.inputs.size() != 1 ||
                    inner.outputs.size() != 1)
                    return false;
                castOf[inner.outputs[0].id] = inner.inputs[0].id;
            }
            if (block.outputs.size() != node.outputs.size())
                return false;
            for (size_t i = 0; i < block.outputs.size(); ++i) {
                int64_t source = block.outputs[i].id;
                if (auto cast = castOf.find(source); cast != castOf.end())
                    source = cast->second;
                if (sources.size() <= i)
                    sources.push_back(source);
                else if (sources[i] != source)
                    return false;
            }
        }
        m_out.identity[&node] = std::move(sources);
        foldAll(node);
        return true;
    }

    // A loop that calls nothing and computes no tensor beyond taking one from a list: it keeps books
    // (`original_image_sizes.append((h, w))` for each image).
    bool keepsBooks(const Node& loop) const
    {
        bool ok = true;
        for (const Block& block : loop.blocks)
            forEachNode(block.nodes, [&](const Node& node, int) {
                if (m_folded.count(&node))
                    return;
                if (node.callee || node.kind == "prim::RaiseException" || node.kind == "aten::warn")
                    ok = false;
                if (node.kind == "aten::__getitem__" || node.kind == "prim::unchecked_cast" ||
                    node.kind == "prim::ListUnpack" || node.kind == "prim::TupleIndex")
                    return;
                for (const ValueInfo& out : node.outputs)
                    ok = ok && !isTensorType(out.type);
                if (isInPlace(node.kind))
                    ok = false;
            });
        return ok;
    }

    const Graph& m_graph;
    const ParameterIndex* m_params;
    std::set<const Node*>& m_folded;
    const std::unordered_map<int64_t, const Node*>& m_producer;
    std::set<std::string> m_setAttrs; // attributes the graph assigns: their value is not the model's
    FocusFolding m_out;
};

} // namespace

FocusFolding foldForFocus(const Graph& graph, const ParameterIndex* params, std::set<const Node*>& folded,
                          const std::unordered_map<int64_t, const Node*>& producer)
{
    return Folder(graph, params, folded, producer).run();
}

int checksWithin(const FocusFolding& focus, const Node& node)
{
    int count = focus.checks.count(&node) ? 1 : 0;
    for (const Block& block : node.blocks)
        for (const Node& inner : block.nodes)
            count += checksWithin(focus, inner);
    return count;
}

} // namespace jitscope
