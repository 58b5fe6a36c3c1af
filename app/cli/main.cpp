// jitscope-cli: inspect, draw and run TorchScript files headless; `serve` is the GUI's worker.
#include "cli.h"

#include <CLI/CLI.hpp>

#include <iostream>

using namespace jitscope;
using namespace jitscope::cli;

int main(int argc, char** argv)
{
    CLI::App app{"JitScope " + jitscopeVersion() +
                 ": inspect, draw and run TorchScript files.\n"
                 "Exit codes: 0 ok, 1 failure, 2 usage, 3 the file could not be opened (or --strict refused it),\n"
                 "4 a call overran --timeout, 5 a call needed more than --max-memory."};
    app.require_subcommand(1);
    app.set_version_flag("--version",
                         "jitscope-cli " + jitscopeVersion() + " (LibTorch " + libtorchVersion() + ")");

    CliState state;
    app.add_option("--load-library", state.libraries,
                   "Load a custom-op library before the model (repeatable). JITSCOPE_LOAD_LIBRARIES "
                   "(':'-separated) does the same.")
        ->check(CLI::ExistingFile);

    addInspectCommands(app, state);
    addServeCommand(app, state);
    addRunCommands(app, state);
    addCompareCommand(app, state);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? ExitOk : ExitUsage;
    }
    for (const Error& error : extensions::loadFromEnvironment())
        printError(error);
    return state.action ? state.action() : ExitUsage;
}
