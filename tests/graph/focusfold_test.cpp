// Focus on data flow (core/view/focusfold.h) on real scripted graphs: window_rcnn_checks.pt is
// torchvision's GeneralizedRCNN.forward where it validates (tests/fixtures/fixtures_window.py), and
// maskrcnn_scripted.pt itself when the large fixtures were made (make_fixtures.py --large).
#include "graphfixtures.h"
#include "testsupport.h"
#include "view/graphview.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <queue>
#include <set>

using namespace jitscope;

namespace {

std::shared_ptr<const GraphView> focusView(const bench::ModelGraphs& model, const std::string& path,
                                           bool focus, bool withAttributes = true)
{
    const Graph* graph = model.find(path, "forward");
    EXPECT_NE(graph, nullptr) << path << ": " << model.error;
    static ParameterIndex index;
    index = ParameterIndex(model.info);
    return graph ? makeGraphView(std::make_shared<Graph>(*graph), withAttributes ? &index : nullptr, false,
                                 focus)
                 : std::make_shared<GraphView>();
}

std::multiset<std::string> drawnKinds(const GraphView& view)
{
    std::multiset<std::string> kinds;
    for (const ViewElement& element : view.elements)
        if (element.kind == ElementKind::Node && element.node)
            kinds.insert(element.node->kind);
    return kinds;
}

int indexOfTitle(const GraphView& view, const std::string& title)
{
    for (size_t i = 0; i < view.elements.size(); ++i)
        if (view.elements[i].kind == ElementKind::Node && view.elements[i].title == title)
            return static_cast<int>(i);
    return -1;
}

// Whether the drawn edges lead from element `from` to element `to`.
bool reaches(const GraphView& view, int from, int to)
{
    std::vector<char> seen(view.elements.size(), 0);
    std::queue<int> next;
    next.push(from);
    while (!next.empty()) {
        const int at = next.front();
        next.pop();
        if (at == to)
            return true;
        for (const ViewEdge& edge : view.edges)
            if (edge.from == at && edge.value >= 0 && !seen[edge.to]) {
                seen[edge.to] = 1;
                next.push(edge.to);
            }
    }
    return false;
}

int badgeSum(const GraphView& view)
{
    int sum = 0;
    for (const ViewElement& element : view.elements)
        sum += element.checks;
    return sum;
}

// The stages as one chain of data flow, in order.
void expectChain(const GraphView& view, const std::vector<std::string>& stages)
{
    int previous = -1;
    for (const std::string& stage : stages) {
        const int index = indexOfTitle(view, stage);
        ASSERT_GE(index, 0) << stage;
        if (previous >= 0) {
            EXPECT_TRUE(reaches(view, previous, index)) << "no data flow into " << stage;
        }
        previous = index;
    }
}

} // namespace

TEST(FocusOnDataFlow, RcnnChecksLeaveTheStagesAsTheMainChain)
{
    const auto& model = test::modelGraphs("window_rcnn_checks.pt");
    auto plain = focusView(model, "", false);
    auto focus = focusView(model, "", true);
    const auto before = drawnKinds(*plain);
    ASSERT_TRUE(before.count("prim::If") && before.count("prim::Loop")) << "the fixture validates";
    EXPECT_EQ(plain->foldedNodes, 0);
    EXPECT_EQ(badgeSum(*plain), 0);

    const auto kinds = drawnKinds(*focus);
    // Checks, the training branch, `if targets is not None`, the known-attribute branches (use_extra False:
    // no mul; levels 2 > 3 false: no add; mode "fast": rpn without the sub) and the warning: all gone.
    for (const char* hidden :
         {"prim::If", "prim::RaiseException", "aten::warn", "aten::format", "aten::mul", "aten::add",
          "aten::sub", "aten::__isnot__", "prim::unchecked_cast", "aten::any"})
        EXPECT_EQ(kinds.count(hidden), 0u) << hidden;
    // The image-size loop keeps books only (original_image_sizes.append): one node, no cluster.
    EXPECT_EQ(kinds.count("prim::Loop"), 1u);
    EXPECT_TRUE(focus->clusters.empty()) << focus->clusters.size() << " clusters left";
    const ViewElement& loop = focus->elements[focus->elementOfNode([&] {
        for (const ViewElement& e : focus->elements)
            if (e.node && e.node->kind == "prim::Loop")
                return e.node->id;
        return int64_t(-1);
    }())];
    bool said = false;
    for (const std::string& line : loop.lines)
        said = said || line.find("no tensor math") != std::string::npos;
    EXPECT_TRUE(said) << "the loop says what it folded";
    expectChain(*focus, {"transform", "backbone", "rpn", "roi_heads", "transform.postprocess"});
    // The counts, and each check as a badge where it was: they add up.
    // Checks: the assert in the image loop, the degenerate-box If and the loop left holding only it, the
    // `_has_warned` warning; `if targets is not None` is then a type refinement and vanishes. Branches:
    // training (it refines targets, so it is a branch, not a check), use_extra, levels, mode.
    EXPECT_EQ(focus->foldedChecks, 4);
    EXPECT_EQ(focus->foldedBranches, 4);
    EXPECT_GE(focus->foldedNodes, 40);
    EXPECT_EQ(badgeSum(*focus), focus->foldedChecks);
    EXPECT_LT(focus->nodeCount(), plain->nodeCount() / 2)
        << focus->nodeCount() << " of " << plain->nodeCount();
}

TEST(FocusOnDataFlow, AttributeBranchesNeedTheAttributesValue)
{
    // Without the model's attributes (no ParameterIndex) the Ifs on use_extra, levels and mode stay drawn:
    // only `training` is decided by name.
    const auto& model = test::modelGraphs("window_rcnn_checks.pt");
    auto blind = focusView(model, "", true, false);
    EXPECT_GE(drawnKinds(*blind).count("prim::If"), 3u);
    EXPECT_FALSE(blind->clusters.empty());
    auto seeing = focusView(model, "", true);
    EXPECT_EQ(seeing->foldedBranches - blind->foldedBranches, 3) << "use_extra, levels, mode";
}

TEST(FocusOnDataFlow, MaskRcnnTopLevelIsTheStageChain)
{
    if (!std::filesystem::exists(test::fixturePath("maskrcnn_scripted.pt")))
        GTEST_SKIP() << "maskrcnn_scripted.pt is made with make_fixtures.py --large";
    const auto& model = test::modelGraphs("maskrcnn_scripted.pt");
    auto plain = focusView(model, "", false);
    auto focus = focusView(model, "", true);
    const auto kinds = drawnKinds(*focus);
    EXPECT_EQ(kinds.count("prim::If"), 0u);
    EXPECT_EQ(kinds.count("prim::RaiseException"), 0u);
    EXPECT_TRUE(focus->clusters.empty()) << focus->clusters.size() << " clusters left";
    expectChain(*focus, {"transform", "backbone", "rpn", "roi_heads", "transform.postprocess"});
    EXPECT_EQ(badgeSum(*focus), focus->foldedChecks);
    std::printf(
        "maskrcnn top level: %d nodes drawn of %d (focus off); %d checks, %d branches, %d nodes folded\n",
        focus->nodeCount(), plain->nodeCount(), focus->foldedChecks, focus->foldedBranches,
        focus->foldedNodes);
}

TEST(FocusOnDataFlow, AnArgumentLeftAtItsDefaultNoneDecidesItsIf)
{
    // The training block of RcnnChecks.forward, drawn on its own: `if targets is None: raise … else: for
    // target in targets: (checks)`. forward's schema says `targets=None`, so with focus the If shows its
    // `is None` side and the loop over the targets is not drawn; with another method name nothing is known.
    const auto& model = test::modelGraphs("window_rcnn_checks.pt");
    const Graph* forward = model.find("", "forward");
    ASSERT_NE(forward, nullptr);
    const Node* training = nullptr;
    for (const Node& node : forward->nodes)
        if (node.kind == "prim::If" && !training)
            training = &node;
    ASSERT_NE(training, nullptr);
    auto block = std::make_shared<Graph>(*forward);
    block->nodes.clear();
    for (const Node& node : forward->nodes) // the constants the block reads (None among them)
        if (node.kind == "prim::Constant")
            block->nodes.push_back(node);
    for (const Node& node : training->blocks.at(0).nodes)
        block->nodes.push_back(node);
    block->outputs = training->blocks.at(0).outputs;
    ParameterIndex index(model.info);
    ASSERT_TRUE(index.defaultsToNone("forward", "targets"))
        << (model.info.summary.methods.empty() ? std::string("no methods")
                                               : model.info.summary.methods[0].schema);
    auto known = makeGraphView(block, &index, false, true);
    EXPECT_EQ(drawnKinds(*known).count("prim::Loop"), 0u);
    EXPECT_EQ(drawnKinds(*known).count("prim::If"), 0u);
    EXPECT_EQ(known->foldedBranches, 1);
    block->method = "not_forward";
    auto unknown = makeGraphView(block, &index, false, true);
    EXPECT_EQ(unknown->foldedBranches, 0);
    EXPECT_EQ(drawnKinds(*unknown).count("prim::If"), 1u);
}
