// The engine against what PyTorch itself reported for each fixture (tests/fixtures/make_fixtures.py).
#include "engine/engine.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace jitscope;
using jitscope::test::expectation;
using jitscope::test::fixtureIndex;
using jitscope::test::fixturePath;

namespace {

std::vector<std::string> fixtureNames(const std::string& kind)
{
    std::vector<std::string> names;
    try {
        const Json index = fixtureIndex(); // keep the temporary alive for the loop
        for (const Json& f : index["fixtures"])
            if (f["kind"] == kind)
                names.push_back(f["name"]);
    } catch (const std::exception&) {
        // FixtureIndex.HasEveryKind reports a missing index; parameterized tests then have no instances.
    }
    return names;
}

std::shared_ptr<Model> openFixture(const std::string& file)
{
    auto model = Model::open(fixturePath(file));
    if (!model)
        ADD_FAILURE() << file << ": " << model.error().message << "\n" << model.error().detail;
    return model ? model.value() : nullptr;
}

} // namespace

TEST(FixtureIndex, HasEveryKind)
{
    EXPECT_GE(fixtureNames("ok").size(), 12u);
    EXPECT_GE(fixtureNames("error").size(), 11u);
}

class GoodFixture : public ::testing::TestWithParam<std::string>
{
};

TEST_P(GoodFixture, SummaryModulesAndTensorsMatchPyTorch)
{
    const Json e = expectation(GetParam());
    auto model = openFixture(e["file"]);
    ASSERT_TRUE(model);
    const ModelInfo& info = model->info();
    EXPECT_EQ(info.summary.bytes, e["bytes"].get<int64_t>());
    EXPECT_EQ(info.summary.format_version, e["format_version"].get<int64_t>());
    EXPECT_EQ(info.summary.extra_files, e["extra_files"].get<std::vector<std::string>>());
    EXPECT_EQ(info.summary.has_debug_info, e["has_debug_info"].get<bool>());
    EXPECT_EQ(info.summary.root_type, e["root_type"].get<std::string>());
    EXPECT_EQ(info.summary.archive_name, e["archive_name"].get<std::string>());

    std::vector<std::string> methods;
    for (const MethodInfo& m : info.summary.methods) {
        methods.push_back(m.name);
        if (e.contains("method_schemas") && e["method_schemas"].contains(m.name)) {
            EXPECT_EQ(m.schema, e["method_schemas"][m.name].get<std::string>());
        }
    }
    EXPECT_EQ(methods, e["methods"].get<std::vector<std::string>>());

    ASSERT_EQ(info.modules.size(), e["modules"].size());
    for (size_t i = 0; i < info.modules.size(); ++i) {
        EXPECT_EQ(info.modules[i].path, e["modules"][i]["path"].get<std::string>());
        EXPECT_EQ(info.modules[i].type, e["modules"][i]["type"].get<std::string>());
    }
    auto compareTensors = [](const std::vector<TensorMeta>& actual, const Json& expected) {
        ASSERT_EQ(actual.size(), expected.size());
        for (size_t i = 0; i < actual.size(); ++i) {
            EXPECT_EQ(actual[i].name, expected[i]["name"].get<std::string>());
            EXPECT_EQ(actual[i].shape, expected[i]["shape"].get<std::vector<int64_t>>()) << actual[i].name;
            EXPECT_EQ(actual[i].dtype, expected[i]["dtype"].get<std::string>()) << actual[i].name;
        }
    };
    compareTensors(info.parameters, e["parameters"]);
    compareTensors(info.buffers, e["buffers"]);
    EXPECT_EQ(info.summary.param_count, e["param_count"].get<int64_t>());
    EXPECT_EQ(info.summary.param_bytes, e["param_bytes"].get<int64_t>());
    // The root's subtree owns every parameter.
    EXPECT_EQ(info.modules.front().param_count, e["param_count"].get<int64_t>());
}

TEST_P(GoodFixture, GraphsMatchPyTorchNodeCountsAndKinds)
{
    const Json e = expectation(GetParam());
    auto model = openFixture(e["file"]);
    ASSERT_TRUE(model);
    for (const auto& [method, g] : e["graphs"].items()) {
        for (bool inlined : {false, true}) {
            SCOPED_TRACE(method + (inlined ? " (inlined)" : ""));
            auto graph = model->graph("", method, inlined);
            ASSERT_TRUE(graph) << graph.error().message << graph.error().detail;
            const char* nodesKey = inlined ? "inlined_nodes" : "nodes";
            const char* kindsKey = inlined ? "inlined_kinds" : "kinds";
            EXPECT_EQ(recursiveNodeCount(graph.value()), g[nodesKey].get<size_t>());
            EXPECT_EQ(kindHistogram(graph.value()), (g[kindsKey].get<std::map<std::string, int>>()));
            EXPECT_EQ(graph->inputs.size(), g["inputs"].get<size_t>());
            EXPECT_EQ(graph->outputs.size(), g["outputs"].get<size_t>());
            EXPECT_FALSE(graph->text.empty());
            // Preorder ids are dense: 0 … N-1.
            int64_t expectedId = 0;
            forEachNode(graph->nodes, [&](const Node& node, int) { EXPECT_EQ(node.id, expectedId++); });
        }
    }
}

TEST_P(GoodFixture, CodeHasWhatPyTorchPrints)
{
    const Json e = expectation(GetParam());
    auto model = openFixture(e["file"]);
    ASSERT_TRUE(model);
    const std::vector<CodeEntry> code = model->code();
    ASSERT_FALSE(code.empty());
    EXPECT_EQ(code.front().qualified_name, e["root_type"].get<std::string>());
    std::string all;
    for (const CodeEntry& entry : code)
        all += entry.text;
    for (const Json& needle : e["code_contains"])
        EXPECT_NE(all.find(needle.get<std::string>()), std::string::npos) << needle;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GoodFixture, ::testing::ValuesIn(fixtureNames("ok")),
                         [](const auto& info) { return info.param; });

class BadFixture : public ::testing::TestWithParam<std::string>
{
};

TEST_P(BadFixture, FailsWithTypedErrorAndReadableMessage)
{
    // The fixture's own expectation: index.json lists bad files without message_contains.
    const Json entry = expectation(GetParam());
    auto model = Model::open(fixturePath(entry["file"]));
    ASSERT_FALSE(model) << entry["file"] << " unexpectedly loaded";
    const Error& error = model.error();
    EXPECT_EQ(toString(error.code), entry["error"].get<std::string>()) << error.message << "\n"
                                                                       << error.detail;
    EXPECT_FALSE(error.message.empty());
    EXPECT_EQ(error.message.find('\n'), std::string::npos) << "message must be one line: " << error.message;
    for (const Json& needle : entry.value("message_contains", Json::array()))
        EXPECT_NE(error.message.find(needle.get<std::string>()), std::string::npos)
            << "'" << needle << "' not in: " << error.message;
    if (entry.contains("op")) { // braces: EXPECT_EQ is an if/else of its own (-Wdangling-else)
        EXPECT_EQ(error.op, entry["op"].get<std::string>());
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadFixture, ::testing::ValuesIn(fixtureNames("error")),
                         [](const auto& info) { return info.param; });
