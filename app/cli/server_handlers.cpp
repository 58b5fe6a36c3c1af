// The model requests of the worker protocol: open, info, graph, code, param_stats, extra_file, close …
#include "cli.h"
#include "protocol/model.h"
#include "protocol/session.h"
#include "server.h"
#include "engine/memorylimit.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace jitscope::cli {

void registerModelHandlers(Server& server)
{
    using namespace protocol;
    server.on<OpenRequest>([&server](const OpenRequest& request, Server::Context& context) {
        if (request.path.empty())
            throw RequestError(badRequest("open needs a \"path\"."));
        OpenOptions options;
        options.libraries = request.libraries;
        auto progress = [&context](const std::string& stage, double fraction) {
            context.notify(Progress{context.id, stage, fraction});
        };
        std::shared_ptr<Model> model = unwrap(Model::open(request.path, options, progress));
        const int handle = server.addModel(model);
        return OpenResult{handle, model->info()};
    });
    server.on<InfoRequest>([&server](const InfoRequest& request, Server::Context&) {
        return server.model(request.handle)->info();
    });
    server.on<GraphRequest>([&server](const GraphRequest& request, Server::Context&) {
        if (!request.pass.empty()) // graph passes (server_values.cpp)
            return GraphResult{request.ref(), passGraph(server, request)};
        auto model = server.model(request.handle);
        if (!request.function.empty())
            return GraphResult{request.ref(), unwrap(model->functionGraph(request.function, request.inlined))};
        return GraphResult{request.ref(),
                           unwrap(model->graph(request.module_path, request.method, request.inlined))};
    });
    server.on<CodeRequest>([&server](const CodeRequest& request, Server::Context&) {
        auto model = server.model(request.handle);
        CodeResult result;
        if (request.type.empty())
            result.entries = model->code();
        else
            result.entries.push_back(unwrap(model->code(request.type)));
        return result;
    });
    server.on<ParamStatsRequest>([&server](const ParamStatsRequest& request, Server::Context&) {
        return ParamStatsResult{unwrap(server.model(request.handle)->tensorStats(request.names))};
    });
    server.on<ExtraFileRequest>([&server](const ExtraFileRequest& request, Server::Context&) {
        auto model = server.model(request.handle);
        return ExtraFileResult{request.name, unwrap(model->extraFile(request.name))};
    });
    server.on<LoadLibraryRequest>([](const LoadLibraryRequest& request, Server::Context&) {
        return LoadLibraryResult{unwrap(extensions::load(request.path))};
    });
    server.on<CloseRequest>([&server](const CloseRequest& request, Server::Context&) {
        server.removeModel(request.handle);
        return Empty{};
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
