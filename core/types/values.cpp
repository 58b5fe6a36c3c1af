#include "values.h"

#include <cmath>
#include <limits>

namespace jitscope {

std::string valueKey(int64_t id, const std::string& element)
{
    return element.empty() ? std::to_string(id) : std::to_string(id) + ":" + element;
}

namespace {

// JSON has no NaN: statistics of a tensor without finite elements travel as null and come back as NaN.
Json number(double v)
{
    return std::isfinite(v) ? Json(v) : Json(nullptr);
}

double readNumber(const Json& j, const char* key)
{
    auto it = j.find(key);
    return it == j.end() || it->is_null() ? std::numeric_limits<double>::quiet_NaN() : it->get<double>();
}

template<class T> void read(const Json& j, const char* key, T& field)
{
    auto it = j.find(key);
    if (it != j.end() && !it->is_null())
        it->get_to(field);
}

} // namespace

void to_json(Json& j, const RecordedValue& v)
{
    j = Json{{"id", v.id},
             {"element", v.element},
             {"name", v.name},
             {"node", v.node},
             {"kind", v.kind},
             {"module_path", v.module_path},
             {"type", v.type},
             {"shape", v.shape},
             {"dtype", v.dtype},
             {"device", v.device},
             {"numel", v.numel},
             {"min", number(v.min)},
             {"max", number(v.max)},
             {"mean", number(v.mean)},
             {"std", number(v.std)},
             {"nans", v.nans},
             {"infs", v.infs},
             {"count", v.count},
             {"histogram", v.histogram}};
    if (!v.saved.empty())
        j["saved"] = v.saved;
}

void from_json(const Json& j, RecordedValue& v)
{
    read(j, "id", v.id);
    read(j, "element", v.element);
    read(j, "name", v.name);
    read(j, "node", v.node);
    read(j, "kind", v.kind);
    read(j, "module_path", v.module_path);
    read(j, "type", v.type);
    read(j, "shape", v.shape);
    read(j, "dtype", v.dtype);
    read(j, "device", v.device);
    read(j, "numel", v.numel);
    v.min = readNumber(j, "min");
    v.max = readNumber(j, "max");
    v.mean = readNumber(j, "mean");
    v.std = readNumber(j, "std");
    read(j, "nans", v.nans);
    read(j, "infs", v.infs);
    read(j, "count", v.count);
    read(j, "histogram", v.histogram);
    read(j, "saved", v.saved);
}

JITSCOPE_DEFINE_JSON(FirstNonFinite, value, element, node, kind, module_path, source, original)
JITSCOPE_DEFINE_JSON(ValueTable, method, values, first_nonfinite, ms, values_dir)

} // namespace jitscope
