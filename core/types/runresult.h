// Plain value types of running a method: its arguments, an output tree with per-tensor statistics, one
// timed call, a benchmark and a per-op profile; their JSON form. Qt-free and LibTorch-free so that the
// CLI, the worker protocol and the GUI share them.
#pragma once

#include "graph.h"
#include "json.h"
#include "stats.h"
#include "values.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jitscope {

// One argument of a method's schema, `self` excluded.
struct ArgumentInfo
{
    std::string name;
    std::string type; // as PyTorch prints it: "Tensor", "Optional[Tensor]", "Dict[str, Tensor]" …
    // What editor fits: "tensor", "optional_tensor", "tensor_list", "tensor_dict", "tuple", "int", "float",
    // "bool", "str", "none" or "other" (anything else: give it a spec or JSON by hand).
    std::string kind;
    bool has_default = false;
    std::string default_value; // printed as in the schema ("None", "3", "True"), "" when none
    // A Dict[str, …] argument: the constant keys the method's graph reads from it (d["img"], d.get("txt")).
    std::vector<std::string> keys;
};

struct TopKEntry
{
    int64_t index = 0;
    double value = 0;
};

struct TensorSummary
{
    std::vector<int64_t> shape;
    std::string dtype;  // float32, int64, bool …
    std::string device; // cpu, cuda:0
    int64_t numel = 0;
    bool numeric = true; // false for quantized/complex tensors: no statistics then
    // sum/mean/min/max follow PyTorch: over all elements (NaN when any is NaN). std is over all elements.
    double sum = 0, min = 0, max = 0, mean = 0, std = 0;
    int64_t nans = 0, infs = 0;
    std::vector<double> preview; // the first values in memory order
    std::vector<TopKEntry> topk; // 1-D tensors, or row 0 of 2-D ones (scores of a classifier)
};

// An output (or input) value as a tree that matches its TorchScript type.
struct ValueNode
{
    std::string kind; // "tensor", "tuple", "list", "dict", "none", "int", "float", "bool", "str", "other"
    std::string type; // TorchScript type as printed
    std::string key;  // for children: the dict key as text or the list/tuple index
    std::string text; // scalars: the value as text
    std::optional<TensorSummary> tensor;
    std::vector<ValueNode> children;
};

// The tensors of a tree in order (depth-first; dicts in their insertion order), as PyTorch flattens them.
std::vector<const TensorSummary*> flattenTensors(const ValueNode& node);

struct RunResult
{
    std::string method;
    std::string device;
    ValueNode output;
    double ms = 0;          // wall time of the call (synchronised on CUDA)
    int64_t call_index = 0; // 0 for the first call of this method in this worker
    bool warmup = false;    // one of the profiling executor's first calls: slower than later ones
    // With RunOptions::values: every tensor the inlined graph computed. In JSON its `values` and
    // `first_nonfinite` (and `values_dir`) sit at the top level, next to `outputs`.
    std::optional<ValueTable> values;
};

// Time per op, gathered with LibTorch's RecordFunction callbacks during measured calls.
struct OpTime
{
    std::string name;   // "aten::conv2d"
    std::string module; // module path from the TorchScript call stack ("" = root or unknown)
    int64_t calls = 0;  // over all profiled calls
    double self_ms = 0; // excluding nested ops; shares add up to 100 %
    double total_ms = 0;
};

struct OpProfile
{
    int64_t forward_calls = 0;
    double forward_ms = 0;       // time of the profiled calls themselves
    std::vector<OpTime> ops;     // by (name, module), most self time first
    std::vector<OpTime> by_kind; // module ""
    std::vector<OpTime> by_module;
};

struct BenchResult
{
    std::string model; // file path
    std::string method;
    std::string device;
    int threads = 0;
    std::vector<std::string> inputs; // one description per argument
    std::string mode;                // "inference_mode" or "no_grad"
    std::vector<double> warmup_ms;   // every warm-up call, first call first
    std::vector<double> samples_ms;  // measured calls
    SampleStats stats;
    bool stopped = false; // ended by cancel before its count/time budget
    std::optional<OpProfile> profile;
};

// The lines `File "code/__torch__/x.py", line 12, in forward` of a TorchScript traceback, outermost
// first, so a viewer can highlight where a run failed. column is 0; text holds the function name.
std::vector<SourceLocation> tracebackLocations(const std::string& errorText);
// One readable line from LibTorch's (often long) error text: the final "RuntimeError: …" line of an
// interpreter traceback, else the first line.
std::string torchErrorSummary(const std::string& errorText);

JITSCOPE_DECLARE_JSON(ArgumentInfo)
JITSCOPE_DECLARE_JSON(TopKEntry)
JITSCOPE_DECLARE_JSON(TensorSummary)
JITSCOPE_DECLARE_JSON(ValueNode)
JITSCOPE_DECLARE_JSON(RunResult)
JITSCOPE_DECLARE_JSON(OpTime)
JITSCOPE_DECLARE_JSON(OpProfile)
JITSCOPE_DECLARE_JSON(SampleStats)
// BenchResult is flat: the statistics as `median_ms`, `mean_ms` … next to `iters`, `device`, `threads`.
JITSCOPE_DECLARE_JSON(BenchResult)

// `{"outputs": [{"shape", "dtype", "sum", "min", "max", "mean"}…]}` flattened in order, as
// `jitscope-cli run --json` prints it; non-finite numbers become null.
Json flatOutputsJson(const ValueNode& output);

} // namespace jitscope
