#include "values.h"

namespace jitscope::protocol {

JITSCOPE_DEFINE_JSON(RunValuesParams, values, values_dir)
JITSCOPE_DEFINE_JSON(SaveValueRequest, handle, value, element, path)
JITSCOPE_DEFINE_JSON(SaveValueResult, path)

void to_json(Json& j, const GraphPassRequest& v)
{
    j = Json{{"handle", v.handle}, {"pass", v.pass}, {"method", v.method_name}};
}

void from_json(const Json& j, GraphPassRequest& v)
{
    v.handle = j.value("handle", 0);
    v.pass = j.value("pass", std::string());
    v.method_name = j.value("method", std::string("forward"));
}

namespace {
struct PassCounts
{
    int64_t node_count = 0;
    std::map<std::string, int> kinds;
};
JITSCOPE_DEFINE_JSON(PassCounts, node_count, kinds)
} // namespace

void to_json(Json& j, const PassGraph& v)
{
    to_json(j, static_cast<const Graph&>(v));
    j.update(Json(PassCounts{v.node_count, v.kinds}));
}

void from_json(const Json& j, PassGraph& v)
{
    from_json(j, static_cast<Graph&>(v));
    const PassCounts counts = j.get<PassCounts>();
    v.node_count = counts.node_count;
    v.kinds = counts.kinds;
}

} // namespace jitscope::protocol
