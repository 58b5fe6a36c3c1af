// Graph passes: what LibTorch makes of a method before it runs it. saved and inlined are Model::graph;
// frozen is torch::jit::freeze of the module, optimized is optimize_for_inference of a frozen copy (public
// methods preserved first: optimize_for_inference on an unfrozen module freezes without preserving them).
// executed (the profiling executor's optimized plan after warm-up calls) needs inputs: Runner::executedGraph
// in runner.cpp.
#include "engine.h"
#include "graphids.h"

#include <torch/script.h>

namespace jitscope {

namespace {

Error passFailed(const std::string& pass, const std::string& method, const std::string& why)
{
    return Error{ErrorCode::RunFailed, "The " + pass + " pass failed on " + method + ": " + why, why, {}};
}

std::string firstLine(const std::string& text)
{
    const size_t end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

// Freezing needs eval mode; a module saved in training mode is frozen from an eval copy.
torch::jit::Module frozenCopy(const torch::jit::Module& module, const std::string& method)
{
    torch::jit::Module m = module;
    if (m.is_training()) {
        m = m.clone();
        m.eval();
    }
    // Public methods stay callable (forward always does), and so does the method asked for.
    std::vector<std::string> preserved;
    for (const auto& other : m.get_methods()) {
        const std::string name = other.name();
        if (name != "forward" && (name.rfind('_', 0) != 0 || name == method))
            preserved.push_back(name);
    }
    return torch::jit::freeze(m, preserved);
}

std::vector<std::string> publicMethods(const torch::jit::Module& module)
{
    std::vector<std::string> names;
    for (const auto& m : module.get_methods())
        if (m.name() != "forward" && m.name().rfind('_', 0) != 0)
            names.push_back(m.name());
    return names;
}

} // namespace

const std::vector<std::string>& graphPasses()
{
    static const std::vector<std::string> names = {"saved", "inlined", "frozen", "optimized", "executed"};
    return names;
}

Result<Graph> Model::passGraph(const std::string& method, const std::string& pass) const
{
    if (pass == "saved" || pass == "inlined") {
        auto g = graph({}, method, pass == "inlined");
        if (g)
            g.value().pass = pass;
        return g;
    }
    if (pass == "executed")
        return Error{ErrorCode::BadRequest,
                     "The executed pass needs inputs: it is the graph the profiling executor ran.",
                     {},
                     {}};
    if (pass != "frozen" && pass != "optimized")
        return Error{ErrorCode::BadRequest,
                     "Unknown pass '" + pass + "': saved, inlined, frozen, optimized or executed.",
                     {},
                     {}};
    if (!module().find_method(method))
        return Error{ErrorCode::NotFound, "The model has no method " + method + ".", {}, {}};
    try {
        torch::jit::Module m = frozenCopy(module(), method);
        if (pass == "optimized")
            m = torch::jit::optimize_for_inference(m, publicMethods(m));
        auto found = m.find_method(method);
        if (!found)
            return passFailed(pass, method, "the method is gone after freezing (it is private)");
        const auto type = m.type();
        auto g = detail::exportGraph(found->graph(), {},
                                     type->name() ? type->name()->qualifiedName() : type->str(), method,
                                     /*inlined=*/true);
        if (g)
            g.value().pass = pass;
        return g;
    } catch (const c10::Error& e) {
        return passFailed(pass, method, firstLine(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        return passFailed(pass, method, firstLine(e.what()));
    }
}

} // namespace jitscope
