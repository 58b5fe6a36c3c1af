// `jitscope-cli graph FILE --pass NAME`: the root method after a pass, with its node count and op kinds
// against the saved graph's, so that "what did LibTorch make of it" reads at a glance.
#include "cli.h"
#include "engine/run.h"
#include "view/dotwriter.h"
#include "types/inputspec.h"
#include "types/json.h"

#include <iomanip>
#include <iostream>
#include <set>

namespace jitscope::cli {

namespace {

Result<Graph> executed(const std::shared_ptr<Model>& model, const std::string& method,
                       const std::vector<std::string>& inputs, const std::string& inputsFile)
{
    Invocation invocation;
    invocation.method = method;
    invocation.inputs_file = inputsFile;
    for (const std::string& text : inputs) {
        auto input = parseInputArg(text);
        if (!input)
            return input.error();
        invocation.inputs.push_back(std::move(input.value()));
    }
    auto runner = Runner::create(model, invocation);
    if (!runner)
        return runner.error();
    return runner.value()->executedGraph();
}

void printSummary(const Graph& saved, const Graph& pass)
{
    const auto before = kindHistogram(saved), after = kindHistogram(pass);
    std::set<std::string> kinds;
    for (const auto& [kind, n] : before)
        kinds.insert(kind);
    for (const auto& [kind, n] : after)
        kinds.insert(kind);
    std::cout << "\n# " << std::left << std::setw(40) << "op kind" << std::right << std::setw(8) << "saved"
              << std::setw(10) << pass.pass << '\n';
    std::cout << "# " << std::left << std::setw(40) << "(all nodes)" << std::right << std::setw(8)
              << recursiveNodeCount(saved) << std::setw(10) << recursiveNodeCount(pass) << '\n';
    for (const std::string& kind : kinds) {
        auto b = before.find(kind), a = after.find(kind);
        std::cout << "# " << std::left << std::setw(40) << kind << std::right << std::setw(8)
                  << (b == before.end() ? 0 : b->second) << std::setw(10)
                  << (a == after.end() ? 0 : a->second) << '\n';
    }
}

} // namespace

int graphPassCommand(const std::shared_ptr<Model>& model, const std::string& method, const std::string& pass,
                     const std::vector<std::string>& inputs, const std::string& inputsFile,
                     const std::string& format)
{
    if (pass == "executed" && inputs.empty() && inputsFile.empty()) {
        printError({ErrorCode::BadRequest,
                    "--pass executed runs the method: give its --input(s) or --inputs-file.",
                    {},
                    {}});
        return ExitUsage;
    }
    auto graph =
        pass == "executed" ? executed(model, method, inputs, inputsFile) : model->passGraph(method, pass);
    if (!graph) {
        printError(graph.error());
        return ExitFailure;
    }
    if (format == "json") {
        Json j = graph.value();
        j["node_count"] = recursiveNodeCount(graph.value());
        j["kinds"] = kindHistogram(graph.value());
        std::cout << j.dump() << '\n';
    } else if (format == "dot") {
        std::cout << toDot(graph.value());
    } else {
        std::cout << graph->text;
        auto saved = model->passGraph(method, "saved");
        if (saved)
            printSummary(saved.value(), graph.value());
    }
    return ExitOk;
}

} // namespace jitscope::cli
