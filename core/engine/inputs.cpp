// Inputs of a run: spec strings and JSON into IValues, files (torch.save pickles, .npy, images), and the
// conversion to the method schema's types that torch::jit::pickle_load's untyped containers need.
#include "engine.h"
#include "names.h"
#include "run.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/serialization/unpickler.h>
#include <torch/script.h>

#include <dlfcn.h>

#include <cctype>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

namespace jitscope {

namespace {

Error badInput(std::string message, std::string detail = {})
{
    return Error{ErrorCode::BadInput, std::move(message), std::move(detail), {}};
}

// Thrown inside this file only; buildInputs turns it into a Result.
struct InputError
{
    Error error;
};

[[noreturn]] void fail(std::string message, std::string detail = {})
{
    throw InputError{badInput(std::move(message), std::move(detail))};
}

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

bool isNumber(const std::string& s, bool integerOnly)
{
    if (s.empty())
        return false;
    char* end = nullptr;
    if (integerOnly)
        std::strtoll(s.c_str(), &end, 10);
    else
        std::strtod(s.c_str(), &end);
    return end && *end == '\0';
}

std::optional<at::ScalarType> dtypeFromName(const std::string& name)
{
    static const std::map<std::string, at::ScalarType> kTypes{
        {"float32", at::kFloat}, {"float", at::kFloat}, {"float64", at::kDouble},    {"double", at::kDouble},
        {"float16", at::kHalf},  {"half", at::kHalf},   {"bfloat16", at::kBFloat16}, {"int8", at::kChar},
        {"uint8", at::kByte},    {"int16", at::kShort}, {"int32", at::kInt},         {"int", at::kInt},
        {"int64", at::kLong},    {"long", at::kLong},   {"bool", at::kBool}};
    auto it = kTypes.find(name);
    if (it == kTypes.end())
        return std::nullopt;
    return it->second;
}

std::vector<int64_t> parseShape(const std::string& text)
{
    if (text == "scalar")
        return {};
    std::vector<int64_t> shape;
    for (const std::string& dim : split(text, 'x')) {
        if (!isNumber(dim, true) || std::stoll(dim) < 0)
            fail("Bad shape '" + text + "': expected sizes joined by 'x', e.g. 1x3x224x224, or 'scalar'.");
        shape.push_back(std::stoll(dim));
    }
    if (shape.empty())
        fail("Empty shape in the input spec.");
    return shape;
}

std::vector<char> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail("Cannot read input file '" + path + "'.");
    return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// NumPy .npy, format versions 1-3, little-endian numeric dtypes; Fortran order is transposed back.
at::Tensor loadNpy(const std::string& path)
{
    const std::vector<char> data = readBytes(path);
    if (data.size() < 10 || std::string(data.data() + 1, 5) != "NUMPY")
        fail("'" + path + "' is not a NumPy .npy file.");
    const int major = static_cast<unsigned char>(data[6]);
    size_t headerLen = 0, offset = 0;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(data[8]) | (static_cast<unsigned char>(data[9]) << 8);
        offset = 10;
    } else {
        for (int i = 0; i < 4; ++i)
            headerLen |= static_cast<size_t>(static_cast<unsigned char>(data[8 + i])) << (8 * i);
        offset = 12;
    }
    const std::string header(data.data() + offset, std::min(headerLen, data.size() - offset));
    auto field = [&](const std::string& key) {
        const size_t at = header.find("'" + key + "'");
        if (at == std::string::npos)
            fail("'" + path + "': no '" + key + "' in the .npy header.", header);
        return header.substr(header.find(':', at) + 1);
    };
    std::string descr = field("descr");
    descr = descr.substr(descr.find('\'') + 1);
    descr = descr.substr(0, descr.find('\''));
    const bool fortran = field("fortran_order").find("True") < field("fortran_order").find(',');
    std::string shapeText = field("shape");
    shapeText = shapeText.substr(shapeText.find('(') + 1, shapeText.find(')') - shapeText.find('(') - 1);
    std::vector<int64_t> shape;
    for (const std::string& dim : split(shapeText, ','))
        if (dim.find_first_not_of(" ") != std::string::npos)
            shape.push_back(std::stoll(dim));
    static const std::map<std::string, at::ScalarType> kDescr{
        {"<f4", at::kFloat}, {"<f8", at::kDouble}, {"<f2", at::kHalf},
        {"|i1", at::kChar},  {"<i2", at::kShort},  {"<i4", at::kInt},
        {"<i8", at::kLong},  {"|u1", at::kByte},   {"|b1", at::kBool}};
    auto type = kDescr.find(descr);
    if (type == kDescr.end())
        fail("'" + path + "': unsupported .npy dtype '" + descr + "' (little-endian numeric or bool only).");
    std::vector<int64_t> storageShape = shape;
    if (fortran)
        std::reverse(storageShape.begin(), storageShape.end());
    const size_t start = offset + headerLen;
    at::Tensor t = at::empty(storageShape, at::TensorOptions().dtype(type->second));
    const size_t bytes = static_cast<size_t>(t.numel()) * t.element_size();
    if (data.size() < start + bytes)
        fail("'" + path + "' is truncated: the header promises more data than the file holds.");
    std::memcpy(t.data_ptr(), data.data() + start, bytes);
    if (fortran) {
        std::vector<int64_t> order;
        for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i)
            order.push_back(i);
        t = t.permute(order).contiguous();
    }
    return t;
}

// PNG/JPEG through torchvision's own decoder library (the worker has no Qt and LibTorch decodes no
// images): dlopen'd like torchvision's op library, which has no Python symbol dependencies either.
at::Tensor loadImage(const std::string& path, std::vector<std::string> options)
{
    static bool loaded = false;
    if (!loaded) {
        std::string ops = extensions::findTorchvisionOps();
        const size_t slash = ops.rfind('/');
        const std::string lib =
            ops.empty() ? std::string() : ops.substr(0, slash + 1) + "image.cpython-311-x86_64-linux-gnu.so";
        const char* overridden = std::getenv("JITSCOPE_TORCHVISION_IMAGE");
        const std::string chosen = overridden ? overridden : lib;
        if (chosen.empty() || !dlopen(chosen.c_str(), RTLD_NOW | RTLD_GLOBAL))
            fail("image: inputs need torchvision's image library (python3-torchvision); convert the image to "
                 "a "
                 ".npy file instead.",
                 chosen.empty() ? "not found" : dlerror());
        loaded = true;
    }
    const std::vector<char> bytes = readBytes(path);
    at::Tensor data = at::empty({static_cast<int64_t>(bytes.size())}, at::kByte);
    std::memcpy(data.data_ptr(), bytes.data(), bytes.size());
    auto decode = c10::Dispatcher::singleton()
                      .findSchemaOrThrow("image::decode_image", "")
                      .typed<at::Tensor(const at::Tensor&, int64_t)>();
    at::Tensor image;
    try {
        image = decode.call(data, /*ImageReadMode.RGB*/ 3);
    } catch (const std::exception& e) {
        fail("Cannot decode image '" + path + "' (PNG and JPEG only).", e.what());
    }
    image = image.to(at::kFloat).div_(255.0).unsqueeze(0); // 1x3xHxW in [0, 1]
    std::vector<double> mean, stdev;
    for (const std::string& option : options) {
        if (option == "imagenet") {
            mean = {0.485, 0.456, 0.406};
            stdev = {0.229, 0.224, 0.225};
        } else if (option.rfind("mean=", 0) == 0 || option.rfind("std=", 0) == 0) {
            auto& target = option[0] == 'm' ? mean : stdev;
            target.clear();
            for (const std::string& v : split(option.substr(option.find('=') + 1), ','))
                target.push_back(std::stod(v));
        } else if (!option.empty()) {
            const auto dims = split(option, 'x');
            if (dims.empty() || dims.size() > 2 || !isNumber(dims[0], true) || !isNumber(dims.back(), true))
                fail("Bad image option '" + option +
                     "': expected SIZE, HxW, imagenet, mean=a,b,c or std=a,b,c.");
            image = at::upsample_bilinear2d(image, {std::stoll(dims[0]), std::stoll(dims.back())}, false);
        }
    }
    if (!mean.empty() || !stdev.empty()) {
        if (mean.empty())
            mean.assign(3, 0.0);
        if (stdev.empty())
            stdev.assign(3, 1.0);
        if (mean.size() != 3 || stdev.size() != 3)
            fail("mean= and std= take three comma-separated values (R,G,B).");
        image = (image - at::tensor(mean, at::kFloat).view({1, 3, 1, 1})) /
                at::tensor(stdev, at::kFloat).view({1, 3, 1, 1});
    }
    return image.contiguous();
}

// LibTorch's unpickler lacks APPEND ('a') and SETITEM ('s'), which Python's pickler writes for one-element
// lists and dicts (torch.save([x]) fails with "Unknown opcode for unpickling at 0x61"). Rewrite each
// `item APPEND` as `MARK item APPENDS` (SETITEM likewise): that needs where the item began, hence a walk
// that tracks the stack.
std::string rewriteAppends(const std::string& in)
{
    struct Item
    {
        size_t start;
        bool mark;
    };
    std::vector<Item> stack;
    std::vector<size_t> markAt;                    // byte offsets where a MARK gets inserted
    std::vector<std::pair<size_t, char>> appendAt; // APPEND → APPENDS, SETITEM → SETITEMS
    auto le = [&](size_t at, int bytes) {
        uint64_t v = 0;
        for (int i = 0; i < bytes && at + i < in.size(); ++i)
            v |= static_cast<uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
        return static_cast<size_t>(v);
    };
    auto pop = [&](size_t n) {
        size_t start = std::string::npos;
        for (size_t i = 0; i < n && !stack.empty(); ++i) {
            start = stack.back().start;
            stack.pop_back();
        }
        return start;
    };
    auto popToMark = [&] {
        while (!stack.empty() && !stack.back().mark)
            stack.pop_back();
        const size_t start = stack.empty() ? 0 : stack.back().start;
        if (!stack.empty())
            stack.pop_back();
        return start;
    };
    size_t pos = 0;
    while (pos < in.size()) {
        const size_t op = pos;
        const unsigned char code = static_cast<unsigned char>(in[pos++]);
        switch (code) {
        case 0x80:
            pos += 1;
            break; // PROTO
        case 0x95:
            pos += 8;
            break; // FRAME
        case '.':
            pos = in.size();
            break; // STOP
        case 'J':
            pos += 4;
            stack.push_back({op, false});
            break; // BININT
        case 'K':
            pos += 1;
            stack.push_back({op, false});
            break; // BININT1
        case 'M':
            pos += 2;
            stack.push_back({op, false});
            break; // BININT2
        case 'G':
            pos += 8;
            stack.push_back({op, false});
            break; // BINFLOAT
        case 0x8a:
            pos += 1 + le(pos, 1);
            stack.push_back({op, false});
            break; // LONG1
        case 0x8b:
            pos += 4 + le(pos, 4);
            stack.push_back({op, false});
            break; // LONG4
        case 'X':
        case 'T':
        case 'B':
            pos += 4 + le(pos, 4);
            stack.push_back({op, false});
            break;
        case 'U':
        case 'C':
        case 0x8c:
            pos += 1 + le(pos, 1);
            stack.push_back({op, false});
            break;
        case 0x8d:
        case 0x8e:
            pos += 8 + le(pos, 8);
            stack.push_back({op, false});
            break;
        case 'q':
            pos += 1;
            break; // BINPUT
        case 'r':
            pos += 4;
            break; // LONG_BINPUT
        case 0x94:
            break; // MEMOIZE
        case 'h':
            pos += 1;
            stack.push_back({op, false});
            break; // BINGET
        case 'j':
            pos += 4;
            stack.push_back({op, false});
            break; // LONG_BINGET
        case 'c':  // GLOBAL
            pos = in.find('\n', in.find('\n', pos) + 1) + 1;
            stack.push_back({op, false});
            break;
        case 'N':
        case 0x88:
        case 0x89:
        case ']':
        case '}':
        case ')':
        case 0x8f:
            stack.push_back({op, false});
            break;
        case '(':
            stack.push_back({op, true});
            break; // MARK
        case 't':
        case 0x91:
            stack.push_back({popToMark(), false});
            break; // TUPLE, FROZENSET
        case 'e':
        case 'u':
        case 0x90:
            popToMark();
            break; // APPENDS, SETITEMS, ADDITEMS
        case 0x85:
            stack.push_back({pop(1), false});
            break; // TUPLE1
        case 0x86:
            stack.push_back({pop(2), false});
            break; // TUPLE2
        case 0x87:
            stack.push_back({pop(3), false});
            break; // TUPLE3
        case 'a':
            markAt.push_back(pop(1));
            appendAt.push_back({op, 'e'});
            break; // APPEND
        case 's':
            markAt.push_back(pop(2));
            appendAt.push_back({op, 'u'});
            break; // SETITEM
        case 'b':
            pop(1);
            break; // BUILD
        case 'R':
        case 0x81:
        case 0x93:
            stack.push_back({pop(2), false});
            break; // REDUCE, NEWOBJ, STACK_GLOBAL
        case 0x92:
            stack.push_back({pop(3), false});
            break; // NEWOBJ_EX
        case 'Q':
            stack.push_back({pop(1), false});
            break; // BINPERSID
        default:
            return in; // unknown: leave it to LibTorch's unpickler and its message
        }
    }
    if (appendAt.empty())
        return in;
    std::sort(markAt.begin(), markAt.end()); // nested one-element lists append outer items last
    std::string out;
    size_t from = 0, m = 0, a = 0;
    while (m < markAt.size() || a < appendAt.size()) {
        const bool mark = a >= appendAt.size() || (m < markAt.size() && markAt[m] <= appendAt[a].first);
        const char replacement = mark ? '(' : appendAt[a].second;
        const size_t at = mark ? markAt[m++] : appendAt[a++].first;
        out.append(in, from, at - from);
        out += replacement;
        from = mark ? at : at + 1;
    }
    out.append(in, from, std::string::npos);
    return out;
}

c10::IValue loadPickle(const std::string& path)
{
    caffe2::serialize::PyTorchStreamReader reader(path);
    const auto [data, size] = reader.getRecord("data.pkl");
    const std::string pickle = rewriteAppends(std::string(static_cast<const char*>(data.get()), size));
    size_t offset = 0;
    auto read = [&](char* buffer, size_t n) {
        n = std::min(n, pickle.size() - offset);
        std::memcpy(buffer, pickle.data() + offset, n);
        offset += n;
        return n;
    };
    auto readRecord = [&](const std::string& name) {
        return std::get<0>(reader.getRecord(reader.hasRecord("data/" + name) ? "data/" + name : name));
    };
    torch::jit::Unpickler unpickler(read, nullptr, nullptr, readRecord, c10::nullopt);
    unpickler.set_version(reader.version());
    return unpickler.parse_ivalue();
}

c10::IValue loadFile(const std::string& path)
{
    if (path.size() > 4 && path.compare(path.size() - 4, 4, ".npy") == 0)
        return loadNpy(path);
    try {
        readBytes(path).empty(); // a readable message for a missing file
        return loadPickle(path);
    } catch (const c10::Error& e) {
        fail("Cannot read '" + path + "' as a torch.save'd value.", e.what_without_backtrace());
    }
}

// A spec string → value. Grammar: inputSpecHelp().
c10::IValue fromSpec(const std::string& spec, int64_t position)
{
    if (spec == "none" || spec == "None")
        return c10::IValue();
    if (spec == "true" || spec == "false")
        return spec == "true";
    if (isNumber(spec, true))
        return static_cast<int64_t>(std::stoll(spec));
    if (isNumber(spec, false))
        return std::stod(spec);
    const size_t colon = spec.find(':');
    const std::string kind = spec.substr(0, colon);
    const std::string rest = colon == std::string::npos ? std::string() : spec.substr(colon + 1);
    if (kind == "str")
        return rest;
    if (kind == "int" && isNumber(rest, true))
        return static_cast<int64_t>(std::stoll(rest));
    if (kind == "float" && isNumber(rest, false))
        return std::stod(rest);
    if (kind == "bool" && (rest == "true" || rest == "false" || rest == "1" || rest == "0"))
        return rest == "true" || rest == "1";
    if (kind == "file")
        return loadFile(rest);
    if (kind == "image") {
        auto parts = split(rest, ':');
        // the path may hold ':'; options are the trailing parts that parse as options
        size_t pathEnd = parts.size();
        while (pathEnd > 1) {
            const std::string& p = parts[pathEnd - 1];
            const bool option = p == "imagenet" || p.rfind("mean=", 0) == 0 || p.rfind("std=", 0) == 0 ||
                                isNumber(split(p, 'x').empty() ? p : split(p, 'x')[0], true);
            if (!option)
                break;
            --pathEnd;
        }
        std::string path;
        for (size_t i = 0; i < pathEnd; ++i)
            path += (i ? ":" : "") + parts[i];
        return loadImage(path, std::vector<std::string>(parts.begin() + static_cast<std::ptrdiff_t>(pathEnd),
                                                        parts.end()));
    }

    static const std::set<std::string> kGenerators{"zeros", "ones",  "full",   "arange",
                                                   "rand",  "randn", "randint"};
    if (!kGenerators.count(kind))
        fail("Unknown input spec '" + spec + "'.", inputSpecHelp());
    std::vector<std::string> parts = split(rest, ':');
    size_t next = 0;
    auto take = [&](const char* what) {
        if (next >= parts.size())
            fail("Input spec '" + spec + "' lacks its " + what + ".", inputSpecHelp());
        return parts[next++];
    };
    double fill = 0, low = 0, high = 0;
    if (kind == "full")
        fill = std::stod(take("fill value"));
    if (kind == "randint") {
        low = std::stod(take("low bound"));
        high = std::stod(take("high bound"));
    }
    const std::vector<int64_t> shape = parseShape(take("shape"));
    at::ScalarType dtype = kind == "randint" ? at::kLong : at::kFloat;
    int64_t seed = position; // distinct, reproducible tensors per argument unless seed= says otherwise
    for (; next < parts.size(); ++next) {
        const std::string& option = parts[next];
        if (option.rfind("seed=", 0) == 0 && isNumber(option.substr(5), true))
            seed = std::stoll(option.substr(5));
        else if (auto t = dtypeFromName(option))
            dtype = *t;
        else
            fail("Unknown option '" + option + "' in input spec '" + spec + "'.", inputSpecHelp());
    }
    const auto opts = at::TensorOptions().dtype(dtype);
    torch::manual_seed(static_cast<uint64_t>(seed));
    if (kind == "zeros")
        return at::zeros(shape, opts);
    if (kind == "ones")
        return at::ones(shape, opts);
    if (kind == "full")
        return at::full(shape, fill, opts);
    if (kind == "arange") {
        int64_t numel = 1;
        for (int64_t d : shape)
            numel *= d;
        return at::arange(numel, opts).reshape(shape);
    }
    if (kind == "randint")
        return at::randint(static_cast<int64_t>(low), static_cast<int64_t>(high), shape, opts);
    if (!at::isFloatingType(dtype))
        fail(kind + " needs a floating dtype; use randint for integers.");
    return kind == "rand" ? at::rand(shape, opts) : at::randn(shape, opts);
}

// JSON → value: strings are specs, arrays lists, objects dicts with string keys.
c10::IValue fromJson(const Json& value, int64_t position)
{
    if (value.is_null())
        return c10::IValue();
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number_integer())
        return value.get<int64_t>();
    if (value.is_number())
        return value.get<double>();
    if (value.is_string())
        return fromSpec(value.get<std::string>(), position);
    if (value.is_array()) {
        c10::impl::GenericList list(c10::AnyType::get());
        for (const Json& item : value)
            list.push_back(fromJson(item, position));
        return list;
    }
    c10::impl::GenericDict dict(c10::StringType::get(), c10::AnyType::get());
    for (auto it = value.begin(); it != value.end(); ++it)
        dict.insert(it.key(), fromJson(it.value(), position));
    return dict;
}

} // namespace

namespace {

// torch::jit::pickle_load and fromJson give untyped containers (List[Any], Dict[Any, Any]); a method whose
// schema says Dict[str, Tensor] rejects them. Rebuild containers with the schema's element types.
// Whatever does not fit is passed unchanged, so that TorchScript reports the mismatch in its own words.
c10::IValue conform(const c10::IValue& value, const c10::TypePtr& type)
{
    using c10::TypeKind;
    switch (type->kind()) {
    case TypeKind::OptionalType:
        return value.isNone() ? value : conform(value, type->expectRef<c10::OptionalType>().getElementType());
    case TypeKind::ListType:
        if (value.isList() || value.isTuple()) {
            const auto elem = type->expectRef<c10::ListType>().getElementType();
            c10::impl::GenericList out(elem);
            const auto items = value.isList() ? value.toListRef().vec() : value.toTupleRef().elements().vec();
            for (const auto& item : items)
                out.push_back(conform(item, elem));
            return out;
        }
        break;
    case TypeKind::DictType:
        if (value.isGenericDict()) {
            const auto& dt = type->expectRef<c10::DictType>();
            c10::impl::GenericDict out(dt.getKeyType(), dt.getValueType());
            for (const auto& entry : value.toGenericDict())
                out.insert(conform(entry.key(), dt.getKeyType()), conform(entry.value(), dt.getValueType()));
            return out;
        }
        break;
    case TypeKind::TupleType:
        if (value.isList() || value.isTuple()) {
            const auto& elems = type->expectRef<c10::TupleType>().elements();
            const auto items = value.isList() ? value.toListRef().vec() : value.toTupleRef().elements().vec();
            if (items.size() == elems.size()) {
                std::vector<c10::IValue> out;
                for (size_t i = 0; i < items.size(); ++i)
                    out.push_back(conform(items[i], elems[i]));
                return c10::ivalue::Tuple::create(std::move(out));
            }
        }
        break;
    case TypeKind::FloatType:
        if (value.isInt())
            return static_cast<double>(value.toInt());
        break;
    case TypeKind::IntType:
        if (value.isDouble() &&
            value.toDouble() == static_cast<double>(static_cast<int64_t>(value.toDouble())))
            return static_cast<int64_t>(value.toDouble());
        break;
    default:
        break;
    }
    return value;
}

c10::IValue toDevice(const c10::IValue& value, const c10::Device& device)
{
    if (device.is_cpu())
        return value; // everything is built on the CPU
    if (value.isTensor())
        return value.toTensor().to(device);
    if (value.isList()) {
        auto list = value.toList();
        c10::impl::GenericList out(list.elementType());
        for (const auto& item : list)
            out.push_back(toDevice(item, device));
        return out;
    }
    if (value.isGenericDict()) {
        auto dict = value.toGenericDict();
        c10::impl::GenericDict out(dict.keyType(), dict.valueType());
        for (const auto& entry : dict)
            out.insert(entry.key(), toDevice(entry.value(), device));
        return out;
    }
    if (value.isTuple()) {
        std::vector<c10::IValue> out;
        for (const auto& item : value.toTupleRef().elements())
            out.push_back(toDevice(item, device));
        return c10::ivalue::Tuple::create(std::move(out));
    }
    return value;
}

std::string argumentKind(const c10::TypePtr& type)
{
    using c10::TypeKind;
    switch (type->kind()) {
    case TypeKind::TensorType:
        return "tensor";
    case TypeKind::OptionalType: {
        const auto elem = type->expectRef<c10::OptionalType>().getElementType();
        return elem->kind() == TypeKind::TensorType ? "optional_tensor" : argumentKind(elem);
    }
    case TypeKind::ListType:
        return type->expectRef<c10::ListType>().getElementType()->kind() == TypeKind::TensorType
                   ? "tensor_list"
                   : "other";
    case TypeKind::DictType:
        return type->expectRef<c10::DictType>().getValueType()->kind() == TypeKind::TensorType ? "tensor_dict"
                                                                                               : "other";
    case TypeKind::TupleType:
        return "tuple";
    case TypeKind::IntType:
        return "int";
    case TypeKind::FloatType:
        return "float";
    case TypeKind::BoolType:
        return "bool";
    case TypeKind::StringType:
        return "str";
    case TypeKind::NoneType:
        return "none";
    default:
        return "other";
    }
}

std::optional<torch::jit::Method> findMethod(const Model& model, const std::string& name)
{
    auto method = model.module().find_method(name);
    if (!method)
        return std::nullopt;
    return *method;
}

} // namespace

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
    if (spec.rfind("json:", 0) == 0) {
        arg.value = Json::parse(spec.substr(5), nullptr, false);
        if (arg.value.is_discarded())
            return badInput("The input '" + text + "' is not valid JSON after 'json:'.");
    } else {
        arg.value = spec;
    }
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
  json:VALUE                       lists [..], dicts {"key": ..} and tuples ([..] where the schema says
                                   Tuple) whose strings are specs: json:{"a":"randn:1x4"}
  --inputs-file PATH.pt            all positional arguments at once: a torch.save'd list (or dict by name))";
}

Result<std::vector<ArgumentInfo>> methodArguments(const Model& model, const std::string& method)
{
    auto m = findMethod(model, method);
    if (!m)
        return Error{ErrorCode::NotFound, "The model has no method '" + method + "'.", {}, {}};
    std::vector<ArgumentInfo> out;
    const auto& args = m->function().getSchema().arguments();
    for (size_t i = 1; i < args.size(); ++i) { // 0 is self
        ArgumentInfo info;
        info.name = args[i].name();
        info.type = args[i].type()->annotation_str();
        info.kind = argumentKind(args[i].type());
        if (args[i].default_value()) {
            info.has_default = true;
            std::ostringstream text;
            text << *args[i].default_value();
            info.default_value = text.str();
        }
        out.push_back(std::move(info));
    }
    return out;
}

namespace detail {

std::string describeValue(const c10::IValue& v)
{
    std::ostringstream out;
    if (v.isTensor()) {
        const at::Tensor& t = v.toTensor();
        out << "Tensor" << t.sizes() << " " << scalarTypeName(static_cast<int8_t>(t.scalar_type()));
        if (!t.device().is_cpu())
            out << " " << t.device();
    } else if (v.isList() || v.isTuple()) {
        const auto items = v.isList() ? v.toListRef().vec() : v.toTupleRef().elements().vec();
        out << (v.isList() ? "List[" : "Tuple[");
        for (size_t i = 0; i < items.size(); ++i)
            out << (i ? ", " : "") << describeValue(items[i]);
        out << "]";
    } else if (v.isGenericDict()) {
        out << "Dict{";
        bool first = true;
        for (const auto& entry : v.toGenericDict()) {
            out << (first ? "" : ", ") << entry.key() << ": " << describeValue(entry.value());
            first = false;
        }
        out << "}";
    } else if (v.isNone()) {
        out << "None";
    } else {
        std::string kind = v.tagKind();
        std::transform(kind.begin(), kind.end(), kind.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        out << kind << " " << v;
    }
    return out.str();
}

Result<std::vector<c10::IValue>> buildInputs(const Model& model, const Invocation& invocation,
                                             std::vector<std::string>& descriptions)
{
    auto method = findMethod(model, invocation.method);
    if (!method)
        return Error{ErrorCode::NotFound, "The model has no method '" + invocation.method + "'.", {}, {}};
    const auto& schema = method->function().getSchema();
    const auto& args = schema.arguments(); // args[0] is self
    const size_t nargs = args.size() - 1;
    std::vector<std::optional<c10::IValue>> slots;
    auto place = [&](size_t index, c10::IValue value) {
        if (slots.size() <= index)
            slots.resize(index + 1);
        slots[index] = std::move(value);
    };
    auto indexOf = [&](const std::string& name) -> size_t {
        for (size_t i = 1; i < args.size(); ++i)
            if (args[i].name() == name)
                return i - 1;
        fail(invocation.method + "() has no argument named '" + name + "'.", c10::toString(schema));
    };
    try {
        c10::Device device(invocation.device);
        if (!invocation.inputs_file.empty()) {
            const c10::IValue all = loadFile(invocation.inputs_file);
            if (all.isList() || all.isTuple()) {
                const auto items = all.isList() ? all.toListRef().vec() : all.toTupleRef().elements().vec();
                for (size_t i = 0; i < items.size(); ++i)
                    place(i, items[i]);
            } else if (all.isGenericDict()) {
                for (const auto& entry : all.toGenericDict()) {
                    if (!entry.key().isString())
                        fail("The inputs file's dict must map argument names to values.");
                    place(indexOf(entry.key().toStringRef()), entry.value());
                }
            } else {
                place(0, all); // a single tensor: the first argument
            }
        }
        size_t positional = 0;
        for (const InputArg& input : invocation.inputs) {
            const size_t index = input.name.empty() ? positional++ : indexOf(input.name);
            place(index, fromJson(input.value, static_cast<int64_t>(index)));
        }
        std::vector<c10::IValue> stack;
        for (size_t i = 0; i < slots.size(); ++i) {
            if (!slots[i]) {
                // A gap before a later argument: its default, or TorchScript's own words when it has none.
                if (i >= nargs || !args[i + 1].default_value())
                    fail(invocation.method + "() is missing value for argument '" +
                             (i < nargs ? args[i + 1].name() : std::string("?")) + "'.",
                         "Declaration: " + c10::toString(schema));
                slots[i] = *args[i + 1].default_value();
            }
            c10::IValue value = i < nargs ? conform(*slots[i], args[i + 1].type()) : *slots[i];
            value = toDevice(value, device);
            descriptions.push_back(describeValue(value));
            stack.push_back(std::move(value));
        }
        return stack;
    } catch (const InputError& e) {
        return e.error;
    } catch (const c10::Error& e) {
        return badInput(torchErrorSummary(e.what_without_backtrace()), e.what_without_backtrace());
    } catch (const std::exception& e) {
        return badInput(e.what());
    }
}

} // namespace detail

} // namespace jitscope
