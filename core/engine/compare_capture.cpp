// compare's first divergence: each side's method graph is inlined and a capture op (capture.h) is inserted
// after every node whose tensor output leaves the module that computed it (its consumers lie outside that
// module's path, from node->callstack()). Running that graph records each module's outputs in execution
// order; the first module whose outputs differ between A and B (or that ran on one side only) is where
// the two exports stop agreeing.
#include "capture.h"
#include "comparetorch.h"
#include "graphids.h"

#include <torch/csrc/jit/api/function_impl.h>
#include <torch/csrc/jit/passes/inliner.h>
#include <torch/script.h>

#include <map>
#include <optional>
#include <set>

namespace jitscope::detail {

namespace {

struct Event
{
    int64_t id;
    c10::IValue value;
};

bool startsWithPath(const std::string& path, const std::string& prefix)
{
    return prefix.empty() || path == prefix ||
           (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 && path[prefix.size()] == '.');
}

bool tensorTyped(const torch::jit::Value* v)
{
    auto type = v->type();
    if (auto optional = type->cast<c10::OptionalType>())
        type = optional->getElementType();
    return type->cast<c10::TensorType>() != nullptr;
}

// The graph with captures inserted; `modulesOf[id]` lists the modules (deepest first) whose output that
// capture id records.
class Instrumenter
{
public:
    explicit Instrumenter(const c10::ClassType* self)
        : m_self(self)
    {
    }

    std::vector<std::vector<std::string>> modulesOf;

    void instrument(torch::jit::Block* block)
    {
        std::vector<torch::jit::Node*> nodes(block->nodes().begin(), block->nodes().end());
        for (torch::jit::Node* n : nodes) {
            for (torch::jit::Block* inner : n->blocks())
                instrument(inner);
            // Unknown for nodes of free functions (F.batch_norm, F.relu) inlined in a module's method.
            const std::optional<std::string> known = graphids::instancePath(n, m_self);
            if (!known || known->empty())
                continue; // the root's own values (the outputs compare those), or a module not known
            const std::string& path = *known;
            torch::jit::Node* insertAfter = n;
            for (torch::jit::Value* v : n->outputs()) {
                if (!tensorTyped(v))
                    continue;
                std::vector<std::string> modules = escapedModules(path, v);
                if (modules.empty())
                    continue;
                const int64_t id = static_cast<int64_t>(modulesOf.size());
                modulesOf.push_back(std::move(modules));
                insertAfter = capture::insert(*block->owningGraph(), v, insertAfter, id);
            }
        }
    }

private:
    const c10::ClassType* m_self;

    // Modules (prefixes of `path`, the root excluded) that `v` leaves: a consumer lies outside them.
    std::vector<std::string> escapedModules(const std::string& path, const torch::jit::Value* v)
    {
        std::vector<std::string> prefixes;
        for (size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1))
            prefixes.push_back(path.substr(0, dot));
        prefixes.push_back(path);
        std::set<std::string> escaped;
        for (const torch::jit::Use& use : v->uses()) {
            const torch::jit::Node* user = use.user;
            std::optional<std::string> consumer;
            bool outside = false;
            if (user->kind() == torch::jit::prim::Return) {
                const torch::jit::Node* owner = user->owningBlock()->owningNode();
                if (owner)
                    consumer = graphids::instancePath(owner, m_self);
                else
                    outside = true; // a graph output leaves every module
            } else {
                consumer = graphids::instancePath(user, m_self);
            }
            if (!outside && !consumer)
                continue; // a consumer of unknown module says nothing about where the value goes
            for (const std::string& prefix : prefixes)
                if (outside || !startsWithPath(*consumer, prefix))
                    escaped.insert(prefix);
        }
        std::vector<std::string> out(escaped.begin(), escaped.end());
        std::sort(out.begin(), out.end(), [](const std::string& x, const std::string& y) { return x.size() > y.size(); });
        return out;
    }
};

struct Capture
{
    std::set<std::string> instrumented; // modules with a capture point in the graph
    std::vector<Event> events;
    std::vector<std::vector<std::string>> modulesOf;
    std::map<std::string, std::vector<size_t>> perModule; // module → its events, in order
    std::string error;
};

Capture captureModuleOutputs(const Model& model, const std::string& method, const std::vector<c10::IValue>& args)
{
    Capture c;
    try {
        auto graph = model.module().get_method(method).graph()->copy();
        torch::jit::Inline(*graph);
        Instrumenter instrumenter(model.module().type().get());
        instrumenter.instrument(graph->block());
        c.modulesOf = std::move(instrumenter.modulesOf);
        for (const auto& modules : c.modulesOf)
            c.instrumented.insert(modules.begin(), modules.end());
        torch::jit::GraphFunction fn("jitscope_capture", graph, nullptr, torch::jit::ExecutorExecutionMode::SIMPLE);
        torch::jit::Stack stack;
        stack.push_back(model.module()._ivalue());
        for (const c10::IValue& v : args)
            stack.push_back(v);
        c10::InferenceMode guard;
        const capture::Sink sink = [&c](int64_t id, const c10::IValue& value) {
            // Cloned: a later in-place op must not change what this module returned.
            if (value.isTensor())
                c.events.push_back({id, value.toTensor().detach().clone()});
        };
        const capture::ScopedSink active(sink);
        try {
            fn.run(stack);
        } catch (const c10::Error& e) {
            c.error = e.what_without_backtrace(); // what ran until the failure was still captured
        } catch (const std::exception& e) {
            c.error = e.what();
        }
    } catch (const std::exception& e) {
        c.error = e.what();
    }
    for (size_t i = 0; i < c.events.size(); ++i)
        for (const std::string& m : c.modulesOf[static_cast<size_t>(c.events[i].id)])
            c.perModule[m].push_back(i);
    return c;
}

// No other captured module lies inside m.
bool isLeaf(const Capture& c, const std::string& m)
{
    auto it = c.perModule.upper_bound(m);
    return it == c.perModule.end() || it->first.compare(0, m.size() + 1, m + ".") != 0;
}

struct Candidate
{
    size_t position = SIZE_MAX; // event index on its own side
    std::string module, reason;
    std::vector<OutputDiff> outputs;
};

} // namespace

FirstDivergence findFirstDivergence(const Model& a, const Model& b, const CompareInputs& inputs, size_t index,
                                    const CompareOptions& options)
{
    FirstDivergence d;
    d.input = inputs.descriptions[index];
    const Capture ca = captureModuleOutputs(a, options.method, inputs.a[index]);
    const Capture cb = captureModuleOutputs(b, options.method, inputs.b[index]);
    std::set<std::string> modules;
    for (const auto& [m, events] : ca.perModule)
        modules.insert(m);
    for (const auto& [m, events] : cb.perModule)
        modules.insert(m);
    d.modules_compared = static_cast<int>(modules.size());

    Candidate best;
    // A's events in execution order: the first module output without an equal counterpart in B.
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < ca.events.size() && best.position == SIZE_MAX; ++i) {
        for (const std::string& m : ca.modulesOf[static_cast<size_t>(ca.events[i].id)]) {
            const size_t k = seen[m]++;
            auto other = cb.perModule.find(m);
            if (other == cb.perModule.end()) {
                if (!cb.instrumented.count(m))
                    continue; // B's graph has no capture point for it (its path is lost there): not comparable
                best = {i, m, "ran only in a", {}};
                break;
            }
            if (other->second.size() != ca.perModule.at(m).size()) {
                // Outputs cannot be paired one to one. For a container whose children lost their path on one
                // side (free functions) this is noise; for a leaf it means it ran more often on one side.
                if (isLeaf(ca, m) && isLeaf(cb, m) && k >= other->second.size()) {
                    best = {i, m, "more outputs in a (" + std::to_string(ca.perModule.at(m).size()) + " vs " +
                                      std::to_string(other->second.size()) + ")", {}};
                    break;
                }
                continue;
            }
            const c10::IValue& vb = cb.events[other->second[k]].value;
            OutputDiff diff = diffLeaves(m + "#" + std::to_string(k), &ca.events[i].value, &vb, options.rtol,
                                         options.atol);
            if (!diff.allclose) {
                best = {i, m, "outputs differ", {std::move(diff)}};
                break;
            }
        }
    }
    // Modules B ran that A never did, if one comes earlier in B's run.
    for (size_t i = 0; i < cb.events.size() && i < best.position; ++i) {
        for (const std::string& m : cb.modulesOf[static_cast<size_t>(cb.events[i].id)])
            if (!ca.perModule.count(m) && ca.instrumented.count(m)) {
                best = {i, m, "ran only in b", {}};
                break;
            }
    }
    if (best.position == SIZE_MAX) {
        for (const auto& [m, events] : cb.perModule)
            if (ca.perModule.count(m) && events.size() > ca.perModule.at(m).size() && isLeaf(ca, m) && isLeaf(cb, m)) {
                best = {0, m, "more outputs in b", {}};
                break;
            }
    }
    if (best.position != SIZE_MAX) {
        d.found = true;
        d.module_path = best.module;
        d.reason = best.reason;
        d.order = static_cast<int>(best.position);
        d.outputs = std::move(best.outputs);
    } else {
        // Every submodule agrees: the difference comes from the root module's own code.
        d.found = true;
        d.module_path = "";
        d.reason = "outputs differ";
        d.note = "every submodule's outputs agree: the difference arises in the root module's own code";
    }
    if (!ca.error.empty())
        d.note += (d.note.empty() ? "" : "; ") + std::string("A stopped with an error");
    if (!cb.error.empty())
        d.note += (d.note.empty() ? "" : "; ") + std::string("B stopped with an error");
    return d;
}

} // namespace jitscope::detail
