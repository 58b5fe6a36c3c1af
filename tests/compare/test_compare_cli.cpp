// `jitscope-cli compare` and the worker's `compare` request, through the real binary.
#include "testsupport.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace jitscope;
using jitscope::test::cliPath;
using jitscope::test::fixturePath;
using jitscope::test::jsonLines;
using jitscope::test::runProcess;

namespace {

std::string quoted(const std::string& s)
{
    return "'" + s + "'";
}

std::string compareArgs(const std::string& a, const std::string& b, const std::string& inputs)
{
    return quoted(cliPath()) + " compare " + quoted(fixturePath(a)) + " " + quoted(fixturePath(b)) +
           " --inputs-file " + quoted(fixturePath(inputs)) + " --iters 3";
}

Json expectations()
{
    std::ifstream in(fixturePath("compare_expect.json"));
    return Json::parse(in);
}

} // namespace

TEST(CompareCli, JsonHasTheDocumentedKeys)
{
    auto r = runProcess(compareArgs("cmp_loop_traced.pt", "cmp_loop_scripted.pt", "cmp_loop.inputs.pt") + " --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const Json j = Json::parse(r.out);
    for (const char* key : {"a", "b", "structure", "control_flow", "parameters", "outputs", "probes",
                            "first_divergence", "timing", "verdict"})
        EXPECT_TRUE(j.contains(key)) << key;
    for (const char* key : {"path", "bytes", "methods", "param_count"})
        EXPECT_TRUE(j["a"].contains(key)) << key;
    EXPECT_EQ(j["a"]["path"], fixturePath("cmp_loop_traced.pt"));
    EXPECT_EQ(j["control_flow"]["a"], 0);
    EXPECT_EQ(j["control_flow"]["b"], 1);
    EXPECT_EQ(j["control_flow"]["only_in_b"], 1);
    for (const char* key : {"matched", "only_a", "only_b", "shape_mismatch", "max_abs_diff", "differing"})
        EXPECT_TRUE(j["parameters"].contains(key)) << key;
    const Json& out = j["outputs"]["outputs"][0];
    for (const char* key : {"shape_a", "shape_b", "dtype_a", "dtype_b", "max_abs", "mean_abs", "median_abs",
                            "max_rel", "mean_rel", "median_rel", "allclose"})
        EXPECT_TRUE(out.contains(key)) << key;
    EXPECT_TRUE(j["outputs"]["allclose"].get<bool>());
    EXPECT_EQ(j["verdict"], "diverges");
    EXPECT_EQ(j["first_divergence"]["module_path"], "acc");
    EXPECT_EQ(j["first_divergence"]["input"], "batch x2");
    EXPECT_TRUE(j["timing"].contains("ratio"));
    EXPECT_EQ(j["rtol"], 1e-4);
    EXPECT_EQ(j["atol"], 1e-5);
}

TEST(CompareCli, CheckExitsFourOnDivergesOnly)
{
    auto diverges = runProcess(compareArgs("cmp_branch_traced.pt", "cmp_branch_scripted.pt", "cmp_branch.inputs.pt") +
                               " --check");
    EXPECT_EQ(diverges.exitCode, 4) << diverges.err;
    EXPECT_EQ(diverges.out.rfind("Verdict: diverges", 0), 0u) << diverges.out; // verdict first
    EXPECT_NE(diverges.out.find("only in b: prim::If in gate"), std::string::npos) << diverges.out;
    auto equivalent = runProcess(compareArgs("cmp_plain_traced.pt", "cmp_plain_scripted.pt", "cmp_plain.inputs.pt") +
                                 " --check");
    EXPECT_EQ(equivalent.exitCode, 0) << equivalent.err;
    EXPECT_EQ(equivalent.out.rfind("Verdict: equivalent", 0), 0u) << equivalent.out;
    // Without --check a divergence is a result, not a failure.
    auto plain = runProcess(compareArgs("cmp_branch_traced.pt", "cmp_branch_scripted.pt", "cmp_branch.inputs.pt") +
                            " --probes none");
    EXPECT_EQ(plain.exitCode, 0) << plain.err;
    EXPECT_EQ(plain.out.rfind("Verdict: equivalent", 0), 0u) << "the example alone agrees: " << plain.out;
}

TEST(CompareCli, StateDictAsB)
{
    auto r = runProcess(quoted(cliPath()) + " compare " + quoted(fixturePath("cmp_ckpt1.pt")) + " " +
                        quoted(fixturePath("cmp_ckpt2_state_dict_module.pt")) + " --json --check");
    EXPECT_EQ(r.exitCode, 4) << r.err;
    const Json j = Json::parse(r.out);
    EXPECT_EQ(j["b"]["kind"], "state_dict");
    EXPECT_TRUE(j["parameters"]["prefix_stripped"].get<bool>());
    EXPECT_TRUE(j["outputs"].is_null());
    const Json e = expectations();
    for (const Json& p : e["pairs"])
        if (p["name"] == "cmp_ckpt2_state_dict_module") {
            EXPECT_NEAR(j["parameters"]["max_abs_diff"].get<double>(), p["parameters"]["max_abs_diff"].get<double>(),
                        1e-6);
        }
}

TEST(CompareCli, ErrorsAreClear)
{
    auto notTorchScript = runProcess(quoted(cliPath()) + " compare " + quoted(fixturePath("cmp_ckpt1_state_dict.pt")) +
                                     " " + quoted(fixturePath("cmp_ckpt1.pt")));
    EXPECT_EQ(notTorchScript.exitCode, 3);
    EXPECT_NE(notTorchScript.err.find("state_dict"), std::string::npos) << notTorchScript.err;
    auto badProbes = runProcess(compareArgs("cmp_plain_traced.pt", "cmp_plain_scripted.pt", "cmp_plain.inputs.pt") +
                                " --probes some");
    EXPECT_EQ(badProbes.exitCode, 2);
    auto badInput = runProcess(quoted(cliPath()) + " compare " + quoted(fixturePath("cmp_plain_traced.pt")) + " " +
                               quoted(fixturePath("cmp_plain_scripted.pt")) + " --input randn:2x3");
    EXPECT_EQ(badInput.exitCode, 2) << badInput.err;
    EXPECT_NE(badInput.err.find("Both models fail on the example"), std::string::npos) << badInput.err;
}

TEST(CompareCli, ServeComparesWithProgressAndRejectsUnknownKeys)
{
    const Json request = {{"id", 1},
                          {"method", "compare"},
                          {"params",
                           {{"a_path", fixturePath("cmp_shape_traced.pt")},
                            {"b_path", fixturePath("cmp_shape_scripted.pt")},
                            {"inputs_file", fixturePath("cmp_shape.inputs.pt")},
                            {"iters", 2}}}};
    const Json unknown = {{"id", 2}, {"method", "compare"}, {"params", {{"a_path", "x"}, {"colour", "red"}}}};
    auto r = runProcess(quoted(cliPath()) + " serve", request.dump() + "\n" + unknown.dump() + "\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    int progress = 0;
    const Json* result = nullptr;
    const Json* rejected = nullptr;
    const auto lines = jsonLines(r.out);
    for (const Json& line : lines) {
        if (line.value("method", "") == "progress" && line["params"]["id"] == 1)
            ++progress;
        if (line.contains("id") && line["id"] == 1 && line.contains("result"))
            result = &line;
        if (line.contains("id") && line["id"] == 2 && line.contains("error"))
            rejected = &line;
    }
    EXPECT_GE(progress, 3);
    ASSERT_TRUE(result) << r.out;
    EXPECT_EQ((*result)["result"]["verdict"], "diverges");
    EXPECT_EQ((*result)["result"]["first_divergence"]["module_path"], "flat");
    ASSERT_TRUE(rejected) << r.out;
    EXPECT_EQ((*rejected)["error"]["code"], "bad_request");
    EXPECT_NE((*rejected)["error"]["message"].get<std::string>().find("colour"), std::string::npos);
}

TEST(CompareCli, ServeCancels)
{
    const Json request = {{"id", 7},
                          {"method", "compare"},
                          {"params",
                           {{"a_path", fixturePath("cmp_plain_traced.pt")},
                            {"b_path", fixturePath("cmp_plain_scripted.pt")},
                            {"inputs_file", fixturePath("cmp_plain.inputs.pt")},
                            {"iters", 100000}}}};
    const Json cancel = {{"id", 8}, {"method", "cancel"}, {"params", {{"target", 7}}}};
    // runProcess appends "<file": the outer group takes it, the worker reads the pipe.
    auto r = runProcess("( (printf '%s\\n' '" + request.dump() + "'; sleep 3; printf '%s\\n' '" + cancel.dump() +
                        "') | " + quoted(cliPath()) + " serve )");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    bool cancelled = false;
    for (const Json& line : jsonLines(r.out))
        if (line.contains("id") && line["id"] == 7 && line.contains("error"))
            cancelled = line["error"]["code"] == "cancelled";
    EXPECT_TRUE(cancelled) << r.out << r.err;
}
