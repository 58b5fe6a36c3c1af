#include "layoutloader.h"

#include "model/graphview.h"
#include "model/json.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

namespace jitscope::bench {

namespace {

// Runs `cli serve` with the given request lines and returns the responses by id.
std::map<int, Json> serve(const std::string& cliPath, const std::vector<Json>& requests, std::string& error)
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
        out << Json{{"id", -1}, {"method", "shutdown"}}.dump() << "\n";
    }
    const std::string command = "'" + cliPath + "' serve < " + name + " 2>/dev/null";
    std::map<int, Json> responses;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        std::string line;
        char buffer[1 << 16];
        while (fgets(buffer, sizeof buffer, pipe)) {
            line += buffer;
            if (line.empty() || line.back() != '\n')
                continue;
            Json message = Json::parse(line, nullptr, false);
            line.clear();
            if (message.is_object() && message.contains("id") && message["id"].is_number_integer()) {
                const int id = message["id"].get<int>();
                responses[id] = std::move(message);
            }
        }
        pclose(pipe);
    }
    std::remove(name);
    return responses;
}

Json openRequest(const std::string& file)
{
    return Json{{"id", 0}, {"method", "open"}, {"params", {{"path", file}}}};
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
                if (node.callee && node.callee->kind == "function" && asked.insert(node.callee->type).second)
                    names.push_back(node.callee->type);
            });
        if (names.empty())
            return;
        std::vector<Json> requests{openRequest(file)};
        for (const std::string& name : names)
            requests.push_back(Json{{"id", static_cast<int>(requests.size())},
                                    {"method", "graph"},
                                    {"params", {{"handle", 1}, {"function", name}}}});
        auto responses = serve(cliPath, requests, out.error);
        for (size_t i = 0; i < names.size(); ++i) {
            auto it = responses.find(static_cast<int>(i) + 1);
            if (it != responses.end() && it->second.contains("result"))
                out.graphs[calleeKey(Callee{"function", {}, {}, names[i]})] =
                    it->second["result"].get<Graph>();
        }
    }
}

} // namespace

const Graph* ModelGraphs::find(const std::string& modulePath, const std::string& method) const
{
    auto it = graphs.find(graphKey(modulePath, method));
    return it == graphs.end() ? nullptr : &it->second;
}

ModelGraphs loadModelGraphs(const std::string& cliPath, const std::string& file, bool withInlined)
{
    ModelGraphs out;
    auto first = serve(cliPath, {openRequest(file)}, out.error);
    if (!first.count(0) || !first[0].contains("result")) {
        out.error = "cannot open " + file + (first.count(0) ? ": " + first[0].dump() : std::string());
        return out;
    }
    out.info = first[0]["result"]["info"].get<ModelInfo>();
    std::vector<Json> requests{openRequest(file)};
    std::vector<std::pair<std::string, std::string>> asked;
    for (const ModuleInfo& module : out.info.modules)
        for (const std::string& method : module.methods) {
            requests.push_back(
                Json{{"id", static_cast<int>(requests.size())},
                     {"method", "graph"},
                     {"params", {{"handle", 1}, {"module_path", module.path}, {"method", method}}}});
            asked.emplace_back(module.path, method);
        }
    const int inlinedId = static_cast<int>(requests.size());
    if (withInlined)
        requests.push_back(
            Json{{"id", inlinedId},
                 {"method", "graph"},
                 {"params", {{"handle", 1}, {"module_path", ""}, {"method", "forward"}, {"inlined", true}}}});
    auto responses = serve(cliPath, requests, out.error);
    for (size_t i = 0; i < asked.size(); ++i) {
        auto it = responses.find(static_cast<int>(i) + 1);
        if (it != responses.end() && it->second.contains("result"))
            out.graphs[graphKey(asked[i].first, asked[i].second)] = it->second["result"].get<Graph>();
    }
    if (withInlined && responses.count(inlinedId) && responses[inlinedId].contains("result"))
        out.inlined = responses[inlinedId]["result"].get<Graph>();
    loadFunctions(cliPath, file, out);
    if (out.graphs.empty())
        out.error = "no graph came back for " + file;
    return out;
}

} // namespace jitscope::bench
