// `serve` against hostile protocol input: every line gets an answer (bad_request), the worker never dies.
#include "testsupport.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace jitscope;
using jitscope::test::cliPath;
using jitscope::test::fixturePath;
using jitscope::test::runProcess;

namespace {

std::vector<Json> protocolLines(const std::string& text)
{
    std::vector<Json> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        lines.push_back(Json::parse(line)); // the worker's stdout carries protocol lines only
    return lines;
}

const Json* answer(const std::vector<Json>& lines, const Json& id)
{
    for (const Json& line : lines)
        if (line.contains("id") && line["id"] == id && (line.contains("result") || line.contains("error")))
            return &line;
    return nullptr;
}

int countBadRequests(const std::vector<Json>& lines)
{
    int n = 0;
    for (const Json& line : lines)
        n += line.contains("error") && line["error"]["code"] == "bad_request";
    return n;
}

} // namespace

TEST(ServeHostile, HugeLinesBadUtf8DeepNestingAndOutOfRangeNumbers)
{
    std::string input;
    input += "{\"id\": 1, \"method\": \"ping\"}\n";
    input += std::string(100u << 20, 'x') + "\n";                                 // a 100 MB line
    input += "{\"id\": 2, \"method\": \"open\", \"params\": {\"path\": \"\xff\xfe\xc3\x28\"}}\n"; // invalid UTF-8
    input += "{\"id\": 3, \"method\": \"\xc3\x28\"}\n";
    input += std::string(100000, '[') + std::string(100000, ']') + "\n"; // deeply nested JSON
    input += "{\"id\": 4, \"method\": \"ping\", \"params\": " + std::string(5000, '{') + std::string(5000, '}') + "}\n";
    input += "{\"id\": 5, \"method\": \"info\", \"params\": {\"handle\": 1e400}}\n";
    input += "{\"id\": 6, \"method\": \"info\", \"params\": {\"handle\": 18446744073709551615}}\n";
    input += "{\"id\": 7, \"method\": \"info\", \"params\": {\"handle\": -9223372036854775808}}\n";
    input += "{\"id\": 8, \"method\": \"info\", \"params\": {\"handle\": 2.5}}\n";
    input += "{\"id\": 9, \"method\": \"cancel\", \"params\": 5}\n";
    input += "{\"id\": 10, \"method\": \"info\", \"params\": [1, 2]}\n";
    input += "{\"id\": 11, \"method\": \"ping\"}\n";
    input += "{\"id\": 12, \"method\": \"shutdown\"}\n";
    input += "{\"id\": 13, \"method\": \"ping\"}\n"; // after shutdown
    input += "{\"id\": 14, \"method\": \"open\", \"params\": {\"path\": \"x\"}}\n";

    auto r = runProcess("'" + cliPath() + "' serve", input);
    ASSERT_EQ(r.exitCode, 0) << r.err.substr(0, 2000);
    const std::vector<Json> lines = protocolLines(r.out);
    EXPECT_TRUE(answer(lines, 1)->contains("result"));
    for (int id : {6, 7, 8, 13, 14}) { // 2, 3 and 5 do not parse (bad UTF-8, 1e400): answered with id null
        const Json* a = answer(lines, id);
        ASSERT_TRUE(a) << "no answer to request " << id;
        EXPECT_EQ((*a)["error"]["code"], "bad_request") << a->dump();
    }
    EXPECT_NE((*answer(lines, 6))["error"]["message"].get<std::string>().find("out of range"), std::string::npos);
    EXPECT_NE((*answer(lines, 13))["error"]["message"].get<std::string>().find("shutting down"), std::string::npos);
    EXPECT_TRUE(answer(lines, 9)) << "cancel with params that are not an object";
    EXPECT_TRUE(answer(lines, 10));
    EXPECT_TRUE(answer(lines, 11)->contains("result")) << "the worker still answers after all that";
    EXPECT_TRUE(answer(lines, 12)->contains("result"));
    // The 100 MB line, the bad method name, the deep array and the deep params: answered with id null.
    EXPECT_GE(countBadRequests(lines), 11);
    bool sawTooLong = false, sawNested = false;
    for (const Json& line : lines) {
        const std::string message = line.contains("error") ? line["error"].value("message", "") : "";
        sawTooLong |= message.find("longer than") != std::string::npos;
        sawNested |= message.find("nested") != std::string::npos;
    }
    EXPECT_TRUE(sawTooLong);
    EXPECT_TRUE(sawNested);
}

TEST(ServeHostile, OpensADamagedFileAndReportsItsIntegrity)
{
    const Json expect = jitscope::test::expectation("trust_fixtures")["damaged_weights"];
    const std::string input = "{\"id\": 1, \"method\": \"open\", \"params\": {\"path\": \"" +
                              fixturePath(expect["file"]) + "\"}}\n";
    auto r = runProcess("'" + cliPath() + "' serve", input);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::vector<Json> lines = protocolLines(r.out); // answer() points into it
    const Json* open = answer(lines, 1);
    ASSERT_TRUE(open && open->contains("result")) << r.out;
    const Json integrity = (*open)["result"]["info"]["integrity"];
    EXPECT_TRUE(integrity["checked"].get<bool>());
    EXPECT_FALSE(integrity["ok"].get<bool>());
    EXPECT_EQ(integrity["bad_records"], Json::array({expect["record"]}));
    EXPECT_EQ(integrity["damaged_tensors"], expect["tensors"]);
}
