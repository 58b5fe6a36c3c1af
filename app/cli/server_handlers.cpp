// The model requests of the worker protocol: open, info, graph, code, param_stats, extra_file, close …
#include "cli.h"
#include "server.h"
#include "engine/memorylimit.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace jitscope::cli {

namespace {

template<class T> T unwrap(Result<T> result)
{
    if (!result)
        throw RequestError(result.error());
    return std::move(result).value();
}

} // namespace

void registerModelHandlers(Server& server)
{
    server.addHandler("open", [&server](const Json& params, Server::Context& context) {
        OpenOptions options;
        options.libraries = param<std::vector<std::string>>(params, "libraries", {});
        const std::string path = param<std::string>(params, "path", "");
        if (path.empty())
            throw RequestError({ErrorCode::BadRequest, "open needs a \"path\".", {}, {}});
        auto progress = [&context](const std::string& stage, double fraction) {
            context.notify("progress", Json{{"id", context.id}, {"stage", stage}, {"fraction", fraction}});
        };
        std::shared_ptr<Model> model = unwrap(Model::open(path, options, progress));
        const int handle = server.addModel(model);
        return Json{{"handle", handle}, {"info", model->info()}};
    });
    server.addHandler("info", [&server](const Json& params, Server::Context&) {
        return Json(server.model(params)->info());
    });
    server.addHandler("graph", [&server](const Json& params, Server::Context&) {
        if (params.is_object() && params.contains("pass"))
            return passGraphReply(server, params);
        auto model = server.model(params);
        const std::string function = param<std::string>(params, "function", "");
        if (!function.empty())
            return Json(unwrap(model->functionGraph(function, param<bool>(params, "inlined", false))));
        return Json(unwrap(model->graph(param<std::string>(params, "module_path", ""),
                                        param<std::string>(params, "method", "forward"),
                                        param<bool>(params, "inlined", false))));
    });
    server.addHandler("code", [&server](const Json& params, Server::Context&) {
        auto model = server.model(params);
        const std::string type = param<std::string>(params, "type", "");
        Json entries = Json::array();
        if (type.empty())
            entries = model->code();
        else
            entries.push_back(unwrap(model->code(type)));
        return Json{{"entries", entries}};
    });
    server.addHandler("param_stats", [&server](const Json& params, Server::Context&) {
        auto model = server.model(params);
        return Json{
            {"stats", unwrap(model->tensorStats(param<std::vector<std::string>>(params, "names", {})))}};
    });
    server.addHandler("extra_file", [&server](const Json& params, Server::Context&) {
        auto model = server.model(params);
        const std::string name = param<std::string>(params, "name", "");
        return Json{{"name", name}, {"text", unwrap(model->extraFile(name))}};
    });
    server.addHandler("load_library", [](const Json& params, Server::Context&) {
        return Json{{"path", unwrap(extensions::load(param<std::string>(params, "path", "")))}};
    });
    server.addHandler("close", [&server](const Json& params, Server::Context&) {
        server.removeModel(param<int>(params, "handle", 0));
        return Json::object();
    });
}

void addServeCommand(CLI::App& app, CliState& state)
{
    auto* cmd = app.add_subcommand("serve", "Run as the GUI's worker: JSON lines on stdin/stdout "
                                            "(docs/protocol.md)");
    static double maxMemory = 0;
    cmd->add_option("--max-memory", maxMemory,
                    "Fail any call that needs more than this many GB of tensor memory (run_failed)")
        ->check(CLI::NonNegativeNumber);
    cmd->callback([&state] {
        state.action = [&state] {
            setMemoryLimit(static_cast<int64_t>(maxMemory * 1e9));
            Server server;
            registerModelHandlers(server);
            registerRunHandlers(server);
            registerCompareHandlers(server);
            registerValuesHandlers(server);
            registerFileHandlers(server);
            for (const std::string& library : state.libraries) {
                auto loaded = extensions::load(library);
                if (!loaded)
                    printError(loaded.error());
            }
            return protocolMain(server);
        };
    });
}

} // namespace jitscope::cli
