// Inputs of a run: spec strings and JSON into IValues, files (torch.save pickles, .npy, images), and the
// conversion to the method schema's types that torch::jit::pickle_load's untyped containers need. The
// grammar itself (parsing specs, shapes, dtype names, .npy headers) is LibTorch-free: model/inputspec;
// reading files is inputfiles.cpp.
#include "inputfiles.h"
#include "names.h"
#include "run.h"

#include <torch/csrc/jit/ir/constants.h>
#include <torch/script.h>

#include <algorithm>
#include <functional>
#include <sstream>

namespace jitscope {

namespace {

using detail::failInput;
using detail::InputError;
using detail::orFail;

c10::IValue fromScalar(const Json& value)
{
    if (value.is_null())
        return c10::IValue();
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number_integer())
        return value.get<int64_t>();
    if (value.is_number())
        return value.get<double>();
    return value.get<std::string>();
}

// A spec string → value. Grammar: inputSpecHelp().
c10::IValue fromSpec(const std::string& text, int64_t position)
{
    if (auto scalar = spec::parseScalarSpec(text))
        return fromScalar(*scalar);
    const spec::TensorSpec spec = orFail(spec::parseTensorSpec(text));
    if (spec.kind == "file")
        return detail::loadFile(spec.path);
    if (spec.kind == "image")
        return detail::loadImage(spec.path, spec.image);
    const auto opts = at::TensorOptions().dtype(
        detail::scalarType(spec.dtype.empty() ? spec::defaultDtype(spec.kind) : spec.dtype));
    // distinct, reproducible tensors per argument unless seed= says otherwise
    torch::manual_seed(static_cast<uint64_t>(spec.seed.value_or(position)));
    if (spec.kind == "zeros")
        return at::zeros(spec.shape, opts);
    if (spec.kind == "ones")
        return at::ones(spec.shape, opts);
    if (spec.kind == "full")
        return at::full(spec.shape, spec.fill, opts);
    if (spec.kind == "arange") {
        int64_t numel = 1;
        for (int64_t d : spec.shape)
            numel *= d;
        return at::arange(numel, opts).reshape(spec.shape);
    }
    if (spec.kind == "randint")
        return at::randint(static_cast<int64_t>(spec.low), static_cast<int64_t>(spec.high), spec.shape, opts);
    return spec.kind == "rand" ? at::rand(spec.shape, opts) : at::randn(spec.shape, opts);
}

// [[key, value], …]: the protocol's form of a dict, whose order a JSON object would lose (toProtocolValue).
bool isPairList(const OrderedJson& value)
{
    return value.is_array() && std::all_of(value.begin(), value.end(), [](const OrderedJson& pair) {
               return pair.is_array() && pair.size() == 2 &&
                      (pair[0].is_string() || pair[0].is_number_integer());
           });
}

// JSON → value: strings are specs, arrays lists (or dicts, as pairs, where the schema says Dict), objects
// dicts with string keys in the order written. `type` is the schema's type of the value, null where unknown.
c10::IValue fromJson(const OrderedJson& value, c10::TypePtr type, int64_t position)
{
    using c10::TypeKind;
    if (type && type->kind() == TypeKind::OptionalType)
        type = type->expectRef<c10::OptionalType>().getElementType();
    const TypeKind kind = type ? type->kind() : TypeKind::AnyType;
    if (value.is_string())
        return fromSpec(value.get<std::string>(), position);
    if (!value.is_array() && !value.is_object())
        return fromScalar(Json(value));
    if (kind == TypeKind::DictType && isPairList(value)) {
        const auto& dictType = type->expectRef<c10::DictType>();
        c10::impl::GenericDict dict(c10::AnyType::get(), c10::AnyType::get());
        for (const OrderedJson& pair : value)
            dict.insert_or_assign(fromScalar(Json(pair[0])),
                                  fromJson(pair[1], dictType.getValueType(), position));
        return dict;
    }
    if (value.is_array()) {
        c10::impl::GenericList list(c10::AnyType::get());
        const auto* tuple = kind == TypeKind::TupleType ? &type->expectRef<c10::TupleType>() : nullptr;
        for (size_t i = 0; i < value.size(); ++i) {
            c10::TypePtr elem;
            if (kind == TypeKind::ListType)
                elem = type->expectRef<c10::ListType>().getElementType();
            else if (tuple && tuple->elements().size() == value.size())
                elem = tuple->elements()[i];
            list.push_back(fromJson(value[i], elem, position));
        }
        return list;
    }
    const c10::TypePtr valueType =
        kind == TypeKind::DictType ? type->expectRef<c10::DictType>().getValueType() : nullptr;
    c10::impl::GenericDict dict(c10::StringType::get(), c10::AnyType::get());
    for (auto it = value.begin(); it != value.end(); ++it)
        dict.insert_or_assign(it.key(), fromJson(it.value(), valueType, position));
    return dict;
}

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

namespace {

// The constant string keys a graph reads from dict value `dict`: d["img"], d.get("img"), "img" in d.
std::vector<std::string> constantKeys(torch::jit::Block* block, const torch::jit::Value* dict)
{
    std::vector<std::string> keys;
    std::function<void(torch::jit::Block*)> walk = [&](torch::jit::Block* b) {
        for (torch::jit::Node* node : b->nodes()) {
            static const c10::Symbol get = c10::Symbol::fromQualString("aten::get");
            const c10::Symbol kind = node->kind();
            const bool reads = kind == c10::aten::__getitem__ || kind == get || kind == c10::aten::__contains__;
            if (reads && node->inputs().size() >= 2) {
                // __contains__ is (dict, key); __getitem__ and get are (dict, key[, default]).
                if (node->input(0) == dict) {
                    const auto key = torch::jit::toIValue(node->input(1));
                    if (key && key->isString() &&
                        std::find(keys.begin(), keys.end(), key->toStringRef()) == keys.end())
                        keys.push_back(key->toStringRef());
                }
            }
            for (torch::jit::Block* inner : node->blocks())
                walk(inner);
        }
    };
    walk(block);
    return keys;
}

} // namespace

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
        if (const auto dict = args[i].type()->cast<c10::DictType>();
            dict && dict->getKeyType()->kind() == c10::TypeKind::StringType && i < m->graph()->inputs().size())
            info.keys = constantKeys(m->graph()->block(), m->graph()->inputs()[i]);
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
        failInput(invocation.method + "() has no argument named '" + name + "'.", c10::toString(schema));
    };
    try {
        c10::Device device(invocation.device);
        if (!invocation.inputs_file.empty()) {
            const c10::IValue all = detail::loadFile(invocation.inputs_file);
            if (all.isList() || all.isTuple()) {
                const auto items = all.isList() ? all.toListRef().vec() : all.toTupleRef().elements().vec();
                for (size_t i = 0; i < items.size(); ++i)
                    place(i, items[i]);
            } else if (all.isGenericDict()) {
                for (const auto& entry : all.toGenericDict()) {
                    if (!entry.key().isString())
                        failInput("The inputs file's dict must map argument names to values.");
                    place(indexOf(entry.key().toStringRef()), entry.value());
                }
            } else {
                place(0, all); // a single tensor: the first argument
            }
        }
        size_t positional = 0;
        for (const InputArg& input : invocation.inputs) {
            const size_t index = input.name.empty() ? positional++ : indexOf(input.name);
            place(index, fromJson(input.value, index < nargs ? args[index + 1].type() : nullptr,
                                  static_cast<int64_t>(index)));
        }
        std::vector<c10::IValue> stack;
        for (size_t i = 0; i < slots.size(); ++i) {
            if (!slots[i]) {
                // A gap before a later argument: its default, or TorchScript's own words when it has none.
                if (i >= nargs || !args[i + 1].default_value())
                    failInput(invocation.method + "() is missing value for argument '" +
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
