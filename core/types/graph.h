// A TorchScript graph as plain values: nodes with nested blocks, values with types, source locations.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jitscope {

// One SSA value as seen from a node or a graph/block boundary.
struct ValueInfo
{
    int64_t id = 0;   // unique within the graph (LibTorch's Value::unique())
    std::string name; // debug name, "x.1", "" when none
    std::string type; // as PyTorch prints it: "Tensor", "Float(1, 3, 224, 224, strides=…)", "int[]"
};

struct SourceLocation
{
    std::string file; // "code/__torch__/torchvision/models/resnet.py" or the original Python file
    int line = 0;     // 1-based; 0 when unknown
    int column = 0;   // 1-based
    std::string text; // the source line(s) the range covers
    bool valid() const { return line > 0; }
};

// A node attribute: the value of a prim::Constant, the name of a prim::GetAttr …
struct Attribute
{
    std::string name;
    std::string kind;  // LibTorch's attribute kind: "i", "f", "s", "t", "is", "fs", "ss", "ival", "ty" …
    std::string value; // printed the way PyTorch prints it in the IR
};

// A prim::CallMethod (a module's method) or a prim::CallFunction (a free function, or a method of a
// TorchScript class object). On the wire: "method" / "function".
enum class CalleeKind
{
    Method,
    Function,
};
const char* toString(CalleeKind kind);
// "method" / "function"; false for any other text.
bool calleeKindFromString(const std::string& text, CalleeKind& kind);

// What a prim::CallMethod / prim::CallFunction calls, so a viewer can step into it.
struct Callee
{
    CalleeKind kind = CalleeKind::Method;
    std::string module_path; // method: dotted path of the called submodule from the root ("" = root)
    std::string method;      // method: its name, e.g. "forward"
    std::string type;        // method: qualified class type; function: qualified function name, or
                             // "Class.method" for a method of a TorchScript class object
};

struct Block;

struct Node
{
    int64_t id = 0;   // preorder index over all nodes of the graph, blocks included
    std::string kind; // "aten::conv2d", "prim::If" …
    std::vector<ValueInfo> inputs, outputs;
    std::vector<Attribute> attributes;
    std::vector<Block> blocks; // prim::If: then/else; prim::Loop: the body
    std::string schema;        // operator schema when the node has one
    std::string module_path;   // module instance path from the callstack (inlined graphs) or the scope
    // For prim::GetAttr chains rooted at the graph's `self`: the dotted path from the root module
    // ("layer1.0.conv1.weight") and what it names: "module", "parameter", "buffer" or "attribute".
    std::string attr_path;
    std::string attr_kind;
    SourceLocation source;   // position in the archived TorchScript code
    SourceLocation original; // original Python file:line from .debug_pkl, when present
    std::optional<Callee> callee;
    // The calls an inlined node came through, outermost first: each call node's place in its caller's code
    // (file, line, column; no text). Empty for a node of the graph's own code. The value map (view/valuemap.h)
    // follows them to tell the copies of one module or function apart.
    std::vector<SourceLocation> call_sites;
};

struct Block
{
    std::vector<ValueInfo> inputs, outputs;
    std::vector<Node> nodes;
};

struct Graph
{
    std::string module_path; // whose method this is ("" = root)
    std::string module_type;
    std::string method;
    bool inlined = false;
    std::vector<ValueInfo> inputs, outputs; // inputs[0] is `self` for methods
    std::vector<Node> nodes;                // top-level block; nested nodes live in their blocks only
    std::string text;                       // the IR as `str(graph)` prints it
    std::string pass;                       // the pass that made it (Model::passGraph), "" for plain graphs
};

// Counts over every node of every nested block (the graph's param/return nodes are not nodes here).
size_t recursiveNodeCount(const Graph& graph);
std::map<std::string, int> kindHistogram(const Graph& graph);

// Calls fn(node, depth) for every node in preorder, descending into blocks.
template<class Fn> void forEachNode(const std::vector<Node>& nodes, Fn&& fn, int depth = 0)
{
    for (const Node& node : nodes) {
        fn(node, depth);
        for (const Block& block : node.blocks)
            forEachNode(block.nodes, fn, depth + 1);
    }
}

} // namespace jitscope
