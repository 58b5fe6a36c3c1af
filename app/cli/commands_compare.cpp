// compare: two exports (or an export and a state_dict) side by side — verdict, outputs, probes, first
// divergence, control flow, structure, parameters, timing.
#include "cli.h"
#include "engine/compare.h"

#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>

namespace jitscope::cli {

namespace {

struct CompareArgs
{
    std::string a, b;
    std::string method = "forward";
    std::vector<std::string> inputs;
    std::string inputsFile;
    std::string probes = "auto";
    double rtol = 1e-4, atol = 1e-5;
    int iters = 20;
    bool noDivergence = false;
    bool check = false;
    bool json = false;
};

std::atomic<bool> g_stop{false};

constexpr int ExitDiverges = 4;

int compareCommand(const CompareArgs& args, const CliState& state)
{
    CompareOptions options;
    options.method = args.method;
    options.inputs_file = args.inputsFile;
    options.probes = args.probes == "auto";
    options.rtol = args.rtol;
    options.atol = args.atol;
    options.iters = args.iters;
    options.divergence = !args.noDivergence;
    for (const std::string& text : args.inputs) {
        auto input = parseInputArg(text);
        if (!input) {
            printError(input.error());
            return ExitUsage;
        }
        options.inputs.push_back(std::move(input.value()));
    }
    OpenOptions open;
    open.libraries = state.libraries;
    auto a = openForCompare(args.a, false, open);
    if (!a) {
        printError(a.error());
        return ExitCannotOpen;
    }
    auto b = openForCompare(args.b, true, open);
    if (!b) {
        printError(b.error());
        return ExitCannotOpen;
    }
    std::signal(SIGINT, [](int) { g_stop = true; });
    auto report = compare(a.value(), b.value(), options, &g_stop, [&](const std::string& stage, double) {
        if (!args.json)
            std::cerr << "… " << stage << '\n';
    });
    std::signal(SIGINT, SIG_DFL);
    if (!report) {
        printError(report.error());
        return report.error().code == ErrorCode::NotFound || report.error().code == ErrorCode::BadInput
                   ? ExitUsage
                   : ExitFailure;
    }
    if (args.json)
        std::cout << Json(report.value()).dump() << '\n';
    else
        std::cout << compareReportText(report.value());
    return args.check && report.value().verdict == "diverges" ? ExitDiverges : ExitOk;
}

} // namespace

void addCompareCommand(CLI::App& app, CliState& state)
{
    static CompareArgs args; // CLI11 keeps pointers to these until parsing is over
    auto* cmd = app.add_subcommand(
        "compare", "Compare two TorchScript files (B may be a torch.save'd state_dict): outputs on the example "
                   "and on probe inputs, the first module that differs, control flow, structure, parameters, "
                   "timing");
    cmd->add_option("A", args.a, "TorchScript file")->required()->check(CLI::ExistingFile);
    cmd->add_option("B", args.b, "TorchScript file or state_dict")->required()->check(CLI::ExistingFile);
    cmd->add_option("--method,-m", args.method, "Method of the root module to call")->capture_default_str();
    cmd->add_option("--input,-i", args.inputs, "An argument of the example: SPEC or NAME=SPEC, repeatable");
    cmd->add_option("--inputs-file", args.inputsFile, "All positional arguments from a torch.save'd list")
        ->check(CLI::ExistingFile);
    cmd->add_option("--probes", args.probes, "auto: also derived inputs (negated, other values, batch, sizes)")
        ->check(CLI::IsMember({"auto", "none"}))
        ->capture_default_str();
    cmd->add_option("--rtol", args.rtol, "Relative tolerance")->capture_default_str();
    cmd->add_option("--atol", args.atol, "Absolute tolerance")->capture_default_str();
    cmd->add_option("--iters,-n", args.iters, "Timed calls of each side (0: no timing)")->capture_default_str();
    cmd->add_flag("--no-divergence", args.noDivergence, "Skip capturing module outputs");
    cmd->add_flag("--check", args.check, "Exit with 4 when the verdict is \"diverges\" (for CI)");
    cmd->add_flag("--json", args.json, "Print one JSON object instead of text");
    cmd->footer("Exit codes: 0 ok, 1 failure, 2 usage, 3 a file could not be opened, 4 diverges (--check).\n\n" +
                inputSpecHelp());
    cmd->callback([&state] { state.action = [&state] { return compareCommand(args, state); }; });
}

} // namespace jitscope::cli
