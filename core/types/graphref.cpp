#include "graphref.h"

namespace jitscope {

GraphRef GraphRef::method(std::string modulePath, std::string method, bool inlined)
{
    return GraphRef{CalleeKind::Method, std::move(modulePath), std::move(method), inlined};
}

GraphRef GraphRef::function(std::string qualifiedName, bool inlined)
{
    return GraphRef{CalleeKind::Function, std::string(), std::move(qualifiedName), inlined};
}

GraphRef GraphRef::of(const Callee& callee)
{
    // A function's qualified name lives in `type` (Callee keeps the engine's field names).
    return callee.kind == CalleeKind::Method ? method(callee.module_path, callee.method)
                                             : function(callee.type);
}

std::string GraphRef::key() const
{
    // The kind first and a separator that cannot occur in a module path or a name.
    std::string key = isFunction() ? "F\n" : "M\n";
    key += module_path;
    key += '\n';
    key += name;
    if (inlined)
        key += "\ni";
    return key;
}

std::string GraphRef::label() const
{
    std::string text = isFunction() ? name + "()" : (module_path.empty() ? "self" : module_path) + "." + name;
    return inlined ? text + " (inlined)" : text;
}

} // namespace jitscope
