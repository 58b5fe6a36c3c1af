// Wrong shape, wrong dtype, missing or extra arguments and bad specs: TorchScript's own message comes
// back readable, with the failing line findable, and the worker carries on.
#include "types/runresult.h"
#include "testsupport.h"
#include "worker.h"

#include <gtest/gtest.h>

using namespace jitscope;
using namespace jitscope::test;

namespace {

struct Case
{
    const char* fixture;
    Json inputs;
    const char* code;    // error code
    const char* message; // substring of the one-line message
};

} // namespace

TEST(RunErrors, WorkerReportsTorchScriptMessagesAndStaysUsable)
{
    Worker worker;
    const Case cases[] = {
        {"tiny_linear",
         {"randn:1x4"},
         "run_failed",
         "mat1 and mat2 shapes cannot be multiplied (1x4 and 3x2)"},
        {"tiny_linear", {"zeros:1x3:int64"}, "run_failed", "mat1 and mat2 must have the same dtype"},
        {"tiny_linear", Json::array(), "run_failed", "forward() is missing value for argument 'input'"},
        {"tiny_linear", {"randn:1x3", "randn:1x3"}, "run_failed", "but received 3 argument(s)"},
        {"control_flow", {"randn:1x3x8x8"}, "run_failed", "missing value for argument 'n'"},
        {"dict_list_inputs",
         {"randn:2x4", Json::array({"randn:2x3"})},
         "run_failed",
         "Expected a value of type 'Dict[str, Tensor]'"},
        {"tiny_linear", {"randn:1xq"}, "bad_input", "Bad shape"},
        {"tiny_linear", {"file:/nonexistent/x.pt"}, "bad_input", "Cannot read input file"},
    };
    std::map<std::string, int> handles;
    for (const Case& c : cases) {
        if (!handles.count(c.fixture))
            handles[c.fixture] = worker.open(fixturePath(std::string(c.fixture) + ".pt"));
        Json response = worker.request("run", {{"handle", handles[c.fixture]}, {"inputs", c.inputs}});
        ASSERT_TRUE(response.contains("error")) << c.message << ": " << response.dump();
        const Json& error = response["error"];
        EXPECT_EQ(error["code"], c.code) << error.dump();
        EXPECT_NE(error["message"].get<std::string>().find(c.message), std::string::npos) << error.dump();
        EXPECT_EQ(error["message"].get<std::string>().find('\n'), std::string::npos)
            << "one line for a person";
    }
    // The interpreter's traceback names the archived code line that failed (for the code view).
    Json response = worker.request("run", {{"handle", handles["tiny_linear"]}, {"inputs", {"randn:1x4"}}});
    auto frames = tracebackLocations(response["error"]["detail"].get<std::string>());
    ASSERT_FALSE(frames.empty()) << response.dump();
    EXPECT_EQ(frames.front().file, "code/__torch__/torch/nn/modules/linear.py");
    EXPECT_GT(frames.front().line, 0);

    // still usable: a good run right after the failures
    response = worker.request("run", {{"handle", handles["tiny_linear"]}, {"inputs", {"randn:1x3"}}});
    EXPECT_TRUE(response.contains("result")) << response.dump();
    EXPECT_TRUE(worker.request("ping", Json::object()).contains("result"));
}

TEST(RunErrors, CliExitCodesAndMessages)
{
    const std::string cli = "'" + cliPath() + "' run '" + fixturePath("tiny_linear.pt") + "'";
    auto r = runProcess(cli + " --input randn:1x4");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("mat1 and mat2 shapes cannot be multiplied"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("<--- HERE"), std::string::npos) << "the full traceback follows: " << r.err;
    r = runProcess(cli + " --input nosuchkind:3");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("Unknown input spec"), std::string::npos) << r.err;
    r = runProcess(cli + " --method nosuch --input randn:1x3");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("no method 'nosuch'"), std::string::npos) << r.err;
    r = runProcess(cli + " --input q=randn:1x3");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("no argument named 'q'"), std::string::npos) << r.err;
}

// Protocol version 2: run honours `threads`, drifted keys fail naming the key, hello says how many CUDA
// devices there are, and save_outputs keeps the last run per handle until the handle is closed.
TEST(RunErrors, WorkerProtocolFixes)
{
    Worker worker;
    EXPECT_EQ(worker.hello()["params"].value("protocol", 0), 4) << worker.hello().dump();
    EXPECT_TRUE(worker.hello()["params"].contains("cuda_devices")) << worker.hello().dump();
    const int handle = worker.open(fixturePath("tiny_linear.pt"));
    Json response = worker.request("run", {{"handle", handle}, {"inputs", {"randn:1x3"}}, {"threads", 2}});
    ASSERT_TRUE(response.contains("result")) << response.dump();
    EXPECT_EQ(worker.request("devices", Json::object())["result"]["threads"], 2);

    response = worker.request("run", {{"handle", handle}, {"inputs", {"randn:1x3"}}, {"thread", 2}});
    ASSERT_TRUE(response.contains("error")) << response.dump();
    EXPECT_EQ(response["error"]["code"], "bad_request");
    EXPECT_NE(response["error"]["message"].get<std::string>().find("'thread'"), std::string::npos);

    const std::string saved = testing::TempDir() + "jitscope_protocol_outputs.pt";
    EXPECT_TRUE(worker.request("save_outputs", {{"handle", handle}, {"path", saved}}).contains("result"));
    EXPECT_TRUE(worker.request("close", {{"handle", handle}}).contains("result"));
    EXPECT_EQ(worker.request("save_outputs", {{"handle", handle}, {"path", saved}})["error"]["code"],
              "unknown_handle");
}
