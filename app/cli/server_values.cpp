// Worker requests of value recording and passes (docs/protocol.md, "Values and passes"): save_value, and
// `graph` with a `pass`. The `run` request's `values` option lives with run in server_run.cpp.
#include "protocol/model.h"
#include "protocol/values.h"
#include "server.h"

namespace jitscope::cli {

Graph passGraph(Server& server, const protocol::GraphRequest& request)
{
    if (request.inlined || !request.module_path.empty() || !request.function.empty())
        throw RequestError(protocol::badRequest(
            "A pass is always of the root module's method: module_path, inlined and function do not apply."));
    auto model = server.model(request.handle);
    if (request.pass != "executed")
        return unwrap(model->passGraph(request.method, request.pass));
    Runner* runner = server.lastRunner(request.handle);
    if (!runner)
        throw RequestError(
            protocol::badRequest("The executed pass runs the last run's inputs: run the model first."));
    return unwrap(runner->executedGraph());
}

void registerValuesHandlers(Server& server)
{
    using protocol::SaveValueRequest;
    server.on<SaveValueRequest>([&server](const SaveValueRequest& request, Server::Context&) {
        Runner* runner = server.lastRunner(request.handle);
        if (!runner)
            throw RequestError(protocol::badRequest("Nothing to save: run the model first."));
        if (request.path.empty())
            throw RequestError(protocol::badRequest("save_value needs a \"path\" (.pt or .npy)."));
        return protocol::SaveValueResult{
            unwrap(runner->saveValue(request.value, request.element, request.path))};
    });
}

} // namespace jitscope::cli
