// The text of spec lines, the protocol form of values, type annotations and .npy headers: the parts of the
// input grammar (model/inputspec.h) beyond single spec strings.
#include "inputspec.h"

#include <algorithm>
#include <map>

namespace jitscope::spec {

std::string specText(const OrderedJson& value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_null())
        return "none";
    if (value.is_boolean())
        return value.get<bool>() ? "true" : "false";
    if (value.is_number_integer())
        return value.dump();
    if (value.is_number()) {
        std::string text = formatNumber(value.get<double>());
        // "2" would read back as an int
        if (text.find_first_not_of("-0123456789") == std::string::npos)
            text += ".0";
        return text;
    }
    return "json:" + value.dump();
}

Result<OrderedJson> parseSpecText(const std::string& text)
{
    if (text.rfind("json:", 0) != 0)
        return OrderedJson(text);
    OrderedJson value = OrderedJson::parse(text.substr(5), nullptr, false);
    if (value.is_discarded())
        return badInput("'" + text + "' is not valid JSON after 'json:'.");
    return value;
}

Json toProtocolValue(const OrderedJson& value)
{
    if (value.is_object()) {
        Json pairs = Json::array();
        for (auto it = value.begin(); it != value.end(); ++it)
            pairs.push_back(Json::array({it.key(), toProtocolValue(it.value())}));
        return pairs;
    }
    if (value.is_array()) {
        Json items = Json::array();
        for (const OrderedJson& item : value)
            items.push_back(toProtocolValue(item));
        return items;
    }
    return Json(value);
}

namespace {

// type := name ['[' type (',' type)* ']']
bool parseTypeAt(const std::string& text, size_t& pos, TypeNode& out)
{
    auto skipSpaces = [&] {
        while (pos < text.size() && text[pos] == ' ')
            ++pos;
    };
    skipSpaces();
    const size_t start = pos;
    while (pos < text.size() && text[pos] != '[' && text[pos] != ']' && text[pos] != ',')
        ++pos;
    out.name = text.substr(start, pos - start);
    while (!out.name.empty() && out.name.back() == ' ')
        out.name.pop_back();
    if (out.name.empty())
        return false;
    if (pos < text.size() && text[pos] == '[') {
        do {
            ++pos; // '[' or ','
            out.args.emplace_back();
            if (!parseTypeAt(text, pos, out.args.back()))
                return false;
            skipSpaces();
        } while (pos < text.size() && text[pos] == ',');
        if (pos >= text.size() || text[pos] != ']')
            return false;
        ++pos;
    }
    return true;
}

} // namespace

std::optional<TypeNode> parseType(const std::string& annotation)
{
    TypeNode type;
    size_t pos = 0;
    if (!parseTypeAt(annotation, pos, type) || annotation.find_first_not_of(' ', pos) != std::string::npos)
        return std::nullopt;
    return type;
}

Result<NpyHeader> parseNpyHeader(const char* data, size_t size, const std::string& path)
{
    if (size < 10 || std::string(data + 1, 5) != "NUMPY")
        return badInput("'" + path + "' is not a NumPy .npy file.");
    const int major = static_cast<unsigned char>(data[6]);
    size_t headerLen = 0;
    NpyHeader out;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(data[8]) | (static_cast<unsigned char>(data[9]) << 8);
        out.data_offset = 10;
    } else {
        if (size < 12)
            return badInput("'" + path + "' is not a NumPy .npy file.");
        for (int i = 0; i < 4; ++i)
            headerLen |= static_cast<size_t>(static_cast<unsigned char>(data[8 + i])) << (8 * i);
        out.data_offset = 12;
    }
    const std::string header(data + out.data_offset, std::min(headerLen, size - out.data_offset));
    out.data_offset += headerLen;
    std::optional<Error> missing;
    auto field = [&](const std::string& key) {
        const size_t at = header.find("'" + key + "'");
        if (at == std::string::npos) {
            missing = badInput("'" + path + "': no '" + key + "' in the .npy header.", header);
            return std::string();
        }
        return header.substr(header.find(':', at) + 1);
    };
    std::string descr = field("descr");
    descr = descr.substr(descr.find('\'') + 1);
    out.descr = descr.substr(0, descr.find('\''));
    const std::string fortran = field("fortran_order");
    out.fortran_order = fortran.find("True") < fortran.find(',');
    std::string shapeText = field("shape");
    if (missing)
        return *missing;
    shapeText = shapeText.substr(shapeText.find('(') + 1, shapeText.find(')') - shapeText.find('(') - 1);
    for (std::string dim : split(shapeText, ',')) {
        dim.erase(std::remove(dim.begin(), dim.end(), ' '), dim.end());
        if (dim.empty())
            continue;
        if (!isNumber(dim, true))
            return badInput("'" + path + "': bad shape in the .npy header.", header);
        out.shape.push_back(std::stoll(dim));
    }
    static const std::map<std::string, std::string> kDescr{
        {"<f4", "float32"}, {"<f8", "float64"}, {"<f2", "float16"}, {"|i1", "int8"}, {"<i2", "int16"},
        {"<i4", "int32"},   {"<i8", "int64"},   {"|u1", "uint8"},   {"|b1", "bool"}};
    const auto type = kDescr.find(out.descr);
    out.dtype = type == kDescr.end() ? std::string() : type->second;
    return out;
}

} // namespace jitscope::spec
