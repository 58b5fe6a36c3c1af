// One definition of the ids a graph's nodes and values carry, shared by Model::graph (graphexport.cpp) and
// value recording (values.cpp), so that `run --values` names the ids `graph --inlined` prints.
// LibTorch types are only declared here; the definitions live in graphexport.cpp.
#pragma once

#include "types/error.h"
#include "types/graph.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace c10 {
struct ClassType;
}
namespace torch::jit {
struct Graph;
struct Block;
struct Node;
struct Value;
} // namespace torch::jit

namespace jitscope::graphids {

// A copy of `graph` with every call inlined; copying and inlining are deterministic, so two calls give
// the same value ids.
std::shared_ptr<torch::jit::Graph> inlinedCopy(const std::shared_ptr<torch::jit::Graph>& graph);

// Node::id: the preorder index over every node, nested blocks included.
using NodeIds = std::unordered_map<const torch::jit::Node*, int64_t>;
NodeIds numberNodes(const torch::jit::Block* block);

// ValueInfo::id.
int64_t valueId(const torch::jit::Value* value);

// The module instance path of an inlined node below the graph's own module, whose type is `self` (the
// graph's first input): "" for the graph's own code, nullopt when only free functions' calls brought the
// node in (F.batch_norm inlined in a method loses its module there: unknown, not the root). A callstack
// frame names only the called module's attribute name and type; a call of a deeper module
// (`self.block.act(x)`) is resolved through `self`'s submodule types to "block.act".
std::optional<std::string> instancePath(const torch::jit::Node* node, const c10::ClassType* self);

// Node::module_path of an inlined node: `modulePath` (the graph's module) joined with its instancePath.
std::string callstackPath(const torch::jit::Node* node, const std::string& modulePath, const c10::ClassType* self);

// Node::call_sites: where each call an inlined node came through stands in its caller's code, outermost first.
std::vector<SourceLocation> callSites(const torch::jit::Node* node);

// Where a node comes from in the archived code, and in the original Python (invalid when unknown).
SourceLocation sourceOf(const torch::jit::Node* node);
SourceLocation originalOf(const torch::jit::Node* node);

} // namespace jitscope::graphids

namespace jitscope::detail {
// A LibTorch graph as plain values (inlined on a copy when asked); Model::graph and the graph passes.
Result<Graph> exportGraph(std::shared_ptr<torch::jit::Graph> graph, const std::string& modulePath,
                          const std::string& moduleType, const std::string& method, bool inlined);
} // namespace jitscope::detail
