#include "cli.h"

#include <iostream>

namespace jitscope::cli {

void printError(const Error& error)
{
    std::cerr << "jitscope-cli: " << error.message << '\n';
    if (!error.detail.empty())
        std::cerr << "\nDetails (" << toString(error.code) << "):\n" << error.detail << '\n';
}

std::string integritySummary(const IntegrityReport& integrity)
{
    if (integrity.ok)
        return {};
    std::string text;
    if (!integrity.bad_records.empty()) {
        text = "the file is damaged: " + std::to_string(integrity.bad_records.size()) +
               " record(s) fail their CRC-32 check (" + integrity.bad_records.front() +
               (integrity.bad_records.size() > 1 ? ", …" : "") + ")";
        if (!integrity.damaged_tensors.empty())
            text += "; damaged tensors: " + integrity.damaged_tensors.front() +
                    (integrity.damaged_tensors.size() > 1
                         ? " and " + std::to_string(integrity.damaged_tensors.size() - 1) + " more"
                         : std::string());
    } else {
        text = "the archive is not as torch.jit.save wrote it: " + integrity.problems.front();
    }
    return text;
}

std::shared_ptr<Model> openForCli(const std::string& path, const CliState& state, bool strict)
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
    const IntegrityReport& integrity = model.value()->info().integrity;
    if (!integrity.ok) {
        if (strict) {
            std::cerr << "jitscope-cli: refused (--strict): " << integritySummary(integrity) << '\n';
            return nullptr;
        }
        std::cerr << "warning: " << integritySummary(integrity) << '\n';
    }
    return model.value();
}

} // namespace jitscope::cli
