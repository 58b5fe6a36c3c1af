// model/valuemap.h: recorded values (ids of the inlined graph) found again on the nested view's per-module
// graphs, checked against PyTorch's forward hooks — graphs and values come from the real jitscope-cli.
#include "view/valuemap.h"
#include "valuesupport.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

using namespace jitscope;
using namespace jitscope::test;

namespace {

std::string quote(const std::string& s)
{
    return "'" + s + "'";
}

Json cliJson(const std::string& args)
{
    auto r = runProcess(quote(cliPath()) + " " + args);
    EXPECT_EQ(r.exitCode, 0) << args << "\n" << r.err;
    return Json::parse(r.out);
}

struct Recorded
{
    Json expect;
    std::shared_ptr<const ValueTable> table;
    std::shared_ptr<const Graph> inlined;
    std::string file;

    explicit Recorded(const std::string& name) : expect(valuesExpectation(name))
    {
        file = quote(fixturePath(expect["file"].get<std::string>()));
        std::string args = file;
        for (const Json& spec : expect["inputs"])
            args += " --input " + quote(spec.get<std::string>());
        table = std::make_shared<const ValueTable>(cliJson("run " + args + " --values --json").get<ValueTable>());
        inlined = std::make_shared<const Graph>(cliJson("graph " + file + " --inlined --format json").get<Graph>());
    }
    Graph module(const std::string& path, const std::string& method = "forward") const
    {
        return cliJson("graph " + file + (path.empty() ? "" : " --module " + path) + " --method " + method +
                       " --format json")
            .get<Graph>();
    }
    Graph function(const std::string& name) const
    {
        return cliJson("graph " + file + " --function " + quote(name) + " --format json").get<Graph>();
    }
};

// The output of the call node of `callee` in `graph` (the first one), as the map names it.
const RecordedValue* callOutput(const ValueIndex& index, const ValueIndex::NestedMap& map, const Graph& graph,
                                const std::string& callee)
{
    for (const Node& node : graph.nodes)
        if (node.callee && node.callee->module_path == callee) {
            auto it = map.values.find(node.outputs.at(0).id);
            if (it == map.values.end())
                return nullptr;
            auto values = index.valuesOf(it->second);
            return values.size() == 1 ? values[0] : nullptr;
        }
    return nullptr;
}

// A graph as the nested view shows it for one call: reached by expanding calls from the recorded method's.
struct Shown
{
    Graph graph;
    std::string module; // whose code runs (a function: its caller's module)
    CallPath path;
};

Shown rootOf(const Recorded& r)
{
    return {r.module(""), "", {}};
}

// What a call node calls, as the tests name it: a module path ("block.act"), a method of the same module
// ("_forward_impl"), or a function's qualified name ("__torch__.cube").
std::string calleeName(const Callee& callee)
{
    if (callee.kind == CalleeKind::Function)
        return callee.type;
    if (callee.method == "forward")
        return callee.module_path;
    return callee.module_path.empty() ? callee.method : callee.module_path + "." + callee.method;
}

// Expands the `nth` call of `callee` in `parent`'s graph (in node order), fetching its graph.
Shown enter(const Recorded& r, const Shown& parent, const std::string& callee, int nth = 0)
{
    const Node* call = nullptr;
    forEachNode(parent.graph.nodes, [&](const Node& node, int) {
        if (node.callee && calleeName(*node.callee) == callee && nth-- == 0)
            call = &node;
    });
    if (!call)
        throw std::runtime_error("no such call of " + callee);
    Shown shown;
    shown.path = CallPath::enter(parent.path, parent.graph, *call);
    if (call->callee->kind == CalleeKind::Method) {
        shown.graph = r.module(call->callee->module_path, call->callee->method);
        shown.module = call->callee->module_path;
    } else {
        shown.graph = r.function(call->callee->type);
        shown.module = parent.module;
    }
    return shown;
}

// The recorded value of output `i` of the shown graph (what its call returns); null when unmapped.
const RecordedValue* result(const ValueIndex& index, const Shown& shown, size_t i = 0)
{
    const auto map = index.mapNested(shown.graph, shown.module, shown.path);
    auto it = map.values.find(shown.graph.outputs.at(i).id);
    if (it == map.values.end())
        return nullptr;
    auto values = index.valuesOf(it->second);
    return values.size() == 1 ? values[0] : nullptr;
}

const Json& hookStats(const Json& expect, const std::string& path)
{
    for (const Json& module : expect["modules"])
        if (module["path"] == path)
            return module["stats"];
    throw std::runtime_error("no hook for " + path);
}

} // namespace

TEST(ValueMap, CollapsedCallsOfTheNestedViewShowTheModulesOutputs)
{
    const Recorded r("values_classifier");
    const ValueIndex index(r.table, r.inlined);
    // Scripted resnet's forward only calls self._forward_impl, which calls the layers.
    const Shown impl = enter(r, rootOf(r), "_forward_impl");
    const Graph& root = impl.graph;
    const auto map = index.mapNested(root, "", impl.path);
    for (const char* path : {"conv1", "bn1", "maxpool", "layer1", "layer3", "avgpool", "fc"}) {
        const RecordedValue* value = callOutput(index, map, root, path);
        ASSERT_NE(value, nullptr) << path;
        expectStats(*value, hookStats(r.expect, path), path);
    }
    // One level down: layer2's graph calls layer2.0, layer4's calls layer4.1.
    for (auto [parent, path] : {std::pair{"layer2", "layer2.0"}, std::pair{"layer4", "layer4.1"}}) {
        const Shown shown = enter(r, impl, parent);
        const Graph& graph = shown.graph;
        const RecordedValue* value = callOutput(index, index.mapNested(graph, parent, shown.path), graph, path);
        ASSERT_NE(value, nullptr) << path;
        expectStats(*value, hookStats(r.expect, path), path);
    }
}

TEST(ValueMap, AModuleCalledTwiceMapsEachCallToItsOwnValues)
{
    const Recorded r("values_classifier");
    const ValueIndex index(r.table, r.inlined);
    // BasicBlock calls self.relu twice: after bn1 and after the residual add. ReLU.forward calls the free
    // function F.relu, whose nodes run in module layer1.0.relu.
    const Shown block = enter(r, enter(r, enter(r, rootOf(r), "_forward_impl"), "layer1"), "layer1.0");
    std::string name;
    for (const Node& node : r.module("layer1.0.relu").nodes)
        if (node.callee && node.callee->kind == CalleeKind::Function)
            name = node.callee->type;
    ASSERT_FALSE(name.empty());
    std::vector<int64_t> outs;
    for (int ordinal : {0, 1}) {
        const Shown shown = enter(r, enter(r, block, "layer1.0.relu", ordinal), name);
        const Graph& relu = shown.graph;
        const auto map = index.mapNested(relu, "layer1.0.relu", shown.path);
        // The If on `inplace` was folded away when the call was inlined: only relu_ is left to match.
        const Node* relu_ = nullptr;
        for (auto [nested, inlined] : map.nodes)
            if (const Node* node = index.inlinedNode(inlined); node && node->kind == "aten::relu_")
                relu_ = node;
        ASSERT_NE(relu_, nullptr) << ordinal;
        EXPECT_EQ(relu_->module_path, "layer1.0.relu");
        // The folded If's result (F.relu's return value) is relu_'s output: the edge to the output is
        // labelled.
        const Node* folded = nullptr;
        for (const Node& node : relu.nodes)
            if (node.kind == "prim::If")
                folded = &node;
        ASSERT_NE(folded, nullptr);
        EXPECT_FALSE(map.nodes.count(folded->id)) << "the inliner folded it";
        auto result = map.values.find(relu.outputs.at(0).id);
        ASSERT_NE(result, map.values.end()) << ordinal;
        EXPECT_EQ(result->second, relu_->outputs.at(0).id);
        EXPECT_EQ(index.valuesOf(result->second).size(), 1u);
        outs.push_back(relu_->id);
    }
    EXPECT_LT(outs[0], outs[1]); // in execution (preorder) order
    // The second call's result is the block's output: layer1.0's last value.
    const Node* node = index.inlinedNode(outs[1]);
    EXPECT_EQ(node->outputs.at(0).id, index.lastValueIn("layer1.0"));
    // Inside layer1.0, the conv1 call's result is what layer1.0.conv1 computed.
    const auto map = index.mapNested(block.graph, "layer1.0", block.path);
    const RecordedValue* conv = callOutput(index, map, block.graph, "layer1.0.conv1");
    ASSERT_NE(conv, nullptr);
    EXPECT_EQ(conv->module_path, "layer1.0.conv1");
    EXPECT_EQ(conv->kind, "aten::conv2d");
    EXPECT_FALSE(index.moduleNonFinite("layer1"));
}

TEST(ValueMap, TheFirstNanIsFoundOnTheNestedGraphAndItsEdgesCarryPyTorchsValues)
{
    const Recorded r("values_nan");
    const ValueIndex index(r.table, r.inlined);
    ASSERT_TRUE(r.table->first_nonfinite);
    const int64_t first = r.table->first_nonfinite->node;
    EXPECT_TRUE(index.nodeNonFinite(first));
    const Graph root = r.module("");
    const auto nodes = index.nestedNodesOf(root, first);
    ASSERT_EQ(nodes.size(), 1u);
    const auto map = index.mapNested(root, "", CallPath{});
    ASSERT_TRUE(map.nodes.count(nodes[0]));
    EXPECT_EQ(map.nodes.at(nodes[0]), first);
    // The log node's output edge carries the log's statistics; fc1's call edge fc1's, fc2's NaNs.
    const Node* log = nullptr;
    for (const Node& node : root.nodes)
        if (node.id == nodes[0])
            log = &node;
    ASSERT_NE(log, nullptr);
    EXPECT_EQ(log->kind, "aten::log");
    auto values = index.valuesOf(map.values.at(log->outputs.at(0).id));
    ASSERT_EQ(values.size(), 1u);
    expectStats(*values[0], r.expect["log"], "log");
    const RecordedValue* fc1 = callOutput(index, map, root, "fc1");
    ASSERT_NE(fc1, nullptr);
    expectStats(*fc1, hookStats(r.expect, "fc1"), "fc1");
    EXPECT_TRUE(index.moduleNonFinite("fc2"));
    EXPECT_FALSE(index.moduleNonFinite("fc1"));
    EXPECT_EQ(shapeText({1, 64, 56, 56}), "1×64×56×56");
}

// One code run as several copies, each shown for its own call: block.act inside both block calls and once
// directly from forward in between (unevenly nested: the direct call's callstack names the module "act"
// only), `cube` called twice by the ModuleList loop the compiler unrolled, and the two multiplications of
// `x * x * x` at one column. Every call shows the result PyTorch's hooks (or the replayed loop) saw for it,
// the block calls too, whose result is the last value of their own copy of block.act.
TEST(ValueMap, CopiesOfOneCodeEachShowTheirOwnCallsValues)
{
    const Recorded r("values_nesting");
    const ValueIndex index(r.table, r.inlined);
    const Json& calls = r.expect["calls"];
    const Shown root = rootOf(r);
    const Shown block0 = enter(r, root, "block", 0), block1 = enter(r, root, "block", 1);
    const std::vector<Shown> acts = {enter(r, block0, "block.act"), enter(r, root, "block.act"),
                                     enter(r, block1, "block.act")};
    std::set<int64_t> seen;
    for (size_t i = 0; i < acts.size(); ++i) {
        const RecordedValue* value = result(index, acts[i]);
        ASSERT_NE(value, nullptr) << "block.act call " << i;
        expectStats(*value, calls["block.act"][i], "block.act call " + std::to_string(i));
        EXPECT_EQ(value->module_path, "block.act") << "call " << i; // the direct call's too
        EXPECT_TRUE(seen.insert(value->id).second) << "call " << i << " shows another call's value";
    }
    for (int i : {0, 1}) {
        const RecordedValue* value = result(index, i ? block1 : block0);
        ASSERT_NE(value, nullptr) << "block call " << i;
        expectStats(*value, calls["block"][i], "block call " + std::to_string(i));
    }
    std::string cube;
    for (const Node& node : root.graph.nodes)
        if (node.callee && node.callee->kind == CalleeKind::Function)
            cube = node.callee->type;
    ASSERT_NE(cube.find("cube"), std::string::npos) << cube;
    for (int i : {0, 1}) {
        const Shown shown = enter(r, root, cube, i);
        const RecordedValue* value = result(index, shown);
        ASSERT_NE(value, nullptr) << "cube call " << i;
        expectStats(*value, calls["cube"][i], "cube call " + std::to_string(i));
        EXPECT_TRUE(seen.insert(value->id).second) << "cube call " << i;
        // x * x, the first of the two multiplications at one column, is this call's square.
        const auto map = index.mapNested(shown.graph, shown.module, shown.path);
        const Node* square = nullptr;
        forEachNode(shown.graph.nodes, [&](const Node& node, int) {
            if (!square && node.kind == "aten::mul")
                square = &node;
        });
        ASSERT_NE(square, nullptr);
        auto it = map.values.find(square->outputs.at(0).id);
        ASSERT_NE(it, map.values.end()) << "cube call " << i;
        auto values = index.valuesOf(it->second);
        ASSERT_EQ(values.size(), 1u);
        expectStats(*values[0], calls["square"][i], "square in cube call " + std::to_string(i));
    }
    for (const char* layer : {"layers.0", "layers.1"}) {
        const RecordedValue* value = result(index, enter(r, root, layer));
        ASSERT_NE(value, nullptr) << layer;
        expectStats(*value, calls[layer][0], layer);
    }
}
