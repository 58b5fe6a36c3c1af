// Running methods of a loaded Model: inputs from specs, one timed call, benchmarks with a stop flag and a
// per-op profile. LibTorch-free like engine.h; the code lives in inputs.cpp and runner.cpp.
//
// An input is a JSON value (the CLI's --input text is parsed into one by parseInputArg, model/inputspec.h):
//   "randn:1x3x224x224"         a spec string (grammar in inputSpecHelp())
//   3, 0.5, true, null          int, float, bool, None
//   [v, …]                      a list or tuple (element types come from the schema)
//   {"key": v, …}               a Dict[str, …], iterated in the order written
//   [[key, v], …]               a dict too, where the schema says Dict (the protocol's ordered form)
// Strings inside arrays and objects are specs too; "str:text" gives a string argument.
#pragma once

#include "engine/engine.h"
#include "types/inputspec.h"
#include "types/runresult.h"
#include "types/values.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace jitscope {

// Arguments of `method` of the root module (self excluded), kinds chosen for the GUI's editors.
Result<std::vector<ArgumentInfo>> methodArguments(const Model& model, const std::string& method);

// CPU plus every CUDA device LibTorch reports: "cpu", "cuda:0", …
std::vector<std::string> availableDevices();
int intraOpThreads();
void setIntraOpThreads(int threads); // process-wide; <= 0 leaves it unchanged

struct Invocation
{
    std::string method = "forward";
    // A torch.save'd list/tuple of the positional arguments (or a dict name → value), applied before
    // `inputs`, which then override or complete it.
    std::string inputs_file;
    std::vector<InputArg> inputs;
    std::string device = "cpu";
    bool inference_mode = true; // c10::InferenceMode, else torch::NoGradGuard
};

struct BenchOptions
{
    int warmup = 10; // warm-up calls; with warmup_until_settled, the most of them
    bool warmup_until_settled = false;
    int iters = 100;      // measured calls, unless seconds > 0
    double seconds = 0;   // measure for this long instead (at least one call)
    int threads = 0;      // intra-op threads for the run; 0 = as is
    bool profile = false; // per-op times (RecordFunction) over the measured calls
};

// What one call records besides its outputs.
struct RunOptions
{
    // Record every tensor of the method's inlined graph (model/values.h): the call then runs that graph
    // with a capture op after each tensor-producing node, in LibTorch's interpreter.
    bool values = false;
    std::string values_dir; // with values: also save each tensor as DIR/<id>.pt (<id>.<element>.pt)
};

// Called after every call on the benchmarking thread: keep it cheap (no I/O per call).
using SampleFn = std::function<void(bool warmup, int64_t index, double ms)>;

// Inputs bound to one method of one model, ready to call repeatedly. Not thread-safe, except cancel().
class Runner
{
public:
    // Builds every input and converts it to the method's schema types; errors are bad_input
    // (or not_found for an unknown method), with the reason in the message.
    static Result<std::unique_ptr<Runner>> create(std::shared_ptr<Model> model, const Invocation& invocation);
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    std::vector<std::string> inputDescriptions() const; // "Tensor[1, 3, 224, 224] float32", "int 3" …
    const std::string& device() const;

    // One call, timed; the output tree with statistics. TorchScript errors are run_failed with
    // LibTorch's full text as detail (tracebackLocations() finds the failing lines).
    Result<RunResult> runOnce(const RunOptions& options = {});
    // Runs the recorded graph again and saves one value (an id of RunResult::values, element "" or as
    // recorded) as .pt (torch.load) or .npy (by the path's extension). The value of a loop is saved as the
    // table reports it: the first execution holding a NaN/Inf, else the last.
    Result<std::string> saveValue(int64_t id, const std::string& element, const std::string& path);
    // Saves the last call's outputs with torch::pickle_save (torch.load reads it back). Needs runOnce.
    Result<std::string> saveOutputs(const std::string& path) const;

    // The graph the profiling executor optimised and ran for these inputs, after the warm-up calls it needs
    // (pass "executed": specialised types, fusion groups, bailouts).
    Result<Graph> executedGraph();

    // Warm-up, then measured calls. `stop` is read between calls; a stopped benchmark still returns its
    // samples with stopped = true.
    Result<BenchResult> bench(const BenchOptions& options, const std::atomic<bool>* stop = nullptr,
                              const SampleFn& onSample = {});

private:
    struct Impl;
    explicit Runner(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace jitscope

// ---- for the engine's own translation units (runner.cpp, inputs.cpp) only ----
namespace c10 {
struct IValue;
}
namespace jitscope::detail {
// The arguments of invocation.method (self excluded), converted to the schema's types and moved to the
// invocation's device; a description of each into `descriptions`.
Result<std::vector<c10::IValue>> buildInputs(const Model& model, const Invocation& invocation,
                                             std::vector<std::string>& descriptions);
std::string describeValue(const c10::IValue& value);

// values.cpp: calls `method` of the model's root module through its inlined graph with every tensor
// recorded; the method's output into `output`.
Result<ValueTable> recordValues(const Model& model, const std::string& method,
                                const std::vector<c10::IValue>& inputs, const RunOptions& options,
                                c10::IValue& output);
// Runs like recordValues and saves one value to `path` (.pt or .npy).
Result<std::string> saveValue(const Model& model, const std::string& method,
                              const std::vector<c10::IValue>& inputs, int64_t id, const std::string& element,
                              const std::string& path);
} // namespace jitscope::detail
