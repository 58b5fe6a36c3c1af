// The real jitscope-cli binary: JSON output, exit codes, and a scripted `serve` session.
#include "testsupport.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace jitscope;
using jitscope::test::cliPath;
using jitscope::test::expectation;
using jitscope::test::fixturePath;
using jitscope::test::jsonLines;
using jitscope::test::responseFor;
using jitscope::test::runProcess;

namespace {

std::string cli(const std::string& args)
{
    return "'" + cliPath() + "' " + args;
}

} // namespace

TEST(Cli, InfoJsonMatchesPyTorch)
{
    const Json e = expectation("resnet18_traced");
    auto r = runProcess(cli("info --json '" + fixturePath("resnet18_traced.pt") + "'"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const Json info = Json::parse(r.out);
    EXPECT_EQ(info["bytes"], e["bytes"]);
    EXPECT_EQ(info["format_version"], e["format_version"]);
    EXPECT_EQ(info["extra_files"], e["extra_files"]);
    EXPECT_EQ(info["methods"], e["methods"]);
    ASSERT_EQ(info["modules"].size(), e["modules"].size());
    for (size_t i = 0; i < e["modules"].size(); ++i) {
        EXPECT_EQ(info["modules"][i]["path"], e["modules"][i]["path"]);
        EXPECT_EQ(info["modules"][i]["type"], e["modules"][i]["type"]);
    }
    ASSERT_EQ(info["parameters"].size(), e["parameters"].size());
    for (size_t i = 0; i < e["parameters"].size(); ++i)
        for (const char* key : {"name", "shape", "dtype"})
            EXPECT_EQ(info["parameters"][i][key], e["parameters"][i][key]);
    EXPECT_EQ(info["buffers"].size(), e["buffers"].size());
}

TEST(Cli, HumanInfoIsAReport)
{
    auto r = runProcess(cli("info '" + fixturePath("extra_files.pt") + "'"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("Extra files  meta.json, notes.txt"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Modules ("), std::string::npos);
}

TEST(Cli, GraphFormats)
{
    const Json e = expectation("control_flow");
    const std::string file = "'" + fixturePath("control_flow.pt") + "'";
    auto json = runProcess(cli("graph --format json " + file));
    ASSERT_EQ(json.exitCode, 0) << json.err;
    const Json g = Json::parse(json.out);
    EXPECT_EQ(g["inputs"].size(), e["graphs"]["forward"]["inputs"].get<size_t>());
    EXPECT_EQ(g["outputs"].size(), e["graphs"]["forward"]["outputs"].get<size_t>());
    size_t count = 0;
    std::function<void(const Json&)> walk = [&](const Json& nodes) {
        for (const Json& n : nodes) {
            ++count;
            for (const char* key : {"id", "kind", "inputs", "outputs", "attributes", "source", "blocks"})
                EXPECT_TRUE(n.contains(key)) << key;
            for (const Json& b : n["blocks"])
                walk(b["nodes"]);
        }
    };
    walk(g["nodes"]);
    EXPECT_EQ(count, e["graphs"]["forward"]["nodes"].get<size_t>());

    auto dot = runProcess(cli("graph --format dot " + file));
    ASSERT_EQ(dot.exitCode, 0);
    EXPECT_EQ(dot.out.rfind("digraph", 0), 0u);
    EXPECT_NE(dot.out.find("subgraph cluster_"), std::string::npos); // the If/Loop blocks

    auto text = runProcess(cli("graph --inlined " + file));
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_NE(text.out.find("graph("), std::string::npos);
    EXPECT_NE(text.out.find("aten::conv2d"), std::string::npos); // inlined from block.conv
}

TEST(Cli, ExitCodes)
{
    EXPECT_EQ(runProcess(cli("--version")).exitCode, 0);
    EXPECT_NE(runProcess(cli("--version")).out.find("LibTorch"), std::string::npos);
    EXPECT_EQ(runProcess(cli("--help")).exitCode, 0);
    EXPECT_EQ(runProcess(cli("")).exitCode, 2);
    EXPECT_EQ(runProcess(cli("info")).exitCode, 2);
    EXPECT_EQ(runProcess(cli("frobnicate x")).exitCode, 2);
    auto bad = runProcess(cli("info '" + fixturePath("state_dict.pt") + "'"));
    EXPECT_EQ(bad.exitCode, 3);
    EXPECT_NE(bad.err.find("state_dict"), std::string::npos) << bad.err;
    EXPECT_TRUE(bad.out.empty());
    EXPECT_EQ(runProcess(cli("info /no/such/file.pt")).exitCode, 3);
    auto missingMethod = runProcess(cli("graph --method nope '" + fixturePath("tiny_linear.pt") + "'"));
    EXPECT_EQ(missingMethod.exitCode, 1);
    EXPECT_NE(missingMethod.err.find("no method nope"), std::string::npos) << missingMethod.err;
}

TEST(Cli, ParamStatsJson)
{
    auto r = runProcess(cli("params --stats --json '" + fixturePath("tiny_linear.pt") + "'"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const Json j = Json::parse(r.out);
    ASSERT_EQ(j["stats"].size(), 2u);
    EXPECT_EQ(j["stats"][0]["name"], "weight");
    EXPECT_EQ(j["stats"][0]["numel"], 6);
    EXPECT_LE(j["stats"][0]["min"].get<double>(), j["stats"][0]["max"].get<double>());
}

TEST(Serve, AnswersAScriptedSessionWithoutDying)
{
    const std::string model = fixturePath("multi_method.pt");
    std::string input;
    input += R"({"id": 1, "method": "open", "params": {"path": ")" + model +
             R"("}})"
             "\n";
    input += R"({"id": 2, "method": "graph", "params": {"handle": 1, "method": "encode"}})"
             "\n";
    input += R"({"id": 3, "method": "frobnicate"})"
             "\n";
    input += "this is not json\n";
    input += R"({"id": 4, "method": "info", "params": {"handle": 99}})"
             "\n";
    input += R"({"id": 5, "method": "open", "params": {"path": ")" + fixturePath("random.pt") +
             R"("}})"
             "\n";
    input += R"({"id": 6, "method": "code", "params": {"handle": 1}})"
             "\n";
    input += R"({"id": "seven", "method": "param_stats", "params": {"handle": 1}})"
             "\n";
    input += R"({"id": 8, "method": "graph", "params": {"handle": "one"}})"
             "\n";
    input += R"({"id": 9, "method": "close", "params": {"handle": 1}})"
             "\n";
    input += R"({"id": 10, "method": "info", "params": {"handle": 1}})"
             "\n";
    input += R"({"id": 11, "method": "shutdown"})"
             "\n";
    input += R"({"id": 12, "method": "ping"})"
             "\n"; // after shutdown: answered with bad_request

    auto r = runProcess(cli("serve"), input);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::vector<Json> lines = jsonLines(r.out);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.front()["method"], "hello");
    EXPECT_EQ(lines.front()["params"]["protocol"], 4); // core/protocol kVersion

    const Json* open = responseFor(lines, 1);
    ASSERT_TRUE(open);
    ASSERT_TRUE(open->contains("result")) << open->dump();
    EXPECT_EQ((*open)["result"]["handle"], 1);
    EXPECT_EQ((*open)["result"]["info"]["summary"]["root_type"], expectation("multi_method")["root_type"]);
    bool progress = false;
    for (const Json& line : lines)
        progress |= line.value("method", "") == "progress" && line["params"]["id"] == 1;
    EXPECT_TRUE(progress);

    EXPECT_EQ((*responseFor(lines, 2))["result"]["method"], "encode");
    EXPECT_EQ((*responseFor(lines, 3))["error"]["code"], "bad_request");
    const Json* malformed = responseFor(lines, nullptr);
    ASSERT_TRUE(malformed);
    EXPECT_EQ((*malformed)["error"]["code"], "bad_request");
    EXPECT_EQ((*responseFor(lines, 4))["error"]["code"], "unknown_handle");
    EXPECT_EQ((*responseFor(lines, 5))["error"]["code"], "not_zip");
    EXPECT_FALSE((*responseFor(lines, 6))["result"]["entries"].empty());
    EXPECT_FALSE((*responseFor(lines, "seven"))["result"]["stats"].empty());
    EXPECT_EQ((*responseFor(lines, 8))["error"]["code"], "bad_request");
    EXPECT_TRUE(responseFor(lines, 9)->contains("result"));
    EXPECT_EQ((*responseFor(lines, 10))["error"]["code"], "unknown_handle");
    EXPECT_TRUE(responseFor(lines, 11)->contains("result"));
    ASSERT_TRUE(responseFor(lines, 12)); // after shutdown: refused, not executed
    EXPECT_EQ((*responseFor(lines, 12))["error"]["code"], "bad_request");
}

TEST(Cli, LoadLibraryOptionAndEnvironment)
{
    const std::string file = "'" + fixturePath("unknown_op.pt") + "'";
    auto missing = runProcess(cli("info " + file));
    EXPECT_EQ(missing.exitCode, 3);
    EXPECT_NE(missing.err.find("jitscope_test::scale"), std::string::npos) << missing.err;
    EXPECT_NE(missing.err.find("--load-library"), std::string::npos) << missing.err;
    auto loaded =
        runProcess(cli("--load-library '" + jitscope::test::testOpsLibrary() + "' info --json " + file));
    EXPECT_EQ(loaded.exitCode, 0) << loaded.err;
    auto viaEnv = runProcess("JITSCOPE_LOAD_LIBRARIES='" + jitscope::test::testOpsLibrary() + "' " +
                             cli("info " + file));
    EXPECT_EQ(viaEnv.exitCode, 0) << viaEnv.err;
}
