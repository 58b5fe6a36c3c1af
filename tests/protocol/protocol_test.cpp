// core/protocol: params decode strictly (an unknown key or a wrong type is bad_request naming the key),
// results and notifications round-trip, envelopes classify, and docs/protocol.md lists exactly the types.
#include "protocol/catalog.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace jitscope;
using namespace jitscope::protocol;

TEST(Protocol, UnknownParamsKeyIsBadRequestNamingIt)
{
    auto run = decodeParams<RunRequest>(Json{{"handle", 1}, {"inputs", {"randn:1x3"}}, {"thread", 2}});
    ASSERT_FALSE(run);
    EXPECT_EQ(run.error().code, ErrorCode::BadRequest);
    EXPECT_NE(run.error().message.find("'thread'"), std::string::npos) << run.error().message;
    EXPECT_NE(run.error().message.find("'run'"), std::string::npos) << run.error().message;

    auto devices = decodeParams<DevicesRequest>(Json{{"handle", 1}});
    ASSERT_FALSE(devices);
    EXPECT_NE(devices.error().message.find("'handle'"), std::string::npos);
}

TEST(Protocol, WrongTypeIsBadRequestNamingTheKey)
{
    auto graph = decodeParams<GraphRequest>(Json{{"handle", "one"}, {"method", "forward"}});
    ASSERT_FALSE(graph);
    EXPECT_EQ(graph.error().code, ErrorCode::BadRequest);
    EXPECT_EQ(graph.error().message, "Parameter 'handle' has the wrong type.");
    EXPECT_FALSE(decodeParams<GraphRequest>(Json::array()));
}

TEST(Protocol, MissingKeysKeepTheirDefaults)
{
    auto graph = decodeParams<GraphRequest>(Json{{"handle", 3}});
    ASSERT_TRUE(graph);
    EXPECT_EQ(graph->handle, 3);
    EXPECT_EQ(graph->method, "forward");
    EXPECT_FALSE(graph->inlined);
    auto bench = decodeParams<BenchRequest>(Json());
    ASSERT_TRUE(bench);
    EXPECT_EQ(bench->warmup, 10);
    EXPECT_EQ(bench->iters, 100);
    EXPECT_TRUE(bench->samples);
    EXPECT_TRUE(bench->inference_mode);
    EXPECT_EQ(bench->device, "cpu");
}

TEST(Protocol, RoundTrips)
{
    RunRequest run;
    run.handle = 2;
    run.threads = 4;
    run.inputs = Json::array({"randn:1x3"});
    run.named = Json{{"n", 3}};
    const RunRequest back = Json(run).get<RunRequest>();
    EXPECT_EQ(back.handle, 2);
    EXPECT_EQ(back.threads, 4);
    EXPECT_EQ(back.inputs, run.inputs);
    EXPECT_EQ(back.named, run.named);

    RunReply reply;
    reply.method = "forward";
    reply.ms = 1.5;
    reply.inputs = {"Tensor[1, 3] float32"};
    reply.saved_to = "/tmp/x.pt";
    const Json j = reply;
    EXPECT_EQ(j["method"], "forward");
    EXPECT_TRUE(j.contains("outputs")); // RunResult's flat form, as `jitscope-cli run --json`
    const RunReply decoded = j.get<RunReply>();
    EXPECT_EQ(decoded.inputs, reply.inputs);
    EXPECT_EQ(decoded.saved_to, reply.saved_to);
    EXPECT_DOUBLE_EQ(decoded.ms, 1.5);

    Hello hello;
    EXPECT_EQ(Json(hello)["protocol"], kVersion);
    EXPECT_TRUE(Json(hello).contains("cuda_devices"));
}

TEST(Protocol, EnvelopesClassify)
{
    Message request = classify(requestMessage(7, "graph", Json{{"handle", 1}}));
    EXPECT_EQ(request.kind, Message::Kind::Request);
    EXPECT_EQ(request.id, 7);
    EXPECT_EQ(request.method, "graph");
    EXPECT_EQ(request.params["handle"], 1);

    Message done = classify(resultMessage(7, Json(CancelResult{true})));
    EXPECT_EQ(done.kind, Message::Kind::Response);
    EXPECT_FALSE(done.failed);
    EXPECT_TRUE(done.result.get<CancelResult>().cancelled);

    Message failed = classify(errorMessage("x", {ErrorCode::UnknownHandle, "No model", {}, {}}));
    EXPECT_EQ(failed.kind, Message::Kind::Response);
    EXPECT_TRUE(failed.failed);
    EXPECT_EQ(failed.error.code, ErrorCode::UnknownHandle);

    Message note = classify(notificationMessage(Progress{3, "reading", 0.5}));
    EXPECT_EQ(note.kind, Message::Kind::Notification);
    EXPECT_EQ(note.method, "progress");
    EXPECT_DOUBLE_EQ(note.params.get<Progress>().fraction, 0.5);

    EXPECT_EQ(classify(Json::array()).kind, Message::Kind::Invalid);
    EXPECT_EQ(classify(Json{{"method", 3}}).kind, Message::Kind::Invalid);
}

namespace {

// The first column of every table whose header's first cell is `header`: "| `name` | …".
std::set<std::string> documented(const std::string& header)
{
    std::ifstream in(JITSCOPE_PROTOCOL_DOC);
    EXPECT_TRUE(in) << JITSCOPE_PROTOCOL_DOC;
    static const std::regex kRow(R"(^\|\s*`([a-z_]+)`\s*\|)");
    const std::regex kHeader("^\\|\\s*" + header + "\\s*\\|");
    std::set<std::string> names;
    bool inTable = false;
    for (std::string line; std::getline(in, line);) {
        if (std::regex_search(line, kHeader)) {
            inTable = true;
            continue;
        }
        if (line.rfind('|', 0) != 0) {
            inTable = false;
            continue;
        }
        std::smatch match;
        if (inTable && std::regex_search(line, match, kRow))
            names.insert(match[1]);
    }
    return names;
}

std::set<std::string> asSet(const std::vector<std::string>& names)
{
    return {names.begin(), names.end()};
}

} // namespace

TEST(Protocol, DocumentsEveryRequestAndNotificationAndNothingElse)
{
    EXPECT_EQ(documented("method"), asSet(methodNames(Requests{})));
    EXPECT_EQ(documented("notification"), asSet(methodNames(Notifications{})));
}

TEST(Protocol, DocumentsEveryErrorCode)
{
    std::ifstream in(JITSCOPE_PROTOCOL_DOC);
    std::stringstream text;
    text << in.rdbuf();
    for (int code = 0; code <= static_cast<int>(ErrorCode::Internal); ++code) {
        const std::string name = wireName(static_cast<ErrorCode>(code));
        EXPECT_NE(text.str().find("`" + name + "`"), std::string::npos) << name;
    }
}

// GraphRef (core/types/graphref.h): the one name of a graph, in requests, answers, the store and the views.
TEST(GraphRef, KeysTellMethodsFunctionsAndInlinedApart)
{
    const GraphRef root = GraphRef::method("", "forward");
    const GraphRef layer = GraphRef::method("layer1.0", "forward");
    const GraphRef function = GraphRef::function("__torch__.torchvision.ops.boxes.batched_nms");
    const GraphRef inlined = GraphRef::method("", "forward", true);
    // A function named like a module path and method must not collide with that method.
    const GraphRef lookalike = GraphRef::function("forward");
    const std::set<std::string> keys{root.key(), layer.key(), function.key(), inlined.key(), lookalike.key()};
    EXPECT_EQ(keys.size(), 5u);
    EXPECT_FALSE(root.isFunction());
    EXPECT_TRUE(function.isFunction());
    EXPECT_TRUE(function.module_path.empty());
    EXPECT_EQ(root.label(), "self.forward");
    EXPECT_EQ(layer.label(), "layer1.0.forward");
    EXPECT_EQ(inlined.label(), "self.forward (inlined)");
    EXPECT_EQ(function.label(), "__torch__.torchvision.ops.boxes.batched_nms()");
    EXPECT_TRUE(GraphRef().empty());
}

TEST(GraphRef, OrdersAndComparesByAllFields)
{
    const GraphRef a = GraphRef::method("", "forward");
    EXPECT_EQ(a, GraphRef::method("", "forward"));
    EXPECT_NE(a, GraphRef::method("", "forward", true));
    EXPECT_NE(a, GraphRef::method("", "encode"));
    EXPECT_NE(GraphRef::method("", "f.g"), GraphRef::function("f.g"));
    // Strict weak ordering: methods before functions, then path, name, inlined.
    EXPECT_LT(GraphRef::method("z", "z"), GraphRef::function("a.b"));
    EXPECT_LT(GraphRef::method("a", "z"), GraphRef::method("b", "a"));
    EXPECT_LT(a, GraphRef::method("", "forward", true));
    EXPECT_FALSE(a < a);
    std::map<GraphRef, int> byRef{{a, 1}, {GraphRef::function("f.g"), 2}, {GraphRef::method("", "forward", true), 3}};
    EXPECT_EQ(byRef.size(), 3u);
    EXPECT_EQ(byRef.at(GraphRef::function("f.g")), 2);
}

TEST(GraphRef, JsonRoundTripsWithWireNames)
{
    for (const GraphRef& ref : {GraphRef::method("layer1.0", "forward", true), GraphRef::function("__torch__.f")}) {
        const Json j = ref;
        EXPECT_EQ(j["kind"], ref.isFunction() ? "function" : "method");
        EXPECT_EQ(j.get<GraphRef>(), ref);
    }
    EXPECT_THROW(Json({{"kind", "lambda"}, {"name", "f"}}).get<GraphRef>(), std::exception);
    // A callee's kind keeps its wire strings.
    Callee callee{CalleeKind::Function, "", "", "__torch__.f"};
    EXPECT_EQ(Json(callee)["kind"], "function");
    EXPECT_EQ(Json(callee).get<Callee>().kind, CalleeKind::Function);
    EXPECT_EQ(GraphRef::of(callee), GraphRef::function("__torch__.f"));
    EXPECT_EQ(GraphRef::of(Callee{CalleeKind::Method, "rpn", "forward", "__torch__.RPN"}),
              GraphRef::method("rpn", "forward"));
}

TEST(GraphRef, GraphRequestsCarryItAndAnswersSayIt)
{
    for (const GraphRef& ref : {GraphRef::method("backbone", "forward", true), GraphRef::function("__torch__.f")}) {
        const GraphRequest request = GraphRequest::of(4, ref);
        EXPECT_EQ(request.ref(), ref);
        auto decoded = decodeParams<GraphRequest>(Payload::of(request).json);
        ASSERT_TRUE(decoded);
        EXPECT_EQ(decoded->ref(), ref);
        EXPECT_EQ(decoded->handle, 4);
    }
    GraphResult result;
    result.ref = GraphRef::function("__torch__.f");
    result.graph.method = "__torch__.f";
    const Json j = result;
    EXPECT_EQ(j["ref"]["kind"], "function");
    EXPECT_EQ(j["method"], "__torch__.f"); // the Graph's keys stay at the top level
    auto back = decodeResult<GraphResult>(j);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->ref, result.ref);
    EXPECT_EQ(back->graph.method, "__torch__.f");
}

TEST(Protocol, DocumentsGraphRefAndTheGraphAnswersRef)
{
    std::ifstream in(JITSCOPE_PROTOCOL_DOC);
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    const size_t entry = doc.find("- **GraphRef**");
    ASSERT_NE(entry, std::string::npos);
    const std::string paragraph = doc.substr(entry, doc.find("\n- **", entry + 1) - entry);
    const Json keys = GraphRef();
    for (const auto& item : keys.items())
        EXPECT_NE(paragraph.find("`" + item.key() + "`"), std::string::npos) << item.key();
    const size_t start = doc.find("\n| `graph` |");
    ASSERT_NE(start, std::string::npos);
    const std::string row = doc.substr(start + 1, doc.find('\n', start + 1) - start - 1);
    EXPECT_NE(row.find("`ref`"), std::string::npos) << row;
}
