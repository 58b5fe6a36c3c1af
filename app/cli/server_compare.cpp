// The worker's `compare` request (docs/protocol.md, "Compare"): progress notifications while it runs,
// `cancel` stops it between runs.
#include "engine/compare.h"
#include "protocol/compare.h"
#include "protocol/session.h"
#include "server.h"

namespace jitscope::cli {

namespace {

CompareInput side(Server& server, const std::string& path, int handle, bool allowStateDict,
                  const OpenOptions& open, const char* name)
{
    if (!path.empty() && handle != 0)
        throw RequestError(protocol::badRequest(std::string("compare: give ") + name + "_path or " + name +
                                                "_handle, not both."));
    if (handle != 0)
        return CompareInput{server.model(handle), {}};
    if (path.empty())
        throw RequestError(
            protocol::badRequest(std::string("compare needs ") + name + "_path or " + name + "_handle."));
    auto opened = openForCompare(path, allowStateDict, open);
    if (!opened)
        throw RequestError(opened.error());
    return opened.value();
}

} // namespace

void registerCompareHandlers(Server& server)
{
    server.on<protocol::CompareRequest>(
        [&server](const protocol::CompareRequest& p, Server::Context& context) {
            if (p.probes != "auto" && p.probes != "none")
                throw RequestError(protocol::badRequest("probes must be \"auto\" or \"none\"."));
            if (!p.inputs.is_array() || !p.named.is_object())
                throw RequestError(protocol::badRequest("'inputs' must be an array and 'named' an object."));
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
            return unwrap(compare(a, b, options, context.cancelled, progress));
        });
}

} // namespace jitscope::cli
