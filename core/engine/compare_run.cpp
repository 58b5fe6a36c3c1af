// compare: the example and probe inputs, both sides run on each, outputs and parameters compared leaf by
// leaf, alternating timed calls. Probes are derived deterministically from the example so that the
// fixture generator can make the very same inputs in Python (tests/fixtures/fixtures_compare.py).
#include "comparetorch.h"
#include "inputfiles.h"
#include "names.h"
#include "run.h"

#include "types/runresult.h"
#include "types/stats.h"

#include <torch/script.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <map>

namespace jitscope::detail {

namespace {

using TensorFn = std::function<at::Tensor(const at::Tensor&)>;

// The value with every tensor inside (lists, tuples, dicts) replaced by fn(tensor), in traversal order.
c10::IValue mapTensors(const c10::IValue& v, const TensorFn& fn)
{
    if (v.isTensor())
        return fn(v.toTensor());
    if (v.isList()) {
        c10::impl::GenericList out(v.toList().elementType());
        for (const c10::IValue& item : v.toListRef())
            out.push_back(mapTensors(item, fn));
        return out;
    }
    if (v.isTuple()) {
        std::vector<c10::IValue> items;
        for (const c10::IValue& item : v.toTupleRef().elements())
            items.push_back(mapTensors(item, fn));
        return c10::ivalue::Tuple::create(std::move(items));
    }
    if (v.isGenericDict()) {
        const auto dict = v.toGenericDict();
        c10::impl::GenericDict out(dict.keyType(), dict.valueType());
        for (const auto& entry : dict)
            out.insert(entry.key(), mapTensors(entry.value(), fn));
        return out;
    }
    return v;
}

bool isFloat(const at::Tensor& t)
{
    return at::isFloatingType(t.scalar_type());
}

std::vector<c10::IValue> cloneArgs(const std::vector<c10::IValue>& args)
{
    std::vector<c10::IValue> out;
    for (const c10::IValue& v : args)
        out.push_back(mapTensors(v, [](const at::Tensor& t) { return t.clone(); }));
    return out;
}

struct Probe
{
    std::string description;
    std::vector<c10::IValue> args;
};

// Every probe applicable to `args` (one side's example). The same function gives both sides the same values.
std::vector<Probe> deriveProbes(const std::vector<c10::IValue>& args)
{
    std::vector<Probe> probes;
    auto allArgs = [&](const TensorFn& fn) {
        std::vector<c10::IValue> out;
        for (const c10::IValue& v : args)
            out.push_back(mapTensors(v, fn));
        return out;
    };
    bool anyFloat = false, anyBatched = false, anyImage = false;
    for (const c10::IValue& v : args) {
        mapTensors(v, [&](const at::Tensor& t) {
            anyFloat |= isFloat(t);
            return t;
        });
        if (v.isTensor()) {
            anyBatched |= v.toTensor().dim() >= 2;
            anyImage |= v.toTensor().dim() == 4 && isFloat(v.toTensor());
        }
    }
    if (anyFloat) {
        probes.push_back({"negated", allArgs([](const at::Tensor& t) { return isFloat(t) ? t.neg() : t; })});
        int64_t k = 0;
        probes.push_back({"other values", allArgs([&k](const at::Tensor& t) {
                              if (!isFloat(t))
                                  return t;
                              torch::manual_seed(static_cast<uint64_t>(1000 + k++));
                              const bool nonNegative = t.numel() > 0 && t.min().item<double>() >= 0;
                              const auto opts = at::TensorOptions().dtype(t.scalar_type());
                              return nonNegative ? at::rand(t.sizes(), opts) : at::randn(t.sizes(), opts);
                          })});
    }
    // Batch and spatial probes change top-level tensor arguments only.
    auto topLevel = [&](const std::function<at::Tensor(const at::Tensor&)>& fn, bool (*applies)(const at::Tensor&)) {
        std::vector<c10::IValue> out;
        for (const c10::IValue& v : args)
            out.push_back(v.isTensor() && applies(v.toTensor()) ? c10::IValue(fn(v.toTensor())) : v);
        return out;
    };
    auto batched = [](const at::Tensor& t) { return t.dim() >= 2; };
    auto other = [](const at::Tensor& t) { return isFloat(t) ? t.neg() : t; };
    if (anyBatched) {
        probes.push_back({"batch x2", topLevel([&](const at::Tensor& t) { return at::cat({t, other(t)}, 0); },
                                               batched)});
        probes.push_back({"batch +1", topLevel([&](const at::Tensor& t) {
                                                   return at::cat({t, other(t).slice(0, 0, 1)}, 0);
                                               },
                                               batched)});
    }
    if (anyImage) {
        auto image = [](const at::Tensor& t) { return t.dim() == 4 && isFloat(t); };
        probes.push_back({"spatial x2", topLevel([](const at::Tensor& t) {
                                                     return at::upsample_bilinear2d(t, {2 * t.size(2), 2 * t.size(3)},
                                                                                    false);
                                                 },
                                                 image)});
        probes.push_back({"spatial odd", topLevel([](const at::Tensor& t) {
                                                      const int64_t h = t.size(2), w = t.size(3);
                                                      return at::upsample_bilinear2d(t, {h + h / 2 + 1, w + w / 2 + 1},
                                                                                     false);
                                                  },
                                                  image)});
    }
    return probes;
}

std::string leafKind(const c10::IValue* v)
{
    if (!v)
        return "missing";
    if (v->isTensor())
        return "tensor";
    if (v->isInt())
        return "int";
    if (v->isDouble())
        return "float";
    if (v->isBool())
        return "bool";
    if (v->isString())
        return "str";
    if (v->isNone())
        return "none";
    return "other";
}

void flattenInto(const c10::IValue& v, const std::string& path, std::vector<Leaf>& out)
{
    auto child = [&](const std::string& key) { return path.empty() ? key : path + "." + key; };
    if (v.isList() || v.isTuple()) {
        const auto items = v.isList() ? v.toListRef().vec() : v.toTupleRef().elements().vec();
        for (size_t i = 0; i < items.size(); ++i)
            flattenInto(items[i], child(std::to_string(i)), out);
    } else if (v.isGenericDict()) {
        for (const auto& entry : v.toGenericDict())
            flattenInto(entry.value(),
                        child(entry.key().isString() ? entry.key().toStringRef() : describeValue(entry.key())), out);
    } else {
        out.push_back({path, v});
    }
}

// Non-finite numbers have no JSON form: the report keeps finite values only.
double finite(double v)
{
    return std::isfinite(v) ? v : std::numeric_limits<double>::max();
}

std::vector<c10::IValue> namedTensors(const torch::jit::Module& m, std::vector<std::string>& names)
{
    std::vector<c10::IValue> out;
    for (const auto& p : m.named_parameters(true)) {
        names.push_back(p.name);
        out.push_back(p.value);
    }
    for (const auto& b : m.named_buffers(true)) {
        names.push_back(b.name);
        out.push_back(b.value);
    }
    return out;
}

double maxAbsDiff(const at::Tensor& a, const at::Tensor& b)
{
    if (a.numel() == 0)
        return 0;
    const at::Tensor d = (a.detach().to(at::kCPU).to(at::kDouble) - b.detach().to(at::kCPU).to(at::kDouble)).abs();
    return finite(d.max().item<double>());
}

ParameterDiff diffNamed(const std::vector<std::string>& namesA, const std::vector<c10::IValue>& valuesA,
                        const std::vector<std::string>& namesB, const std::vector<c10::IValue>& valuesB)
{
    ParameterDiff p;
    std::map<std::string, size_t> indexB;
    for (size_t i = 0; i < namesB.size(); ++i)
        indexB.emplace(namesB[i], i);
    std::map<std::string, bool> seenB;
    auto shapeOf = [](const at::Tensor& t) { return std::vector<int64_t>(t.sizes().begin(), t.sizes().end()); };
    auto dtypeOf = [](const at::Tensor& t) { return scalarTypeName(static_cast<int8_t>(t.scalar_type())); };
    for (size_t i = 0; i < namesA.size(); ++i) {
        const at::Tensor ta = valuesA[i].toTensor();
        ParameterRow row{namesA[i], "only_a", shapeOf(ta), {}, dtypeOf(ta), {}, 0};
        auto it = indexB.find(namesA[i]);
        if (it == indexB.end()) {
            p.only_a.push_back(namesA[i]);
        } else {
            seenB[namesA[i]] = true;
            const at::Tensor tb = valuesB[it->second].toTensor();
            row.shape_b = shapeOf(tb);
            row.dtype_b = dtypeOf(tb);
            if (row.shape_a != row.shape_b) {
                row.status = "shape_mismatch";
                p.shape_mismatch.push_back({namesA[i], row.shape_a, row.shape_b});
            } else {
                row.status = "matched";
                row.max_abs_diff = maxAbsDiff(ta, tb);
                ++p.matched;
                p.max_abs_diff = std::max(p.max_abs_diff, row.max_abs_diff);
                if (row.max_abs_diff > 0)
                    p.differing.push_back({row.name, row.max_abs_diff});
            }
        }
        p.rows.push_back(std::move(row));
    }
    for (size_t i = 0; i < namesB.size(); ++i) {
        if (seenB.count(namesB[i]))
            continue;
        const at::Tensor tb = valuesB[i].toTensor();
        p.only_b.push_back(namesB[i]);
        p.rows.push_back({namesB[i], "only_b", {}, shapeOf(tb), {}, dtypeOf(tb), 0});
    }
    std::stable_sort(p.differing.begin(), p.differing.end(),
                     [](const ParameterDiffEntry& x, const ParameterDiffEntry& y) { return x.max_abs_diff > y.max_abs_diff; });
    return p;
}

bool isTensorDict(const c10::IValue& v)
{
    if (!v.isGenericDict() || v.toGenericDict().empty())
        return false;
    for (const auto& entry : v.toGenericDict())
        if (!entry.key().isString() || !entry.value().isTensor())
            return false;
    return true;
}

// The state_dict in a loaded file: the dict itself, or a checkpoint's "state_dict" / "model" entry.
std::optional<c10::impl::GenericDict> findStateDict(const c10::IValue& v)
{
    if (isTensorDict(v))
        return v.toGenericDict();
    if (v.isGenericDict())
        for (const char* key : {"state_dict", "model_state_dict", "model"}) {
            const auto dict = v.toGenericDict();
            auto it = dict.find(c10::IValue(std::string(key)));
            if (it != dict.end() && isTensorDict(it->value()))
                return it->value().toGenericDict();
        }
    return std::nullopt;
}

std::optional<c10::impl::GenericDict> loadStateDict(const std::string& path, std::string* error)
{
    try {
        return findStateDict(loadFile(path));
    } catch (const InputError& e) {
        if (error)
            *error = e.error.message + (e.error.detail.empty() ? "" : " " + e.error.detail);
    } catch (const std::exception& e) {
        if (error)
            *error = e.what();
    }
    return std::nullopt;
}

using Clock = std::chrono::steady_clock;

} // namespace

std::vector<Leaf> flattenValue(const c10::IValue& value)
{
    std::vector<Leaf> out;
    flattenInto(value, "", out);
    return out;
}

OutputDiff diffLeaves(const std::string& path, const c10::IValue* a, const c10::IValue* b, double rtol, double atol)
{
    OutputDiff d;
    d.path = path;
    d.kind_a = leafKind(a);
    d.kind_b = leafKind(b);
    if (d.kind_a != d.kind_b) {
        d.note = "kinds differ";
        return d;
    }
    if (d.kind_a != "tensor") {
        auto text = [](const c10::IValue& v) {
            std::ostringstream out;
            if (v.isString())
                out << v.toStringRef();
            else if (!v.isNone())
                out << v;
            return out.str();
        };
        if (a->isDouble() || a->isInt()) {
            const double x = a->toScalar().toDouble(), y = b->toScalar().toDouble();
            d.max_abs = d.mean_abs = d.median_abs = finite(std::abs(x - y));
            d.max_rel = d.mean_rel = d.median_rel = finite(std::abs(x - y) / std::max(std::abs(y), 1e-12));
            d.allclose = std::abs(x - y) <= atol + rtol * std::abs(y) || (std::isnan(x) && std::isnan(y));
        }
        d.value_a = text(*a);
        d.value_b = text(*b);
        if (!a->isDouble() && !a->isInt())
            d.allclose = d.value_a == d.value_b;
        d.mismatched = d.allclose ? 0 : 1;
        return d;
    }
    const at::Tensor ta = a->toTensor().detach().to(at::kCPU), tb = b->toTensor().detach().to(at::kCPU);
    d.shape_a.assign(ta.sizes().begin(), ta.sizes().end());
    d.shape_b.assign(tb.sizes().begin(), tb.sizes().end());
    d.dtype_a = scalarTypeName(static_cast<int8_t>(ta.scalar_type()));
    d.dtype_b = scalarTypeName(static_cast<int8_t>(tb.scalar_type()));
    if (d.shape_a != d.shape_b) {
        d.note = "shapes differ";
        return d;
    }
    if (ta.is_quantized() || ta.is_complex() || ta.layout() != at::kStrided || tb.is_quantized() ||
        tb.is_complex() || tb.layout() != at::kStrided) {
        d.allclose = d.dtype_a == d.dtype_b && at::equal(ta, tb);
        d.note = "compared for equality only";
        return d;
    }
    if (ta.numel() == 0) {
        d.allclose = d.dtype_a == d.dtype_b;
        return d;
    }
    const at::Tensor da = ta.to(at::kDouble), db = tb.to(at::kDouble);
    const at::Tensor bothFinite = da.isfinite().logical_and(db.isfinite());
    const at::Tensor sameNonFinite = da.eq(db).logical_or(da.isnan().logical_and(db.isnan()));
    d.nonfinite_mismatch = bothFinite.logical_not().logical_and(sameNonFinite.logical_not()).sum().item<int64_t>();
    const at::Tensor absDiff = (da - db).abs().masked_select(bothFinite);
    const at::Tensor absB = db.abs().masked_select(bothFinite);
    if (absDiff.numel() > 0) {
        const at::Tensor rel = absDiff / absB.clamp_min(1e-12);
        d.max_abs = finite(absDiff.max().item<double>());
        d.mean_abs = finite(absDiff.mean().item<double>());
        d.median_abs = finite(absDiff.median().item<double>());
        d.max_rel = finite(rel.max().item<double>());
        d.mean_rel = finite(rel.mean().item<double>());
        d.median_rel = finite(rel.median().item<double>());
        d.mismatched = absDiff.gt(absB * rtol + atol).sum().item<int64_t>();
    }
    d.mismatched += d.nonfinite_mismatch;
    d.allclose = d.mismatched == 0 && d.dtype_a == d.dtype_b;
    if (d.dtype_a != d.dtype_b)
        d.note = "dtypes differ";
    return d;
}

Result<std::shared_ptr<CompareInputs>> buildCompareInputs(const Model& a, const Model& b, const CompareOptions& options)
{
    Invocation invocation;
    invocation.method = options.method;
    invocation.inputs = options.inputs;
    invocation.inputs_file = options.inputs_file;
    std::vector<std::string> descriptionsA, descriptionsB;
    auto argsA = buildInputs(a, invocation, descriptionsA);
    if (!argsA)
        return argsA.error();
    auto argsB = buildInputs(b, invocation, descriptionsB);
    if (!argsB) {
        Error e = argsB.error();
        e.message = "B: " + e.message;
        return e;
    }
    auto inputs = std::make_shared<CompareInputs>();
    inputs->descriptions.push_back("example");
    inputs->arguments.push_back(descriptionsA);
    inputs->a.push_back(argsA.value());
    inputs->b.push_back(argsB.value());
    if (options.probes) {
        try {
            const std::vector<Probe> probesA = deriveProbes(argsA.value());
            const std::vector<Probe> probesB = deriveProbes(argsB.value());
            for (size_t i = 0; i < probesA.size() && i < probesB.size(); ++i) {
                inputs->descriptions.push_back(probesA[i].description);
                std::vector<std::string> described;
                for (const c10::IValue& v : probesA[i].args)
                    described.push_back(describeValue(v));
                inputs->arguments.push_back(std::move(described));
                inputs->a.push_back(probesA[i].args);
                inputs->b.push_back(probesB[i].args);
            }
        } catch (const std::exception& e) {
            return Error{ErrorCode::Internal, "Cannot derive probe inputs from the example.", e.what(), {}};
        }
    }
    return inputs;
}

size_t inputCount(const CompareInputs& inputs)
{
    return inputs.descriptions.size();
}

std::string inputDescription(const CompareInputs& inputs, size_t index)
{
    return inputs.descriptions.at(index);
}

RunComparison compareRun(const Model& a, const Model& b, const CompareInputs& inputs, size_t index,
                         const CompareOptions& options)
{
    RunComparison c;
    c.description = inputs.descriptions[index];
    c.inputs = inputs.arguments[index];
    auto call = [&](const Model& m, const std::vector<c10::IValue>& args, c10::IValue& out, std::string& error) {
        try {
            c10::InferenceMode guard;
            out = m.module().get_method(options.method)(cloneArgs(args));
            return true;
        } catch (const c10::Error& e) {
            error = torchErrorSummary(e.what_without_backtrace());
        } catch (const std::exception& e) {
            error = torchErrorSummary(e.what());
        }
        return false;
    };
    c10::IValue outA, outB;
    c.a_ok = call(a, inputs.a[index], outA, c.a_error);
    c.b_ok = call(b, inputs.b[index], outB, c.b_error);
    if (c.a_ok && c.b_ok) {
        const std::vector<Leaf> leavesA = flattenValue(outA), leavesB = flattenValue(outB);
        c.same_structure = leavesA.size() == leavesB.size();
        c.allclose = true;
        for (size_t i = 0; i < std::max(leavesA.size(), leavesB.size()); ++i) {
            const Leaf* la = i < leavesA.size() ? &leavesA[i] : nullptr;
            const Leaf* lb = i < leavesB.size() ? &leavesB[i] : nullptr;
            if (la && lb && la->path != lb->path)
                c.same_structure = false;
            OutputDiff d = diffLeaves(la ? la->path : lb->path, la ? &la->value : nullptr, lb ? &lb->value : nullptr,
                                      options.rtol, options.atol);
            if (la && lb && la->path != lb->path)
                d.note += (d.note.empty() ? "" : "; ") + ("B's leaf is " + lb->path);
            c.allclose = c.allclose && d.allclose;
            c.outputs.push_back(std::move(d));
        }
        c.allclose = c.allclose && c.same_structure;
    }
    c.diverges = c.a_ok != c.b_ok || (c.a_ok && c.b_ok && !c.allclose);
    return c;
}

ParameterDiff compareParameters(const Model& a, const Model& b)
{
    std::vector<std::string> namesA, namesB;
    const auto valuesA = namedTensors(a.module(), namesA);
    const auto valuesB = namedTensors(b.module(), namesB);
    return diffNamed(namesA, valuesA, namesB, valuesB);
}

bool isStateDict(const std::string& path)
{
    return loadStateDict(path, nullptr).has_value();
}

Result<ParameterDiff> compareWithStateDict(const Model& a, const std::string& path, int64_t* paramCount)
{
    std::string error;
    auto dict = loadStateDict(path, &error);
    if (!dict)
        return Error{ErrorCode::BadInput, "'" + path + "' holds no state_dict (a dict of name → tensor).", error, {}};
    std::vector<std::string> namesA, namesB;
    const auto valuesA = namedTensors(a.module(), namesA);
    std::vector<c10::IValue> valuesB;
    bool allPrefixed = true;
    for (const auto& entry : *dict)
        allPrefixed = allPrefixed && entry.key().toStringRef().rfind("module.", 0) == 0;
    int64_t count = 0;
    for (const auto& entry : *dict) {
        const std::string& key = entry.key().toStringRef();
        namesB.push_back(allPrefixed ? key.substr(7) : key);
        valuesB.push_back(entry.value());
        count += entry.value().toTensor().numel();
    }
    if (paramCount)
        *paramCount = count;
    ParameterDiff p = diffNamed(namesA, valuesA, namesB, valuesB);
    p.prefix_stripped = allPrefixed;
    return p;
}

TimingComparison timeAlternating(const Model& a, const Model& b, const CompareInputs& inputs,
                                 const std::string& method, int iters, const std::atomic<bool>* stop)
{
    TimingComparison t;
    c10::InferenceMode guard;
    auto methodA = a.module().get_method(method);
    auto methodB = b.module().get_method(method);
    auto timed = [](torch::jit::Method& m, const std::vector<c10::IValue>& args) {
        std::vector<c10::IValue> stack = args; // what a bare loop does: copy the inputs, call
        const auto start = Clock::now();
        m(std::move(stack));
        return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    };
    auto stopped = [&] { return stop && stop->load(); };
    try {
        // The profiling executor's first calls are slower: warm both up before measuring.
        for (int i = 0; i < 3 && !stopped(); ++i) {
            timed(methodA, inputs.a[0]);
            timed(methodB, inputs.b[0]);
        }
        for (int i = 0; i < iters && !stopped(); ++i) {
            t.a_ms.push_back(timed(methodA, inputs.a[0]));
            t.b_ms.push_back(timed(methodB, inputs.b[0]));
        }
    } catch (const std::exception&) {
        // compareRun already reported the failure on the example; time what ran
    }
    t.iters = static_cast<int>(std::min(t.a_ms.size(), t.b_ms.size()));
    if (t.iters > 0) {
        t.a_median_ms = computeStats(t.a_ms).median;
        t.b_median_ms = computeStats(t.b_ms).median;
        t.ratio = t.a_median_ms > 0 ? t.b_median_ms / t.a_median_ms : 0;
    }
    return t;
}

} // namespace jitscope::detail
