// An argument's value as the Run panel's editors hold it, typed: a spec line ("randn:1x3", "3", "none",
// "json:[…]") once read. Its JSON form (OrderedJson: object keys in the order written) is the spec
// grammar's and, through spec::toProtocolValue, the protocol's; this form keeps JSON types out of the
// window's headers. Qt-free and LibTorch-free.
#pragma once

#include "inputspec.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace jitscope {

struct InputValue
{
    enum class Kind
    {
        None,  // none
        Bool,  // true, false
        Int,   // 3
        Float, // 0.5
        Spec,  // a spec string: "randn:1x3", "str:text", "file:x.pt" …
        List,  // a list or tuple (a Dict[int, V] is a list of [key, value] pairs)
        Dict,  // a dict with string keys, in the order written
    };
    Kind kind = Kind::None;
    bool boolean = false;
    int64_t integer = 0;
    double number = 0;
    std::string spec;
    std::vector<InputValue> items;
    std::vector<std::pair<std::string, InputValue>> entries;

    static InputValue ofBool(bool value);
    static InputValue ofInt(int64_t value);
    static InputValue ofFloat(double value);
    static InputValue ofSpec(std::string spec);
    static InputValue listOf(std::vector<InputValue> items);
    static InputValue dictOf(std::vector<std::pair<std::string, InputValue>> entries);

    bool isNone() const { return kind == Kind::None; }
    // Int and Float read as a number (an int spin box takes 2.0, a float one 2).
    bool isNumber() const { return kind == Kind::Int || kind == Kind::Float; }
    double asDouble() const { return kind == Kind::Int ? static_cast<double>(integer) : number; }
    bool operator==(const InputValue& other) const;
    bool operator!=(const InputValue& other) const { return !(*this == other); }
};

// JSON form and back (integers → Int, other numbers → Float, strings → Spec, objects → Dict).
OrderedJson toOrderedJson(const InputValue& value);
InputValue inputValueOf(const OrderedJson& value);

namespace spec {
// The spec line of a value, and a spec line read as a value (spec::specText / spec::parseSpecText).
std::string specText(const InputValue& value);
Result<InputValue> parseInputValue(const std::string& text);
} // namespace spec

} // namespace jitscope
