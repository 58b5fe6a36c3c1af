// Model requests: open a file, read its parts (info, graph, code, parameter statistics, extra files), load
// a custom-op library, close it. Results are the core value types of model/modelinfo.h and model/graph.h.
#pragma once

#include "types/graph.h"
#include "types/graphref.h"
#include "types/modelinfo.h"
#include "protocol.h"

namespace jitscope::protocol {

struct OpenResult
{
    int handle = 0;
    ModelInfo info;
};

// Sends Progress notifications while loading.
struct OpenRequest
{
    static constexpr const char* kMethod = "open";
    std::string path;
    std::vector<std::string> libraries; // custom-op libraries to load first
    using Result = OpenResult;
};

struct InfoRequest
{
    static constexpr const char* kMethod = "info";
    int handle = 0;
    using Result = ModelInfo;
};

// A module's method (module_path "" = root), or with `function` set, a free function (or Class.method)
// that a prim::CallFunction names.
// The answer to `graph`: the Graph, and under `ref` which graph it is (the request's GraphRef, so that an
// answer never has to be matched to its request by guessing); for a pass also its node count and op-kind
// histogram on the wire (`node_count`, `kinds`, next to the graph's keys), for readers that lack graph.h's
// helpers.
struct GraphResult
{
    GraphRef ref;
    Graph graph;
};
void to_json(Json& j, const GraphResult& result);
void from_json(const Json& j, GraphResult& result);

struct GraphRequest
{
    static constexpr const char* kMethod = "graph";
    int handle = 0;
    std::string module_path;
    std::string method = "forward";
    bool inlined = false;
    std::string function;
    // "" = the graph as saved (or inlined). saved, inlined, frozen, optimized or executed: the root
    // module's `method` after that pass (Model::passGraph); module_path, inlined and function do not
    // apply, and executed needs a `run` of this handle first (its inputs).
    std::string pass;
    using Result = GraphResult;

    // The request for `ref` (no pass); ref() is the graph a request names (for a pass: the root's method).
    static GraphRequest of(int handle, const GraphRef& ref);
    GraphRef ref() const;
};

struct CodeResult
{
    std::vector<CodeEntry> entries;
};

struct CodeRequest
{
    static constexpr const char* kMethod = "code";
    int handle = 0;
    std::string type; // one qualified name; "" = all
    using Result = CodeResult;
};

struct ParamStatsResult
{
    std::vector<TensorStats> stats;
};

struct ParamStatsRequest
{
    static constexpr const char* kMethod = "param_stats";
    int handle = 0;
    std::vector<std::string> names; // empty = all
    using Result = ParamStatsResult;
};

struct ExtraFileResult
{
    std::string name;
    std::string text;
};

struct ExtraFileRequest
{
    static constexpr const char* kMethod = "extra_file";
    int handle = 0;
    std::string name;
    using Result = ExtraFileResult;
};

struct LoadLibraryResult
{
    std::string path; // resolved
};

struct LoadLibraryRequest
{
    static constexpr const char* kMethod = "load_library";
    std::string path;
    using Result = LoadLibraryResult;
};

struct CloseRequest
{
    static constexpr const char* kMethod = "close";
    int handle = 0;
    using Result = Empty;
};

JITSCOPE_DECLARE_JSON(OpenResult)
JITSCOPE_DECLARE_JSON(OpenRequest)
JITSCOPE_DECLARE_JSON(InfoRequest)
JITSCOPE_DECLARE_JSON(GraphRequest)
JITSCOPE_DECLARE_JSON(CodeResult)
JITSCOPE_DECLARE_JSON(CodeRequest)
JITSCOPE_DECLARE_JSON(ParamStatsResult)
JITSCOPE_DECLARE_JSON(ParamStatsRequest)
JITSCOPE_DECLARE_JSON(ExtraFileResult)
JITSCOPE_DECLARE_JSON(ExtraFileRequest)
JITSCOPE_DECLARE_JSON(LoadLibraryResult)
JITSCOPE_DECLARE_JSON(LoadLibraryRequest)
JITSCOPE_DECLARE_JSON(CloseRequest)

} // namespace jitscope::protocol
