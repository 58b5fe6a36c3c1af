#include "runresult.h"

#include <cmath>
#include <limits>
#include <regex>
#include <sstream>

namespace jitscope {

namespace {

// Reads j[key] into field when present. Doubles accept null (how JSON carries NaN/Inf) as NaN.
template<class T> void read(const Json& j, const char* key, T& field)
{
    auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return;
    it->get_to(field);
}

void read(const Json& j, const char* key, double& field)
{
    auto it = j.find(key);
    if (it == j.end())
        return;
    field = it->is_null() ? std::numeric_limits<double>::quiet_NaN() : it->get<double>();
}

Json number(double v)
{
    return std::isfinite(v) ? Json(v) : Json(nullptr);
}

void flatten(const ValueNode& node, std::vector<const TensorSummary*>& out)
{
    if (node.tensor)
        out.push_back(&*node.tensor);
    for (const ValueNode& child : node.children)
        flatten(child, out);
}

} // namespace

std::vector<const TensorSummary*> flattenTensors(const ValueNode& node)
{
    std::vector<const TensorSummary*> out;
    flatten(node, out);
    return out;
}

std::vector<SourceLocation> tracebackLocations(const std::string& errorText)
{
    static const std::regex kFrame(R"re(File "([^"]+)", line ([0-9]+)(?:, in ([A-Za-z_0-9.<>]+))?)re");
    std::vector<SourceLocation> frames;
    for (auto it = std::sregex_iterator(errorText.begin(), errorText.end(), kFrame);
         it != std::sregex_iterator(); ++it) {
        SourceLocation loc;
        loc.file = (*it)[1].str();
        loc.line = std::stoi((*it)[2].str());
        loc.text = (*it)[3].str();
        frames.push_back(std::move(loc));
    }
    return frames;
}

std::string torchErrorSummary(const std::string& errorText)
{
    std::vector<std::string> lines;
    std::istringstream in(errorText);
    for (std::string line; std::getline(in, line);) {
        if (line.find_first_not_of(" \t\r") != std::string::npos)
            lines.push_back(line);
    }
    if (lines.empty())
        return {};
    // Interpreter failures end with the original exception ("RuntimeError: mat1 and mat2 …"), after the
    // traceback; argument checks ("forward() Expected a value of type …") put the point first.
    if (errorText.find("Traceback of TorchScript") != std::string::npos)
        return lines.back();
    return lines.front();
}

JITSCOPE_DEFINE_JSON(ArgumentInfo, name, type, kind, has_default, default_value, keys)

void to_json(Json& j, const TopKEntry& v)
{
    j = Json{{"index", v.index}, {"value", number(v.value)}};
}

void from_json(const Json& j, TopKEntry& v)
{
    read(j, "index", v.index);
    read(j, "value", v.value);
}

void to_json(Json& j, const TensorSummary& v)
{
    Json preview = Json::array();
    for (double x : v.preview)
        preview.push_back(number(x));
    j = Json{{"shape", v.shape},       {"dtype", v.dtype},     {"device", v.device},   {"numel", v.numel},
             {"numeric", v.numeric},   {"sum", number(v.sum)}, {"min", number(v.min)}, {"max", number(v.max)},
             {"mean", number(v.mean)}, {"std", number(v.std)}, {"nans", v.nans},       {"infs", v.infs},
             {"preview", preview},     {"topk", v.topk}};
}

void from_json(const Json& j, TensorSummary& v)
{
    read(j, "shape", v.shape);
    read(j, "dtype", v.dtype);
    read(j, "device", v.device);
    read(j, "numel", v.numel);
    read(j, "numeric", v.numeric);
    read(j, "sum", v.sum);
    read(j, "min", v.min);
    read(j, "max", v.max);
    read(j, "mean", v.mean);
    read(j, "std", v.std);
    read(j, "nans", v.nans);
    read(j, "infs", v.infs);
    v.preview.clear();
    if (j.contains("preview"))
        for (const Json& x : j["preview"])
            v.preview.push_back(x.is_null() ? std::numeric_limits<double>::quiet_NaN() : x.get<double>());
    read(j, "topk", v.topk);
}

JITSCOPE_DEFINE_JSON(ValueNode, kind, type, key, text, tensor, children)

void to_json(Json& j, const RunResult& v)
{
    j = Json{{"method", v.method}, {"device", v.device},         {"output", v.output},
             {"ms", v.ms},         {"call_index", v.call_index}, {"warmup", v.warmup}};
    j["outputs"] = flatOutputsJson(v.output)["outputs"];
    if (v.values) {
        j["values"] = v.values->values;
        j["first_nonfinite"] = v.values->first_nonfinite;
        if (!v.values->values_dir.empty())
            j["values_dir"] = v.values->values_dir;
    }
}

void from_json(const Json& j, RunResult& v)
{
    read(j, "method", v.method);
    read(j, "device", v.device);
    read(j, "output", v.output);
    read(j, "ms", v.ms);
    read(j, "call_index", v.call_index);
    read(j, "warmup", v.warmup);
    if (j.contains("values") && j["values"].is_array()) {
        ValueTable table;
        table.method = v.method;
        table.ms = v.ms;
        read(j, "values", table.values);
        read(j, "first_nonfinite", table.first_nonfinite);
        read(j, "values_dir", table.values_dir);
        v.values = std::move(table);
    }
}

JITSCOPE_DEFINE_JSON(OpTime, name, module, calls, self_ms, total_ms)
JITSCOPE_DEFINE_JSON(OpProfile, forward_calls, forward_ms, ops, by_kind, by_module)
JITSCOPE_DEFINE_JSON(SampleStats, count, min, max, mean, median, p90, p99, std, q1, q3, iqr, total,
                     calls_per_s)

void to_json(Json& j, const BenchResult& v)
{
    const SampleStats& s = v.stats;
    j = Json{{"model", v.model},
             {"method", v.method},
             {"device", v.device},
             {"threads", v.threads},
             {"inputs", v.inputs},
             {"mode", v.mode},
             {"warmup", v.warmup_ms.size()},
             {"iters", s.count},
             {"stopped", v.stopped},
             {"min_ms", s.min},
             {"max_ms", s.max},
             {"mean_ms", s.mean},
             {"median_ms", s.median},
             {"p90_ms", s.p90},
             {"p99_ms", s.p99},
             {"std_ms", s.std},
             {"q1_ms", s.q1},
             {"q3_ms", s.q3},
             {"iqr_ms", s.iqr},
             {"total_ms", s.total},
             {"calls_per_s", s.calls_per_s},
             {"warmup_ms", v.warmup_ms},
             {"samples_ms", v.samples_ms}};
    j["profile"] = v.profile ? Json(*v.profile) : Json(nullptr);
}

void from_json(const Json& j, BenchResult& v)
{
    read(j, "model", v.model);
    read(j, "method", v.method);
    read(j, "device", v.device);
    read(j, "threads", v.threads);
    read(j, "inputs", v.inputs);
    read(j, "mode", v.mode);
    read(j, "stopped", v.stopped);
    read(j, "warmup_ms", v.warmup_ms);
    read(j, "samples_ms", v.samples_ms);
    read(j, "profile", v.profile);
    v.stats = computeStats(v.samples_ms); // derived: never trust two copies to agree
}

Json flatOutputsJson(const ValueNode& output)
{
    Json outputs = Json::array();
    for (const TensorSummary* t : flattenTensors(output)) {
        outputs.push_back(Json{{"shape", t->shape},
                               {"dtype", t->dtype},
                               {"sum", t->numeric ? number(t->sum) : Json(nullptr)},
                               {"min", t->numeric && t->numel ? number(t->min) : Json(nullptr)},
                               {"max", t->numeric && t->numel ? number(t->max) : Json(nullptr)},
                               {"mean", t->numeric && t->numel ? number(t->mean) : Json(nullptr)}});
    }
    return Json{{"outputs", outputs}};
}

} // namespace jitscope
