#include "layoutloader.h"

#include "view/graphview.h"
#include "types/json.h"
#include "protocol/model.h"
#include "protocol/session.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

namespace jitscope::bench {

namespace {

// Runs `cli serve` with the given request lines and returns the responses by id.
std::map<int, protocol::Message> serve(const std::string& cliPath, const std::vector<Json>& requests,
                                       std::string& error)
{
    char name[] = "/tmp/jitscope-layout-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) {
        error = "cannot create a temporary file";
        return {};
    }
    close(fd);
    {
        std::ofstream out(name);
        for (const Json& request : requests)
            out << request.dump() << "\n";
        out << protocol::requestMessage(-1, protocol::methodOf<protocol::ShutdownRequest>(), Json()).dump()
            << "\n";
    }
    const std::string command = "'" + cliPath + "' serve < " + name + " 2>/dev/null";
    std::map<int, protocol::Message> responses;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        std::string line;
        char buffer[1 << 16];
        while (fgets(buffer, sizeof buffer, pipe)) {
            line += buffer;
            if (line.empty() || line.back() != '\n')
                continue;
            Json parsed = Json::parse(line, nullptr, false);
            line.clear();
            protocol::Message message = protocol::classify(std::move(parsed));
            if (message.kind == protocol::Message::Kind::Response && message.id.is_number_integer())
                responses[message.id.get<int>()] = std::move(message);
        }
        pclose(pipe);
    }
    std::remove(name);
    return responses;
}

template<class R> Json request(int id, const R& params)
{
    return protocol::requestMessage(id, protocol::methodOf<R>(), Json(params));
}

Json openRequest(const std::string& file)
{
    protocol::OpenRequest open;
    open.path = file;
    return request(0, open);
}

protocol::GraphRequest graphRequest(const std::string& modulePath, const std::string& method, bool inlined)
{
    protocol::GraphRequest graph;
    graph.handle = 1;
    graph.module_path = modulePath;
    graph.method = method;
    graph.inlined = inlined;
    return graph;
}

// The graphs of the free functions called (prim::CallFunction), transitively: functions call functions
// (torchvision's batched_nms → _batched_nms_vanilla), so one round per call depth.
void loadFunctions(const std::string& cliPath, const std::string& file, ModelGraphs& out)
{
    std::set<std::string> asked;
    for (int round = 0; round < 8; ++round) {
        std::vector<std::string> names;
        for (const auto& [key, graph] : out.graphs)
            forEachNode(graph.nodes, [&](const Node& node, int) {
                if (node.callee && node.callee->kind == CalleeKind::Function && asked.insert(node.callee->type).second)
                    names.push_back(node.callee->type);
            });
        if (names.empty())
            return;
        std::vector<Json> requests{openRequest(file)};
        for (const std::string& name : names) {
            requests.push_back(request(static_cast<int>(requests.size()),
                                       protocol::GraphRequest::of(1, GraphRef::function(name))));
        }
        auto responses = serve(cliPath, requests, out.error);
        for (size_t i = 0; i < names.size(); ++i) {
            auto it = responses.find(static_cast<int>(i) + 1);
            if (it != responses.end() && !it->second.failed) {
                auto answer = it->second.result.get<protocol::GraphResult>();
                out.graphs[answer.ref] = std::move(answer.graph);
            }
        }
    }
}

} // namespace

const Graph* ModelGraphs::find(const std::string& modulePath, const std::string& method) const
{
    auto it = graphs.find(GraphRef::method(modulePath, method));
    return it == graphs.end() ? nullptr : &it->second;
}

ModelGraphs loadModelGraphs(const std::string& cliPath, const std::string& file, bool withInlined)
{
    ModelGraphs out;
    auto first = serve(cliPath, {openRequest(file)}, out.error);
    if (!first.count(0) || first[0].failed) {
        out.error = "cannot open " + file + (first.count(0) ? ": " + first[0].error.message : std::string());
        return out;
    }
    out.info = first[0].result.get<protocol::OpenResult>().info;
    std::vector<Json> requests{openRequest(file)};
    std::vector<std::pair<std::string, std::string>> asked;
    for (const ModuleInfo& module : out.info.modules)
        for (const std::string& method : module.methods) {
            requests.push_back(
                request(static_cast<int>(requests.size()), graphRequest(module.path, method, false)));
            asked.emplace_back(module.path, method);
        }
    const int inlinedId = static_cast<int>(requests.size());
    if (withInlined)
        requests.push_back(request(inlinedId, graphRequest("", "forward", true)));
    auto responses = serve(cliPath, requests, out.error);
    for (size_t i = 0; i < asked.size(); ++i) {
        auto it = responses.find(static_cast<int>(i) + 1);
        if (it != responses.end() && !it->second.failed) {
            auto answer = it->second.result.get<protocol::GraphResult>();
            out.graphs[answer.ref] = std::move(answer.graph);
        }
    }
    if (withInlined && responses.count(inlinedId) && !responses[inlinedId].failed)
        out.inlined = responses[inlinedId].result.get<Graph>();
    loadFunctions(cliPath, file, out);
    if (out.graphs.empty())
        out.error = "no graph came back for " + file;
    return out;
}

} // namespace jitscope::bench
