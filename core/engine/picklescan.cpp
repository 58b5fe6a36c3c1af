// Reads the storages and tensors out of the node graph picklemachine.h builds from a pickle.
#include "picklescan.h"
#include "picklemachine.h"

#include <limits>

namespace jitscope {

namespace {

using namespace picklemachine;

// Deepest nesting below `root` (memoised, iterative); -1 when a container contains itself.
int nestingDepth(const std::vector<Node>& nodes, int root, int limit)
{
    std::vector<int> depth(nodes.size(), -2); // -2 unvisited, -3 on the current path
    std::vector<std::pair<int, size_t>> stack{{root, 0}};
    depth[root] = -3;
    int deepest = 0;
    while (!stack.empty()) {
        auto& [node, next] = stack.back();
        const std::vector<int>& items = nodes[node].items;
        if (next < items.size()) {
            const int child = items[next++];
            if (depth[child] == -3)
                return -1;
            if (depth[child] == -2) {
                if (static_cast<int>(stack.size()) > limit)
                    return limit + 1;
                depth[child] = -3;
                stack.push_back({child, 0});
            }
            continue;
        }
        int d = 0;
        for (int child : items)
            d = std::max(d, depth[child] + 1);
        depth[node] = d;
        deepest = std::max(deepest, d);
        stack.pop_back();
    }
    return deepest;
}

// The first attribute path reaching each tensor node (breadth-first from the root).
std::vector<std::string> tensorPaths(const std::vector<Node>& nodes, int root)
{
    std::vector<std::string> path(nodes.size());
    std::vector<bool> seen(nodes.size(), false);
    std::vector<int> queue{root};
    seen[root] = true;
    auto visit = [&](int child, std::string childPath) {
        if (!seen[child]) {
            seen[child] = true;
            path[child] = std::move(childPath);
            queue.push_back(child);
        }
    };
    for (size_t q = 0; q < queue.size(); ++q) {
        const int n = queue[q];
        const Node& node = nodes[n];
        const std::string prefix = path[n].empty() ? std::string() : path[n] + ".";
        if (node.kind == Kind::Object) {
            for (int state : node.items) {
                const Node& s = nodes[state];
                if (s.kind != Kind::Dict) {
                    visit(state, path[n]);
                    continue;
                }
                seen[state] = true;
                for (size_t i = 0; i + 1 < s.items.size(); i += 2)
                    if (nodes[s.items[i]].kind == Kind::Str)
                        visit(s.items[i + 1], prefix + nodes[s.items[i]].text);
            }
        } else if (node.kind == Kind::Dict) {
            for (size_t i = 0; i + 1 < node.items.size(); i += 2)
                visit(node.items[i + 1], prefix + nodes[node.items[i]].text);
        } else {
            for (size_t i = 0; i < node.items.size(); ++i)
                visit(node.items[i], path[n] + "[" + std::to_string(i) + "]");
        }
    }
    return path;
}

} // namespace

int64_t tensorExtent(const PickledTensor& t)
{
    if (t.offset < 0 || t.sizes.size() != t.strides.size())
        return -1;
    __int128 extent = t.offset;
    for (size_t i = 0; i < t.sizes.size(); ++i) {
        if (t.sizes[i] < 0 || t.strides[i] < 0)
            return -1;
        if (t.sizes[i] == 0)
            return t.offset; // an empty view reads nothing
        extent += static_cast<__int128>(t.sizes[i] - 1) * t.strides[i];
        if (extent > std::numeric_limits<int64_t>::max() / 2)
            return -1;
    }
    return static_cast<int64_t>(extent + 1);
}

PickleScan scanTorchPickle(const std::string& bytes, int depthLimit)
{
    PickleScan scan;
    Machine machine(bytes, scan);
    const int root = machine.run();
    if (root < 0) {
        if (machine.malformed) {
            scan.malformed = true;
            scan.problem = machine.m_failure;
        }
        return scan;
    }
    const auto& nodes = machine.nodes;
    scan.depth = nestingDepth(nodes, root, depthLimit);
    if (scan.depth < 0) {
        scan.problem = "the pickle contains a container that contains itself";
        return scan;
    }
    if (scan.depth > depthLimit) {
        scan.problem = "values are nested more than " + std::to_string(depthLimit) + " levels deep";
        return scan;
    }
    const std::vector<std::string> paths = tensorPaths(nodes, root);
    for (size_t i = 0; i < nodes.size(); ++i) {
        const Node& n = nodes[i];
        if (n.kind != Kind::Tensor)
            continue;
        PickledTensor t;
        t.path = paths[i];
        t.key = nodes[n.storage].text;
        t.storage_numel = nodes[n.storage].number;
        t.offset = n.offset;
        t.sizes = n.sizes;
        t.strides = n.strides;
        scan.tensors.push_back(std::move(t));
    }
    return scan;
}

} // namespace jitscope
