// `run` through the real CLI and the real worker reproduces PyTorch's own outputs for every good fixture
// (inputs and statistics saved by tests/fixtures/make_fixtures.py), dict/list/Optional inputs included.
#include "testsupport.h"
#include "worker.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

using namespace jitscope;
using namespace jitscope::test;

namespace {

// Relative 1e-4 (absolute near zero: sums of signed values can cancel out).
void expectClose(const Json& got, const Json& want, const std::string& what)
{
    if (want.is_null() || got.is_null()) {
        EXPECT_EQ(got.is_null(), want.is_null()) << what << ": got " << got << ", want " << want;
        return;
    }
    const double g = got.get<double>(), w = want.get<double>();
    EXPECT_LE(std::abs(g - w), 1e-4 * std::max(1.0, std::abs(w))) << what << ": got " << g << ", want " << w;
}

void expectOutputsMatch(const Json& got, const Json& want, const std::string& label)
{
    ASSERT_EQ(got.size(), want.size()) << label << ": " << got.dump();
    for (size_t i = 0; i < want.size(); ++i) {
        const std::string what = label + " output " + std::to_string(i);
        EXPECT_EQ(got[i]["shape"], want[i]["shape"]) << what;
        EXPECT_EQ(got[i]["dtype"], want[i]["dtype"]) << what;
        for (const char* key : {"sum", "min", "max", "mean"})
            expectClose(got[i][key], want[i][key], what + " " + key);
    }
}

// (fixture expectation, one of its runs) for every good fixture.
std::vector<std::pair<Json, Json>> allRuns()
{
    std::vector<std::pair<Json, Json>> runs;
    const Json index = fixtureIndex(); // not in the for: a temporary's member would dangle
    for (const Json& entry : index["fixtures"]) {
        if (entry["kind"] != "ok")
            continue;
        Json exp = expectation(entry["name"]);
        runs.push_back({exp, exp["run"]});
        for (const Json& extra : exp.value("extra_runs", Json::array()))
            runs.push_back({exp, extra});
    }
    return runs;
}

std::string quote(const std::string& s)
{
    return "'" + s + "'";
}

} // namespace

TEST(RunOutputs, CliReproducesEveryFixture)
{
    int checked = 0;
    for (const auto& [exp, run] : allRuns()) {
        const std::string label = exp["name"].get<std::string>() + "." + run["method"].get<std::string>();
        auto r = runProcess(quote(cliPath()) + " run " + quote(fixturePath(exp["file"])) + " --method " +
                            run["method"].get<std::string>() + " --inputs-file " +
                            quote(fixturePath(run["inputs_file"])) + " --json");
        ASSERT_EQ(r.exitCode, 0) << label << "\n" << r.err;
        Json out = Json::parse(r.out);
        expectOutputsMatch(out["outputs"], run["outputs"], label);
        EXPECT_GT(out["ms"].get<double>(), 0);
        ++checked;
    }
    EXPECT_GE(checked, 15);
}

TEST(RunOutputs, WorkerReproducesEveryFixture)
{
    Worker worker;
    std::map<std::string, int> handles;
    int checked = 0;
    std::map<std::string, int> callCounts;
    for (const auto& [exp, run] : allRuns()) {
        const std::string name = exp["name"];
        if (!handles.count(name))
            handles[name] = worker.open(fixturePath(exp["file"]));
        Json response = worker.request("run", {{"handle", handles[name]},
                                               {"method", run["method"]},
                                               {"inputs_file", fixturePath(run["inputs_file"])}});
        ASSERT_TRUE(response.contains("result")) << name << ": " << response.dump();
        const Json& result = response["result"];
        expectOutputsMatch(result["outputs"], run["outputs"], name);
        // calls are counted per model and method; the profiling executor's first two are warm-up
        const int calls = callCounts[name + "." + run["method"].get<std::string>()]++;
        EXPECT_EQ(result["call_index"], calls) << name;
        EXPECT_EQ(result["warmup"].get<bool>(), calls <= 1) << name;
        ++checked;
    }
    EXPECT_GE(checked, 15);
}

TEST(RunOutputs, DictListOptionalFromSpecs)
{
    Worker worker;
    const int handle = worker.open(fixturePath("dict_list_inputs.pt"));
    // Dict[str, Tensor] and List[Tensor] built from JSON specs; z left to its default None
    Json params = {{"handle", handle},
                   {"inputs", Json::array({Json{{"b", "randn:2x4"}, {"a", "randn:1x4"}},
                                           Json::array({"randn:2x3", "ones:4x3"})})}};
    Json response = worker.request("run", params);
    ASSERT_TRUE(response.contains("result")) << response.dump();
    Json outputs = response["result"]["outputs"];
    ASSERT_EQ(outputs.size(), 5u);
    EXPECT_EQ(outputs[0]["shape"], Json::array({1, 3}));
    EXPECT_EQ(outputs[1]["shape"], Json::array({2, 3}));
    EXPECT_EQ(outputs[4]["shape"], Json::array({4, 3}));
    EXPECT_DOUBLE_EQ(outputs[4]["sum"].get<double>(), 24.0); // ones(4, 3) * 2
    const Json& tree = response["result"]["output"];
    EXPECT_EQ(tree["kind"], "tuple");
    EXPECT_EQ(tree["children"][0]["kind"], "dict");
    EXPECT_EQ(tree["children"][0]["children"][0]["key"], "a");
    EXPECT_EQ(tree["children"][2]["kind"], "list");

    // the Optional given by name: total * z changes output 2 only
    params["named"] = {{"z", "zeros:3"}};
    response = worker.request("run", params);
    ASSERT_TRUE(response.contains("result")) << response.dump();
    EXPECT_DOUBLE_EQ(response["result"]["outputs"][2]["sum"].get<double>(), 0.0);
    EXPECT_EQ(response["result"]["inputs"][2], "Tensor[3] float32");
}

// Inputs given as specs (run_specs: dicts as [key, value] pairs, the protocol's ordered form) reproduce
// PyTorch's runs of the same specs; a dict reaches the model in the order written, from the protocol and
// from the CLI's json:{…}. A JSON object in the protocol arrives with its keys sorted.
TEST(RunOutputs, SpecInputsKeepTheDictOrder)
{
    Worker worker;
    for (const char* name : {"typed_args", "dict_order"}) {
        const Json exp = expectation(name);
        const int handle = worker.open(fixturePath(exp["file"]));
        std::vector<std::pair<Json, Json>> runs{{exp["run_specs"], exp["run"]}};
        for (size_t i = 0; i < exp["extra_runs"].size(); ++i)
            runs.push_back({exp["extra_run_specs"][i], exp["extra_runs"][i]});
        for (const auto& [specs, run] : runs) {
            Json response = worker.request("run", {{"handle", handle}, {"inputs", specs}});
            ASSERT_TRUE(response.contains("result")) << name << ": " << response.dump();
            expectOutputsMatch(response["result"]["outputs"], run["outputs"], name + specs.dump());
        }
    }
    const Json exp = expectation("dict_order");
    ASSERT_DOUBLE_EQ(exp["run"]["outputs"][1]["sum"].get<double>(), 80.0); // b, a, c
    const int handle = worker.open(fixturePath("dict_order.pt"));
    Json response = worker.request(
        "run", {{"handle", handle},
                {"inputs", Json::parse(R"([{"b": "arange:3", "a": "full:10:2", "c": "ones:1"}])")}});
    ASSERT_TRUE(response.contains("result")) << response.dump();
    expectOutputsMatch(response["result"]["outputs"], exp["extra_runs"][0]["outputs"], "JSON object: sorted");
    EXPECT_EQ(response["result"]["inputs"][0],
              "Dict{a: Tensor[2] float32, b: Tensor[3] float32, c: Tensor[1] float32}");

    auto r = runProcess(quote(cliPath()) + " run " + quote(fixturePath("dict_order.pt")) + " --input " +
                        quote(R"(json:{"b": "arange:3", "a": "full:10:2", "c": "ones:1"})") + " --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    expectOutputsMatch(Json::parse(r.out)["outputs"], exp["run"]["outputs"], "CLI json:{b, a, c}");
}

TEST(RunOutputs, NpyInputAndSavedOutputs)
{
    const Json exp = expectation("tiny_linear");
    const std::string saved = "/tmp/jitscope-run-test-outputs.pt";
    auto r = runProcess(quote(cliPath()) + " run " + quote(fixturePath("tiny_linear.pt")) + " --input " +
                        quote("file:" + fixturePath("tiny_linear.input0.npy")) + " --save-outputs " + saved +
                        " --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    expectOutputsMatch(Json::parse(r.out)["outputs"], exp["run"]["outputs"], "tiny_linear from .npy");
    // PyTorch reads the saved outputs back and finds its own values
    auto py =
        runProcess("/usr/bin/python3 -c \"import torch; a = torch.load('" + saved + "'); b = torch.load('" +
                   fixturePath("tiny_linear.outputs.pt") + "')[0]; print(torch.allclose(a, b))\"");
    EXPECT_EQ(py.out, "True\n") << py.err;
    std::remove(saved.c_str());
}
