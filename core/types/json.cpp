#include "json.h"

#include <stdexcept>

namespace jitscope {

JITSCOPE_DEFINE_JSON(MethodInfo, name, schema)
JITSCOPE_DEFINE_JSON(TensorMeta, name, shape, dtype, numel, bytes, requires_grad, device)
JITSCOPE_DEFINE_JSON(TensorStats, name, numel, min, max, mean, std, zeros, nans, infs, numeric)
JITSCOPE_DEFINE_JSON(AttributeInfo, name, type, preview)
JITSCOPE_DEFINE_JSON(ModuleInfo, path, name, type, methods, attributes, own_param_count, own_param_bytes,
                     param_count, param_bytes, depth, called_by_forward)
JITSCOPE_DEFINE_JSON(ModelSummary, path, bytes, format_version, archive_name, extra_files, methods,
                     has_debug_info, param_count, param_bytes, buffer_count, buffer_bytes, module_count,
                     root_type, loaded_libraries, notes, load_ms)
JITSCOPE_DEFINE_JSON(IntegrityReport, checked, ok, bad_records, damaged_tensors, problems)
JITSCOPE_DEFINE_JSON(ModelInfo, summary, integrity, modules, parameters, buffers)
JITSCOPE_DEFINE_JSON(CodeEntry, qualified_name, kind, text, file)
JITSCOPE_DEFINE_JSON(ValueInfo, id, name, type)
JITSCOPE_DEFINE_JSON(SourceLocation, file, line, column, text)
JITSCOPE_DEFINE_JSON(Attribute, name, kind, value)
void to_json(Json& j, CalleeKind kind)
{
    j = toString(kind);
}

void from_json(const Json& j, CalleeKind& kind)
{
    if (!calleeKindFromString(j.get<std::string>(), kind))
        throw std::invalid_argument("unknown kind \"" + j.get<std::string>() + "\" (method or function)");
}

JITSCOPE_DEFINE_JSON(Callee, kind, module_path, method, type)
JITSCOPE_DEFINE_JSON(GraphRef, kind, module_path, name, inlined)
JITSCOPE_DEFINE_JSON(Node, id, kind, inputs, outputs, attributes, blocks, schema, module_path, attr_path,
                     attr_kind, source, original, callee, call_sites)
JITSCOPE_DEFINE_JSON(Block, inputs, outputs, nodes)
JITSCOPE_DEFINE_JSON(Graph, module_path, module_type, method, inlined, inputs, outputs, nodes, text, pass)

void to_json(Json& j, const Error& value)
{
    j = Json{{"code", toString(value.code)}, {"message", value.message}, {"detail", value.detail}};
    if (!value.op.empty())
        j["op"] = value.op;
}

void from_json(const Json& j, Error& value)
{
    value.code = errorCodeFromString(j.value("code", std::string()));
    value.message = j.value("message", std::string());
    value.detail = j.value("detail", std::string());
    value.op = j.value("op", std::string());
}

Json infoToJson(const ModelInfo& info)
{
    Json j = info.summary;
    j["methods"] = Json::array();
    for (const MethodInfo& method : info.summary.methods)
        j["methods"].push_back(method.name);
    j["method_schemas"] = info.summary.methods;
    j["modules"] = info.modules;
    j["parameters"] = info.parameters;
    j["buffers"] = info.buffers;
    j["integrity"] = info.integrity;
    return j;
}

} // namespace jitscope
