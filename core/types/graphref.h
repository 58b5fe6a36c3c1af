// Which graph: a module's method or a free function, as saved or inlined. The one name for a graph that the
// worker protocol, the graph store, the layout and the views share (it replaced "path|method" strings).
#pragma once

#include "graph.h"

#include <string>
#include <tuple>

namespace jitscope {

struct GraphRef
{
    CalleeKind kind = CalleeKind::Method;
    std::string module_path; // method: dotted path of the module from the root ("" = root); function: ""
    std::string name;        // method: its name ("forward"); function: the qualified name ("__torch__.f")
    bool inlined = false;    // the flat inlined graph instead of the graph as saved

    static GraphRef method(std::string modulePath, std::string method, bool inlined = false);
    static GraphRef function(std::string qualifiedName, bool inlined = false);
    // The graph a prim::CallMethod / prim::CallFunction calls (as saved).
    static GraphRef of(const Callee& callee);

    bool isFunction() const { return kind == CalleeKind::Function; }
    bool empty() const { return name.empty(); } // a default-constructed ref names no graph
    // A unique string for maps and caches keyed by text; not meant to be parsed.
    std::string key() const;
    // For people: "self.forward", "layer1.forward", "__torch__.f()", with " (inlined)".
    std::string label() const;

    friend bool operator==(const GraphRef& a, const GraphRef& b) { return a.tie() == b.tie(); }
    friend bool operator!=(const GraphRef& a, const GraphRef& b) { return !(a == b); }
    friend bool operator<(const GraphRef& a, const GraphRef& b) { return a.tie() < b.tie(); }

private:
    std::tuple<const CalleeKind&, const std::string&, const std::string&, const bool&> tie() const
    {
        return std::tie(kind, module_path, name, inlined);
    }
};

} // namespace jitscope
