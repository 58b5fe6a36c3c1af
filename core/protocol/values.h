// Worker requests of value recording and graph passes (docs/protocol.md, "Values and passes").
#pragma once

#include "model/json.h"
#include "model/values.h"

#include <cstdint>
#include <map>
#include <string>

namespace jitscope::protocol {

// What the `run` request takes besides a plain run's params: record every value of the inlined graph.
// The result then carries `values` and `first_nonfinite` (model/values.h) next to `outputs`.
struct RunValuesParams
{
    bool values = false;
    std::string values_dir; // also save every tensor there as <id>.pt (implies values)
};

struct SaveValueResult
{
    std::string path;
};

// Saves one value of the last `run` of that handle (run again with the same inputs, recording only it).
struct SaveValueRequest
{
    static constexpr const char* method = "save_value";
    int handle = 0;
    int64_t value = 0;   // RecordedValue::id
    std::string element; // RecordedValue::element ("" for a tensor value)
    std::string path;    // ….pt (torch.load) or ….npy (numpy.load)
    using Result = SaveValueResult;
};

// A pass's graph with its counts (the `graph` request's result with a `pass`).
struct PassGraph : Graph
{
    int64_t node_count = 0;
    std::map<std::string, int> kinds; // op kind → count, nested blocks included
};

// The `graph` request with a `pass`: the root module's method after that pass (Model::passGraph). The
// executed pass uses the inputs of the handle's last `run`. The result is the Graph with `pass`, plus
// `node_count` and `kinds` (op kind → count, nested blocks included).
struct GraphPassRequest
{
    static constexpr const char* method = "graph";
    int handle = 0;
    std::string pass; // saved, inlined, frozen, optimized, executed
    std::string method_name = "forward";
    using Result = PassGraph;
};

// Parses `params` into T, rejecting keys T does not have (bad_request naming the key) when `strict`.
// Returns an error message, or "" when it parsed.
template<class T> std::string decode(const Json& params, T& out, bool strict)
{
    if (!params.is_object())
        return "The params must be an object.";
    const Json known = T{};
    if (strict)
        for (auto it = params.begin(); it != params.end(); ++it)
            if (!known.contains(it.key()))
                return "Unknown parameter '" + it.key() + "'.";
    Json mine = Json::object();
    for (auto it = params.begin(); it != params.end(); ++it)
        if (known.contains(it.key()) && !it.value().is_null())
            mine[it.key()] = it.value();
    try {
        mine.get_to(out);
    } catch (const std::exception& e) {
        return std::string("A parameter has the wrong type: ") + e.what();
    }
    return {};
}

JITSCOPE_DECLARE_JSON(RunValuesParams)
JITSCOPE_DECLARE_JSON(SaveValueRequest)
JITSCOPE_DECLARE_JSON(SaveValueResult)
JITSCOPE_DECLARE_JSON(GraphPassRequest)
JITSCOPE_DECLARE_JSON(PassGraph)

} // namespace jitscope::protocol
