// compare() against PyTorch's own judgement of trace/script pairs (tests/fixtures/fixtures_compare.py):
// the verdict, each probe, control-flow counts, parameters, and the module the hazard sits in.
#include "engine/compare.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace jitscope;
using jitscope::test::fixturePath;

namespace {

Json compareExpectations()
{
    std::ifstream in(fixturePath("compare_expect.json"));
    if (!in)
        throw std::runtime_error("compare_expect.json is missing (run the make_fixtures test first)");
    return Json::parse(in);
}

Json pair(const std::string& name)
{
    const Json all = compareExpectations();
    for (const Json& p : all["pairs"])
        if (p["name"] == name)
            return p;
    throw std::runtime_error("no compare fixture " + name);
}

CompareInput open(const std::string& file, bool allowStateDict = false)
{
    auto in = openForCompare(fixturePath(file), allowStateDict);
    if (!in)
        throw std::runtime_error(in.error().message);
    return in.value();
}

CompareOptions optionsFor(const Json& p)
{
    CompareOptions options;
    options.inputs_file = fixturePath(p["inputs_file"]);
    options.iters = 3;
    return options;
}

CompareReport compareModels(const Json& p)
{
    auto report = compare(open(p["a"]), open(p["b"]), optionsFor(p));
    if (!report)
        throw std::runtime_error(report.error().message + " " + report.error().detail);
    return report.value();
}

void expectRunMatches(const RunComparison& run, const Json& e)
{
    SCOPED_TRACE(run.description);
    EXPECT_EQ(run.description, e["description"]);
    EXPECT_EQ(run.a_ok, e["a_ok"]) << run.a_error;
    EXPECT_EQ(run.b_ok, e["b_ok"]) << run.b_error;
    EXPECT_EQ(run.allclose, e["allclose"]);
    EXPECT_EQ(run.diverges, e["diverges"]);
}

class ComparePairs : public testing::TestWithParam<std::string>
{
};

} // namespace

// Every trace/script pair: the same judgement as PyTorch on the example and on every probe.
TEST_P(ComparePairs, MatchesPyTorchJudgement)
{
    const Json e = pair(GetParam());
    const CompareReport r = compareModels(e);
    EXPECT_EQ(r.verdict, e["verdict"]);
    ASSERT_TRUE(r.outputs.has_value());
    expectRunMatches(*r.outputs, e["example"]);
    ASSERT_EQ(r.probes.size(), e["probes"].size());
    for (size_t i = 0; i < r.probes.size(); ++i)
        expectRunMatches(r.probes[i], e["probes"][i]);

    ASSERT_TRUE(r.control_flow.has_value());
    EXPECT_EQ(r.control_flow->a, e["control_flow"]["a"]);
    EXPECT_EQ(r.control_flow->b, e["control_flow"]["b"]);

    EXPECT_EQ(r.parameters.matched, e["parameters"]["matched"]);
    EXPECT_NEAR(r.parameters.max_abs_diff, e["parameters"]["max_abs_diff"].get<double>(), 1e-6);
    EXPECT_EQ(r.parameters.differing.size(), e["parameters"]["differing"].size());
    for (const ParameterDiffEntry& d : r.parameters.differing)
        EXPECT_NEAR(d.max_abs_diff, e["parameters"]["differing"][d.name].get<double>(), 1e-6) << d.name;

    if (e["first_divergence"].is_null()) {
        EXPECT_FALSE(r.first_divergence.has_value());
    } else {
        ASSERT_TRUE(r.first_divergence.has_value());
        EXPECT_TRUE(r.first_divergence->found);
        EXPECT_EQ(r.first_divergence->module_path, e["first_divergence"]) << r.first_divergence->reason;
    }
    ASSERT_TRUE(r.timing.has_value());
    EXPECT_EQ(r.timing->iters, 3);
    EXPECT_GT(r.timing->a_median_ms, 0);
    EXPECT_NEAR(r.timing->ratio, r.timing->b_median_ms / r.timing->a_median_ms, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ComparePairs,
                         testing::Values("cmp_branch", "cmp_loop", "cmp_shape", "cmp_plain", "cmp_ckpts", "cmp_blocks",
                                         "cmp_deepcall"));

TEST(Compare, BranchOnlyInTheScriptIsListedWithItsSourceLine)
{
    const CompareReport r = compareModels(pair("cmp_branch"));
    ASSERT_TRUE(r.control_flow.has_value());
    EXPECT_EQ(r.control_flow->only_in_a, 0);
    EXPECT_EQ(r.control_flow->only_in_b, 1);
    ASSERT_EQ(r.control_flow->nodes.size(), 1u);
    const ControlFlowNode& n = r.control_flow->nodes[0];
    EXPECT_EQ(n.side, "b");
    EXPECT_EQ(n.kind, "prim::If");
    EXPECT_EQ(n.module_path, "gate");
    EXPECT_NE(n.source.text.find("if"), std::string::npos) << n.source.text;
    EXPECT_NE(n.original.file.find("fixtures_compare.py"), std::string::npos) << n.original.file;
    EXPECT_NE(n.original.text.find("x.sum() > 0"), std::string::npos) << n.original.text;
    // The divergence is found on the first diverging input, the negated example, inside `gate`.
    ASSERT_TRUE(r.first_divergence.has_value());
    EXPECT_EQ(r.first_divergence->input, "negated");
    EXPECT_EQ(r.first_divergence->reason, "outputs differ");
    ASSERT_FALSE(r.first_divergence->outputs.empty());
    EXPECT_FALSE(r.first_divergence->outputs[0].allclose);
}

TEST(Compare, OutputStatisticsOfTwoCheckpoints)
{
    const CompareReport r = compareModels(pair("cmp_ckpts"));
    ASSERT_TRUE(r.outputs.has_value());
    ASSERT_EQ(r.outputs->outputs.size(), 1u);
    const OutputDiff& o = r.outputs->outputs[0];
    EXPECT_EQ(o.shape_a, (std::vector<int64_t>{1, 3})); // Plain on the 1x3x8x8 example
    EXPECT_EQ(o.dtype_a, "float32");
    EXPECT_GT(o.max_abs, 0);
    EXPECT_LE(o.median_abs, o.max_abs);
    EXPECT_LE(o.mean_abs, o.max_abs);
    EXPECT_GT(o.mismatched, 0);
    EXPECT_FALSE(o.allclose);
    EXPECT_TRUE(r.structure->differences.empty()); // same architecture, same graph
    EXPECT_EQ(r.parameters.differing.front().max_abs_diff, r.parameters.max_abs_diff); // largest first
}

TEST(Compare, ModelAgainstItselfIsEquivalent)
{
    const Json e = pair("cmp_plain");
    auto report = compare(open(e["b"]), open(e["b"]), optionsFor(e));
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->verdict, "equivalent");
    EXPECT_EQ(report->control_flow->only_in_a + report->control_flow->only_in_b, 0);
    EXPECT_TRUE(report->structure->differences.empty());
    EXPECT_EQ(report->parameters.max_abs_diff, 0);
}

TEST(Compare, StateDictsAgainstPyTorch)
{
    for (const char* name : {"cmp_ckpt1_state_dict", "cmp_ckpt2_state_dict_module"}) {
        SCOPED_TRACE(name);
        const Json e = pair(name);
        const CompareInput b = open(e["b"], true);
        ASSERT_FALSE(b.model);
        auto report = compare(open(e["a"]), b, {});
        ASSERT_TRUE(report) << report.error().message << report.error().detail;
        EXPECT_EQ(report->b.kind, "state_dict");
        EXPECT_EQ(report->verdict, e["verdict"]);
        EXPECT_EQ(report->parameters.prefix_stripped, e["prefix_stripped"]);
        EXPECT_EQ(report->parameters.matched, e["parameters"]["matched"]);
        EXPECT_TRUE(report->parameters.only_a.empty());
        EXPECT_TRUE(report->parameters.only_b.empty());
        EXPECT_NEAR(report->parameters.max_abs_diff, e["parameters"]["max_abs_diff"].get<double>(), 1e-6);
        EXPECT_FALSE(report->outputs.has_value()); // a state_dict has no outputs to compare
    }
}

TEST(Compare, StateDictOnlyAsB)
{
    auto a = openForCompare(fixturePath("cmp_ckpt1_state_dict.pt"), false);
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().code, ErrorCode::Checkpoint);
}

TEST(Compare, StopsWhenAsked)
{
    const Json e = pair("cmp_plain");
    std::atomic<bool> stop{false};
    std::vector<std::string> stages;
    auto report = compare(open(e["a"]), open(e["b"]), optionsFor(e), &stop, [&](const std::string& stage, double) {
        stages.push_back(stage);
        if (stage.rfind("running", 0) == 0)
            stop = true;
    });
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, ErrorCode::Cancelled);
    EXPECT_EQ(stages.front(), "structure");
}

TEST(Compare, BadExampleIsAClearError)
{
    const Json e = pair("cmp_plain");
    CompareOptions options;
    options.inputs = {{"", "randn:2x3"}};
    auto report = compare(open(e["a"]), open(e["b"]), options);
    ASSERT_FALSE(report);
    EXPECT_FALSE(report.error().message.empty());
    auto missingMethod = compare(open(e["a"]), open(e["b"]), [] {
        CompareOptions o;
        o.method = "nope";
        return o;
    }());
    ASSERT_FALSE(missingMethod);
    EXPECT_EQ(missingMethod.error().code, ErrorCode::NotFound);
}
