// compare(): what differs between two exports, in the order a person asks — do the outputs agree, where do
// they stop agreeing, what is structurally different, how fast is each. Graph-level parts (op kinds,
// control flow, modules) work on the engine's plain Graph values, so this file needs no LibTorch header.
#include "compare.h"
#include "compareinternal.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace jitscope {

namespace {

StructureDiff compareStructure(const Graph& a, const Graph& b, const ModelInfo& infoA, const ModelInfo& infoB)
{
    StructureDiff s;
    s.method = a.method;
    s.a = kindHistogram(a);
    s.b = kindHistogram(b);
    s.nodes_a = static_cast<int>(recursiveNodeCount(a));
    s.nodes_b = static_cast<int>(recursiveNodeCount(b));
    std::set<std::string> kinds;
    for (const auto& [kind, count] : s.a)
        kinds.insert(kind);
    for (const auto& [kind, count] : s.b)
        kinds.insert(kind);
    for (const std::string& kind : kinds) {
        const int ca = s.a.count(kind) ? s.a.at(kind) : 0;
        const int cb = s.b.count(kind) ? s.b.at(kind) : 0;
        if (ca != cb)
            s.differences.push_back({kind, ca, cb});
    }
    std::set<std::string> modulesA, modulesB;
    for (const ModuleInfo& m : infoA.modules)
        modulesA.insert(m.path);
    for (const ModuleInfo& m : infoB.modules)
        modulesB.insert(m.path);
    for (const std::string& m : modulesA)
        if (!modulesB.count(m))
            s.modules_only_a.push_back(m);
    for (const std::string& m : modulesB)
        if (!modulesA.count(m))
            s.modules_only_b.push_back(m);
    return s;
}

// An If/Loop is "the same" on both sides when kind, module and the line it came from agree: the original
// Python line when debug info has it, else the saved code's line text.
std::string controlFlowKey(const Node& n)
{
    std::string line = n.original.valid() ? n.original.file + ":" + std::to_string(n.original.line)
                                          : n.source.text;
    line.erase(0, line.find_first_not_of(" \t"));
    return n.kind + "|" + n.module_path + "|" + line;
}

ControlFlowDiff compareControlFlow(const Graph& a, const Graph& b)
{
    ControlFlowDiff c;
    std::map<std::string, std::vector<const Node*>> byKeyA, byKeyB;
    auto collect = [](const Graph& g, int& ifs, int& loops, std::map<std::string, std::vector<const Node*>>& by) {
        forEachNode(g.nodes, [&](const Node& n, int) {
            if (n.kind != "prim::If" && n.kind != "prim::Loop")
                return;
            (n.kind == "prim::If" ? ifs : loops)++;
            by[controlFlowKey(n)].push_back(&n);
        });
    };
    collect(a, c.if_a, c.loop_a, byKeyA);
    collect(b, c.if_b, c.loop_b, byKeyB);
    c.a = c.if_a + c.loop_a;
    c.b = c.if_b + c.loop_b;
    auto unmatched = [&](const char* side, const auto& mine, const auto& theirs, int& count) {
        for (const auto& [key, nodes] : mine) {
            auto other = theirs.find(key);
            const size_t matched = other == theirs.end() ? 0 : std::min(other->second.size(), nodes.size());
            for (size_t i = matched; i < nodes.size(); ++i) {
                const Node& n = *nodes[i];
                c.nodes.push_back({side, n.kind, n.module_path, n.id, n.source, n.original});
                ++count;
            }
        }
    };
    unmatched("a", byKeyA, byKeyB, c.only_in_a);
    unmatched("b", byKeyB, byKeyA, c.only_in_b);
    std::stable_sort(c.nodes.begin(), c.nodes.end(), [](const ControlFlowNode& x, const ControlFlowNode& y) {
        return x.side != y.side ? x.side < y.side : x.node_id < y.node_id;
    });
    return c;
}

CompareSide describe(const Model& model)
{
    CompareSide side;
    const ModelSummary& s = model.info().summary;
    side.path = s.path;
    side.bytes = s.bytes;
    side.param_count = s.param_count;
    for (const MethodInfo& m : s.methods)
        side.methods.push_back(m.name);
    return side;
}

Error cancelled()
{
    return Error{ErrorCode::Cancelled, "The comparison was stopped.", {}, {}};
}

std::string leafName(const std::string& path)
{
    return path.empty() ? "the output" : "output " + path;
}

// Why a run diverges, in one line.
std::string divergenceReason(const RunComparison& run)
{
    const std::string on = run.description == "example" ? "on the example" : "on probe '" + run.description + "'";
    if (run.a_ok != run.b_ok)
        return std::string(run.a_ok ? "B" : "A") + " fails " + on + ": " + (run.a_ok ? run.b_error : run.a_error);
    if (!run.same_structure)
        return "the outputs have different structures " + on;
    for (const OutputDiff& o : run.outputs)
        if (!o.allclose) {
            if (o.shape_a != o.shape_b)
                return leafName(o.path) + " has another shape " + on;
            return leafName(o.path) + " differs " + on + " (max abs diff " + std::to_string(o.max_abs) + ")";
        }
    return "outputs differ " + on;
}

Result<CompareReport> compareStateDict(const Model& a, const std::string& path, const CompareOptions& options)
{
    CompareReport report;
    report.a = describe(a);
    report.b.path = path;
    report.b.kind = "state_dict";
    std::error_code ec;
    report.b.bytes = static_cast<int64_t>(std::filesystem::file_size(path, ec));
    report.method = options.method;
    report.rtol = options.rtol;
    report.atol = options.atol;
    auto params = detail::compareWithStateDict(a, path, &report.b.param_count);
    if (!params)
        return params.error();
    report.parameters = std::move(params.value());
    const ParameterDiff& p = report.parameters;
    if (!p.only_a.empty())
        report.reasons.push_back(std::to_string(p.only_a.size()) + " of the export's parameters/buffers are not in the state_dict");
    if (!p.only_b.empty())
        report.reasons.push_back(std::to_string(p.only_b.size()) + " state_dict entries are not in the export");
    if (!p.shape_mismatch.empty())
        report.reasons.push_back(std::to_string(p.shape_mismatch.size()) + " entries have other shapes");
    if (p.max_abs_diff > options.atol)
        report.reasons.push_back(std::to_string(p.differing.size()) + " entries hold other values (max abs diff " +
                                 std::to_string(p.max_abs_diff) + ")");
    report.verdict = report.reasons.empty() ? "equivalent" : "diverges";
    if (report.reasons.empty())
        report.reasons.push_back("the export holds the state_dict's weights (" + std::to_string(p.matched) +
                                 " entries)");
    return report;
}

} // namespace

Result<CompareInput> openForCompare(const std::string& path, bool allowStateDict, const OpenOptions& options)
{
    auto model = Model::open(path, options);
    if (model)
        return CompareInput{model.value(), {}};
    if (allowStateDict && model.error().code == ErrorCode::Checkpoint && detail::isStateDict(path))
        return CompareInput{nullptr, path};
    return model.error();
}

Result<CompareReport> compare(const CompareInput& inA, const CompareInput& inB, const CompareOptions& options,
                              const std::atomic<bool>* stop, const ProgressFn& progress)
{
    auto stopped = [&] { return stop && stop->load(); };
    auto report = [&](const std::string& stage, double fraction) {
        if (progress)
            progress(stage, fraction);
    };
    if (!inA.model)
        return Error{ErrorCode::BadRequest, "A must be a TorchScript file (only B may be a state_dict).", {}, {}};
    const Model& a = *inA.model;
    if (!inB.model)
        return compareStateDict(a, inB.state_dict_path, options);
    const Model& b = *inB.model;

    CompareReport r;
    r.a = describe(a);
    r.b = describe(b);
    r.method = options.method;
    r.rtol = options.rtol;
    r.atol = options.atol;

    report("structure", 0.0);
    auto graphA = a.graph({}, options.method, true);
    if (!graphA)
        return graphA.error();
    auto graphB = b.graph({}, options.method, true);
    if (!graphB)
        return graphB.error();
    r.structure = compareStructure(graphA.value(), graphB.value(), a.info(), b.info());
    r.control_flow = compareControlFlow(graphA.value(), graphB.value());
    r.parameters = detail::compareParameters(a, b);
    if (stopped())
        return cancelled();

    report("building inputs", 0.05);
    auto inputs = detail::buildCompareInputs(a, b, options);
    if (!inputs)
        return inputs.error();
    const detail::CompareInputs& in = *inputs.value();
    const size_t runs = detail::inputCount(in);
    // Runs take most of the time: 5–65 % of the bar, capture 65–80 %, timing the rest.
    for (size_t i = 0; i < runs; ++i) {
        if (stopped())
            return cancelled();
        report("running " + detail::inputDescription(in, i), 0.05 + 0.6 * static_cast<double>(i) / runs);
        RunComparison run = detail::compareRun(a, b, in, i, options);
        if (i == 0 && !run.a_ok && !run.b_ok) // nothing to compare: say why rather than "equivalent"
            return Error{ErrorCode::BadInput, "Both models fail on the example: " + run.a_error,
                         "A: " + run.a_error + "\nB: " + run.b_error, {}};
        if (i == 0)
            r.outputs = std::move(run);
        else
            r.probes.push_back(std::move(run));
    }

    // Verdict and the input to look for the first divergence on: the example first, then the probes.
    std::optional<size_t> divergent;
    for (size_t i = 0; i < runs; ++i) {
        const RunComparison& run = i == 0 ? *r.outputs : r.probes[i - 1];
        if (!run.diverges)
            continue;
        r.reasons.push_back(divergenceReason(run));
        if (!divergent)
            divergent = i; // a failing side still captures up to its failure
    }
    r.verdict = r.reasons.empty() ? "equivalent" : "diverges";
    if (r.reasons.empty())
        r.reasons.push_back("outputs agree on the example and on " + std::to_string(r.probes.size()) +
                            " probe input(s) within rtol " + std::to_string(options.rtol) + ", atol " +
                            std::to_string(options.atol));

    if (options.divergence && divergent) {
        if (stopped())
            return cancelled();
        report("capturing module outputs", 0.65);
        r.first_divergence = detail::findFirstDivergence(a, b, in, *divergent, options);
        for (const ModuleInfo& m : a.info().modules)
            if (m.path == r.first_divergence->module_path)
                r.first_divergence->module_type = m.type;
    }
    if (options.iters > 0 && r.outputs && r.outputs->a_ok && r.outputs->b_ok) {
        report("timing", 0.8);
        r.timing = detail::timeAlternating(a, b, in, options.method, options.iters, stop);
        if (stopped())
            return cancelled();
    }
    report("done", 1.0);
    return r;
}

} // namespace jitscope
