// `jitscope-cli run --values` and the worker's run/values + save_value, through the real binary.
#include "valuesupport.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include <unistd.h>

using namespace jitscope;
using namespace jitscope::test;

namespace {

std::string quote(const std::string& s)
{
    return "'" + s + "'";
}

std::string runArgs(const Json& e)
{
    std::string args = quote(fixturePath(e["file"].get<std::string>()));
    for (const Json& spec : e["inputs"])
        args += " --input " + quote(spec.get<std::string>());
    return args;
}

Json runJson(const std::string& args)
{
    auto r = runProcess(quote(cliPath()) + " run " + args);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return Json::parse(r.out);
}

} // namespace

TEST(ValuesCli, RunValuesJsonFindsTheFirstNanAndKeepsTheOutputs)
{
    const Json e = valuesExpectation("values_nan");
    const Json plain = runJson(runArgs(e) + " --json");
    const Json j = runJson(runArgs(e) + " --values --json");
    EXPECT_FALSE(plain.contains("values"));
    ASSERT_TRUE(j.contains("values"));
    EXPECT_EQ(j["outputs"].size(), plain["outputs"].size());
    EXPECT_EQ(j["outputs"][0]["shape"], plain["outputs"][0]["shape"]);
    const Json& first = j["first_nonfinite"];
    ASSERT_TRUE(first.is_object()) << j.dump();
    EXPECT_EQ(first["kind"], "aten::log");
    EXPECT_EQ(first["module_path"], "");
    EXPECT_NE(first["original"]["text"].get<std::string>().find("torch.log(h)"), std::string::npos);
    EXPECT_GT(first["source"]["line"].get<int>(), 0);
    for (const char* key : {"id", "name", "node", "kind", "module_path", "type", "shape", "dtype", "min",
                            "max", "mean", "std", "nans", "infs", "count", "histogram"})
        EXPECT_TRUE(j["values"][0].contains(key)) << key;

    // The ids are those of graph --inlined --format json.
    auto g = runProcess(quote(cliPath()) + " graph " + quote(fixturePath("values_nan.pt")) +
                        " --inlined --format json");
    ASSERT_EQ(g.exitCode, 0) << g.err;
    const Json graph = Json::parse(g.out);
    std::map<int64_t, std::string> kindOfNode;
    std::map<int64_t, int64_t> producer;
    for (const Json& n : graph["nodes"]) {
        kindOfNode[n["id"]] = n["kind"];
        for (const Json& out : n["outputs"])
            producer[out["id"]] = n["id"];
    }
    EXPECT_EQ(kindOfNode.at(first["node"].get<int64_t>()), "aten::log");
    EXPECT_EQ(producer.at(first["value"].get<int64_t>()), first["node"].get<int64_t>());
}

TEST(ValuesCli, TextReportAndValuesDir)
{
    const Json e = valuesExpectation("values_loop");
    const auto dir =
        std::filesystem::temp_directory_path() / ("jitscope_cli_values_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    auto r = runProcess(quote(cliPath()) + " run " + runArgs(e) + " --values-dir " + quote(dir.string()));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("First NaN/Inf: value"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("aten::mul"), std::string::npos);
    EXPECT_NE(r.out.find("×6"), std::string::npos) << r.out; // loop count
    EXPECT_NE(r.out.find("s * 1e10"), std::string::npos);
    size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        files += entry.path().extension() == ".pt";
    EXPECT_GE(files, 4u);
    std::filesystem::remove_all(dir);

    auto bad = runProcess(quote(cliPath()) + " run " + runArgs(e) + " --values-dir /proc/nope/x");
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find("Cannot create the directory"), std::string::npos) << bad.err;
}

TEST(ValuesCli, WorkerRunsWithValuesAndSavesOne)
{
    const Json e = valuesExpectation("values_list");
    const std::string out = (std::filesystem::temp_directory_path() /
                             ("jitscope_save_value_" + std::to_string(::getpid()) + ".npy"))
                                .string();
    Json inputs = e["inputs"];
    std::string input;
    input +=
        Json{{"id", 1}, {"method", "open"}, {"params", {{"path", fixturePath(e["file"])}}}}.dump() + "\n";
    input +=
        Json{{"id", 2}, {"method", "save_value"}, {"params", {{"handle", 1}, {"value", 1}, {"path", out}}}}
            .dump() +
        "\n"; // before any run
    input +=
        Json{{"id", 3}, {"method", "run"}, {"params", {{"handle", 1}, {"inputs", inputs}, {"values", true}}}}
            .dump() +
        "\n";
    input += "SAVE\n";
    input +=
        Json{{"id", 5}, {"method", "save_value"}, {"params", {{"handle", 1}, {"valeu", 1}}}}.dump() + "\n";
    input += Json{{"id", 6}, {"method", "shutdown"}}.dump() + "\n";

    // The id to save comes from a first session's answer: the list output's element 1.
    auto first =
        runProcess(quote(cliPath()) + " serve", input.substr(0, input.find("SAVE\n")) +
                                                    Json{{"id", 9}, {"method", "shutdown"}}.dump() + "\n");
    ASSERT_EQ(first.exitCode, 0) << first.err;
    auto lines = jsonLines(first.out);
    const Json* run = responseFor(lines, 3);
    ASSERT_TRUE(run && run->contains("result")) << first.out;
    EXPECT_EQ((*responseFor(lines, 2))["error"]["code"], "bad_request");
    int64_t listId = -1;
    for (const Json& v : (*run)["result"]["values"])
        if (v["kind"] == "prim::ListConstruct" && v["element"] == "1")
            listId = v["id"];
    ASSERT_GE(listId, 0);
    EXPECT_TRUE((*run)["result"]["first_nonfinite"].is_null());

    const std::string save =
        Json{{"id", 4},
             {"method", "save_value"},
             {"params", {{"handle", 1}, {"value", listId}, {"element", "1"}, {"path", out}}}}
            .dump() +
        "\n";
    std::string second = input;
    second.replace(second.find("SAVE\n"), 5, save);
    auto r = runProcess(quote(cliPath()) + " serve", second);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    lines = jsonLines(r.out);
    const Json* saved = responseFor(lines, 4);
    ASSERT_TRUE(saved && saved->contains("result")) << r.out;
    EXPECT_EQ((*saved)["result"]["path"], out);
    const Json* unknown = responseFor(lines, 5);
    ASSERT_TRUE(unknown);
    EXPECT_EQ((*unknown)["error"]["code"], "bad_request");
    EXPECT_NE((*unknown)["error"]["message"].get<std::string>().find("valeu"), std::string::npos);
    // numpy reads the element: sigmoid(x) * 2 of the 2×3 input
    auto py = runProcess("/usr/bin/python3 -c \"import numpy,sys; a=numpy.load(sys.argv[1]); "
                         "print(a.shape, round(float(a.max()), 4))\" " +
                         quote(out));
    ASSERT_EQ(py.exitCode, 0) << py.err;
    std::ostringstream expected;
    expected << "(2, 3) " << std::round(e["outputs"][1]["max"].get<double>() * 1e4) / 1e4 << "\n";
    EXPECT_EQ(py.out, expected.str());
    std::filesystem::remove(out);
}

TEST(ValuesCli, GraphPassesCountNodesAndKinds)
{
    const Json e = valuesExpectation("values_classifier");
    const std::string file = quote(fixturePath(e["file"].get<std::string>()));
    std::map<std::string, Json> passes;
    for (const char* pass : {"saved", "inlined", "frozen", "optimized"}) {
        auto r = runProcess(quote(cliPath()) + " graph " + file + " --pass " + pass + " --format json");
        ASSERT_EQ(r.exitCode, 0) << pass << ": " << r.err;
        passes[pass] = Json::parse(r.out);
        EXPECT_EQ(passes[pass]["pass"], pass);
        EXPECT_GT(passes[pass]["node_count"].get<int>(), 0) << pass;
    }
    // scripted resnet: forward is one call; inlining shows every op; freezing folds the attributes away and
    // the batch norms into the convolutions; optimize_for_inference moves them to MKL-DNN.
    EXPECT_EQ(passes["saved"]["node_count"], 1);
    EXPECT_EQ(passes["inlined"]["kinds"]["aten::conv2d"], 20);
    EXPECT_GT(passes["inlined"]["kinds"]["prim::GetAttr"].get<int>(), 0);
    EXPECT_FALSE(passes["frozen"]["kinds"].contains("prim::GetAttr"));
    EXPECT_FALSE(passes["frozen"]["kinds"].contains("aten::batch_norm"));
    EXPECT_EQ(passes["frozen"]["kinds"]["aten::conv2d"], 20);
    EXPECT_LT(passes["frozen"]["node_count"].get<int>(), passes["inlined"]["node_count"].get<int>());
    EXPECT_EQ(passes["optimized"]["kinds"].value("prim::mkldnn_convolution", 0), 20);

    // executed: after warm-up calls on the inputs; the text form compares kinds with saved
    auto executed = runProcess(quote(cliPath()) + " graph " + file + " --pass executed --input " +
                               quote(e["inputs"][0].get<std::string>()));
    ASSERT_EQ(executed.exitCode, 0) << executed.err;
    EXPECT_NE(executed.out.find("# (all nodes)"), std::string::npos);
    EXPECT_NE(executed.out.find("aten::conv2d"), std::string::npos);

    EXPECT_EQ(runProcess(quote(cliPath()) + " graph " + file + " --pass executed").exitCode, 2);
    EXPECT_EQ(runProcess(quote(cliPath()) + " graph " + file + " --pass bogus").exitCode, 2);
}

TEST(ValuesCli, WorkerGraphPasses)
{
    const Json e = valuesExpectation("values_classifier");
    std::string input;
    auto line = [&](int id, const std::string& method, const Json& params) {
        input += Json{{"id", id}, {"method", method}, {"params", params}}.dump() + "\n";
    };
    line(1, "open", {{"path", fixturePath(e["file"])}});
    line(2, "graph", {{"handle", 1}, {"pass", "frozen"}});
    line(3, "graph", {{"handle", 1}, {"pass", "executed"}}); // before any run
    line(4, "run", {{"handle", 1}, {"inputs", e["inputs"]}});
    line(5, "graph", {{"handle", 1}, {"pass", "executed"}});
    line(6, "graph", {{"handle", 1}, {"pass", "frozen"}, {"inlined", true}});
    line(7, "graph", {{"handle", 1}, {"pass", "sideways"}});
    line(8, "graph", {{"handle", 1}, {"inlined", true}}); // no pass: as before
    input += R"({"id": 9, "method": "shutdown"})"
             "\n";
    auto r = runProcess(quote(cliPath()) + " serve", input);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = jsonLines(r.out);
    const Json* frozen = responseFor(lines, 2);
    ASSERT_TRUE(frozen && frozen->contains("result")) << r.out.substr(0, 2000);
    EXPECT_EQ((*frozen)["result"]["pass"], "frozen");
    EXPECT_GT((*frozen)["result"]["node_count"].get<int>(), 0);
    EXPECT_EQ((*responseFor(lines, 3))["error"]["code"], "bad_request");
    const Json* executed = responseFor(lines, 5);
    ASSERT_TRUE(executed && executed->contains("result")) << executed->dump().substr(0, 2000);
    EXPECT_EQ((*executed)["result"]["pass"], "executed");
    EXPECT_TRUE((*executed)["result"]["kinds"].contains("aten::conv2d"));
    const Json* unknown = responseFor(lines, 6);
    EXPECT_EQ((*unknown)["error"]["code"], "bad_request");
    EXPECT_NE((*unknown)["error"]["message"].get<std::string>().find("inlined"), std::string::npos);
    EXPECT_EQ((*responseFor(lines, 7))["error"]["code"], "bad_request");
    const Json* plain = responseFor(lines, 8);
    ASSERT_TRUE(plain && plain->contains("result"));
    EXPECT_EQ((*plain)["result"]["pass"], "");
}
