#include "inputvalue.h"

namespace jitscope {

InputValue InputValue::ofBool(bool value)
{
    InputValue v;
    v.kind = Kind::Bool;
    v.boolean = value;
    return v;
}

InputValue InputValue::ofInt(int64_t value)
{
    InputValue v;
    v.kind = Kind::Int;
    v.integer = value;
    return v;
}

InputValue InputValue::ofFloat(double value)
{
    InputValue v;
    v.kind = Kind::Float;
    v.number = value;
    return v;
}

InputValue InputValue::ofSpec(std::string spec)
{
    InputValue v;
    v.kind = Kind::Spec;
    v.spec = std::move(spec);
    return v;
}

InputValue InputValue::listOf(std::vector<InputValue> items)
{
    InputValue v;
    v.kind = Kind::List;
    v.items = std::move(items);
    return v;
}

InputValue InputValue::dictOf(std::vector<std::pair<std::string, InputValue>> entries)
{
    InputValue v;
    v.kind = Kind::Dict;
    v.entries = std::move(entries);
    return v;
}

bool InputValue::operator==(const InputValue& other) const
{
    if (kind != other.kind)
        return false;
    switch (kind) {
    case Kind::None:
        return true;
    case Kind::Bool:
        return boolean == other.boolean;
    case Kind::Int:
        return integer == other.integer;
    case Kind::Float:
        return number == other.number;
    case Kind::Spec:
        return spec == other.spec;
    case Kind::List:
        return items == other.items;
    case Kind::Dict:
        return entries == other.entries;
    }
    return false;
}

OrderedJson toOrderedJson(const InputValue& value)
{
    switch (value.kind) {
    case InputValue::Kind::None:
        return OrderedJson();
    case InputValue::Kind::Bool:
        return value.boolean;
    case InputValue::Kind::Int:
        return value.integer;
    case InputValue::Kind::Float:
        return value.number;
    case InputValue::Kind::Spec:
        return value.spec;
    case InputValue::Kind::List: {
        OrderedJson items = OrderedJson::array();
        for (const InputValue& item : value.items)
            items.push_back(toOrderedJson(item));
        return items;
    }
    case InputValue::Kind::Dict: {
        OrderedJson object = OrderedJson::object();
        for (const auto& [key, item] : value.entries)
            object[key] = toOrderedJson(item);
        return object;
    }
    }
    return OrderedJson();
}

InputValue inputValueOf(const OrderedJson& value)
{
    if (value.is_boolean())
        return InputValue::ofBool(value.get<bool>());
    if (value.is_number_unsigned())
        return InputValue::ofInt(static_cast<int64_t>(value.get<uint64_t>()));
    if (value.is_number_integer())
        return InputValue::ofInt(value.get<int64_t>());
    if (value.is_number())
        return InputValue::ofFloat(value.get<double>());
    if (value.is_string())
        return InputValue::ofSpec(value.get<std::string>());
    if (value.is_array()) {
        std::vector<InputValue> items;
        for (const OrderedJson& item : value)
            items.push_back(inputValueOf(item));
        return InputValue::listOf(std::move(items));
    }
    if (value.is_object()) {
        std::vector<std::pair<std::string, InputValue>> entries;
        for (auto it = value.begin(); it != value.end(); ++it)
            entries.emplace_back(it.key(), inputValueOf(it.value()));
        return InputValue::dictOf(std::move(entries));
    }
    return InputValue(); // null (and a discarded value)
}

namespace spec {

std::string specText(const InputValue& value)
{
    return specText(toOrderedJson(value));
}

Result<InputValue> parseInputValue(const std::string& text)
{
    auto parsed = parseSpecText(text);
    if (!parsed)
        return parsed.error();
    return inputValueOf(parsed.value());
}

} // namespace spec

} // namespace jitscope
