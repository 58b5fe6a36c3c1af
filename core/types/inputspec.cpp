// The input spec grammar: parsing and printing specs, shapes, dtype names, image options and .npy headers.
// Values are built from them in core/engine/inputs.cpp.
#include "inputspec.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <sstream>

namespace jitscope {

Error badInput(std::string message, std::string detail)
{
    return Error{ErrorCode::BadInput, std::move(message), std::move(detail), {}};
}

namespace {

bool isImageOption(const std::string& part)
{
    const auto dims = spec::split(part, 'x');
    return part == "imagenet" || part.rfind("mean=", 0) == 0 || part.rfind("std=", 0) == 0 ||
           spec::isNumber(dims.empty() ? part : dims[0], true);
}

Result<spec::ImageOptions> parseImageOptions(const std::vector<std::string>& options)
{
    spec::ImageOptions out;
    for (const std::string& option : options) {
        if (option == "imagenet") {
            out.mean = spec::imagenetMean();
            out.std = spec::imagenetStd();
        } else if (option.rfind("mean=", 0) == 0 || option.rfind("std=", 0) == 0) {
            auto& target = option[0] == 'm' ? out.mean : out.std;
            target.clear();
            for (const std::string& v : spec::split(option.substr(option.find('=') + 1), ',')) {
                if (!spec::isNumber(v, false))
                    return badInput("Bad number '" + v + "' in image option '" + option + "'.");
                target.push_back(std::strtod(v.c_str(), nullptr));
            }
        } else if (!option.empty()) {
            const auto dims = spec::split(option, 'x');
            if (dims.empty() || dims.size() > 2 || !spec::isNumber(dims[0], true) ||
                !spec::isNumber(dims.back(), true))
                return badInput("Bad image option '" + option +
                                "': expected SIZE, HxW, imagenet, mean=a,b,c or std=a,b,c.");
            out.resize.emplace_back(std::stoll(dims[0]), std::stoll(dims.back()));
        }
    }
    if ((!out.mean.empty() && out.mean.size() != 3) || (!out.std.empty() && out.std.size() != 3))
        return badInput("mean= and std= take three comma-separated values (R,G,B).");
    return out;
}

} // namespace

namespace spec {

std::vector<std::string> split(const std::string& text, char sep)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, sep))
        parts.push_back(part);
    if (!text.empty() && text.back() == sep)
        parts.emplace_back();
    return parts;
}

bool isNumber(const std::string& text, bool integerOnly)
{
    if (text.empty())
        return false;
    char* end = nullptr;
    if (integerOnly)
        std::strtoll(text.c_str(), &end, 10);
    else
        std::strtod(text.c_str(), &end);
    return end && *end == '\0';
}

std::string formatNumber(double value)
{
    for (int precision = 6; precision <= 17; ++precision) {
        std::ostringstream out;
        out.precision(precision);
        out << value;
        if (std::strtod(out.str().c_str(), nullptr) == value || precision == 17)
            return out.str();
    }
    return {};
}

const std::vector<std::string>& dtypeNames()
{
    static const std::vector<std::string> kNames{"float32", "float64", "float16", "bfloat16", "int8",
                                                 "uint8",   "int16",   "int32",   "int64",    "bool"};
    return kNames;
}

std::string canonicalDtype(const std::string& name)
{
    static const std::map<std::string, std::string> kAliases{{"float", "float32"},
                                                             {"double", "float64"},
                                                             {"half", "float16"},
                                                             {"int", "int32"},
                                                             {"long", "int64"}};
    if (std::find(dtypeNames().begin(), dtypeNames().end(), name) != dtypeNames().end())
        return name;
    const auto it = kAliases.find(name);
    return it == kAliases.end() ? std::string() : it->second;
}

bool isFloatingDtype(const std::string& canonical)
{
    return canonical == "float32" || canonical == "float64" || canonical == "float16" ||
           canonical == "bfloat16";
}

Result<std::vector<int64_t>> parseShape(const std::string& text)
{
    if (text == "scalar")
        return std::vector<int64_t>{};
    std::vector<int64_t> shape;
    for (const std::string& dim : split(text, 'x')) {
        if (!isNumber(dim, true) || std::stoll(dim) < 0)
            return badInput("Bad shape '" + text +
                            "': expected sizes joined by 'x', e.g. 1x3x224x224, or 'scalar'.");
        shape.push_back(std::stoll(dim));
    }
    if (shape.empty())
        return badInput("Empty shape in the input spec.");
    return shape;
}

std::string formatShape(const std::vector<int64_t>& shape)
{
    if (shape.empty())
        return "scalar";
    std::string out;
    for (size_t i = 0; i < shape.size(); ++i)
        out += (i ? "x" : "") + std::to_string(shape[i]);
    return out;
}

const std::vector<double>& imagenetMean()
{
    static const std::vector<double> kMean{0.485, 0.456, 0.406};
    return kMean;
}

const std::vector<double>& imagenetStd()
{
    static const std::vector<double> kStd{0.229, 0.224, 0.225};
    return kStd;
}

const std::vector<std::string>& generatorKinds()
{
    static const std::vector<std::string> kKinds{"zeros", "ones",  "full",   "arange",
                                                 "rand",  "randn", "randint"};
    return kKinds;
}

bool isGenerator(const std::string& kind)
{
    return std::find(generatorKinds().begin(), generatorKinds().end(), kind) != generatorKinds().end();
}

std::string defaultDtype(const std::string& kind)
{
    return kind == "randint" ? "int64" : "float32";
}

Result<TensorSpec> parseTensorSpec(const std::string& text)
{
    const size_t colon = text.find(':');
    TensorSpec out;
    out.kind = text.substr(0, colon);
    const std::string rest = colon == std::string::npos ? std::string() : text.substr(colon + 1);
    if (out.kind == "file") {
        out.path = rest;
        return out;
    }
    if (out.kind == "image") {
        const auto parts = split(rest, ':');
        // the path may hold ':'; options are the trailing parts that parse as options
        size_t pathEnd = parts.size();
        while (pathEnd > 1 && isImageOption(parts[pathEnd - 1]))
            --pathEnd;
        for (size_t i = 0; i < pathEnd; ++i)
            out.path += (i ? ":" : "") + parts[i];
        auto options = parseImageOptions({parts.begin() + static_cast<std::ptrdiff_t>(pathEnd), parts.end()});
        if (!options)
            return options.error();
        out.image = std::move(options.value());
        return out;
    }
    if (!isGenerator(out.kind))
        return badInput("Unknown input spec '" + text + "'.", inputSpecHelp());
    const std::vector<std::string> parts = split(rest, ':');
    size_t next = 0;
    std::optional<Error> missing;
    auto take = [&](const char* what) {
        if (next < parts.size())
            return parts[next++];
        if (!missing)
            missing = badInput("Input spec '" + text + "' lacks its " + what + ".", inputSpecHelp());
        return std::string();
    };
    auto number = [&](const char* what, double& target) -> std::optional<Error> {
        const std::string value = take(what);
        if (missing)
            return missing;
        if (!isNumber(value, false))
            return badInput("Bad " + std::string(what) + " '" + value + "' in input spec '" + text + "'.",
                            inputSpecHelp());
        target = std::strtod(value.c_str(), nullptr);
        return std::nullopt;
    };
    if (out.kind == "full")
        if (auto e = number("fill value", out.fill))
            return *e;
    if (out.kind == "randint") {
        if (auto e = number("low bound", out.low))
            return *e;
        if (auto e = number("high bound", out.high))
            return *e;
    }
    const std::string shapeText = take("shape");
    if (missing)
        return *missing;
    auto shape = parseShape(shapeText);
    if (!shape)
        return shape.error();
    out.shape = shape.value();
    for (; next < parts.size(); ++next) {
        const std::string& option = parts[next];
        if (option.rfind("seed=", 0) == 0 && isNumber(option.substr(5), true))
            out.seed = std::stoll(option.substr(5));
        else if (!canonicalDtype(option).empty())
            out.dtype = canonicalDtype(option);
        else
            return badInput("Unknown option '" + option + "' in input spec '" + text + "'.", inputSpecHelp());
    }
    if ((out.kind == "rand" || out.kind == "randn") && !out.dtype.empty() && !isFloatingDtype(out.dtype))
        return badInput(out.kind + " needs a floating dtype; use randint for integers.");
    return out;
}

std::string formatTensorSpec(const TensorSpec& spec)
{
    std::string out = spec.kind;
    if (spec.kind == "file")
        return out + ":" + spec.path;
    if (spec.kind == "image") {
        out += ":" + spec.path;
        for (const auto& [h, w] : spec.image.resize)
            out += ":" + (h == w ? std::to_string(h) : std::to_string(h) + "x" + std::to_string(w));
        if (spec.image.mean == imagenetMean() && spec.image.std == imagenetStd())
            return out + ":imagenet";
        auto values = [](const std::vector<double>& v) {
            std::string text;
            for (size_t i = 0; i < v.size(); ++i)
                text += (i ? "," : "") + formatNumber(v[i]);
            return text;
        };
        if (!spec.image.mean.empty())
            out += ":mean=" + values(spec.image.mean);
        if (!spec.image.std.empty())
            out += ":std=" + values(spec.image.std);
        return out;
    }
    if (spec.kind == "full")
        out += ":" + formatNumber(spec.fill);
    if (spec.kind == "randint")
        out += ":" + formatNumber(spec.low) + ":" + formatNumber(spec.high);
    out += ":" + formatShape(spec.shape);
    if (!spec.dtype.empty() && spec.dtype != defaultDtype(spec.kind))
        out += ":" + spec.dtype;
    if (spec.seed)
        out += ":seed=" + std::to_string(*spec.seed);
    return out;
}

std::optional<Json> parseScalarSpec(const std::string& text)
{
    if (text == "none" || text == "None")
        return Json(nullptr);
    if (text == "true" || text == "false")
        return Json(text == "true");
    if (isNumber(text, true))
        return Json(static_cast<int64_t>(std::stoll(text)));
    if (isNumber(text, false))
        return Json(std::stod(text));
    const size_t colon = text.find(':');
    const std::string kind = text.substr(0, colon);
    const std::string rest = colon == std::string::npos ? std::string() : text.substr(colon + 1);
    if (kind == "str")
        return Json(rest);
    if (kind == "int" && isNumber(rest, true))
        return Json(static_cast<int64_t>(std::stoll(rest)));
    if (kind == "float" && isNumber(rest, false))
        return Json(std::stod(rest));
    if (kind == "bool" && (rest == "true" || rest == "false" || rest == "1" || rest == "0"))
        return Json(rest == "true" || rest == "1");
    return std::nullopt;
}

} // namespace spec

Result<InputArg> parseInputArg(const std::string& text)
{
    InputArg arg;
    std::string spec = text;
    const size_t eq = text.find('=');
    const size_t colon = text.find(':');
    if (eq != std::string::npos && eq > 0 && (colon == std::string::npos || eq < colon)) {
        const std::string name = text.substr(0, eq);
        const bool identifier = (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_') &&
                                std::all_of(name.begin(), name.end(), [](char c) {
                                    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                                });
        if (identifier) {
            arg.name = name;
            spec = text.substr(eq + 1);
        }
    }
    auto value = spec::parseSpecText(spec);
    if (!value)
        return badInput("The input '" + text + "' is not valid JSON after 'json:'.");
    arg.value = std::move(value.value());
    return arg;
}

std::string inputSpecHelp()
{
    return R"(Input specs (one --input per argument, in order, or NAME=SPEC):
  randn:SHAPE[:DTYPE][:seed=N]     normal samples; SHAPE is sizes joined by 'x' (1x3x224x224) or 'scalar'
  rand:SHAPE  zeros:SHAPE  ones:SHAPE  arange:SHAPE  full:VALUE:SHAPE     (float32 unless DTYPE says)
  randint:LOW:HIGH:SHAPE[:DTYPE]   integers in [LOW, HIGH), int64 unless DTYPE says
  DTYPE: float32 float64 float16 bfloat16 int8 uint8 int16 int32 int64 bool; the seed defaults to the
         argument's position, so runs are reproducible
  file:PATH.pt                     a torch.save'd tensor, list, tuple or dict (converted to the schema's types)
  file:PATH.npy                    a NumPy array (little-endian numeric or bool)
  image:PATH[:SIZE|HxW][:imagenet|:mean=R,G,B:std=R,G,B]
                                   PNG/JPEG as float 1x3xHxW in [0, 1], resized and normalised if asked
                                   (decoded by torchvision's image library)
  3  0.5  true  none  int:3  float:2  bool:false  str:TEXT     scalars, None and strings
  json:VALUE                       lists [..], dicts {"key": ..} (in the order written) and tuples ([..]
                                   where the schema says Tuple) whose strings are specs: json:{"a":"randn:1x4"}
  --inputs-file PATH.pt            all positional arguments at once: a torch.save'd list (or dict by name))";
}

} // namespace jitscope
