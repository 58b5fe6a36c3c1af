// The folded view on real fixtures. Expected numbers were checked by hand against `jitscope-cli graph`:
// e.g. the traced resnet18's forward has 23 nodes: 10 prim::GetAttr (one per child module), 2
// prim::Constant (flatten's start/end dim), 10 prim::CallMethod and aten::flatten; folded, 11 remain.
#include "graphfixtures.h"
#include "view/graphview.h"

#include <gtest/gtest.h>

using namespace jitscope;

namespace {

std::shared_ptr<const GraphView> viewOf(const bench::ModelGraphs& model, const std::string& path,
                                        const std::string& method, bool raw)
{
    const Graph* graph = model.find(path, method);
    EXPECT_NE(graph, nullptr) << path << "." << method << ": " << model.error;
    static ParameterIndex index;
    index = ParameterIndex(model.info);
    return graph ? makeGraphView(std::make_shared<Graph>(*graph), &index, raw)
                 : std::make_shared<GraphView>();
}

const ViewElement* findTitle(const GraphView& view, const std::string& title)
{
    for (const ViewElement& element : view.elements)
        if (element.title == title)
            return &element;
    return nullptr;
}

} // namespace

TEST(GraphView, TracedResnetTopLevelFoldsGetAttrAndConstants)
{
    const auto& model = test::modelGraphs("resnet18_traced.pt");
    EXPECT_EQ(viewOf(model, "", "forward", true)->nodeCount(), 23);
    auto folded = viewOf(model, "", "forward", false);
    EXPECT_EQ(folded->nodeCount(), 11);
    EXPECT_EQ(folded->callElements().size(), 10u);
    const ViewElement* flatten = findTitle(*folded, "flatten");
    ASSERT_NE(flatten, nullptr);
    ASSERT_EQ(flatten->attrs.size(), 2u); // named after the schema's arguments
    EXPECT_EQ(flatten->attrs[0].name, "start_dim");
    EXPECT_EQ(flatten->attrs[0].value, "1");
}

TEST(GraphView, TracedConvolutionListsItsWeightWithShape)
{
    const auto& model = test::modelGraphs("resnet18_traced.pt");
    EXPECT_EQ(viewOf(model, "conv1", "forward", true)->nodeCount(), 13);
    auto folded = viewOf(model, "conv1", "forward", false);
    ASSERT_EQ(folded->nodeCount(), 1);
    const ViewElement* conv = findTitle(*folded, "_convolution");
    ASSERT_NE(conv, nullptr);
    ASSERT_EQ(conv->params.size(), 1u);
    EXPECT_EQ(conv->params[0].path, "conv1.weight");
    EXPECT_EQ(conv->params[0].shape, "64×3×7×7");
    EXPECT_EQ(conv->lines.front(), "weight ⟨64×3×7×7⟩");
    bool stride = false;
    for (const FoldedAttr& attr : conv->attrs)
        stride = stride || (attr.name == "stride" && attr.value == "[2, 2]");
    EXPECT_TRUE(stride) << "the ListConstruct of constants becomes stride=[2, 2]";
}

TEST(GraphView, ScriptedResnetCallsAndBasicBlock)
{
    const auto& model = test::modelGraphs("resnet18_scripted.pt");
    auto forward = viewOf(model, "", "forward", false);
    ASSERT_EQ(forward->nodeCount(), 1); // one call to _forward_impl
    EXPECT_EQ(forward->elements[forward->callElements()[0]].title, "_forward_impl");
    EXPECT_EQ(viewOf(model, "", "_forward_impl", true)->nodeCount(), 23);
    EXPECT_EQ(viewOf(model, "", "_forward_impl", false)->nodeCount(), 11);
    EXPECT_EQ(viewOf(model, "layer1.0", "forward", true)->nodeCount(), 14);
    auto block = viewOf(model, "layer1.0", "forward", false);
    EXPECT_EQ(block->nodeCount(), 7); // conv1 bn1 relu conv2 bn2 add_ relu
    const ViewElement* conv = findTitle(*block, "conv1");
    ASSERT_NE(conv, nullptr);
    EXPECT_EQ(conv->subtitle, "Conv2d");
    const ViewElement* add = findTitle(*block, "add_");
    ASSERT_NE(add, nullptr);
    ASSERT_EQ(add->attrs.size(), 1u);
    EXPECT_EQ(add->attrs[0].name, "alpha");
}

TEST(GraphView, ControlFlowBlocksBecomeClusters)
{
    const auto& model = test::modelGraphs("control_flow.pt");
    auto view = viewOf(model, "", "forward", false);
    ASSERT_FALSE(view->clusters.empty());
    std::set<std::string> labels;
    for (const ViewCluster& cluster : view->clusters)
        labels.insert(cluster.label);
    EXPECT_TRUE(labels.count("then"));
    EXPECT_TRUE(labels.count("else"));
    EXPECT_TRUE(labels.count("loop body"));
    for (const ViewElement& element : view->elements)
        if (element.cluster >= 0) {
            EXPECT_LT(element.cluster, static_cast<int>(view->clusters.size()));
        }
    // Raw mode draws every node of every block.
    const Graph* graph = model.find("", "forward");
    EXPECT_EQ(viewOf(model, "", "forward", true)->nodeCount(), static_cast<int>(recursiveNodeCount(*graph)));
}

TEST(GraphView, SchemaArgumentNames)
{
    EXPECT_EQ(schemaArgumentNames(
                  "aten::add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)"),
              (std::vector<std::string>{"self", "other", "alpha"}));
    EXPECT_EQ(
        shortTypeLabel("Float(1, 64, 56, 56, strides=[200704, 3136, 56, 1], requires_grad=0, device=cpu)"),
        "1×64×56×56");
    EXPECT_EQ(shortTypeLabel("Tensor"), "");
}

TEST(GraphView, FoldedNodesAreShownByTheNodeTheyFlowInto)
{
    // conv1 of the traced resnet: weight GetAttr, constants and constant lists all end up in _convolution.
    const auto& model = test::modelGraphs("resnet18_traced.pt");
    auto folded = viewOf(model, "conv1", "forward", false);
    const int conv = folded->elementOfNode(findTitle(*folded, "_convolution")->node->id);
    ASSERT_GE(conv, 0);
    std::vector<int64_t> ids;
    forEachNode(folded->graph->nodes, [&](const Node& node, int) { ids.push_back(node.id); });
    ASSERT_EQ(ids.size(), 13u);
    EXPECT_EQ(folded->elementsShowing(ids), std::vector<int>(13, conv));
    EXPECT_EQ(folded->elementsShowing({-5}), std::vector<int>{-1}) << "an unknown id";
}
