#include "session.h"

namespace jitscope::protocol {

JITSCOPE_DEFINE_JSON(Hello, protocol, jitscope, libtorch, pid, cuda_devices, host, home, devices)
JITSCOPE_DEFINE_JSON(Progress, id, stage, fraction)
JITSCOPE_DEFINE_JSON(CancelResult, cancelled)
JITSCOPE_DEFINE_JSON(CancelRequest, target)

void to_json(Json& j, const PingRequest&)
{
    j = Json::object();
}
void from_json(const Json&, PingRequest&) {}
void to_json(Json& j, const ShutdownRequest&)
{
    j = Json::object();
}
void from_json(const Json&, ShutdownRequest&) {}

} // namespace jitscope::protocol
