#include "codecheck.h"

#include <cctype>
#include <set>
#include <vector>

namespace jitscope {

namespace {

enum class ClassKind
{
    Plain, // a module or a plain class: importClass
    NamedTuple,
    Enum,
    Other // interfaces and anything LibTorch refuses by itself
};

struct OpenClass
{
    size_t indent = 0;
    size_t bodyIndent = 0; // 0 until the first statement of the body is seen
    ClassKind kind = ClassKind::Plain;
    std::string name;
};

// Bracket depth change over one line, skipping string literals and comments.
int bracketDelta(const std::string& line)
{
    int delta = 0;
    char quote = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == '\\')
                ++i;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#') {
            break;
        } else if (c == '(' || c == '[' || c == '{') {
            ++delta;
        } else if (c == ')' || c == ']' || c == '}') {
            --delta;
        }
    }
    return delta;
}

ClassKind kindOf(const std::string& bases)
{
    if (bases.empty() || bases == "Module")
        return ClassKind::Plain;
    if (bases == "NamedTuple")
        return ClassKind::NamedTuple;
    if (bases == "Enum")
        return ClassKind::Enum;
    return ClassKind::Other;
}

bool identStart(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}

// The identifier at `at` (advancing past it and the spaces after), or "".
std::string identifier(const std::string& text, size_t& at)
{
    if (at >= text.size() || !identStart(text[at]))
        return {};
    const size_t from = at;
    while (at < text.size() && (identStart(text[at]) || std::isdigit(static_cast<unsigned char>(text[at]))))
        ++at;
    std::string name = text.substr(from, at - from);
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t'))
        ++at;
    return name;
}

// "class Name(Base):" → true with name and base ("" without one). Plain string work, no std::regex: its
// recursion overflows the stack on the very long lines a damaged file can hold.
bool classHeader(const std::string& text, std::string& name, std::string& base)
{
    size_t at = 0;
    if (identifier(text, at) != "class")
        return false;
    name = identifier(text, at);
    base.clear();
    if (name.empty())
        return false;
    if (at < text.size() && text[at] == '(') {
        const size_t close = text.find(')', at);
        if (close == std::string::npos)
            return false;
        base = text.substr(at + 1, close - at - 1);
        base.erase(0, base.find_first_not_of(" \t"));
        base.erase(base.find_last_not_of(" \t") + 1);
    }
    return true;
}

// `name [: type] [= value]`: false when the statement is something else.
bool assignment(const std::string& text, std::string& name, bool& typed, bool& valued)
{
    size_t at = 0;
    name = identifier(text, at);
    if (name.empty())
        return false;
    typed = at < text.size() && text[at] == ':';
    const size_t eq = text.find('=', at);
    valued = eq != std::string::npos && (eq + 1 >= text.size() || text[eq + 1] != '=');
    if (!typed && !(valued && eq == at))
        return false; // `name(…)`, `name.attr = …`, `name[…] = …`, `name == …`
    return true;
}

} // namespace

std::string findCrashingClassStatement(const std::string& code)
{
    static const std::set<std::string> special = {"__parameters__", "__buffers__", "__annotations__",
                                                  "__forward_pre_hooks__", "__forward_hooks__"};
    std::vector<OpenClass> classes;
    int depth = 0;
    size_t lineNo = 0, start = 0;
    while (start <= code.size()) {
        size_t end = code.find('\n', start);
        if (end == std::string::npos)
            end = code.size();
        const std::string line = code.substr(start, end - start);
        start = end + 1;
        ++lineNo;
        const int before = depth;
        depth = std::max(0, depth + bracketDelta(line));
        const size_t indent = line.find_first_not_of(" \t");
        if (before > 0 || indent == std::string::npos || line[indent] == '#')
            continue; // a continuation inside brackets, or a blank line
        while (!classes.empty() && indent <= classes.back().indent)
            classes.pop_back();
        const std::string text = line.substr(indent, line.find_last_not_of(" \t\r") + 1 - indent);
        std::string name, base;
        if (classHeader(text, name, base)) {
            classes.push_back({indent, 0, kindOf(base), name});
            continue;
        }
        if (classes.empty())
            continue;
        OpenClass& cls = classes.back();
        if (cls.bodyIndent == 0)
            cls.bodyIndent = indent;
        bool typed = false, valued = false;
        if (indent != cls.bodyIndent || !assignment(text, name, typed, valued))
            continue;
        const std::string where = "line " + std::to_string(lineNo) + ": class " + cls.name + " ";
        if (cls.kind == ClassKind::Plain && valued && !typed && !special.count(name))
            return where + "assigns " + name + " without a type";
        if (cls.kind == ClassKind::NamedTuple && valued && !typed)
            return where + "has a field " + name + " without a type";
        if (cls.kind == ClassKind::Enum && typed && !valued)
            return where + "has a member " + name + " without a value";
    }
    return {};
}

} // namespace jitscope
