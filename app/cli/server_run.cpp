// Worker requests for the Run panel: arguments, devices, run, save_outputs, bench (docs/protocol.md,
// "Run and benchmark requests"; types in core/protocol/run.h).
#include "engine/memorylimit.h"
#include "engine/run.h"
#include "types/runresult.h"
#include "protocol/run.h"
#include "server.h"

#include <atomic>
#include <cctype>
#include <chrono>

namespace jitscope::cli {

namespace {

using namespace protocol;

Invocation invocationFrom(const Call& call)
{
    Invocation inv;
    inv.method = call.method;
    inv.inputs_file = call.inputs_file;
    inv.device = call.device;
    inv.inference_mode = call.inference_mode;
    if (!call.inputs.is_array())
        throw RequestError(badRequest("'inputs' must be an array of input values."));
    for (const Json& value : call.inputs)
        inv.inputs.push_back({"", value});
    if (!call.named.is_object())
        throw RequestError(badRequest("'named' must be an object: argument name → value."));
    for (auto it = call.named.begin(); it != call.named.end(); ++it)
        inv.inputs.push_back({it.key(), it.value()});
    return inv;
}

// unwrap for calls: going over `serve --max-memory` gets its own error code and says the limit in words.
template<class T> T unwrapCall(Result<T> result)
{
    if (result)
        return std::move(result).value();
    const Error& error = result.error();
    if (memoryLimit() > 0 && (isMemoryLimitError(error.message) || isMemoryLimitError(error.detail))) {
        std::string message = memoryLimitMessage(memoryLimit()); // "the model needed … (the memory limit)"
        message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
        throw RequestError({ErrorCode::OutOfMemory, message + ".", error.detail, {}});
    }
    throw RequestError(error);
}

std::unique_ptr<Runner> makeRunner(Server& server, const Call& call)
{
    if (!(call.timeout >= 0))
        throw RequestError(badRequest("'timeout' must be 0 (none) or a number of seconds."));
    return unwrapCall(Runner::create(server.model(call.handle), invocationFrom(call)));
}

// Batches per-call samples into `bench_sample` notifications at most every 50 ms, so that a 5 µs model
// is not slowed down by a JSON line per call, while the GUI still charts every call live.
class SampleBatcher
{
public:
    explicit SampleBatcher(Server::Context& context) : m_context(context) { m_sample.id = context.id; }

    void add(bool warmup, int64_t index, double ms)
    {
        if (warmup != m_warmup || m_sample.ms.empty()) {
            flush();
            m_warmup = warmup;
            m_sample.start = index;
        }
        m_sample.ms.push_back(ms);
        const auto now = std::chrono::steady_clock::now();
        if (now - m_lastFlush >= std::chrono::milliseconds(50))
            flush();
    }

    void flush()
    {
        m_lastFlush = std::chrono::steady_clock::now();
        if (m_sample.ms.empty())
            return;
        m_sample.phase = m_warmup ? "warmup" : "measure";
        m_context.notify(m_sample);
        m_sample.start += static_cast<int64_t>(m_sample.ms.size());
        m_sample.ms.clear();
    }

private:
    Server::Context& m_context;
    bool m_warmup = true;
    BenchSample m_sample;
    std::chrono::steady_clock::time_point m_lastFlush = std::chrono::steady_clock::now();
};

} // namespace

void registerRunHandlers(Server& server)
{
    server.on<DevicesRequest>([](const DevicesRequest&, Server::Context&) {
        return DevicesResult{availableDevices(), intraOpThreads()};
    });

    server.on<ArgumentsRequest>([&server](const ArgumentsRequest& request, Server::Context&) {
        auto model = server.model(request.handle);
        ArgumentsResult result;
        result.method = request.method;
        result.arguments = unwrap(methodArguments(*model, request.method));
        for (const MethodInfo& m : model->info().summary.methods)
            if (m.name == request.method)
                result.schema = m.schema;
        return result;
    });

    server.on<RunRequest>([&server](const RunRequest& request, Server::Context&) {
        auto runner = makeRunner(server, request);
        setIntraOpThreads(request.threads); // the Threads box applies to Run as to Benchmark
        RunOptions options;
        options.values = request.values || !request.values_dir.empty();
        options.values_dir = request.values_dir;
        RunReply reply;
        static_cast<RunResult&>(reply) = unwrapCall(runner->runOnce(options));
        reply.inputs = runner->inputDescriptions();
        if (!request.save_outputs.empty()) {
            unwrap(runner->saveOutputs(request.save_outputs));
            reply.saved_to = request.save_outputs;
        }
        server.setLastRunner(request.handle, std::move(runner));
        return reply;
    });

    server.on<SaveOutputsRequest>([&server](const SaveOutputsRequest& request, Server::Context&) {
        Runner* runner = server.lastRunner(request.handle); // unknown_handle first
        if (!runner)
            throw RequestError(badRequest("Nothing to save: run the model first."));
        // No path: into the worker's session folder, for a remote window to download (docs/protocol.md).
        const std::string path = request.path.empty() ? newSessionFile("outputs.pt") : request.path;
        return SaveOutputsResult{unwrap(runner->saveOutputs(path))};
    });

    server.on<BenchRequest>([&server](const BenchRequest& request, Server::Context& context) {
        auto runner = makeRunner(server, request);
        BenchOptions options;
        options.warmup = request.warmup;
        options.warmup_until_settled = request.until_settled;
        options.iters = request.iters;
        options.seconds = request.seconds;
        options.threads = request.threads;
        options.profile = request.profile;
        SampleBatcher batcher(context);
        // Stops between calls on `cancel` or once the calls have taken longer than `timeout` seconds.
        std::atomic<bool> stop{false};
        const auto started = std::chrono::steady_clock::now();
        auto result = runner->bench(options, &stop, [&](bool warmup, int64_t index, double ms) {
            if (request.samples)
                batcher.add(warmup, index, ms);
            const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            if (context.isCancelled() || (request.timeout > 0 && spent > request.timeout))
                stop = true;
        });
        batcher.flush();
        return unwrapCall(std::move(result));
    });
}

} // namespace jitscope::cli
