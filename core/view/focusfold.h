// Focus on data flow (GraphView::focus): what of a graph is validation and bookkeeping rather than the
// computation a reader looks for, decided on the graph alone (plus the attribute values the model holds).
// Internal to core/view: graphview_builder.cpp draws what this leaves, the counts go into GraphView.
#pragma once

#include "graphview.h"

#include <map>
#include <set>
#include <unordered_map>
#include <vector>

namespace jitscope {

struct FocusFolding
{
    // Ifs drawn as one of their blocks, in line: `if self.training` (eval side), and Ifs whose condition is
    // known — a bool/int/str attribute the module holds and the graph never sets, `is None` on a root method
    // argument that defaults to None.
    std::map<const Node*, int> taken;
    // Ifs left doing nothing but refining a type (`if targets is not None: targets = unchecked_cast(targets)`
    // once the checks inside are folded): not drawn, their output i is the value sources[i].
    std::map<const Node*, std::vector<int64_t>> identity;
    std::set<const Node*> checks;      // check Ifs and check-only loops (drawn as a badge where they were)
    std::set<const Node*> bookkeeping; // loops without tensor math or calls: drawn as one node, body folded
    int foldedChecks = 0, foldedBranches = 0, foldedNodes = 0;
};

// Adds what focus folds to `folded` (which holds the nodes the plain view folds already: constants,
// parameter GetAttrs, constant lists). `producer` maps a value id to the node computing it.
FocusFolding foldForFocus(const Graph& graph, const ParameterIndex* params, std::set<const Node*>& folded,
                          const std::unordered_map<int64_t, const Node*>& producer);

// Check nodes at or under `node` (itself included): the weight of its badge.
int checksWithin(const FocusFolding& focus, const Node& node);

} // namespace jitscope
