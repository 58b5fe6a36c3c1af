#include "model.h"

namespace jitscope::protocol {

JITSCOPE_DEFINE_JSON(OpenResult, handle, info)
JITSCOPE_DEFINE_JSON(OpenRequest, path, libraries)
JITSCOPE_DEFINE_JSON(InfoRequest, handle)
JITSCOPE_DEFINE_JSON(GraphRequest, handle, module_path, method, inlined, function, pass)

GraphRequest GraphRequest::of(int handle, const GraphRef& ref)
{
    GraphRequest request;
    request.handle = handle;
    request.inlined = ref.inlined;
    if (ref.isFunction()) {
        request.function = ref.name;
    } else {
        request.module_path = ref.module_path;
        request.method = ref.name;
    }
    return request;
}

GraphRef GraphRequest::ref() const
{
    return function.empty() ? GraphRef::method(module_path, method, inlined) : GraphRef::function(function, inlined);
}

void to_json(Json& j, const GraphResult& result)
{
    j = result.graph;
    j["ref"] = result.ref;
    if (!result.graph.pass.empty()) {
        j["node_count"] = recursiveNodeCount(result.graph);
        j["kinds"] = kindHistogram(result.graph);
    }
}

void from_json(const Json& j, GraphResult& result)
{
    j.get_to(result.graph);
    j.at("ref").get_to(result.ref);
}
JITSCOPE_DEFINE_JSON(CodeResult, entries)
JITSCOPE_DEFINE_JSON(CodeRequest, handle, type)
JITSCOPE_DEFINE_JSON(ParamStatsResult, stats)
JITSCOPE_DEFINE_JSON(ParamStatsRequest, handle, names)
JITSCOPE_DEFINE_JSON(ExtraFileResult, name, text)
JITSCOPE_DEFINE_JSON(ExtraFileRequest, handle, name)
JITSCOPE_DEFINE_JSON(LoadLibraryResult, path)
JITSCOPE_DEFINE_JSON(LoadLibraryRequest, path)
JITSCOPE_DEFINE_JSON(CloseRequest, handle)

} // namespace jitscope::protocol
