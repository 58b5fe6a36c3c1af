#include "graph.h"

namespace jitscope {

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
