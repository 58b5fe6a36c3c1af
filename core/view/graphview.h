// The folded view of one TorchScript graph: which nodes a reader sees, and what they carry.
//
// Drawn naively a graph is mostly prim::GetAttr / prim::Constant / prim::ListConstruct boxes. The folded
// view hides them and moves what they stand for into the consuming node: parameters fetched by GetAttr
// chains become `params` (with their shapes), constants and constant lists become `attrs` named after the
// schema argument. Raw mode keeps every node. Qt-free and Graphviz-free: the layout and the UI build on it.
#pragma once

#include "types/graph.h"
#include "types/modelinfo.h"

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace jitscope {

// Parameter/buffer shapes by dotted name, built once per model.
class ParameterIndex
{
public:
    ParameterIndex() = default;
    explicit ParameterIndex(const ModelInfo& info);
    // "64×3×7×7", "" when the name is unknown.
    std::string shapeText(const std::string& name) const;
    // The short class name of the module at `path` ("BasicBlock"), "" when unknown.
    std::string moduleType(const std::string& path) const;
    // A bool/int/float/str module attribute's value at its dotted path from the root ("use_extra",
    // "rpn.mode"), as PyTorch prints it without quotes ("True", "2", "fast"); "" when unknown.
    std::string attributeValue(const std::string& path) const;
    // Whether argument `name` of the root module's method `method` defaults to None (its schema).
    bool defaultsToNone(const std::string& method, const std::string& name) const;

private:
    std::map<std::string, std::string> m_shapes;
    std::map<std::string, std::string> m_moduleTypes;
    std::map<std::string, std::string> m_attributes;
    std::set<std::pair<std::string, std::string>> m_noneDefaults; // (method, argument)
};

enum class ElementKind
{
    Node,   // a visible IR node (prim::If / prim::Loop nodes are the head of their cluster)
    Input,  // a graph input (`self` is not drawn)
    Output, // the graph's outputs
    Return, // a block's outputs, inside the block's cluster
    Merge,  // where the blocks of an If/Loop join; produces the node's outputs
};

struct FoldedParam
{
    std::string name;  // last path component: "weight"
    std::string path;  // "layer1.0.conv1.weight"
    std::string kind;  // "parameter", "buffer", "attribute", "module"
    std::string shape; // "64×3×7×7" or ""
};

struct FoldedAttr
{
    std::string name;  // schema argument name ("stride") or "#<input index>"
    std::string value; // "[2, 2]"
};

struct ViewElement
{
    ElementKind kind = ElementKind::Node;
    const Node* node = nullptr; // Node and Merge: the IR node; others: null
    int cluster = -1;           // innermost block cluster (index into GraphView::clusters), -1 = top level
    std::string title;          // "conv2d", "layer1", "x"
    std::string subtitle;       // "aten", "BasicBlock", "Tensor"
    std::string category;       // colour class: conv, norm, act, pool, linear, math, shape, control, call …
    std::vector<FoldedParam> params;
    std::vector<FoldedAttr> attrs;
    std::vector<std::string> lines; // params then attrs as drawn, one per line (already shortened)
    int checks = 0;                 // focus: checks folded here (asserts, shape checks), drawn as a badge
    std::string searchText;         // lower-case: kind, value names, module paths
    bool isCall() const { return node && node->callee.has_value() && kind == ElementKind::Node; }
};

struct ViewEdge
{
    int from = -1, to = -1; // element indices
    int64_t value = -1;     // ValueInfo::id, -1 for a control edge (If head → its blocks)
    std::string label;      // shortened type: "1×64×56×56", "int[]", "" for a plain Tensor
};

// One cluster per non-empty block of an If/Loop node; the node itself (the head) and its merge point sit
// beside the block clusters in the enclosing cluster.
struct ViewCluster
{
    int parent = -1;            // enclosing cluster, -1 = top level
    const Node* node = nullptr; // the If/Loop
    int block = -1;             // block index
    std::string label;          // "then", "else", "loop body"
};

struct GraphView
{
    std::shared_ptr<const Graph> graph;
    bool raw = false;
    // Focus on data flow (never with raw): prim::If whose blocks only raise or warn (asserts, shape checks)
    // and loops left with nothing but such checks are folded away with what computes only their conditions;
    // `if self.training` shows its eval-mode (else) block inline, as does an If on an attribute whose value
    // the module holds; Ifs left only refining a type vanish, loops without tensor math or calls are one
    // node (core/view/focusfold.h). The counts say what was folded; each check is a badge (checks) on the
    // element drawn where it was.
    bool focus = false;
    int foldedChecks = 0;   // check Ifs and check-only loops
    int foldedBranches = 0; // Ifs on known conditions reduced to one side (training: the eval side)
    int foldedNodes = 0;    // IR nodes not drawn because of the above
    std::vector<ViewElement> elements;
    std::vector<ViewEdge> edges;
    std::vector<ViewCluster> clusters;

    int nodeCount() const;                   // elements of kind Node
    int elementOfNode(int64_t nodeId) const; // -1 when the node is folded away
    // The element that shows each node: its own, or for a node folded away (a constant, a parameter's
    // GetAttr, a constant list) the first visible node its value flows into; -1 when nothing drawn shows it.
    std::vector<int> elementsShowing(const std::vector<int64_t>& nodeIds) const;
    std::vector<int> callElements() const; // elements that are CallMethod/CallFunction nodes
};

// Builds the view. `params` may be null (no shapes then). Deterministic: same input, same view.
std::shared_ptr<const GraphView> makeGraphView(std::shared_ptr<const Graph> graph,
                                               const ParameterIndex* params, bool raw, bool focus = false);

// Helpers shared with the layout and the UI.
std::string shortKind(const std::string& kind);     // "aten::conv2d" → "conv2d"
std::string kindNamespace(const std::string& kind); // "aten::conv2d" → "aten"
std::string shortTypeLabel(const std::string& type); // "Float(1, 3, 224, 224, strides=…)" → "1×3×224×224"
std::string shortClassName(const std::string& type); // "__torch__.a.b.BasicBlock" → "BasicBlock"
std::string opCategory(const std::string& kind);     // colour class of an op kind
std::vector<std::string> schemaArgumentNames(const std::string& schema);

} // namespace jitscope
