#include "run.h"

namespace jitscope::protocol {

JITSCOPE_DEFINE_JSON(DevicesResult, devices, threads)
JITSCOPE_DEFINE_JSON(ArgumentsResult, method, schema, arguments)
JITSCOPE_DEFINE_JSON(ArgumentsRequest, handle, method)
JITSCOPE_DEFINE_JSON(RunRequest, handle, method, inputs, named, inputs_file, device, inference_mode, threads,
                     timeout, save_outputs, values, values_dir)
JITSCOPE_DEFINE_JSON(SaveOutputsResult, path)
JITSCOPE_DEFINE_JSON(SaveOutputsRequest, handle, path)
JITSCOPE_DEFINE_JSON(BenchRequest, handle, method, inputs, named, inputs_file, device, inference_mode,
                     threads, timeout, warmup, until_settled, iters, seconds, profile, samples)
JITSCOPE_DEFINE_JSON(BenchSample, id, phase, start, ms)

void to_json(Json& j, const DevicesRequest&)
{
    j = Json::object();
}
void from_json(const Json&, DevicesRequest&) {}

namespace {
// The keys RunReply adds to RunResult's flat form.
struct RunExtras
{
    std::vector<std::string> inputs;
    std::string saved_to;
};
JITSCOPE_DEFINE_JSON(RunExtras, inputs, saved_to)
} // namespace

void to_json(Json& j, const RunReply& value)
{
    to_json(j, static_cast<const RunResult&>(value));
    j.update(Json(RunExtras{value.inputs, value.saved_to}));
}

void from_json(const Json& j, RunReply& value)
{
    from_json(j, static_cast<RunResult&>(value));
    const RunExtras extras = j.get<RunExtras>();
    value.inputs = extras.inputs;
    value.saved_to = extras.saved_to;
}

} // namespace jitscope::protocol
