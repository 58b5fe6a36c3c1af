// The input spec grammar ("randn:1x3x224x224", "zeros:2x8:int64", "image:cat.png:224:imagenet", "3",
// "str:text", "json:[…]" …), parsed and printed in plain C++. The engine (core/engine/inputs.cpp) turns
// parsed specs into values; the GUI's argument editors read and write specs with the same code, so that
// what they produce is exactly what the worker accepts. Qt-free and LibTorch-free.
#pragma once

#include "error.h"
#include "json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jitscope {

// Input values keep the order of JSON objects as written: a Dict[str, Tensor] is iterated by the model in
// that order. (Json, nlohmann::json, sorts object keys.)
using OrderedJson = nlohmann::ordered_json;

// One argument as given: name "" takes the next positional slot.
struct InputArg
{
    std::string name;
    OrderedJson value;
};

// "name=SPEC", "SPEC" or "json:{…}" → InputArg. A leading identifier followed by '=' (before any ':')
// names the argument.
Result<InputArg> parseInputArg(const std::string& text);

// An input spec or value that cannot become an argument (ErrorCode::BadInput); used by the engine too.
Error badInput(std::string message, std::string detail = {});
// The spec grammar, as printed by `jitscope-cli run --help`.
std::string inputSpecHelp();

namespace spec {

std::vector<std::string> split(const std::string& text, char sep); // "a:b:" → {"a", "b", ""}
bool isNumber(const std::string& text, bool integerOnly);
std::string formatNumber(double value); // the shortest text that reads back as the same double

// Canonical dtype names (float32 float64 float16 bfloat16 int8 uint8 int16 int32 int64 bool);
// canonicalDtype also maps the aliases the grammar takes (float, double, half, int, long) and gives "" for
// anything else.
const std::vector<std::string>& dtypeNames();
std::string canonicalDtype(const std::string& name);
bool isFloatingDtype(const std::string& canonical);

// "1x3x224x224" → {1, 3, 224, 224}; "scalar" → {}.
Result<std::vector<int64_t>> parseShape(const std::string& text);
std::string formatShape(const std::vector<int64_t>& shape);

struct ImageOptions
{
    std::vector<std::pair<int64_t, int64_t>> resize; // (height, width), applied in order
    std::vector<double> mean, std;                   // R, G, B; normalised when either is set
};
const std::vector<double>& imagenetMean();
const std::vector<double>& imagenetStd();

// A spec that gives a tensor: a generator, an image, or a file (whose pickle may hold any value).
struct TensorSpec
{
    std::string kind = "randn"; // zeros ones full arange rand randn randint | file | image
    std::vector<int64_t> shape;
    std::string dtype;           // canonical name; "" = the kind's default (defaultDtype)
    double fill = 0;             // full
    double low = 0, high = 0;    // randint: integers in [low, high)
    std::optional<int64_t> seed; // none: the argument's position, so runs are reproducible
    std::string path;            // file, image
    ImageOptions image;
};
const std::vector<std::string>& generatorKinds(); // zeros ones full arange rand randn randint
bool isGenerator(const std::string& kind);
std::string defaultDtype(const std::string& kind); // int64 for randint, else float32

// A spec string → TensorSpec; an error (code bad_input, the grammar as detail) when it is no tensor spec
// or a malformed one. Scalars are parseScalarSpec's.
Result<TensorSpec> parseTensorSpec(const std::string& spec);
// The spec text, defaults left out: parseTensorSpec(formatTensorSpec(t)) gives t back.
std::string formatTensorSpec(const TensorSpec& spec);

// "none", "true", "3", "0.5", "int:3", "float:2", "bool:0", "str:text" → null, bool, int, double or string
// (a str: spec's text); nullopt for anything else.
std::optional<Json> parseScalarSpec(const std::string& spec);

// The text of a value as a spec line shows it: strings as they are (they are specs), null "none",
// numbers and bools as written (a float keeps its '.'), arrays and objects as "json:…".
std::string specText(const OrderedJson& value);
// The reverse: "json:…" is parsed (object keys kept in order), anything else is a spec string.
Result<OrderedJson> parseSpecText(const std::string& text);
// The protocol form of a value: Json sorts object keys, so dicts travel as arrays of [key, value] pairs,
// which the worker turns back into a dict where the schema says Dict (docs/protocol.md).
Json toProtocolValue(const OrderedJson& value);

// A TorchScript type as ArgumentInfo::type prints it: "Dict[str, Tensor]" → {"Dict", {{"str"}, {"Tensor"}}}.
struct TypeNode
{
    std::string name; // Tensor int float bool str Optional List Dict Tuple, or any other type's name
    std::vector<TypeNode> args;
};
std::optional<TypeNode> parseType(const std::string& annotation);

// A NumPy .npy header: format versions 1-3. dtype is the canonical name of a little-endian numeric or bool
// descr ("<f4" → float32), "" for anything else (descr then says what it was).
struct NpyHeader
{
    std::string descr;
    std::string dtype;
    bool fortran_order = false;
    std::vector<int64_t> shape;
    size_t data_offset = 0; // where the array's bytes begin
};
Result<NpyHeader> parseNpyHeader(const char* data, size_t size, const std::string& path);

} // namespace spec

} // namespace jitscope
