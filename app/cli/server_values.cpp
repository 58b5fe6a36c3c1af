// Worker requests of value recording: save_value (docs/protocol.md, "Values and passes"). The `run`
// request's `values` option lives with run in server_run.cpp.
#include "protocol/values.h"
#include "server.h"

namespace jitscope::cli {

Json passGraphReply(Server& server, const Json& params)
{
    protocol::GraphPassRequest request;
    const std::string wrong = protocol::decode(params, request, /*strict=*/true);
    if (!wrong.empty())
        throw RequestError({ErrorCode::BadRequest, wrong, {}, {}});
    auto model = server.model(request.handle);
    Result<Graph> graph = Error{};
    if (request.pass == "executed") {
        Runner* runner = server.lastRunner(request.handle);
        if (!runner)
            throw RequestError({ErrorCode::BadRequest,
                                "The executed pass runs the last run's inputs: run the model first.",
                                {},
                                {}});
        graph = runner->executedGraph();
    } else {
        graph = model->passGraph(request.method_name, request.pass);
    }
    if (!graph)
        throw RequestError(graph.error());
    Json j = graph.value();
    j["node_count"] = recursiveNodeCount(graph.value());
    j["kinds"] = kindHistogram(graph.value());
    return j;
}

void registerValuesHandlers(Server& server)
{
    server.addHandler(protocol::SaveValueRequest::method, [&server](const Json& params, Server::Context&) {
        protocol::SaveValueRequest request;
        const std::string wrong = protocol::decode(params, request, /*strict=*/true);
        if (!wrong.empty())
            throw RequestError({ErrorCode::BadRequest, wrong, {}, {}});
        Runner* runner = server.lastRunner(request.handle);
        if (!runner)
            throw RequestError({ErrorCode::BadRequest, "Nothing to save: run the model first.", {}, {}});
        if (request.path.empty())
            throw RequestError({ErrorCode::BadRequest, "save_value needs a \"path\" (.pt or .npy).", {}, {}});
        auto saved = runner->saveValue(request.value, request.element, request.path);
        if (!saved)
            throw RequestError(saved.error());
        return Json(protocol::SaveValueResult{saved.value()});
    });
}

} // namespace jitscope::cli
