// run, bench: call a method on inputs given as specs, print output statistics or timing statistics.
#include "cli.h"
#include "engine/memorylimit.h"
#include "engine/run.h"
#include "types/format.h"
#include "types/runresult.h"
#include "watchdog.h"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace jitscope::cli {

namespace {

// Options shared by run and bench.
struct RunArgs
{
    std::string file;
    std::string method = "forward";
    std::vector<std::string> inputs;
    std::string inputsFile;
    std::string device = "cpu";
    int threads = 0;
    bool noGrad = false;
    bool json = false;
    bool strict = false;
    double timeout = 0;   // seconds per call; 0 = none
    double maxMemory = 0; // GB of tensor memory; 0 = no cap
};

std::atomic<bool> g_interrupted{false};

void addCommonOptions(CLI::App* cmd, RunArgs& args)
{
    cmd->add_option("FILE", args.file, "TorchScript file")->required()->check(CLI::ExistingFile);
    cmd->add_option("--method,-m", args.method, "Method of the root module to call")->capture_default_str();
    cmd->add_option("--input,-i", args.inputs,
                    "An argument: SPEC or NAME=SPEC, repeatable, in order (see below)");
    cmd->add_option("--inputs-file", args.inputsFile,
                    "All positional arguments from a torch.save'd list (or dict by name); --input overrides")
        ->check(CLI::ExistingFile);
    cmd->add_option("--device,-d", args.device, "cpu or cuda:N (CUDA devices LibTorch reports)")
        ->capture_default_str();
    cmd->add_option("--threads", args.threads, "Intra-op threads (at::set_num_threads); 0 keeps the default");
    cmd->add_flag("--no-grad", args.noGrad, "Use NoGradGuard instead of InferenceMode");
    cmd->add_flag("--json", args.json, "Print JSON instead of text");
    cmd->add_option("--timeout", args.timeout,
                    "End the process with exit code 4 when one call takes longer than this many seconds")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--max-memory", args.maxMemory,
                    "End with exit code 5 when the model needs more than this many GB of tensor memory")
        ->check(CLI::PositiveNumber);
    cmd->add_flag("--strict", args.strict, "Refuse (exit 3) a file that fails its CRC-32 or size check");
    cmd->footer(inputSpecHelp());
}

// Opens the model and binds the inputs; prints the error and sets `exitCode` on failure.
std::unique_ptr<Runner> prepare(const RunArgs& args, const CliState& state, int& exitCode)
{
    setMemoryLimit(static_cast<int64_t>(args.maxMemory * 1e9)); // before the open: weights count too
    auto model = openForCli(args.file, state, args.strict);
    if (!model) {
        exitCode = ExitCannotOpen;
        return nullptr;
    }
    Invocation invocation;
    invocation.method = args.method;
    invocation.inputs_file = args.inputsFile;
    invocation.device = args.device;
    invocation.inference_mode = !args.noGrad;
    for (const std::string& text : args.inputs) {
        auto input = parseInputArg(text);
        if (!input) {
            printError(input.error());
            exitCode = ExitUsage;
            return nullptr;
        }
        invocation.inputs.push_back(std::move(input.value()));
    }
    setIntraOpThreads(args.threads);
    auto runner = Runner::create(model, invocation);
    if (!runner) {
        printError(runner.error());
        exitCode = runner.error().code == ErrorCode::NotFound ? ExitUsage : ExitFailure;
        return nullptr;
    }
    return std::move(runner.value());
}

// A failed call: the memory cap gets its own one-line message and exit code.
int callFailed(const Error& error)
{
    if (isMemoryLimitError(error.message) || isMemoryLimitError(error.detail)) {
        std::cerr << "jitscope-cli: " << memoryLimitMessage(memoryLimit())
                  << "; --max-memory allows more.\n";
        return ExitMemory;
    }
    printError(error);
    return ExitFailure;
}

std::string number(double v)
{
    std::ostringstream out;
    out << std::setprecision(6) << v;
    return out.str();
}

void printTree(const ValueNode& node, const std::string& label, int depth)
{
    std::cout << std::string(2 * depth, ' ') << label;
    if (node.tensor) {
        const TensorSummary& t = *node.tensor;
        std::cout << "Tensor" << formatShape(t.shape) << ' ' << t.dtype;
        if (t.device != "cpu")
            std::cout << ' ' << t.device;
        if (t.numeric)
            std::cout << "  sum=" << number(t.sum) << " min=" << number(t.min) << " max=" << number(t.max)
                      << " mean=" << number(t.mean) << " std=" << number(t.std);
        if (t.nans || t.infs)
            std::cout << "  NaN=" << t.nans << " Inf=" << t.infs;
        std::cout << '\n';
    } else if (node.children.empty()) {
        std::cout << node.type << (node.text.empty() ? "" : " " + node.text) << '\n';
    } else {
        std::cout << node.type << '\n';
    }
    for (const ValueNode& child : node.children)
        printTree(child, (node.kind == "dict" ? "'" + child.key + "': " : "[" + child.key + "] "), depth + 1);
}

int runCommand(const RunArgs& args, const std::string& saveTo, const RunOptions& options,
               const CliState& state)
{
    int exitCode = ExitOk;
    auto runner = prepare(args, state, exitCode);
    if (!runner)
        return exitCode;
    Watchdog watchdog(args.timeout, args.method + "()");
    watchdog.arm();
    auto result = runner->runOnce(options);
    watchdog.disarm();
    if (!result)
        return callFailed(result.error());
    if (!saveTo.empty()) {
        auto saved = runner->saveOutputs(saveTo);
        if (!saved) {
            printError(saved.error());
            return ExitFailure;
        }
    }
    const RunResult& r = result.value();
    if (args.json) {
        Json j = flatOutputsJson(r.output);
        j["method"] = r.method;
        j["device"] = r.device;
        j["ms"] = r.ms;
        j["warmup"] = r.warmup;
        j["inputs"] = runner->inputDescriptions();
        j["output"] = r.output;
        if (r.values) {
            j["values"] = r.values->values;
            j["first_nonfinite"] = r.values->first_nonfinite;
            if (!r.values->values_dir.empty())
                j["values_dir"] = r.values->values_dir;
        }
        std::cout << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
        return ExitOk;
    }
    std::cout << "Inputs\n";
    for (const std::string& input : runner->inputDescriptions())
        std::cout << "  " << input << '\n';
    std::cout << "Output of " << r.method << " on " << r.device << " in " << number(r.ms) << " ms"
              << (r.warmup ? " (warm-up: the profiling executor's first calls are slower)" : "") << '\n';
    printTree(r.output, "", 1);
    if (!saveTo.empty())
        std::cout << "Saved the outputs to " << saveTo << '\n';
    if (r.values)
        printValueTable(*r.values);
    return ExitOk;
}

void printProfile(const OpProfile& profile, int top)
{
    auto table = [&](const char* title, const std::vector<OpTime>& rows, bool byModule) {
        std::cout << '\n'
                  << title << '\n'
                  << "  " << std::left << std::setw(48) << (byModule ? "module" : "op") << std::right
                  << std::setw(10) << "calls" << std::setw(12) << "self ms" << std::setw(9) << "share"
                  << '\n';
        double total = 0;
        for (const OpTime& row : rows)
            total += row.self_ms;
        for (size_t i = 0; i < rows.size() && static_cast<int>(i) < top; ++i) {
            const OpTime& row = rows[i];
            std::string name = byModule ? (row.module.empty() ? "(root)" : row.module) : row.name;
            std::cout << "  " << std::left << std::setw(48) << name << std::right << std::setw(10)
                      << row.calls << std::setw(12) << std::fixed << std::setprecision(3) << row.self_ms
                      << std::setw(8) << std::setprecision(1) << (total > 0 ? 100.0 * row.self_ms / total : 0)
                      << "%\n"
                      << std::defaultfloat;
        }
    };
    table("Time by op kind (measured calls, self time)", profile.by_kind, false);
    table("Time by module", profile.by_module, true);
}

int benchCommand(const RunArgs& args, const BenchOptions& options, int top, const CliState& state)
{
    int exitCode = ExitOk;
    auto runner = prepare(args, state, exitCode);
    if (!runner)
        return exitCode;
    // Ctrl-C stops between calls and still reports what was measured.
    std::signal(SIGINT, [](int) { g_interrupted = true; });
    Watchdog watchdog(args.timeout, "a call of " + args.method + "()");
    watchdog.arm();
    auto result = runner->bench(options, &g_interrupted, [&watchdog](bool, int64_t, double) { watchdog.arm(); });
    watchdog.disarm();
    std::signal(SIGINT, SIG_DFL);
    if (!result)
        return callFailed(result.error());
    const BenchResult& r = result.value();
    if (args.json) {
        Json j = r;
        j["model"] = args.file;
        std::cout << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
        return ExitOk;
    }
    const SampleStats& s = r.stats;
    std::cout << "Benchmark of " << r.method << " on " << r.device << ", " << r.threads << " thread(s), "
              << r.mode << (r.stopped ? " (stopped early)" : "") << '\n';
    for (const std::string& input : r.inputs)
        std::cout << "  input " << input << '\n';
    std::cout << "  warm-up   " << r.warmup_ms.size() << " calls";
    if (!r.warmup_ms.empty())
        std::cout << " (first " << number(r.warmup_ms.front()) << " ms, last " << number(r.warmup_ms.back())
                  << " ms)";
    std::cout << "\n  measured  " << s.count << " calls in " << number(s.total) << " ms\n"
              << std::fixed << std::setprecision(4) << "  min       " << s.min << " ms\n"
              << "  median    " << s.median << " ms\n"
              << "  mean      " << s.mean << " ms\n"
              << "  p90       " << s.p90 << " ms\n"
              << "  p99       " << s.p99 << " ms\n"
              << "  max       " << s.max << " ms\n"
              << "  std       " << s.std << " ms\n"
              << "  IQR       " << s.iqr << " ms\n"
              << std::setprecision(1) << "  calls/s   " << s.calls_per_s << '\n'
              << std::defaultfloat;
    if (r.profile)
        printProfile(*r.profile, top);
    return ExitOk;
}

} // namespace

void addRunCommands(CLI::App& app, CliState& state)
{
    static RunArgs runArgs, benchArgs; // CLI11 keeps pointers to these until parsing is over
    static std::string saveTo;
    static RunOptions runOptions;
    static BenchOptions options;
    static int top = 20;

    auto* run = app.add_subcommand("run", "Call a method of FILE once and print each output's statistics");
    addCommonOptions(run, runArgs);
    run->add_option("--save-outputs", saveTo,
                    "Save the outputs with torch::pickle_save (torch.load reads it)");
    run->add_flag("--values", runOptions.values,
                  "Record every tensor the method's inlined graph computes (ids as in graph --inlined) and "
                  "the first NaN/Inf");
    run->add_option("--values-dir", runOptions.values_dir,
                    "With --values: save each tensor as DIR/<id>.pt (torch.load reads it)");
    run->callback([&state] {
        if (!runOptions.values_dir.empty())
            runOptions.values = true;
        state.action = [&state] { return runCommand(runArgs, saveTo, runOptions, state); };
    });

    auto* bench = app.add_subcommand("bench", "Time a method of FILE: warm-up, then measured calls (ms)");
    addCommonOptions(bench, benchArgs);
    bench->add_option("--warmup", options.warmup, "Warm-up calls (the most, with --until-settled)")
        ->capture_default_str();
    bench->add_flag("--until-settled", options.warmup_until_settled,
                    "End warm-up once the median of the last 5 calls is within 5% of the 5 before");
    auto* iters = bench->add_option("--iters,-n", options.iters, "Measured calls")->capture_default_str();
    bench->add_option("--seconds", options.seconds, "Measure for this many seconds instead of --iters")
        ->excludes(iters);
    bench->add_flag("--profile", options.profile, "Also record every op's time (RecordFunction callbacks)");
    bench->add_option("--top", top, "Rows of each profile table")->capture_default_str();
    bench->callback([&state] {
        options.threads = benchArgs.threads;
        state.action = [&state] { return benchCommand(benchArgs, options, top, state); };
    });
}

} // namespace jitscope::cli
