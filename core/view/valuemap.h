// A recorded run's values (ids of the method's inlined graph, types/values.h) looked up from the graphs the
// window draws: the inlined graph itself, and the nested view's per-module graphs, whose node and value ids
// are those of each module's own method. Qt-free, so that the mapping is unit-tested without a display.
//
// The mapping: inlining copies every node with its source range, and each inlined node carries the module
// instance path and the call sites of its callstack (Node::call_sites). A node of a nested graph shown for
// one call is therefore the inlined node of the same kind and source position whose call sites are the
// ones that lead to that call (CallPath); where several copies share all of that (a function
// called from one site of a ModuleList loop the compiler unrolled, or `x * x * x`'s two multiplications at
// one column), the n-th in execution order. Values follow from matched nodes: their outputs (the
// producer), else a matched consumer's input (a collapsed call's result, a graph input). A collapsed call
// whose result only leaves its graph shows the last value computed inside the called module.
#pragma once

#include "types/graph.h"
#include "types/values.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace jitscope {

// Which copy of a nested graph's code one call of it is, in the terms of the inlined graph's callstacks.
struct CallPath
{
    std::vector<SourceLocation> sites; // the calls from the recorded method's graph down to this one
    int ordinal = 0; // among the calls with these very sites, in execution order

    // The path of `call` (a node of `parentGraph` with a callee), `parentGraph` being shown for `parent`.
    static CallPath enter(const CallPath& parent, const Graph& parentGraph, const Node& call);
};

class ValueIndex
{
public:
    ValueIndex() = default;
    // `inlined` is the same method's `graph --inlined` (may be null: then only inlined ids are known).
    ValueIndex(std::shared_ptr<const ValueTable> table, std::shared_ptr<const Graph> inlined);

    bool empty() const { return !m_table; }
    const ValueTable* table() const { return m_table.get(); }
    bool hasInlinedGraph() const { return m_inlined != nullptr; }
    const Graph* inlinedGraph() const { return m_inlined.get(); }

    // The recorded entries of one inlined value: one for a tensor, one per tensor element of a container.
    std::vector<const RecordedValue*> valuesOf(int64_t inlinedValue) const;
    // An inlined node's outputs hold a NaN or Inf.
    bool nodeNonFinite(int64_t inlinedNode) const;
    // A value computed inside the module at `modulePath` (or below it) holds a NaN or Inf.
    bool moduleNonFinite(const std::string& modulePath) const;
    // The last value (in execution order) computed inside the module or below it; -1 when none.
    int64_t lastValueIn(const std::string& modulePath) const;
    const Node* inlinedNode(int64_t id) const;

    // Ids of one nested graph → inlined ids.
    struct NestedMap
    {
        std::unordered_map<int64_t, int64_t> values;
        std::unordered_map<int64_t, int64_t> nodes;
    };
    // `graph` is a method of the module at `modulePath` (for a free function: the calling module), shown for
    // the call `path` names (an empty path: the recorded method's own graph).
    NestedMap mapNested(const Graph& graph, const std::string& modulePath, const CallPath& path) const;
    // The nodes of `graph` (a method of the inlined node's module) that the inlined node was copied from.
    std::vector<int64_t> nestedNodesOf(const Graph& graph, int64_t inlinedNode) const;

private:
    // The last value (in execution order) computed by nodes inlined through `sites` (a call's copy).
    int64_t lastValueUnder(const std::vector<SourceLocation>& sites) const;
    // kind, file, line, column, call sites: the call sites say which module's copy it is
    using Key = std::tuple<std::string, std::string, int, int, std::string>;
    static Key keyOf(const Node& node, const std::vector<SourceLocation>& sites);

    std::shared_ptr<const ValueTable> m_table;
    std::shared_ptr<const Graph> m_inlined;
    std::unordered_map<int64_t, std::vector<const RecordedValue*>> m_byValue;
    std::unordered_map<int64_t, bool> m_nodeNonFinite;
    std::unordered_map<int64_t, const Node*> m_nodes;
    std::map<Key, std::vector<const Node*>> m_byKey; // inlined nodes in preorder
};

// "1×64×56×56"; a list's elements joined ("2×3, 2×3, 2").
std::string shapeText(const std::vector<int64_t>& shape);
bool isUnder(const std::string& path, const std::string& module); // path == module or below it

} // namespace jitscope
