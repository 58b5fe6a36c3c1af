// Value recording: a method's inlined graph, copied, with a capture op (capture.h) after every
// tensor-producing node (inside If/Loop blocks too), run in LibTorch's interpreter. Statistics are taken when
// the op runs, before any later in-place op changes the tensor.
#include "capture.h"
#include "engine.h"
#include "graphids.h"
#include "names.h"
#include "run.h"

#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/runtime/interpreter.h>
#include <torch/script.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <unordered_map>

namespace jitscope {

namespace {

// What the graph says about one captured value.
struct ValueMeta
{
    int64_t id = 0;
    std::string name, kind, module_path, type;
    int64_t node = -1;
    const torch::jit::Node* producer = nullptr;
    bool passThrough = false; // the node only passes tensors on (lists, tuples, dicts)
};

bool passesTensorsOn(c10::Symbol kind)
{
    using namespace torch::jit;
    static const std::vector<c10::Symbol> kinds = {
        prim::ListConstruct, prim::TupleConstruct, prim::DictConstruct,
        prim::ListUnpack,    prim::TupleUnpack,    prim::TupleIndex,
        aten::append,        aten::__getitem__,    prim::unchecked_cast};
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

// ---- statistics -------------------------------------------------------------------------------------

template<class T> void scan(const T* data, int64_t n, RecordedValue& r)
{
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    // Sums of differences from the first finite element keep the variance exact for large offsets.
    double shift = 0, sum = 0, sumSq = 0;
    int64_t finite = 0;
    for (int64_t i = 0; i < n; ++i) {
        const double x = static_cast<double>(data[i]);
        if (std::isnan(x)) {
            ++r.nans;
        } else if (std::isinf(x)) {
            ++r.infs;
        } else {
            if (finite == 0)
                shift = x;
            const double d = x - shift;
            sum += d;
            sumSq += d * d;
            lo = std::min(lo, x);
            hi = std::max(hi, x);
            ++finite;
        }
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (finite == 0) {
        r.min = r.max = r.mean = r.std = nan;
        return;
    }
    r.min = lo;
    r.max = hi;
    r.mean = shift + sum / static_cast<double>(finite);
    // Sample standard deviation (n - 1), as torch.std.
    r.std = finite > 1 ? std::sqrt(std::max(0.0, (sumSq - sum * sum / static_cast<double>(finite)) /
                                                     static_cast<double>(finite - 1)))
                       : 0.0;
    r.histogram.assign(kHistogramBins, 0);
    const double scale = hi > lo ? kHistogramBins / (hi - lo) : 0.0;
    for (int64_t i = 0; i < n; ++i) {
        const double x = static_cast<double>(data[i]);
        if (!std::isfinite(x))
            continue;
        const auto bin = static_cast<int64_t>((x - lo) * scale);
        ++r.histogram[static_cast<size_t>(std::min<int64_t>(bin, kHistogramBins - 1))];
    }
}

void tensorStats(const at::Tensor& tensor, RecordedValue& r)
{
    const at::Tensor t = tensor.detach();
    r.shape.assign(t.sizes().begin(), t.sizes().end());
    r.dtype = scalarTypeName(static_cast<int8_t>(t.scalar_type()));
    r.device = t.device().str();
    r.numel = t.numel();
    r.nans = r.infs = 0;
    r.histogram.clear();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    r.min = r.max = r.mean = r.std = nan;
    if (t.is_quantized() || t.is_complex() || t.layout() != at::kStrided || r.numel == 0)
        return;
    at::Tensor c = t.device().is_cpu() ? t : t.to(at::kCPU);
    // float32 and float64 are read in place; anything else (ints, bool, half) as doubles.
    if (c.scalar_type() == at::kFloat) {
        c = c.contiguous();
        scan(c.data_ptr<float>(), r.numel, r);
    } else {
        c = c.to(at::kDouble).contiguous();
        scan(c.data_ptr<double>(), r.numel, r);
    }
}

// ---- .pt and .npy files ---------------------------------------------------------------------------

Result<std::string> writeBytes(const std::string& path, const std::vector<char>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        return Error{ErrorCode::BadRequest, "Cannot write '" + path + "'.", {}, {}};
    return path;
}

Result<std::string> savePt(const at::Tensor& tensor, const std::string& path)
{
    // From the CPU, so that torch.load works on machines without the GPU.
    return writeBytes(path, torch::jit::pickle_save(c10::IValue(tensor.detach().cpu().contiguous())));
}

Result<std::string> saveNpy(const at::Tensor& tensor, const std::string& path)
{
    static const std::unordered_map<int, std::string> descr = {
        {static_cast<int>(at::kFloat), "<f4"}, {static_cast<int>(at::kDouble), "<f8"},
        {static_cast<int>(at::kHalf), "<f2"},  {static_cast<int>(at::kLong), "<i8"},
        {static_cast<int>(at::kInt), "<i4"},   {static_cast<int>(at::kShort), "<i2"},
        {static_cast<int>(at::kChar), "|i1"},  {static_cast<int>(at::kByte), "|u1"},
        {static_cast<int>(at::kBool), "|b1"}};
    at::Tensor t = tensor.detach().cpu();
    if (t.scalar_type() == at::kBFloat16)
        t = t.to(at::kFloat); // NumPy has no bfloat16
    auto it = descr.find(static_cast<int>(t.scalar_type()));
    if (it == descr.end())
        return Error{ErrorCode::BadRequest,
                     "NumPy has no dtype for " + scalarTypeName(static_cast<int8_t>(t.scalar_type())) +
                         ": save it as .pt.",
                     {},
                     {}};
    t = t.contiguous();
    std::string shape;
    for (int64_t d : t.sizes())
        shape += (shape.empty() ? "" : ", ") + std::to_string(d);
    shape = "(" + shape + (t.dim() == 1 ? ",)" : ")"); // "(3,)" for 1-D, "()" for a scalar
    std::string header = "{'descr': '" + it->second + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // Magic, version 1.0, header length; the header is padded with spaces to a multiple of 64 bytes.
    const size_t prefix = 10;
    header.append(63 - (prefix + header.size()) % 64, ' ');
    header += '\n';
    std::vector<char> bytes = {'\x93', 'N', 'U', 'M', 'P', 'Y', '\x01', '\x00'};
    bytes.push_back(static_cast<char>(header.size() & 0xff));
    bytes.push_back(static_cast<char>((header.size() >> 8) & 0xff));
    bytes.insert(bytes.end(), header.begin(), header.end());
    const auto* data = static_cast<const char*>(t.data_ptr());
    bytes.insert(bytes.end(), data, data + t.numel() * static_cast<int64_t>(t.element_size()));
    return writeBytes(path, bytes);
}

// ---- recording ----------------------------------------------------------------------------------

class Recorder
{
public:
    std::vector<ValueMeta> metas; // by capture slot
    std::string valuesDir;
    // save_value: keep only this value (a clone, as the table's rule picks it).
    bool keepOnly = false;
    int64_t keepId = 0;
    std::string keepElement;
    at::Tensor kept;
    std::string keptError;

    void capture(int64_t slot, const c10::IValue& value)
    {
        m_slot = static_cast<size_t>(slot);
        visit(m_slot, value, {});
    }

    std::vector<RecordedValue> entries;
    std::optional<std::pair<size_t, std::string>> firstNonFinite; // slot, element

private:
    static std::string child(const std::string& element, const std::string& key)
    {
        return element.empty() ? key : element + "." + key;
    }

    void visit(size_t slot, const c10::IValue& value, const std::string& element)
    {
        if (value.isTensor()) {
            record(slot, value.toTensor(), element);
        } else if (value.isTuple() || value.isList()) {
            const auto items =
                value.isTuple() ? value.toTupleRef().elements().vec() : value.toListRef().vec();
            for (size_t i = 0; i < items.size(); ++i)
                visit(slot, items[i], child(element, std::to_string(i)));
        } else if (value.isGenericDict()) {
            for (const auto& entry : value.toGenericDict()) {
                const c10::IValue& k = entry.key();
                std::ostringstream key;
                if (k.isString())
                    key << k.toStringRef();
                else
                    key << k;
                visit(slot, entry.value(), child(element, key.str()));
            }
        }
        // None, scalars and objects carry no tensor.
    }

    void record(size_t slot, const at::Tensor& tensor, const std::string& element)
    {
        const ValueMeta& meta = metas[slot];
        if (keepOnly && (meta.id != keepId || element != keepElement))
            return;
        const std::string key = valueKey(meta.id, element);
        auto found = m_index.find(key);
        if (found == m_index.end()) {
            RecordedValue r;
            r.id = meta.id;
            r.element = element;
            r.name = meta.name;
            r.node = meta.node;
            r.kind = meta.kind;
            r.module_path = meta.module_path;
            r.type = meta.type;
            found = m_index.emplace(key, entries.size()).first;
            entries.push_back(std::move(r));
        }
        RecordedValue& r = entries[found->second];
        ++r.count;
        if (r.nonFinite())
            return; // a loop keeps its first non-finite execution
        statsOf(tensor, found->second);
        if (r.nonFinite() && !firstNonFinite)
            firstNonFinite = std::make_pair(slot, element);
        if (keepOnly)
            kept = tensor.detach().clone();
        if (!valuesDir.empty()) {
            const std::string file = (std::filesystem::path(valuesDir) /
                                      (element.empty() ? std::to_string(meta.id) + ".pt"
                                                       : std::to_string(meta.id) + "." + element + ".pt"))
                                         .string();
            auto saved = savePt(tensor, file);
            if (saved)
                r.saved = file;
        }
    }

    // The same tensor often flows along several edges (list elements, aten::append, unpacked tuples): a
    // node that only passes tensors on reuses the last scan of the same tensor. Every other node's outputs
    // are scanned (in-place ops return the tensor they change, so its newest scan follows each change). The
    // weak pointer keeps the TensorImpl's address from being reused by another tensor; the version counter
    // is checked too where there is one (not for inference tensors).
    struct Scanned
    {
        c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl> impl;
        uint32_t version = 0;
        size_t entry = 0;
    };

    void statsOf(const at::Tensor& tensor, size_t entry)
    {
        RecordedValue& r = entries[entry];
        const void* key = tensor.unsafeGetTensorImpl();
        const uint32_t version = tensor.is_inference() ? 0 : tensor._version();
        auto it = m_scanned.find(key);
        if (metas[m_slot].passThrough && it != m_scanned.end() && !it->second.impl.expired() &&
            it->second.version == version && it->second.entry != entry) {
            const RecordedValue& same = entries[it->second.entry];
            r.shape = same.shape;
            r.dtype = same.dtype;
            r.device = same.device;
            r.numel = same.numel;
            r.min = same.min;
            r.max = same.max;
            r.mean = same.mean;
            r.std = same.std;
            r.nans = same.nans;
            r.infs = same.infs;
            r.histogram = same.histogram;
            return;
        }
        tensorStats(tensor, r);
        m_scanned.insert_or_assign(key,
                                   Scanned{c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl>(
                                               tensor.getIntrusivePtr()),
                                           version, entry});
    }

    std::unordered_map<std::string, size_t> m_index;
    std::unordered_map<const void*, Scanned> m_scanned;
    size_t m_slot = 0;
};

bool holdsTensor(const c10::TypePtr& type)
{
    if (type->isSubtypeOf(*c10::TensorType::get()))
        return true;
    if (auto optional = type->cast<c10::OptionalType>())
        return holdsTensor(optional->getElementType());
    if (auto list = type->cast<c10::ListType>())
        return holdsTensor(list->getElementType());
    if (auto dict = type->cast<c10::DictType>())
        return holdsTensor(dict->getValueType());
    if (auto tuple = type->cast<c10::TupleType>()) {
        for (const auto& element : tuple->elements())
            if (holdsTensor(element))
                return true;
    }
    return false;
}

void collectNodes(torch::jit::Block* block, std::vector<torch::jit::Node*>& out)
{
    for (torch::jit::Node* n : block->nodes()) {
        out.push_back(n);
        for (torch::jit::Block* inner : n->blocks())
            collectNodes(inner, out);
    }
}

// The method's inlined graph with captures, and what each capture slot records.
struct Instrumented
{
    std::shared_ptr<torch::jit::Graph> graph;
    std::vector<ValueMeta> metas;
};

Instrumented instrument(const Model& model, const std::string& method)
{
    Instrumented out;
    out.graph = graphids::inlinedCopy(model.module().get_method(method).graph());
    torch::jit::Graph& g = *out.graph;
    // Ids first: the inserted nodes must not shift the numbering graph --inlined shows.
    const graphids::NodeIds nodeIds = graphids::numberNodes(g.block());
    std::vector<torch::jit::Node*> nodes;
    collectNodes(g.block(), nodes);

    const auto self = g.inputs().empty() ? nullptr : g.inputs()[0]->type()->cast<c10::ClassType>();
    const c10::ClassType* selfType = self.get();
    auto meta = [&](torch::jit::Value* v, const torch::jit::Node* producer) {
        ValueMeta m;
        m.id = graphids::valueId(v);
        m.name = v->hasDebugName() ? v->debugName() : std::string();
        m.type = v->type()->str();
        if (producer) {
            m.node = nodeIds.at(producer);
            m.kind = producer->kind().toQualString();
            m.module_path = graphids::callstackPath(producer, {}, selfType);
            m.producer = producer;
            m.passThrough = passesTensorsOn(producer->kind());
        } else {
            m.kind = "input";
        }
        return m;
    };

    // Graph inputs (self excluded) first, in argument order.
    torch::jit::Node* afterInputs = nullptr;
    for (size_t i = 1; i < g.inputs().size(); ++i) {
        torch::jit::Value* v = g.inputs()[i];
        if (!holdsTensor(v->type()))
            continue;
        out.metas.push_back(meta(v, nullptr));
        afterInputs = detail::capture::insert(g, v, afterInputs, static_cast<int64_t>(out.metas.size() - 1));
    }
    for (torch::jit::Node* n : nodes) {
        if (n->kind() == torch::jit::prim::Constant || n->kind() == torch::jit::prim::GetAttr)
            continue; // not computed by the call: constants and the module's own parameters
        torch::jit::Node* after = n;
        for (torch::jit::Value* v : n->outputs()) {
            if (!holdsTensor(v->type()))
                continue;
            out.metas.push_back(meta(v, n));
            after = detail::capture::insert(g, v, after, static_cast<int64_t>(out.metas.size() - 1));
        }
    }
    return out;
}

Error runFailed(const std::string& text)
{
    return Error{ErrorCode::RunFailed, torchErrorSummary(text), text, {}};
}

// Runs the instrumented graph on (self, inputs…) with `recorder` active; the method's output into `output`.
std::optional<Error> runRecorded(const Model& model, const Instrumented& inst, const std::string& method,
                                 const std::vector<c10::IValue>& inputs, Recorder& recorder,
                                 c10::IValue& output)
{
    try {
        torch::jit::Code code(inst.graph, method);
        torch::jit::Stack stack;
        stack.reserve(inputs.size() + 1);
        stack.push_back(model.module()._ivalue());
        stack.insert(stack.end(), inputs.begin(), inputs.end());
        // Arguments left to their defaults are filled in as Method::operator() does.
        model.module().get_method(method).function().getSchema().checkAndNormalizeInputs(stack);
        const detail::capture::Sink sink = [&recorder](int64_t slot, const c10::IValue& value) {
            recorder.capture(slot, value);
        };
        const detail::capture::ScopedSink active(sink);
        torch::jit::InterpreterState(code).run(stack);
        output = stack.empty() ? c10::IValue() : stack.back();
    } catch (const c10::Error& e) {
        return runFailed(e.what_without_backtrace());
    } catch (const std::exception& e) {
        return runFailed(e.what());
    }
    return std::nullopt;
}

Result<Instrumented> instrumentChecked(const Model& model, const std::string& method)
{
    if (!model.module().find_method(method))
        return Error{ErrorCode::NotFound, "The model has no method " + method + ".", {}, {}};
    try {
        return instrument(model, method);
    } catch (const std::exception& e) {
        return Error{
            ErrorCode::Internal, "Cannot prepare " + method + " for recording values.", e.what(), {}};
    }
}

} // namespace

namespace detail {

Result<ValueTable> recordValues(const Model& model, const std::string& method,
                                const std::vector<c10::IValue>& inputs, const RunOptions& options,
                                c10::IValue& output)
{
    auto inst = instrumentChecked(model, method);
    if (!inst)
        return inst.error();
    Recorder recorder;
    recorder.metas = inst.value().metas;
    if (!options.values_dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(options.values_dir, ec);
        if (ec || !std::filesystem::is_directory(options.values_dir))
            return Error{ErrorCode::BadRequest,
                         "Cannot create the directory '" + options.values_dir + "'.",
                         ec.message(),
                         {}};
        recorder.valuesDir = options.values_dir;
    }
    const auto start = std::chrono::steady_clock::now();
    if (auto error = runRecorded(model, inst.value(), method, inputs, recorder, output))
        return *error;
    ValueTable table;
    table.method = method;
    table.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    table.values_dir = options.values_dir;
    table.values = std::move(recorder.entries);
    if (recorder.firstNonFinite) {
        const ValueMeta& meta = recorder.metas[recorder.firstNonFinite->first];
        FirstNonFinite first;
        first.value = meta.id;
        first.element = recorder.firstNonFinite->second;
        first.node = meta.node;
        first.kind = meta.kind;
        first.module_path = meta.module_path;
        if (meta.producer) {
            first.source = graphids::sourceOf(meta.producer);
            first.original = graphids::originalOf(meta.producer);
        }
        table.first_nonfinite = first;
    }
    return table;
}

Result<std::string> saveValue(const Model& model, const std::string& method,
                              const std::vector<c10::IValue>& inputs, int64_t id, const std::string& element,
                              const std::string& path)
{
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext != ".pt" && ext != ".npy")
        return Error{ErrorCode::BadRequest, "Save a value as .pt or .npy, not '" + path + "'.", {}, {}};
    auto inst = instrumentChecked(model, method);
    if (!inst)
        return inst.error();
    Recorder recorder;
    recorder.metas = inst.value().metas;
    recorder.keepOnly = true;
    recorder.keepId = id;
    recorder.keepElement = element;
    c10::IValue output;
    if (auto error = runRecorded(model, inst.value(), method, inputs, recorder, output))
        return *error;
    if (!recorder.kept.defined())
        return Error{ErrorCode::NotFound,
                     "The run computed no tensor value " + valueKey(id, element) + " (see run --values).",
                     {},
                     {}};
    try {
        return ext == ".pt" ? savePt(recorder.kept, path) : saveNpy(recorder.kept, path);
    } catch (const std::exception& e) {
        return Error{ErrorCode::Internal, "Saving value " + valueKey(id, element) + " failed.", e.what(), {}};
    }
}

} // namespace detail

} // namespace jitscope
