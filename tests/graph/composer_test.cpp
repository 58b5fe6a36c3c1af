// Composition of per-module layouts on real fixtures: expanding a call adds exactly the callee's visible
// nodes (the call box becomes a cluster), collapsing restores, and the cache re-lays out only what changed.
#include "graphfixtures.h"
#include "navigation/expansion.h"

#include <gtest/gtest.h>

using namespace jitscope;
using namespace jitscope::layout;
using namespace jitscope::navigation;

namespace {

struct Fixture
{
    Composer composer;
    ExpansionTree tree{composer};
    explicit Fixture(const bench::ModelGraphs& model, const std::string& method = "forward")
    {
        tree.graphs().params = std::make_shared<ParameterIndex>(model.info);
        for (const auto& [key, graph] : model.graphs)
            tree.graphs().graphs[key] = std::make_shared<const Graph>(graph);
        tree.reset(GraphRef::method("", method));
    }
    SceneLayout compose()
    {
        return composer.compose(tree.graphs(), tree.root(), tree.expanded(), tree.raw);
    }
    std::optional<CallRef> call(const std::string& modulePath)
    {
        std::optional<CallRef> found;
        tree.forEachCall(true, [&](const CallRef& c) {
            if (!found && c.modulePath == modulePath)
                found = c;
            return true;
        });
        return found;
    }
};

bool inside(const Rect& outer, const Rect& inner)
{
    return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.right() <= outer.right() + 0.5 &&
           inner.bottom() <= outer.bottom() + 0.5;
}

} // namespace

TEST(Composer, ExpandAddsExactlyTheCalleeNodesAndCollapseRestores)
{
    Fixture f(test::modelGraphs("resnet18_scripted.pt"));
    SceneLayout collapsed = f.compose();
    EXPECT_EQ(collapsed.nodeCount, 1);
    auto impl = f.tree.frontier();
    ASSERT_EQ(impl.size(), 1u);
    f.tree.expanded().insert(impl[0].child);
    SceneLayout top = f.compose();
    EXPECT_EQ(top.nodeCount, 11);
    EXPECT_EQ(f.tree.visibleNodeCount(), 11);

    auto layer1 = f.call("layer1");
    ASSERT_TRUE(layer1);
    const int calleeNodes = f.tree.view(layer1->callee)->nodeCount();
    EXPECT_EQ(calleeNodes, 2); // two BasicBlock calls
    f.tree.expanded().insert(layer1->child);
    SceneLayout expanded = f.compose();
    EXPECT_EQ(expanded.nodeCount, top.nodeCount - 1 + calleeNodes);
    // layer1 itself, then its ancestors _forward_impl and forward; the other calls are cached.
    EXPECT_EQ(expanded.dotRuns, 3) << "only layer1 and the path to the root are laid out again";
    // The expanded module is a cluster that holds its callee's boxes.
    const SceneCluster* cluster = nullptr;
    for (const SceneCluster& c : expanded.clusters)
        if (c.module && c.instance == layer1->child)
            cluster = &c;
    ASSERT_NE(cluster, nullptr);
    int insideCount = 0;
    for (const SceneNode& node : expanded.nodes)
        if (node.instance == layer1->child) {
            EXPECT_TRUE(inside(cluster->rect, node.rect));
            ++insideCount;
        }
    EXPECT_GE(insideCount, calleeNodes);

    f.tree.expanded().erase(layer1->child);
    SceneLayout restored = f.compose();
    EXPECT_EQ(restored.nodeCount, top.nodeCount);
    EXPECT_EQ(restored.dotRuns, 0) << "the collapsed state is still cached";
}

TEST(Composer, ExpandAllCountsEveryLeafNode)
{
    Fixture f(test::modelGraphs("resnet18_scripted.pt"));
    EXPECT_TRUE(f.tree.expandToDepth(-1).empty()) << "every callee graph is loaded";
    SceneLayout all = f.compose();
    EXPECT_EQ(all.nodeCount, f.tree.visibleNodeCount());
    EXPECT_GT(all.nodeCount, 150);
    for (const SceneNode& node : all.nodes)
        EXPECT_FALSE(node.rect.empty());
    EXPECT_GT(all.bounds.h, all.bounds.w);
}

TEST(Composer, SearchFindsMatchesInsideCollapsedModules)
{
    Fixture f(test::modelGraphs("resnet18_scripted.pt"));
    // aten::conv2d only appears inside Conv2d._conv_forward, three calls deep, all collapsed. ("conv2d" alone
    // also matches the 40 calls whose callee type is Conv2d.)
    EXPECT_EQ(f.tree.search("conv2d").size(), 60u);
    const auto matches = f.tree.search("aten::conv2d");
    EXPECT_EQ(matches.size(), 20u); // resnet18 has 20 convolutions
    f.tree.expandPath(matches[0].instance);
    SceneLayout scene = f.compose();
    bool drawn = false;
    for (const SceneNode& node : scene.nodes)
        drawn = drawn || (node.instance == matches[0].instance && node.get().node &&
                          node.get().node->id == matches[0].nodeId);
    EXPECT_TRUE(drawn);
}

TEST(Composer, FlatInlinedLayout)
{
    const auto& model = test::modelGraphs("resnet18_traced.pt", true);
    ASSERT_TRUE(model.inlined);
    Composer composer;
    ParameterIndex index(model.info);
    SceneLayout flat = composer.composeFlat(std::make_shared<const Graph>(*model.inlined), &index, false);
    EXPECT_EQ(flat.nodeCount, 69);
    EXPECT_FALSE(flat.edges.empty());
    // One dot run per module with content of its own, not one over everything; the four BasicBlocks of a
    // layer that look alike are laid out once.
    EXPECT_GT(flat.dotRuns + flat.cacheHits, 10);
    EXPECT_GT(flat.cacheHits, 0);
    // Every node sits inside the box of each module on its path.
    std::map<std::string, Rect> modules;
    for (const SceneCluster& cluster : flat.clusters)
        if (cluster.module)
            modules[cluster.instance] = cluster.rect;
    ASSERT_TRUE(modules.count("layer1.0"));
    int checked = 0;
    for (const SceneNode& node : flat.nodes) {
        if (!node.get().node)
            continue;
        const std::string& path = node.get().node->module_path;
        for (const auto& [module, rect] : modules)
            if (path == module || path.rfind(module + ".", 0) == 0) {
                EXPECT_TRUE(inside(rect, node.rect)) << path << " in " << module;
                ++checked;
            }
    }
    EXPECT_GT(checked, 69);
}

TEST(Composer, FreeFunctionCallsExpandLikeMethods)
{
    // rpn.forward calls the free function concat_box_prediction_layers (prim::CallFunction).
    const std::string name = "__torch__.torchvision.models.detection.rpn.concat_box_prediction_layers";
    const auto& model = test::modelGraphs("fasterrcnn_scripted.pt");
    Fixture f(model);
    const Graph* function = f.tree.graphs().find(GraphRef::function(name));
    ASSERT_NE(function, nullptr) << "the loader fetches function graphs through `graph {function}`";
    EXPECT_EQ(function->module_path, "");
    EXPECT_EQ(function->method, name);

    f.tree.reset(GraphRef::method("rpn", "forward"));
    std::optional<CallRef> call;
    f.tree.forEachCall(true, [&](const CallRef& c) {
        if (!call && c.callee == GraphRef::function(name))
            call = c;
        return true;
    });
    ASSERT_TRUE(call);
    EXPECT_TRUE(call->callee.isFunction());
    EXPECT_EQ(call->modulePath, "");
    const int calleeNodes = f.tree.view(call->callee)->nodeCount();
    EXPECT_GT(calleeNodes, 5);

    SceneLayout collapsed = f.compose();
    bool expandable = false;
    for (const SceneNode& node : collapsed.nodes)
        expandable =
            expandable || (node.get().node && node.get().node->id == call->node.nodeId && node.expandable);
    EXPECT_TRUE(expandable) << "a CallFunction box can be expanded";

    f.tree.expanded().insert(call->child);
    EXPECT_EQ(f.tree.visibleNodeCount(), collapsed.nodeCount - 1 + calleeNodes);
    SceneLayout expanded = f.compose();
    EXPECT_EQ(expanded.nodeCount, collapsed.nodeCount - 1 + calleeNodes);
    const SceneCluster* cluster = nullptr;
    for (const SceneCluster& c : expanded.clusters)
        if (c.module && c.instance == call->child)
            cluster = &c;
    ASSERT_NE(cluster, nullptr);
    EXPECT_EQ(cluster->title, "concat_box_prediction_layers");
    EXPECT_EQ(cluster->subtitle, name);
    for (const SceneNode& node : expanded.nodes)
        if (node.instance == call->child) {
            EXPECT_TRUE(inside(cluster->rect, node.rect));
        }

    // Search descends into loaded function graphs too.
    bool found = false;
    for (const NodeRef& match : f.tree.search("aten::"))
        found = found || match.instance == call->child;
    EXPECT_TRUE(found);
}
