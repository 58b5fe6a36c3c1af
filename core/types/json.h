// JSON form of the model types (nlohmann-json). Keys are the structs' field names.
#pragma once

#include "error.h"
#include "graph.h"
#include "graphref.h"
#include "modelinfo.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace nlohmann {
template<class T> struct adl_serializer<std::optional<T>>
{
    static void to_json(json& j, const std::optional<T>& value)
    {
        if (value)
            j = *value;
        else
            j = nullptr;
    }
    static void from_json(const json& j, std::optional<T>& value)
    {
        if (j.is_null())
            value.reset();
        else
            value = j.get<T>();
    }
};
} // namespace nlohmann

namespace jitscope {

using Json = nlohmann::json;

#define JITSCOPE_DECLARE_JSON(Type)                                                                          \
    void to_json(Json& j, const Type& value);                                                                \
    void from_json(const Json& j, Type& value);

// Defines the pair declared above for a plain struct, keys named as its fields; missing keys keep the
// field's default. Use it in .cpp files only.
#define JITSCOPE_DEFINE_JSON(Type, ...)                                                                      \
    void to_json(Json& nlohmann_json_j, const Type& nlohmann_json_t)                                         \
    {                                                                                                        \
        NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(NLOHMANN_JSON_TO, __VA_ARGS__))                             \
    }                                                                                                        \
    void from_json(const Json& nlohmann_json_j, Type& nlohmann_json_t)                                       \
    {                                                                                                        \
        const Type nlohmann_json_default_obj{};                                                              \
        NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(NLOHMANN_JSON_FROM_WITH_DEFAULT, __VA_ARGS__))              \
    }

JITSCOPE_DECLARE_JSON(MethodInfo)
JITSCOPE_DECLARE_JSON(TensorMeta)
JITSCOPE_DECLARE_JSON(TensorStats)
JITSCOPE_DECLARE_JSON(AttributeInfo)
JITSCOPE_DECLARE_JSON(ModuleInfo)
JITSCOPE_DECLARE_JSON(ModelSummary)
JITSCOPE_DECLARE_JSON(IntegrityReport)
JITSCOPE_DECLARE_JSON(ModelInfo)
JITSCOPE_DECLARE_JSON(CodeEntry)
JITSCOPE_DECLARE_JSON(ValueInfo)
JITSCOPE_DECLARE_JSON(SourceLocation)
JITSCOPE_DECLARE_JSON(Attribute)
// Callee kinds travel as their wire names ("method", "function"); another text is a decoding error.
void to_json(Json& j, CalleeKind kind);
void from_json(const Json& j, CalleeKind& kind);
JITSCOPE_DECLARE_JSON(Callee)
JITSCOPE_DECLARE_JSON(GraphRef)
JITSCOPE_DECLARE_JSON(Node)
JITSCOPE_DECLARE_JSON(Block)
JITSCOPE_DECLARE_JSON(Graph)
JITSCOPE_DECLARE_JSON(Error)

// The flat, documented form of `jitscope-cli info --json` (summary fields at the top level).
Json infoToJson(const ModelInfo& info);

} // namespace jitscope
