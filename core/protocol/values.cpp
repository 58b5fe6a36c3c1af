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

} // namespace jitscope::protocol
