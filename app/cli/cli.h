// Shared plumbing of jitscope-cli's subcommands.
#pragma once

#include "engine/engine.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace jitscope {
struct ValueTable;
}

namespace jitscope::cli {

enum ExitCode
{
    ExitOk = 0,
    ExitFailure = 1,
    ExitUsage = 2,
    ExitCannotOpen = 3,
    ExitTimeout = 4,  // run/bench --timeout: a call did not return in time
    ExitMemory = 5    // run/bench --max-memory: the model needed more memory than allowed
};

struct CliState
{
    std::vector<std::string> libraries; // --load-library, repeatable
    std::function<int()> action;        // set by the chosen subcommand's callback
};

// Opens FILE with the libraries from --load-library; on failure prints the message (and detail) to
// stderr and returns nullptr: the caller exits with ExitCannotOpen. A file that fails its integrity
// check gets a warning on stderr; with `strict` it is refused (nullptr) instead.
std::shared_ptr<Model> openForCli(const std::string& path, const CliState& state, bool strict = false);
// One line saying what is wrong with a damaged archive ("" when its integrity is fine).
std::string integritySummary(const IntegrityReport& integrity);
void printError(const Error& error);

// Subcommand groups, one per file.
void addInspectCommands(CLI::App& app, CliState& state); // info, graph, code, params
void addServeCommand(CLI::App& app, CliState& state);    // serve
void addRunCommands(CLI::App& app, CliState& state);     // run, bench (commands_run.cpp)
void addCompareCommand(CLI::App& app, CliState& state);  // compare (commands_compare.cpp)

// The `run --values` report: one line per recorded value, then the first NaN/Inf (commands_values.cpp).
void printValueTable(const ValueTable& table);

// `graph --pass NAME` (commands_passes.cpp).
int graphPassCommand(const std::shared_ptr<Model>& model, const std::string& method, const std::string& pass,
                     const std::vector<std::string>& inputs, const std::string& inputsFile,
                     const std::string& format);

class Server;
int protocolMain(Server& server); // serves on a private copy of stdout (protocolstream.cpp)

} // namespace jitscope::cli
