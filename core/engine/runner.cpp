// Runner: one timed call with an output tree, benchmarks that stop between calls, per-op profiles from
// RecordFunction callbacks. The measured loop does only what a bare `module.forward` loop does (copy the
// inputs, call, read the clock), so JitScope's figures match a hand-written baseline.
#include "engine.h"
#include "graphids.h"
#include "names.h"
#include "run.h"

#include <ATen/Parallel.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/csrc/jit/runtime/interpreter.h>
#include <torch/cuda.h>
#include <torch/script.h>

#include <chrono>
#include <fstream>
#include <map>
#include <mutex>

namespace jitscope {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start, Clock::time_point end)
{
    return std::chrono::duration<double, std::milli>(end - start).count();
}

// Calls per (model, method) in this process: the profiling executor's first calls are warm-up.
std::mutex g_countMutex;
std::map<std::pair<const Model*, std::string>, int64_t> g_callCounts;

int64_t countCalls(const Model* model, const std::string& method, int64_t calls)
{
    std::lock_guard<std::mutex> lock(g_countMutex);
    int64_t& count = g_callCounts[{model, method}];
    const int64_t before = count;
    count += calls;
    return before;
}

// The executor profiles the first getNumProfiledRuns() calls and optimises on the next one.
bool isWarmupCall(int64_t index)
{
    return index <= static_cast<int64_t>(torch::jit::getNumProfiledRuns().load());
}

TensorSummary summarizeTensor(const at::Tensor& tensor)
{
    TensorSummary s;
    const at::Tensor t = tensor.detach();
    s.shape.assign(t.sizes().begin(), t.sizes().end());
    s.dtype = scalarTypeName(static_cast<int8_t>(t.scalar_type()));
    s.device = t.device().str();
    s.numel = t.numel();
    s.numeric = !t.is_quantized() && !t.is_complex() && t.layout() == at::kStrided;
    if (!s.numeric)
        return s;
    const at::Tensor d = t.to(at::kCPU).to(at::kDouble); // double sums, as the fixtures' expectations
    s.sum = d.sum().item<double>();
    if (s.numel == 0) {
        s.min = s.max = s.mean = s.std = std::numeric_limits<double>::quiet_NaN();
        return s;
    }
    s.min = d.min().item<double>();
    s.max = d.max().item<double>();
    s.mean = d.mean().item<double>();
    s.std = s.numel > 1 ? d.std().item<double>() : 0.0;
    if (at::isFloatingType(t.scalar_type())) {
        s.nans = d.isnan().sum().item<int64_t>();
        s.infs = d.isinf().sum().item<int64_t>();
    }
    const at::Tensor flat = d.reshape({-1});
    const int64_t previewCount = std::min<int64_t>(s.numel, 16);
    for (int64_t i = 0; i < previewCount; ++i)
        s.preview.push_back(flat[i].item<double>());
    // Scores of a classifier: top-5 of a vector, or of the first row of a batch.
    if (at::isFloatingType(t.scalar_type()) && (t.dim() == 1 || t.dim() == 2) && t.size(-1) > 1) {
        const at::Tensor row = t.dim() == 1 ? d : d[0];
        const auto top = row.topk(std::min<int64_t>(5, row.size(0)));
        for (int64_t i = 0; i < std::get<0>(top).size(0); ++i)
            s.topk.push_back({std::get<1>(top)[i].item<int64_t>(), std::get<0>(top)[i].item<double>()});
    }
    return s;
}

ValueNode summarize(const c10::IValue& v, const std::string& key = {})
{
    ValueNode node;
    node.key = key;
    node.type = v.type()->annotation_str();
    if (v.isTensor()) {
        node.kind = "tensor";
        node.tensor = summarizeTensor(v.toTensor());
    } else if (v.isTuple() || v.isList()) {
        node.kind = v.isTuple() ? "tuple" : "list";
        const auto items = v.isTuple() ? v.toTupleRef().elements().vec() : v.toListRef().vec();
        for (size_t i = 0; i < items.size(); ++i)
            node.children.push_back(summarize(items[i], std::to_string(i)));
    } else if (v.isGenericDict()) {
        node.kind = "dict";
        for (const auto& entry : v.toGenericDict()) {
            const c10::IValue& k = entry.key();
            node.children.push_back(
                summarize(entry.value(), k.isString() ? k.toStringRef() : detail::describeValue(k)));
        }
    } else if (v.isNone()) {
        node.kind = "none";
    } else if (v.isInt() || v.isDouble() || v.isBool() || v.isString()) {
        node.kind = v.isInt() ? "int" : v.isDouble() ? "float" : v.isBool() ? "bool" : "str";
        std::ostringstream text;
        if (v.isString())
            text << v.toStringRef();
        else
            text << v;
        node.text = text.str();
    } else {
        node.kind = "other";
        node.text = detail::describeValue(v);
    }
    return node;
}

Error runFailed(const std::string& text)
{
    return Error{ErrorCode::RunFailed, torchErrorSummary(text), text, {}};
}

// ---- per-op profile -----------------------------------------------------------------------------

// currentModuleHierarchy() gives one entry per call level, "TOP(ResNet)::forward",
// "SELF(ResNet)::_forward_impl", "layer1(Sequential)::forward", "0(BasicBlock)::forward" …: instance names,
// SELF for a module's own methods. The dotted path is the instance names without TOP and SELF: "layer1.0".
std::string modulePath(const std::vector<std::string>& hierarchy)
{
    std::string path;
    for (const std::string& frame : hierarchy) {
        size_t start = 0;
        while (start < frame.size()) {
            const size_t open = frame.find('(', start);
            if (open == std::string::npos)
                break;
            size_t nameStart = frame.rfind('.', open);
            nameStart = nameStart == std::string::npos || nameStart < start ? start : nameStart + 1;
            const std::string name = frame.substr(nameStart, open - nameStart);
            if (!name.empty() && name != "TOP" && name != "SELF")
                path += (path.empty() ? "" : ".") + name;
            start = frame.find(')', open);
            if (start == std::string::npos)
                break;
            ++start;
        }
    }
    return path;
}

struct ProfileState
{
    struct Frame
    {
        std::string name, module;
        Clock::time_point start;
        double childMs = 0;
    };
    std::vector<Frame> stack;
    std::map<std::pair<std::string, std::string>, OpTime> table;
};

thread_local ProfileState* t_profile = nullptr;

std::unique_ptr<at::ObserverContext> onOpStart(const at::RecordFunction& fn)
{
    if (t_profile)
        t_profile->stack.push_back(
            {fn.name(), modulePath(torch::jit::currentModuleHierarchy()), Clock::now(), 0});
    return nullptr;
}

void onOpEnd(const at::RecordFunction&, at::ObserverContext*)
{
    if (!t_profile || t_profile->stack.empty())
        return;
    ProfileState::Frame frame = std::move(t_profile->stack.back());
    t_profile->stack.pop_back();
    const double ms = msSince(frame.start, Clock::now());
    OpTime& row = t_profile->table[{frame.name, frame.module}];
    row.name = frame.name;
    row.module = frame.module;
    ++row.calls;
    row.total_ms += ms;
    row.self_ms += ms - frame.childMs;
    if (!t_profile->stack.empty())
        t_profile->stack.back().childMs += ms;
}

std::vector<OpTime> sortedBySelf(std::map<std::string, OpTime> rows)
{
    std::vector<OpTime> out;
    for (auto& [key, row] : rows)
        out.push_back(std::move(row));
    std::sort(out.begin(), out.end(), [](const OpTime& a, const OpTime& b) { return a.self_ms > b.self_ms; });
    return out;
}

OpProfile finishProfile(const ProfileState& state, int64_t calls, double forwardMs)
{
    OpProfile p;
    p.forward_calls = calls;
    p.forward_ms = forwardMs;
    std::map<std::string, OpTime> byKind, byModule;
    for (const auto& [key, row] : state.table) {
        p.ops.push_back(row);
        for (auto* agg : {&byKind[row.name], &byModule[row.module]}) {
            agg->calls += row.calls;
            agg->self_ms += row.self_ms;
            agg->total_ms += row.total_ms;
        }
        byKind[row.name].name = row.name;
        byModule[row.module].module = row.module;
    }
    std::sort(p.ops.begin(), p.ops.end(),
              [](const OpTime& a, const OpTime& b) { return a.self_ms > b.self_ms; });
    p.by_kind = sortedBySelf(std::move(byKind));
    p.by_module = sortedBySelf(std::move(byModule));
    return p;
}

// Inference mode is faster; plain no-grad is kept for models whose ops reject inference tensors.
class GradGuard
{
public:
    explicit GradGuard(bool inferenceMode)
    {
        if (inferenceMode)
            m_inference.emplace();
        else
            m_noGrad.emplace();
    }

private:
    std::optional<c10::InferenceMode> m_inference;
    std::optional<torch::NoGradGuard> m_noGrad;
};

} // namespace

std::vector<std::string> availableDevices()
{
    std::vector<std::string> devices{"cpu"};
    const size_t cuda = torch::cuda::device_count(); // 0 in CPU-only builds: the API exists regardless
    for (size_t i = 0; i < cuda; ++i)
        devices.push_back("cuda:" + std::to_string(i));
    return devices;
}

int intraOpThreads()
{
    return at::get_num_threads();
}

void setIntraOpThreads(int threads)
{
    if (threads > 0 && threads != at::get_num_threads())
        at::set_num_threads(threads);
}

struct Runner::Impl
{
    std::shared_ptr<Model> model;
    std::string methodName;
    std::optional<torch::jit::Method> method;
    std::vector<c10::IValue> inputs;
    std::vector<std::string> descriptions;
    std::string device;
    c10::Device torchDevice{c10::kCPU};
    bool inferenceMode = true;
    c10::IValue lastOutput;
    bool hasOutput = false;

    void sync() const
    {
        if (torchDevice.is_cuda())
            torch::cuda::synchronize(torchDevice.index());
    }

    // The measured call: exactly a bare loop's work plus the clock (and CUDA syncs around it).
    double timedCall(c10::IValue* output)
    {
        std::vector<c10::IValue> stack = inputs;
        sync();
        const auto start = Clock::now();
        c10::IValue out = (*method)(std::move(stack));
        sync();
        const double ms = msSince(start, Clock::now());
        if (output)
            *output = std::move(out);
        return ms;
    }
};

Runner::Runner(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Runner::~Runner() = default;

Result<std::unique_ptr<Runner>> Runner::create(std::shared_ptr<Model> model, const Invocation& invocation)
{
    auto impl = std::make_unique<Impl>();
    try {
        impl->torchDevice = c10::Device(invocation.device);
    } catch (const std::exception& e) {
        return Error{ErrorCode::BadRequest,
                     "Unknown device '" + invocation.device + "': use cpu or cuda:N.",
                     e.what(),
                     {}};
    }
    if (impl->torchDevice.is_cuda()) {
        const auto devices = availableDevices();
        if (std::find(devices.begin(), devices.end(), impl->torchDevice.str()) == devices.end())
            return Error{ErrorCode::BadRequest,
                         "Device " + impl->torchDevice.str() + " is not available: LibTorch reports " +
                             std::to_string(devices.size() - 1) + " CUDA device(s).",
                         {},
                         {}};
        model->module().to(impl->torchDevice); // parameters follow the inputs; the model stays there
    }
    auto inputs = detail::buildInputs(*model, invocation, impl->descriptions);
    if (!inputs)
        return inputs.error();
    impl->inputs = std::move(inputs.value());
    impl->model = std::move(model);
    impl->methodName = invocation.method;
    impl->method = impl->model->module().get_method(invocation.method);
    impl->device = impl->torchDevice.str();
    impl->inferenceMode = invocation.inference_mode;
    impl->model->module().eval();
    return std::unique_ptr<Runner>(new Runner(std::move(impl)));
}

std::vector<std::string> Runner::inputDescriptions() const
{
    return m_impl->descriptions;
}

const std::string& Runner::device() const
{
    return m_impl->device;
}

Result<RunResult> Runner::runOnce(const RunOptions& options)
{
    RunResult result;
    result.method = m_impl->methodName;
    result.device = m_impl->device;
    try {
        const GradGuard guard(m_impl->inferenceMode);
        result.call_index = countCalls(m_impl->model.get(), m_impl->methodName, 1);
        result.warmup = isWarmupCall(result.call_index);
        if (options.values) {
            // The recorded call replaces the timed one: its output is the method's output.
            auto table = detail::recordValues(*m_impl->model, m_impl->methodName, m_impl->inputs, options,
                                              m_impl->lastOutput);
            if (!table)
                return table.error();
            result.ms = table.value().ms;
            result.values = std::move(table.value());
        } else {
            result.ms = m_impl->timedCall(&m_impl->lastOutput);
        }
        m_impl->hasOutput = true;
        result.output = summarize(m_impl->lastOutput);
    } catch (const c10::Error& e) {
        return runFailed(e.what_without_backtrace());
    } catch (const std::exception& e) {
        return runFailed(e.what());
    }
    return result;
}

Result<std::string> Runner::saveOutputs(const std::string& path) const
{
    if (!m_impl->hasOutput)
        return Error{ErrorCode::BadRequest, "Nothing to save: run the method first.", {}, {}};
    try {
        // Saved from the CPU so that torch.load works on machines without the GPU.
        const std::vector<char> data = torch::jit::pickle_save(
            m_impl->lastOutput.isTensor() ? c10::IValue(m_impl->lastOutput.toTensor().cpu())
                                          : m_impl->lastOutput);
        std::ofstream out(path, std::ios::binary);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        if (!out)
            return Error{ErrorCode::BadRequest, "Cannot write '" + path + "'.", {}, {}};
    } catch (const std::exception& e) {
        return Error{ErrorCode::Internal, "Saving the outputs failed.", e.what(), {}};
    }
    return path;
}

Result<std::string> Runner::saveValue(int64_t id, const std::string& element, const std::string& path)
{
    const GradGuard guard(m_impl->inferenceMode);
    return detail::saveValue(*m_impl->model, m_impl->methodName, m_impl->inputs, id, element, path);
}

Result<Graph> Runner::executedGraph()
{
    std::shared_ptr<torch::jit::Graph> graph;
    try {
        const GradGuard guard(m_impl->inferenceMode);
        // The profiling executor profiles getNumProfiledRuns() calls and optimises on the next.
        const int64_t calls = static_cast<int64_t>(torch::jit::getNumProfiledRuns().load()) + 2;
        for (int64_t i = 0; i < calls; ++i)
            m_impl->timedCall(nullptr);
        countCalls(m_impl->model.get(), m_impl->methodName, calls);
        graph = torch::jit::lastExecutedOptimizedGraph();
        // 1.13's profiling executor keeps its optimised plan as the debug state's only execution plan.
        const auto state = m_impl->method->get_executor().getDebugState();
        if (!state.execution_plans.empty() && state.execution_plans.begin()->second.graph)
            graph = state.execution_plans.begin()->second.graph;
    } catch (const c10::Error& e) {
        if (!graph)
            return runFailed(e.what_without_backtrace());
    } catch (const std::exception& e) {
        if (!graph)
            return runFailed(e.what());
    }
    if (!graph)
        return Error{ErrorCode::Internal, "The executor kept no optimised graph for " + m_impl->methodName + ".",
                     {}, {}};
    const auto type = m_impl->model->module().type();
    auto g = detail::exportGraph(graph, {}, type->name() ? type->name()->qualifiedName() : type->str(),
                                 m_impl->methodName, /*inlined=*/true);
    if (g)
        g.value().pass = "executed";
    return g;
}

Result<BenchResult> Runner::bench(const BenchOptions& options, const std::atomic<bool>* stop,
                                  const SampleFn& onSample)
{
    BenchResult result;
    result.model = m_impl->model->path();
    result.method = m_impl->methodName;
    result.device = m_impl->device;
    result.inputs = m_impl->descriptions;
    result.mode = m_impl->inferenceMode ? "inference_mode" : "no_grad";
    setIntraOpThreads(options.threads);
    result.threads = intraOpThreads();
    auto stopped = [&] { return stop && stop->load(std::memory_order_relaxed); };

    ProfileState profile;
    at::CallbackHandle handle = 0;
    try {
        const GradGuard guard(m_impl->inferenceMode);

        const int maxWarmup = std::max(0, options.warmup);
        for (int i = 0; i < maxWarmup && !stopped(); ++i) {
            const double ms = m_impl->timedCall(nullptr);
            result.warmup_ms.push_back(ms);
            if (onSample)
                onSample(true, i, ms);
            if (options.warmup_until_settled && timesSettled(result.warmup_ms))
                break;
        }
        countCalls(m_impl->model.get(), m_impl->methodName, static_cast<int64_t>(result.warmup_ms.size()));

        if (options.profile) {
            t_profile = &profile;
            handle = at::addThreadLocalCallback(
                at::RecordFunctionCallback(onOpStart, onOpEnd).scopes({at::RecordScope::FUNCTION}));
        }
        const bool timed = options.seconds > 0;
        const auto deadline =
            Clock::now() + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(std::max(0.0, options.seconds)));
        result.samples_ms.reserve(timed ? 1024 : static_cast<size_t>(std::max(0, options.iters)));
        for (int64_t i = 0; !stopped(); ++i) {
            if (timed ? (i > 0 && Clock::now() >= deadline) : i >= options.iters)
                break;
            const double ms = m_impl->timedCall(nullptr);
            result.samples_ms.push_back(ms);
            if (onSample)
                onSample(false, i, ms);
        }
    } catch (const c10::Error& e) {
        if (handle)
            at::removeCallback(handle);
        t_profile = nullptr;
        return runFailed(e.what_without_backtrace());
    } catch (const std::exception& e) {
        if (handle)
            at::removeCallback(handle);
        t_profile = nullptr;
        return runFailed(e.what());
    }
    if (handle)
        at::removeCallback(handle);
    t_profile = nullptr;
    countCalls(m_impl->model.get(), m_impl->methodName, static_cast<int64_t>(result.samples_ms.size()));
    result.stats = computeStats(result.samples_ms);
    result.stopped = stopped();
    if (options.profile)
        result.profile = finishProfile(profile, result.stats.count, result.stats.total);
    return result;
}

} // namespace jitscope
