// Worker requests for the Run panel: arguments, devices, run, save_outputs, bench (docs/protocol.md,
// "Run and benchmark requests").
#include "engine/run.h"
#include "model/runresult.h"
#include "protocol/values.h"
#include "server.h"

#include <chrono>
#include <map>

namespace jitscope::cli {

namespace {

// The last Runner per handle, for save_outputs (requests run one at a time on the executor thread).
std::map<int, std::unique_ptr<Runner>> g_lastRunner;

Invocation invocationFrom(const Json& params)
{
    Invocation inv;
    inv.method = param<std::string>(params, "method", "forward");
    inv.inputs_file = param<std::string>(params, "inputs_file", "");
    inv.device = param<std::string>(params, "device", "cpu");
    inv.inference_mode = param<bool>(params, "inference_mode", true);
    const Json inputs = param<Json>(params, "inputs", Json::array());
    if (!inputs.is_array())
        throw RequestError({ErrorCode::BadRequest, "'inputs' must be an array of input values.", {}, {}});
    for (const Json& value : inputs)
        inv.inputs.push_back({"", value});
    const Json named = param<Json>(params, "named", Json::object());
    if (!named.is_object())
        throw RequestError(
            {ErrorCode::BadRequest, "'named' must be an object: argument name → value.", {}, {}});
    for (auto it = named.begin(); it != named.end(); ++it)
        inv.inputs.push_back({it.key(), it.value()});
    return inv;
}

std::unique_ptr<Runner> makeRunner(Server& server, const Json& params)
{
    auto runner = Runner::create(server.model(params), invocationFrom(params));
    if (!runner)
        throw RequestError(runner.error());
    return std::move(runner.value());
}

// Batches per-call samples into `bench_sample` notifications at most every 50 ms, so that a 5 µs model
// is not slowed down by a JSON line per call, while the GUI still charts every call live.
class SampleBatcher
{
public:
    explicit SampleBatcher(Server::Context& context) : m_context(context) {}

    void add(bool warmup, int64_t index, double ms)
    {
        if (warmup != m_warmup || m_ms.empty()) {
            flush();
            m_warmup = warmup;
            m_start = index;
        }
        m_ms.push_back(ms);
        const auto now = std::chrono::steady_clock::now();
        if (now - m_lastFlush >= std::chrono::milliseconds(50))
            flush();
    }

    void flush()
    {
        m_lastFlush = std::chrono::steady_clock::now();
        if (m_ms.empty())
            return;
        m_context.notify("bench_sample", Json{{"id", m_context.id},
                                              {"phase", m_warmup ? "warmup" : "measure"},
                                              {"start", m_start},
                                              {"ms", m_ms}});
        m_start += static_cast<int64_t>(m_ms.size());
        m_ms.clear();
    }

private:
    Server::Context& m_context;
    bool m_warmup = true;
    int64_t m_start = 0;
    std::vector<double> m_ms;
    std::chrono::steady_clock::time_point m_lastFlush = std::chrono::steady_clock::now();
};

} // namespace

Runner* lastRunner(int handle)
{
    auto it = g_lastRunner.find(handle);
    return it == g_lastRunner.end() ? nullptr : it->second.get();
}

void registerRunHandlers(Server& server)
{
    server.addHandler("devices", [](const Json&, Server::Context&) {
        return Json{{"devices", availableDevices()}, {"threads", intraOpThreads()}};
    });

    server.addHandler("arguments", [&server](const Json& params, Server::Context&) {
        auto model = server.model(params);
        const std::string method = param<std::string>(params, "method", "forward");
        auto args = methodArguments(*model, method);
        if (!args)
            throw RequestError(args.error());
        std::string schema;
        for (const MethodInfo& m : model->info().summary.methods)
            if (m.name == method)
                schema = m.schema;
        return Json{{"method", method}, {"schema", schema}, {"arguments", args.value()}};
    });

    server.addHandler("run", [&server](const Json& params, Server::Context&) {
        const int handle = param<int>(params, "handle", 0);
        auto runner = makeRunner(server, params);
        protocol::RunValuesParams values;
        const std::string wrong = protocol::decode(params, values, /*strict=*/false);
        if (!wrong.empty())
            throw RequestError({ErrorCode::BadRequest, wrong, {}, {}});
        RunOptions options;
        options.values = values.values || !values.values_dir.empty();
        options.values_dir = values.values_dir;
        auto result = runner->runOnce(options);
        if (!result)
            throw RequestError(result.error());
        Json j = result.value();
        j["inputs"] = runner->inputDescriptions();
        const std::string saveTo = param<std::string>(params, "save_outputs", "");
        if (!saveTo.empty()) {
            auto saved = runner->saveOutputs(saveTo);
            if (!saved)
                throw RequestError(saved.error());
            j["saved_to"] = saveTo;
        }
        // Drop runners of closed models: they hold the model (and its memory) alive.
        for (auto it = g_lastRunner.begin(); it != g_lastRunner.end();) {
            try {
                server.model(Json{{"handle", it->first}});
                ++it;
            } catch (const RequestError&) {
                it = g_lastRunner.erase(it);
            }
        }
        g_lastRunner[handle] = std::move(runner);
        return j;
    });

    server.addHandler("save_outputs", [&server](const Json& params, Server::Context&) {
        server.model(params); // unknown_handle first
        auto it = g_lastRunner.find(param<int>(params, "handle", 0));
        if (it == g_lastRunner.end())
            throw RequestError({ErrorCode::BadRequest, "Nothing to save: run the model first.", {}, {}});
        auto saved = it->second->saveOutputs(param<std::string>(params, "path", ""));
        if (!saved)
            throw RequestError(saved.error());
        return Json{{"path", saved.value()}};
    });

    server.addHandler("bench", [&server](const Json& params, Server::Context& context) {
        auto runner = makeRunner(server, params);
        BenchOptions options;
        options.warmup = param<int>(params, "warmup", options.warmup);
        options.warmup_until_settled = param<bool>(params, "until_settled", false);
        options.iters = param<int>(params, "iters", options.iters);
        options.seconds = param<double>(params, "seconds", 0.0);
        options.threads = param<int>(params, "threads", 0);
        options.profile = param<bool>(params, "profile", false);
        SampleBatcher batcher(context);
        const bool live = param<bool>(params, "samples", true);
        auto result = runner->bench(options, context.cancelled, [&](bool warmup, int64_t index, double ms) {
            if (live)
                batcher.add(warmup, index, ms);
        });
        batcher.flush();
        if (!result)
            throw RequestError(result.error());
        return Json(result.value());
    });
}

} // namespace jitscope::cli
