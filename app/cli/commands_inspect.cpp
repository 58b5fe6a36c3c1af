// info, graph, code, params: the read-only subcommands.
#include "cli.h"
#include "types/format.h"
#include "view/dotwriter.h"
#include "types/json.h"

#include <CLI/CLI.hpp>

#include <iomanip>
#include <iostream>
#include <memory>

namespace jitscope::cli {

namespace {

std::string shortType(const std::string& qualified)
{
    const auto dot = qualified.rfind('.');
    return dot == std::string::npos ? qualified : qualified.substr(dot + 1);
}

void printInfo(const ModelInfo& info)
{
    const ModelSummary& s = info.summary;
    std::cout << "File         " << s.path << " (" << formatBytes(s.bytes) << ", format version "
              << s.format_version << ")\n"
              << "Root type    " << s.root_type << '\n'
              << "Parameters   " << formatCompactCount(s.param_count) << " (" << formatBytes(s.param_bytes) << ") in "
              << info.parameters.size() << " tensors\n"
              << "Buffers      " << formatCompactCount(s.buffer_count) << " (" << formatBytes(s.buffer_bytes)
              << ") in " << info.buffers.size() << " tensors\n"
              << "Debug info   " << (s.has_debug_info ? "yes (original Python source lines)" : "no") << '\n'
              << "Integrity    "
              << (!info.integrity.checked ? "not checked"
                  : info.integrity.ok     ? "ok (every record's CRC-32 and size match)"
                                          : "DAMAGED")
              << '\n';
    for (const std::string& record : info.integrity.bad_records)
        std::cout << "  bad record " << record << " (CRC-32 mismatch)\n";
    for (const std::string& tensor : info.integrity.damaged_tensors)
        std::cout << "  damaged    " << tensor << '\n';
    for (const std::string& problem : info.integrity.problems)
        std::cout << "  problem    " << problem << '\n';
    std::cout
              << "Extra files  " << (s.extra_files.empty() ? std::string("none") : joinText(s.extra_files, ", "))
              << '\n';
    for (const std::string& library : s.loaded_libraries)
        std::cout << "Library      " << library << '\n';
    std::cout << "\nMethods (" << s.methods.size() << ")\n";
    for (const MethodInfo& m : s.methods)
        std::cout << "  " << m.schema << '\n';

    std::cout << "\nModules (" << info.modules.size() << ")\n";
    for (const ModuleInfo& m : info.modules) {
        const std::string label = std::string(2 * m.depth, ' ') + (m.path.empty() ? "(root)" : m.name);
        std::cout << "  " << std::left << std::setw(40) << label << ' ' << std::setw(28) << shortType(m.type)
                  << std::right << std::setw(10) << formatCompactCount(m.param_count) << '\n';
    }
    auto tensors = [](const char* title, const std::vector<TensorMeta>& list) {
        std::cout << '\n' << title << " (" << list.size() << ")\n";
        for (const TensorMeta& t : list)
            std::cout << "  " << std::left << std::setw(48) << t.name << ' ' << std::setw(20)
                      << formatShape(t.shape) << ' ' << std::setw(9) << t.dtype << std::right << std::setw(12)
                      << t.numel << '\n';
    };
    tensors("Parameters", info.parameters);
    tensors("Buffers", info.buffers);
}

void addInfo(CLI::App& app, CliState& state)
{
    auto* cmd = app.add_subcommand("info", "Summary, module tree, parameters and buffers of FILE");
    auto file = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    auto strict = std::make_shared<bool>(false);
    cmd->add_option("FILE", *file, "TorchScript file")->required();
    cmd->add_flag("--json", *json, "One JSON object instead of a report");
    cmd->add_flag("--strict", *strict, "Exit with 3 when a record fails its CRC-32 or size check");
    cmd->callback([&state, file, json, strict] {
        state.action = [&state, file, json, strict] {
            auto model = openForCli(*file, state, *strict);
            if (!model)
                return int(ExitCannotOpen);
            if (*json)
                std::cout << infoToJson(model->info()).dump(1, ' ', false, Json::error_handler_t::replace) << '\n';
            else
                printInfo(model->info());
            return int(ExitOk);
        };
    });
}

void addGraph(CLI::App& app, CliState& state)
{
    struct Options
    {
        std::string file, method = "forward", module, function, format = "text", pass;
        bool inlined = false;
        std::vector<std::string> inputs; // for --pass executed
        std::string inputsFile;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("graph", "The graph of a method: IR text, JSON or Graphviz DOT");
    cmd->add_option("FILE", o->file, "TorchScript file")->required();
    cmd->add_option("--method", o->method, "Method name")->capture_default_str();
    cmd->add_option("--module", o->module, "Dotted submodule path (default: the root module)");
    cmd->add_option("--function", o->function, "A free TorchScript function instead (qualified name)");
    cmd->add_flag("--inlined", o->inlined, "Inline every call (a flat graph)");
    cmd->add_option(
           "--pass", o->pass,
           "The root method after a pass: saved, inlined, frozen, optimized, executed (needs --input); "
           "text adds node counts and op kinds against saved")
        ->check(CLI::IsMember(graphPasses()));
    cmd->add_option("--input,-i", o->inputs,
                    "With --pass executed: an argument as in run (SPEC or NAME=SPEC)");
    cmd->add_option("--inputs-file", o->inputsFile,
                    "With --pass executed: all positional arguments, as in run")
        ->check(CLI::ExistingFile);
    cmd->add_option("--format", o->format, "Output format")
        ->check(CLI::IsMember({"text", "json", "dot"}))
        ->capture_default_str();
    cmd->callback([&state, o] {
        state.action = [&state, o] {
            auto model = openForCli(o->file, state);
            if (!model)
                return int(ExitCannotOpen);
            if (!o->pass.empty())
                return graphPassCommand(model, o->method, o->pass, o->inputs, o->inputsFile, o->format);
            auto graph = o->function.empty() ? model->graph(o->module, o->method, o->inlined)
                                             : model->functionGraph(o->function, o->inlined);
            if (!graph) {
                printError(graph.error());
                return int(ExitFailure);
            }
            if (o->format == "json")
                std::cout << Json(graph.value()).dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
            else if (o->format == "dot")
                std::cout << toDot(graph.value());
            else
                std::cout << graph->text;
            return int(ExitOk);
        };
    });
}

void addCode(CLI::App& app, CliState& state)
{
    auto file = std::make_shared<std::string>();
    auto type = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("code", "TorchScript source of every class in FILE (like module.code)");
    cmd->add_option("FILE", *file, "TorchScript file")->required();
    cmd->add_option("--type", *type, "Only this qualified class name");
    cmd->callback([&state, file, type] {
        state.action = [&state, file, type] {
            auto model = openForCli(*file, state);
            if (!model)
                return int(ExitCannotOpen);
            std::vector<CodeEntry> entries;
            if (type->empty()) {
                entries = model->code();
            } else {
                auto entry = model->code(*type);
                if (!entry) {
                    printError(entry.error());
                    return int(ExitFailure);
                }
                entries.push_back(entry.value());
            }
            for (const CodeEntry& e : entries)
                std::cout << "# " << e.kind << ' ' << e.qualified_name << "  (" << e.file << ")\n"
                          << e.text << '\n';
            return int(ExitOk);
        };
    });
}

void addParams(CLI::App& app, CliState& state)
{
    struct Options
    {
        std::string file;
        bool stats = false, json = false;
        std::vector<std::string> names;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("params", "Parameters and buffers, with value statistics on request");
    cmd->add_option("FILE", o->file, "TorchScript file")->required();
    cmd->add_flag("--stats", o->stats, "Compute min, max, mean, std and zero/NaN/Inf counts");
    cmd->add_option("--name", o->names, "Only these parameters/buffers (repeatable)");
    cmd->add_flag("--json", o->json, "JSON output");
    cmd->callback([&state, o] {
        state.action = [&state, o] {
            auto model = openForCli(o->file, state);
            if (!model)
                return int(ExitCannotOpen);
            const ModelInfo& info = model->info();
            Json out = {{"parameters", info.parameters}, {"buffers", info.buffers}};
            std::vector<TensorStats> stats;
            if (o->stats) {
                auto computed = model->tensorStats(o->names);
                if (!computed) {
                    printError(computed.error());
                    return int(ExitFailure);
                }
                stats = computed.value();
                out["stats"] = stats;
            }
            if (o->json) {
                std::cout << out.dump(1, ' ', false, Json::error_handler_t::replace) << '\n';
                return int(ExitOk);
            }
            if (!o->stats) {
                for (const auto* list : {&info.parameters, &info.buffers})
                    for (const TensorMeta& t : *list)
                        std::cout << std::left << std::setw(48) << t.name << ' ' << std::setw(20)
                                  << formatShape(t.shape) << ' ' << t.dtype << '\n';
                return int(ExitOk);
            }
            std::cout << std::left << std::setw(44) << "name" << std::right << std::setw(12) << "min"
                      << std::setw(12) << "max" << std::setw(12) << "mean" << std::setw(12) << "std"
                      << std::setw(9) << "zeros" << std::setw(6) << "nan" << std::setw(6) << "inf" << '\n';
            for (const TensorStats& s : stats)
                std::cout << std::left << std::setw(44) << s.name << std::right << std::setprecision(4)
                          << std::setw(12) << s.min << std::setw(12) << s.max << std::setw(12) << s.mean
                          << std::setw(12) << s.std << std::setw(9) << s.zeros << std::setw(6) << s.nans
                          << std::setw(6) << s.infs << '\n';
            return int(ExitOk);
        };
    });
}

} // namespace

void addInspectCommands(CLI::App& app, CliState& state)
{
    addInfo(app, state);
    addGraph(app, state);
    addCode(app, state);
    addParams(app, state);
}

} // namespace jitscope::cli
