#include "graph.h"

namespace jitscope {

const char* toString(CalleeKind kind)
{
    return kind == CalleeKind::Method ? "method" : "function";
}

bool calleeKindFromString(const std::string& text, CalleeKind& kind)
{
    if (text == "method")
        kind = CalleeKind::Method;
    else if (text == "function")
        kind = CalleeKind::Function;
    else
        return false;
    return true;
}

size_t recursiveNodeCount(const Graph& graph)
{
    size_t count = 0;
    forEachNode(graph.nodes, [&](const Node&, int) { ++count; });
    return count;
}

std::map<std::string, int> kindHistogram(const Graph& graph)
{
    std::map<std::string, int> histogram;
    forEachNode(graph.nodes, [&](const Node& node, int) { ++histogram[node.kind]; });
    return histogram;
}

} // namespace jitscope
