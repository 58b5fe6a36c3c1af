// The worker's `compare` request (docs/protocol.md, "Compare"): progress notifications while it runs,
// `cancel` stops it between runs.
#include "engine/compare.h"
#include "protocol/compare.h"
#include "protocol/session.h"
#include "server.h"

#include <algorithm>

namespace jitscope::cli {

namespace {

protocol::CompareParams parseParams(const Json& params)
{
    if (!params.is_object())
        throw RequestError({ErrorCode::BadRequest, "compare's params must be an object.", {}, {}});
    const std::vector<std::string> known = protocol::compareParamKeys();
    for (const auto& item : params.items())
        if (std::find(known.begin(), known.end(), item.key()) == known.end())
            throw RequestError({ErrorCode::BadRequest, "compare has no parameter '" + item.key() + "'.", {}, {}});
    try {
        return params.get<protocol::CompareParams>();
    } catch (const std::exception& e) {
        throw RequestError({ErrorCode::BadRequest, "A compare parameter has the wrong type.", e.what(), {}});
    }
}

CompareInput side(Server& server, const std::string& path, int handle, bool allowStateDict,
                  const OpenOptions& open, const char* name)
{
    if (!path.empty() && handle != 0)
        throw RequestError({ErrorCode::BadRequest,
                            std::string("compare: give ") + name + "_path or " + name + "_handle, not both.",
                            {},
                            {}});
    if (handle != 0)
        return CompareInput{server.model(handle), {}};
    if (path.empty())
        throw RequestError({ErrorCode::BadRequest,
                            std::string("compare needs ") + name + "_path or " + name + "_handle.",
                            {},
                            {}});
    auto opened = openForCompare(path, allowStateDict, open);
    if (!opened)
        throw RequestError(opened.error());
    return opened.value();
}

} // namespace

void registerCompareHandlers(Server& server)
{
    server.addHandler(protocol::CompareParams::method, [&server](const Json& json, Server::Context& context) {
        const protocol::CompareParams p = parseParams(json);
        if (p.probes != "auto" && p.probes != "none")
            throw RequestError({ErrorCode::BadRequest, "probes must be \"auto\" or \"none\".", {}, {}});
        if (!p.inputs.is_array() || !p.named.is_object())
            throw RequestError(
                {ErrorCode::BadRequest, "'inputs' must be an array and 'named' an object.", {}, {}});
        OpenOptions open;
        open.libraries = p.libraries;
        auto progress = [&context](const std::string& stage, double fraction) {
            context.notify(protocol::Progress{context.id, stage, fraction});
        };
        progress("opening", 0.0);
        const CompareInput a = side(server, p.a_path, p.a_handle, false, open, "a");
        const CompareInput b = side(server, p.b_path, p.b_handle, true, open, "b");
        CompareOptions options;
        options.method = p.method_name;
        options.inputs_file = p.inputs_file;
        for (const Json& value : p.inputs)
            options.inputs.push_back({"", value});
        for (auto it = p.named.begin(); it != p.named.end(); ++it)
            options.inputs.push_back({it.key(), it.value()});
        options.probes = p.probes == "auto";
        options.rtol = p.rtol;
        options.atol = p.atol;
        options.iters = p.iters;
        options.divergence = p.divergence;
        auto report = compare(a, b, options, context.cancelled, progress);
        if (!report)
            throw RequestError(report.error());
        return Json(protocol::CompareResult(report.value()));
    });
}

} // namespace jitscope::cli
