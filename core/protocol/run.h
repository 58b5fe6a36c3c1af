// Run and benchmark requests: a method's arguments, the devices, one call, saving its outputs, a
// benchmark with live samples. Results are the core value types of model/runresult.h.
#pragma once

#include "types/runresult.h"
#include "protocol.h"

namespace jitscope::protocol {

struct DevicesResult
{
    std::vector<std::string> devices; // "cpu", "cuda:0" …
    int threads = 0;                  // intra-op threads now
};

struct DevicesRequest
{
    static constexpr const char* kMethod = "devices";
    using Result = DevicesResult;
};

struct ArgumentsResult
{
    std::string method;
    std::string schema;
    std::vector<ArgumentInfo> arguments;
};

struct ArgumentsRequest
{
    static constexpr const char* kMethod = "arguments";
    int handle = 0;
    std::string method = "forward";
    using Result = ArgumentsResult;
};

// What run and bench share: which method of which model, with which inputs, where and how.
struct Call
{
    int handle = 0;
    std::string method = "forward";
    Json inputs = Json::array(); // positional input values (docs/protocol.md, "Input values")
    Json named = Json::object(); // argument name → input value
    std::string inputs_file;     // a torch.save'd list (or dict) applied first
    std::string device = "cpu";
    bool inference_mode = true; // false: NoGradGuard
    int threads = 0;            // intra-op threads; 0 = as is
    // Seconds, 0 = none. bench stops between calls once it has run longer than that (its result
    // says `stopped`); a run cannot be interrupted inside the interpreter: the window enforces the limit by
    // restarting the worker (jitscope-cli run --timeout ends the process).
    double timeout = 0;
};

// RunResult plus what the worker adds.
struct RunReply : RunResult
{
    std::vector<std::string> inputs; // one description per argument
    std::string saved_to;            // where save_outputs wrote them, or ""
};

struct RunRequest : Call
{
    static constexpr const char* kMethod = "run";
    std::string save_outputs; // a path: save the outputs there too
    bool values = false;      // record every value of the inlined graph (RunResult::values)
    std::string values_dir;   // also save every tensor there as <id>.pt (implies values)
    using Result = RunReply;
};

struct SaveOutputsResult
{
    std::string path;
};

// The last run's outputs of that handle, torch::pickle_save'd.
struct SaveOutputsRequest
{
    static constexpr const char* kMethod = "save_outputs";
    int handle = 0;
    std::string path;
    using Result = SaveOutputsResult;
};

// Sends BenchSample notifications while it runs (when `samples`).
struct BenchRequest : Call
{
    static constexpr const char* kMethod = "bench";
    int warmup = 10;
    bool until_settled = false;
    int iters = 100;
    double seconds = 0; // > 0: measure this long instead of `iters`
    bool profile = false;
    bool samples = true;
    using Result = BenchResult;
};

// A batch of per-call times of a bench in flight: calls start, start + 1 … in order.
struct BenchSample
{
    static constexpr const char* kMethod = "bench_sample";
    Json id;                       // the bench request's id
    std::string phase = "measure"; // "warmup" | "measure"
    int64_t start = 0;
    std::vector<double> ms;
};

JITSCOPE_DECLARE_JSON(DevicesResult)
JITSCOPE_DECLARE_JSON(DevicesRequest)
JITSCOPE_DECLARE_JSON(ArgumentsResult)
JITSCOPE_DECLARE_JSON(ArgumentsRequest)
JITSCOPE_DECLARE_JSON(RunReply)
JITSCOPE_DECLARE_JSON(RunRequest)
JITSCOPE_DECLARE_JSON(SaveOutputsResult)
JITSCOPE_DECLARE_JSON(SaveOutputsRequest)
JITSCOPE_DECLARE_JSON(BenchRequest)
JITSCOPE_DECLARE_JSON(BenchSample)

} // namespace jitscope::protocol
