// Specific engine behaviour on fixtures: callees, GetAttr paths, source locations, extra files, statistics.
#include "engine/engine.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <set>

using namespace jitscope;
using jitscope::test::expectation;
using jitscope::test::fixturePath;

namespace {

std::shared_ptr<Model> open(const std::string& file)
{
    auto model = Model::open(fixturePath(file));
    if (!model)
        ADD_FAILURE() << file << ": " << model.error().message;
    return model ? model.value() : nullptr;
}

const Node* findNode(const std::vector<Node>& nodes, const std::function<bool(const Node&)>& pred)
{
    const Node* found = nullptr;
    forEachNode(nodes, [&](const Node& node, int) {
        if (!found && pred(node))
            found = &node;
    });
    return found;
}

} // namespace

TEST(EngineGraph, ScriptedResnetForwardIsOneCallIntoForwardImpl)
{
    auto model = open("resnet18_scripted.pt");
    ASSERT_TRUE(model);
    auto graph = model->graph();
    ASSERT_TRUE(graph);
    ASSERT_EQ(graph->nodes.size(), 1u);
    const Node& call = graph->nodes[0];
    EXPECT_EQ(call.kind, "prim::CallMethod");
    ASSERT_TRUE(call.callee);
    EXPECT_STREQ(toString(call.callee->kind), "method");
    EXPECT_EQ(call.callee->module_path, "");
    EXPECT_EQ(call.callee->method, "_forward_impl");
    // The saved code position and the original Python line (debug info is saved by default).
    EXPECT_EQ(call.source.file, "code/__torch__/torchvision/models/resnet.py");
    EXPECT_NE(call.source.text.find("_forward_impl(x"), std::string::npos) << call.source.text;
    EXPECT_GT(call.original.line, 0);
    EXPECT_NE(call.original.file.find("torchvision/models/resnet.py"), std::string::npos);
    EXPECT_NE(call.original.text.find("return self._forward_impl(x)"), std::string::npos);
}

TEST(EngineGraph, CallMethodNamesTheSubmodulePathSoViewersCanStepIn)
{
    auto model = open("resnet18_scripted.pt");
    ASSERT_TRUE(model);
    auto impl = model->graph("", "_forward_impl");
    ASSERT_TRUE(impl);
    std::vector<std::string> callees;
    for (const Node& node : impl->nodes)
        if (node.callee)
            callees.push_back(node.callee->module_path + ":" + node.callee->method);
    const std::vector<std::string> expected = {
        "conv1:forward",  "bn1:forward",    "relu:forward",   "maxpool:forward", "layer1:forward",
        "layer2:forward", "layer3:forward", "layer4:forward", "avgpool:forward", "fc:forward"};
    EXPECT_EQ(callees, expected);
    // Stepping into a callee: its graph belongs to that module and resolves its own GetAttr paths.
    auto block = model->graph("layer1.0", "forward");
    ASSERT_TRUE(block);
    EXPECT_EQ(block->module_type, "__torch__.torchvision.models.resnet.BasicBlock");
    const Node* conv = findNode(
        block->nodes, [](const Node& n) { return n.callee && n.callee->module_path == "layer1.0.conv1"; });
    EXPECT_TRUE(conv);
    auto convGraph = model->graph("layer1.0.conv1", "forward");
    ASSERT_TRUE(convGraph);
    const Node* weight =
        findNode(convGraph->nodes, [](const Node& n) { return n.attr_path == "layer1.0.conv1.weight"; });
    ASSERT_TRUE(weight);
    EXPECT_EQ(weight->attr_kind, "parameter");
    EXPECT_FALSE(model->graph("no.such.module"));
    EXPECT_EQ(model->graph("", "no_such_method").error().code, ErrorCode::NotFound);
}

TEST(EngineGraph, InlinedNodesCarryTheirModuleInstancePath)
{
    auto model = open("resnet18_scripted.pt");
    ASSERT_TRUE(model);
    auto flat = model->graph("", "forward", /*inlined=*/true);
    ASSERT_TRUE(flat);
    const Node* conv = findNode(flat->nodes, [](const Node& n) { return n.kind == "aten::conv2d"; });
    ASSERT_TRUE(conv);
    EXPECT_EQ(conv->module_path, "conv1");
    int layer4 = 0;
    forEachNode(flat->nodes,
                [&](const Node& n, int) { layer4 += n.module_path.rfind("layer4.1.conv2", 0) == 0; });
    EXPECT_GT(layer4, 0);
}

TEST(EngineGraph, ControlFlowBlocksNestTheirNodes)
{
    auto model = open("control_flow.pt");
    ASSERT_TRUE(model);
    auto graph = model->graph();
    ASSERT_TRUE(graph);
    const Node* branch = findNode(graph->nodes, [](const Node& n) { return n.kind == "prim::If"; });
    const Node* loop = findNode(graph->nodes, [](const Node& n) { return n.kind == "prim::Loop"; });
    ASSERT_TRUE(branch && loop);
    EXPECT_EQ(branch->blocks.size(), 2u);
    EXPECT_EQ(loop->blocks.size(), 1u);
    EXPECT_FALSE(loop->blocks[0].inputs.empty()); // the iteration counter
    // Nodes inside blocks appear only there, not in the top-level list.
    size_t nested = 0;
    for (const Node& n : graph->nodes)
        for (const Block& b : n.blocks)
            nested += b.nodes.size();
    EXPECT_GT(nested, 0u);
    EXPECT_EQ(recursiveNodeCount(graph.value()), graph->nodes.size() + nested);
}

TEST(EngineModel, ExtraFilesAreListedAndReadable)
{
    auto model = open("extra_files.pt");
    ASSERT_TRUE(model);
    auto meta = model->extraFile("meta.json");
    ASSERT_TRUE(meta);
    EXPECT_EQ(meta.value(), "{\"author\": \"jitscope\"}");
    EXPECT_EQ(model->extraFile("notes.txt").value(), "hello");
    EXPECT_EQ(model->extraFile("missing.txt").error().code, ErrorCode::NotFound);
}

TEST(EngineModel, ModuleTreeCountsOwnAndSubtreeParameters)
{
    auto model = open("control_flow.pt");
    ASSERT_TRUE(model);
    const auto& modules = model->info().modules;
    auto find = [&](const std::string& path) {
        return *std::find_if(modules.begin(), modules.end(),
                             [&](const ModuleInfo& m) { return m.path == path; });
    };
    EXPECT_EQ(find("block.conv").own_param_count, 4 * 3 * 3 * 3 + 4);
    EXPECT_EQ(find("block").own_param_count, 0);
    EXPECT_EQ(find("block").param_count, 4 * 3 * 3 * 3 + 4 + 4 + 4);
    EXPECT_EQ(find("head").param_bytes, (2 * 4 + 2) * 4);
    EXPECT_EQ(find("block.bn").depth, 2);
    EXPECT_EQ(find("block.bn").name, "bn");
}

TEST(EngineModel, TensorStatisticsMatchPyTorch)
{
    const Json e = expectation("control_flow");
    if (!e.contains("param_stats"))
        GTEST_SKIP() << "fixtures made without param_stats";
    auto model = open("control_flow.pt");
    ASSERT_TRUE(model);
    auto stats = model->tensorStats();
    ASSERT_TRUE(stats);
    ASSERT_EQ(stats->size(), e["param_stats"].size());
    for (size_t i = 0; i < stats->size(); ++i) {
        const TensorStats& s = stats.value()[i];
        const Json& x = e["param_stats"][i];
        EXPECT_EQ(s.name, x["name"].get<std::string>());
        EXPECT_NEAR(s.min, x["min"].get<double>(), 1e-6);
        EXPECT_NEAR(s.max, x["max"].get<double>(), 1e-6);
        EXPECT_NEAR(s.mean, x["mean"].get<double>(), 1e-6);
        EXPECT_NEAR(s.std, x["std"].get<double>(), 1e-6);
        EXPECT_EQ(s.zeros, x["zeros"].get<int64_t>());
    }
    EXPECT_EQ(model->tensorStats({"no.such"}).error().code, ErrorCode::NotFound);
}

TEST(EngineModel, DetectionModelLoadsTorchvisionOpsByItself)
{
    auto model = open("fasterrcnn_scripted.pt");
    ASSERT_TRUE(model);
    const auto& notes = model->info().summary.notes;
    const auto& libs = model->info().summary.loaded_libraries;
    ASSERT_FALSE(libs.empty());
    EXPECT_NE(libs.front().find("torchvision"), std::string::npos);
    (void)notes; // the note is given once per process, by whichever open loaded the library first
}

// Loading a library cannot be undone in a process, so this runs in a child (a death test) to keep the
// other tests' "unknown_op" expectations true.
static void loadOpLibraryAndOpen()
{
    auto missing = Model::open(fixturePath("unknown_op.pt"));
    if (missing || missing.error().code != ErrorCode::UnknownOp ||
        missing.error().op != "jitscope_test::scale")
        std::exit(10);
    OpenOptions options;
    options.libraries = {"/no/such/library.so"};
    auto badLibrary = Model::open(fixturePath("unknown_op.pt"), options);
    if (badLibrary || badLibrary.error().code != ErrorCode::LibraryFailed)
        std::exit(11);
    options.libraries = {jitscope::test::testOpsLibrary()};
    auto model = Model::open(fixturePath("unknown_op.pt"), options);
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().message.c_str());
        std::exit(12);
    }
    if (model.value()->info().summary.loaded_libraries.size() != 1)
        std::exit(13);
    auto graph = model.value()->graph("", "forward", true);
    if (!graph || kindHistogram(graph.value()).count("jitscope_test::scale") != 1)
        std::exit(14);
    std::exit(0);
}

TEST(EngineExtensionsDeathTest, LoadingTheOpLibraryFixesUnknownOp)
{
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(loadOpLibraryAndOpen(), ::testing::ExitedWithCode(0), "");
}

TEST(EngineGraph, CallFunctionCalleesHaveTheirOwnGraph)
{
    auto model = open("fasterrcnn_scripted.pt");
    ASSERT_TRUE(model);
    auto rpn = model->graph("rpn", "forward");
    ASSERT_TRUE(rpn);
    const Node* call = findNode(rpn->nodes, [](const Node& n) { return n.kind == "prim::CallFunction"; });
    ASSERT_TRUE(call);
    ASSERT_TRUE(call->callee);
    EXPECT_STREQ(toString(call->callee->kind), "function");
    EXPECT_EQ(call->callee->type, "__torch__.torchvision.models.detection.rpn.concat_box_prediction_layers");
    auto function = model->functionGraph(call->callee->type);
    ASSERT_TRUE(function) << function.error().message;
    EXPECT_EQ(function->method, call->callee->type);
    EXPECT_GT(recursiveNodeCount(function.value()), 10u);
    EXPECT_EQ(function->inputs.size(), 2u); // box_cls, box_regression
    EXPECT_EQ(model->functionGraph("__torch__.no.such").error().code, ErrorCode::NotFound);
}

// torchvision's detection heads call methods of TorchScript class objects (self.box_coder.decode(…)), which
// are no submodules: their callee is the function "Class.method", and every call in the model leads to a
// graph.
TEST(EngineGraph, ClassObjectMethodsAreFunctionCallees)
{
    auto model = open("fasterrcnn_scripted.pt");
    ASSERT_TRUE(model);
    auto rpn = model->graph("rpn", "forward");
    ASSERT_TRUE(rpn);
    const Node* decode = findNode(rpn->nodes, [](const Node& n) {
        return n.kind == "prim::CallMethod" && n.callee &&
               n.callee->type.find("BoxCoder") != std::string::npos;
    });
    ASSERT_TRUE(decode);
    EXPECT_STREQ(toString(decode->callee->kind), "function");
    EXPECT_EQ(decode->callee->type, "__torch__.torchvision.models.detection._utils.BoxCoder.decode");
    EXPECT_TRUE(decode->callee->module_path.empty());
    auto graph = model->functionGraph(decode->callee->type);
    ASSERT_TRUE(graph) << graph.error().message;
    EXPECT_EQ(graph->inputs.size(), 3u); // self, rel_codes, boxes

    // Walk every callee reachable from forward, as "expand all" does: none may be missing.
    std::set<std::string> seen;
    std::vector<Callee> todo{Callee{CalleeKind::Method, "", "forward", ""}};
    while (!todo.empty()) {
        const Callee callee = todo.back();
        todo.pop_back();
        if (!seen.insert(std::string(toString(callee.kind)) + " " + callee.module_path + " " + callee.method + " " + callee.type)
                 .second)
            continue;
        auto g = callee.kind == CalleeKind::Method ? model->graph(callee.module_path, callee.method)
                                         : model->functionGraph(callee.type);
        ASSERT_TRUE(g) << toString(callee.kind) << " " << callee.module_path << " " << callee.method << " "
                       << callee.type << ": " << g.error().message;
        forEachNode(g->nodes, [&](const Node& n, int) {
            if (n.callee)
                todo.push_back(*n.callee);
        });
    }
    EXPECT_GT(seen.size(), 150u);
}
