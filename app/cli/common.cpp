#include "cli.h"

#include <iostream>

namespace jitscope::cli {

void printError(const Error& error)
{
    std::cerr << "jitscope-cli: " << error.message << '\n';
    if (!error.detail.empty())
        std::cerr << "\nDetails (" << toString(error.code) << "):\n" << error.detail << '\n';
}

std::shared_ptr<Model> openForCli(const std::string& path, const CliState& state)
{
    OpenOptions options;
    options.libraries = state.libraries;
    auto model = Model::open(path, options);
    if (!model) {
        printError(model.error());
        return nullptr;
    }
    for (const std::string& note : model.value()->info().summary.notes)
        std::cerr << "note: " << note << '\n';
    return model.value();
}

} // namespace jitscope::cli
