// What `compare` finds between two TorchScript exports (or an export and a state_dict): plain values with
// a JSON form whose keys are the documented keys of `jitscope-cli compare --json`.
#pragma once

#include "graph.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jitscope {

struct CompareSide
{
    std::string path;
    std::string kind = "torchscript"; // or "state_dict" (B only)
    int64_t bytes = 0;
    std::vector<std::string> methods;
    int64_t param_count = 0;
};

struct KindCount
{
    std::string kind;
    int a = 0, b = 0;
};

struct StructureDiff
{
    std::string method;
    std::map<std::string, int> a, b;    // op kind → count over the inlined method graph, blocks included
    std::vector<KindCount> differences; // kinds whose counts differ
    std::vector<std::string> modules_only_a, modules_only_b;
    int nodes_a = 0, nodes_b = 0;
};

// A prim::If / prim::Loop of one side without a counterpart (same kind, module and source line) in the other.
struct ControlFlowNode
{
    std::string side; // "a" or "b"
    std::string kind; // "prim::If" or "prim::Loop"
    std::string module_path;
    int64_t node_id = 0; // preorder id in that side's inlined graph (Graph::nodes ids)
    SourceLocation source, original;
};

struct ControlFlowDiff
{
    int a = 0, b = 0;                 // prim::If + prim::Loop nodes, recursively through blocks
    int if_a = 0, if_b = 0, loop_a = 0, loop_b = 0;
    int only_in_a = 0, only_in_b = 0; // nodes of that side without a counterpart
    std::vector<ControlFlowNode> nodes;
};

struct ParameterRow
{
    std::string name;
    std::string status; // "matched", "only_a", "only_b", "shape_mismatch"
    std::vector<int64_t> shape_a, shape_b;
    std::string dtype_a, dtype_b;
    double max_abs_diff = 0; // matched rows only
};

struct ParameterDiffEntry
{
    std::string name;
    double max_abs_diff = 0;
};

struct ShapeMismatch
{
    std::string name;
    std::vector<int64_t> shape_a, shape_b;
};

struct ParameterDiff
{
    int matched = 0;
    std::vector<std::string> only_a, only_b;
    std::vector<ShapeMismatch> shape_mismatch;
    double max_abs_diff = 0;                  // over matched parameters and buffers
    std::vector<ParameterDiffEntry> differing; // max_abs_diff > 0, largest first
    bool prefix_stripped = false;              // B's keys had a "module." prefix
    std::vector<ParameterRow> rows;            // every name, for tables
};

// One flattened output leaf of both sides ("0", "1.boxes" …).
struct OutputDiff
{
    std::string path;
    std::string kind_a, kind_b; // "tensor", "int", "float", "bool", "str", "none", "missing"
    std::vector<int64_t> shape_a, shape_b;
    std::string dtype_a, dtype_b;
    std::string value_a, value_b; // scalars as text
    double max_abs = 0, mean_abs = 0, median_abs = 0;
    double max_rel = 0, mean_rel = 0, median_rel = 0;
    int64_t mismatched = 0; // elements beyond atol + rtol·|b|
    int64_t nonfinite_mismatch = 0; // NaN/Inf in one side only (not in the statistics)
    bool allclose = false;
    std::string note;
};

// Both sides run on one input: the example or a probe.
struct RunComparison
{
    std::string description; // "example", "negated", "batch x2" …
    std::vector<std::string> inputs; // per argument, "Tensor[2, 3] float32" …
    bool a_ok = false, b_ok = false;
    std::string a_error, b_error;
    bool same_structure = false;
    bool allclose = false;
    bool diverges = false; // outputs differ beyond tolerance, or one side fails where the other succeeds
    std::vector<OutputDiff> outputs;
};

struct FirstDivergence
{
    bool found = false;
    std::string input;       // the RunComparison description it was found on
    std::string module_path; // "" = the root module's own code
    std::string module_type;
    std::string reason; // "outputs differ", "ran only in a", "ran only in b", "more outputs in a" …
    int order = 0;      // position of that module's output among the captured module outputs
    int modules_compared = 0;
    std::vector<OutputDiff> outputs; // the differing captured output(s)
    std::string note;
};

struct TimingComparison
{
    int iters = 0;
    double a_median_ms = 0, b_median_ms = 0, ratio = 0; // ratio = b / a
    std::vector<double> a_ms, b_ms;                     // alternating calls after warm-up
};

struct CompareReport
{
    CompareSide a, b;
    std::string method = "forward";
    double rtol = 1e-4, atol = 1e-5;
    std::optional<StructureDiff> structure;
    std::optional<ControlFlowDiff> control_flow;
    ParameterDiff parameters;
    std::optional<RunComparison> outputs;
    std::vector<RunComparison> probes;
    std::optional<FirstDivergence> first_divergence;
    std::optional<TimingComparison> timing;
    std::string verdict;              // "diverges" or "equivalent"
    std::vector<std::string> reasons; // why, one line each
};

} // namespace jitscope

#include "json.h"

namespace jitscope {

JITSCOPE_DECLARE_JSON(CompareSide)
JITSCOPE_DECLARE_JSON(KindCount)
JITSCOPE_DECLARE_JSON(StructureDiff)
JITSCOPE_DECLARE_JSON(ControlFlowNode)
JITSCOPE_DECLARE_JSON(ControlFlowDiff)
JITSCOPE_DECLARE_JSON(ParameterRow)
JITSCOPE_DECLARE_JSON(ParameterDiffEntry)
JITSCOPE_DECLARE_JSON(ShapeMismatch)
JITSCOPE_DECLARE_JSON(ParameterDiff)
JITSCOPE_DECLARE_JSON(OutputDiff)
JITSCOPE_DECLARE_JSON(RunComparison)
JITSCOPE_DECLARE_JSON(FirstDivergence)
JITSCOPE_DECLARE_JSON(TimingComparison)
JITSCOPE_DECLARE_JSON(CompareReport)

// A short readable report, verdict first (the CLI's text output).
std::string compareReportText(const CompareReport& report);
// The same as Markdown (the window's export).
std::string compareReportMarkdown(const CompareReport& report);

} // namespace jitscope
