// Value recording in the engine against PyTorch's own intermediate values (forward hooks on the eager
// model, fixtures_values.py): NaN in the middle, a classifier's submodules, a loop, a list output; the
// value ids of graph --inlined; outputs unchanged by recording; tensors saved for torch.load.
#include "engine/engine.h"
#include "engine/run.h"
#include "valuesupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <unistd.h>

using namespace jitscope;
using namespace jitscope::test;

namespace {

struct Recorded
{
    std::shared_ptr<Model> model;
    std::unique_ptr<Runner> runner;
    RunResult plain;    // a plain call first
    RunResult recorded; // then the recorded one
};

Recorded record(const Json& e, const RunOptions& extra = {})
{
    Recorded r;
    auto model = Model::open(fixturePath(e["file"].get<std::string>()));
    EXPECT_TRUE(model) << (model ? "" : model.error().message);
    r.model = model.value();
    Invocation inv;
    for (const Json& spec : e["inputs"]) {
        auto arg = parseInputArg(spec.get<std::string>());
        EXPECT_TRUE(arg);
        inv.inputs.push_back(arg.value());
    }
    auto runner = Runner::create(r.model, inv);
    EXPECT_TRUE(runner) << (runner ? "" : runner.error().message + " " + runner.error().detail);
    r.runner = std::move(runner.value());
    auto plain = r.runner->runOnce();
    EXPECT_TRUE(plain) << (plain ? "" : plain.error().message);
    r.plain = plain.value();
    RunOptions options = extra;
    options.values = true;
    auto recorded = r.runner->runOnce(options);
    EXPECT_TRUE(recorded) << (recorded ? "" : recorded.error().message + "\n" + recorded.error().detail);
    r.recorded = recorded.value();
    EXPECT_TRUE(r.recorded.values.has_value());
    return r;
}

// Recording must not change what the method returns: every output tensor equal to the plain call's.
void expectSameOutputs(const RunResult& a, const RunResult& b)
{
    const auto x = flattenTensors(a.output), y = flattenTensors(b.output);
    ASSERT_EQ(x.size(), y.size());
    for (size_t i = 0; i < x.size(); ++i) {
        EXPECT_EQ(x[i]->shape, y[i]->shape);
        EXPECT_EQ(x[i]->nans, y[i]->nans);
        EXPECT_EQ(x[i]->infs, y[i]->infs);
        auto same = [](double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; };
        EXPECT_TRUE(same(x[i]->sum, y[i]->sum)) << "output " << i << ": " << x[i]->sum << " " << y[i]->sum;
        EXPECT_TRUE(same(x[i]->min, y[i]->min)) << "output " << i;
        EXPECT_TRUE(same(x[i]->max, y[i]->max)) << "output " << i;
        EXPECT_EQ(x[i]->preview.size(), y[i]->preview.size());
        for (size_t k = 0; k < x[i]->preview.size(); ++k)
            EXPECT_TRUE(same(x[i]->preview[k], y[i]->preview[k])) << "output " << i << " element " << k;
    }
}

} // namespace

TEST(Values, NanInTheMiddleIsFoundAtTheLog)
{
    const Json e = valuesExpectation("values_nan");
    Recorded r = record(e);
    const ValueTable& t = *r.recorded.values;
    ASSERT_TRUE(t.first_nonfinite);
    EXPECT_EQ(t.first_nonfinite->kind, "aten::log");
    EXPECT_EQ(t.first_nonfinite->module_path, "");
    EXPECT_NE(t.first_nonfinite->original.text.find("torch.log(h)"), std::string::npos)
        << t.first_nonfinite->original.text;
    EXPECT_TRUE(t.first_nonfinite->source.valid());
    const RecordedValue* log = firstOfKind(t.values, "aten::log");
    ASSERT_NE(log, nullptr);
    EXPECT_EQ(log->id, t.first_nonfinite->value);
    EXPECT_EQ(log->node, t.first_nonfinite->node);
    expectStats(*log, e["log"], "log");
    EXPECT_GT(log->nans, 0);
    for (const Json& m : e["modules"])
        expectStats(*moduleOutput(t.values, m["path"]), m["stats"], m["path"]);
    // Nothing before the log holds a NaN.
    for (const RecordedValue& v : t.values) {
        if (v.id == log->id)
            break;
        EXPECT_FALSE(v.nonFinite()) << v.kind;
    }
    expectSameOutputs(r.plain, r.recorded);
}

TEST(Values, ClassifierSubmodulesMatchForwardHooks)
{
    const Json e = valuesExpectation("values_classifier");
    Recorded r = record(e);
    const ValueTable& t = *r.recorded.values;
    EXPECT_FALSE(t.first_nonfinite);
    for (const Json& m : e["modules"]) {
        const std::string path = m["path"];
        const RecordedValue* v = moduleOutput(t.values, path);
        ASSERT_NE(v, nullptr) << path;
        expectStats(*v, m["stats"], path);
        EXPECT_EQ(v->count, 1);
        EXPECT_EQ(v->histogram.size(), static_cast<size_t>(kHistogramBins));
        int64_t inHistogram = 0;
        for (int64_t c : v->histogram)
            inHistogram += c;
        EXPECT_EQ(inHistogram, v->numel);
    }
    // The graph input comes first.
    ASSERT_FALSE(t.values.empty());
    EXPECT_EQ(t.values.front().kind, "input");
    expectSameOutputs(r.plain, r.recorded);
}

TEST(Values, IdsAreThoseOfTheInlinedGraph)
{
    const Json e = valuesExpectation("values_classifier");
    Recorded r = record(e);
    auto graph = r.model->graph("", "forward", /*inlined=*/true);
    ASSERT_TRUE(graph);
    std::map<int64_t, std::pair<int64_t, std::string>> producer; // value id → node id, kind
    std::set<int64_t> inputs;
    for (const ValueInfo& v : graph.value().inputs)
        inputs.insert(v.id);
    forEachNode(graph.value().nodes, [&](const Node& n, int) {
        for (const ValueInfo& v : n.outputs)
            producer[v.id] = {n.id, n.kind};
    });
    for (const RecordedValue& v : r.recorded.values->values) {
        if (v.node < 0) {
            EXPECT_TRUE(inputs.count(v.id)) << v.id;
            continue;
        }
        auto it = producer.find(v.id);
        ASSERT_NE(it, producer.end()) << "value " << v.id << " is not in graph --inlined";
        EXPECT_EQ(it->second.first, v.node) << v.id;
        EXPECT_EQ(it->second.second, v.kind) << v.id;
    }
}

TEST(Values, LoopValuesCountExecutionsAndKeepTheFirstNonFinite)
{
    const Json e = valuesExpectation("values_loop");
    Recorded r = record(e);
    const ValueTable& t = *r.recorded.values;
    for (const auto& [kind, expected] : e["loop"].items()) {
        const RecordedValue* v = firstOfKind(t.values, kind);
        ASSERT_NE(v, nullptr) << kind;
        EXPECT_EQ(v->count, expected["count"].get<int64_t>()) << kind;
        expectStats(*v, expected["stats"], kind);
    }
    ASSERT_TRUE(t.first_nonfinite);
    EXPECT_EQ(t.first_nonfinite->kind, "aten::mul");
    EXPECT_NE(t.first_nonfinite->original.text.find("s * 1e10"), std::string::npos);
    expectSameOutputs(r.plain, r.recorded);
}

TEST(Values, ListOutputHasOneEntryPerElement)
{
    const Json e = valuesExpectation("values_list");
    Recorded r = record(e);
    const ValueTable& t = *r.recorded.values;
    const RecordedValue* first = nullptr;
    for (const RecordedValue& v : t.values)
        if (v.kind == "prim::ListConstruct" && v.element == "0")
            first = &v;
    ASSERT_NE(first, nullptr);
    for (size_t i = 0; i < e["outputs"].size(); ++i) {
        const RecordedValue* element = nullptr;
        for (const RecordedValue& v : t.values)
            if (v.id == first->id && v.element == std::to_string(i))
                element = &v;
        ASSERT_NE(element, nullptr) << i;
        expectStats(*element, e["outputs"][i], "element " + std::to_string(i));
    }
    expectSameOutputs(r.plain, r.recorded);
}

TEST(Values, ValuesDirHoldsTensorsTorchLoadReads)
{
    const Json e = valuesExpectation("values_nan");
    const auto dir =
        std::filesystem::temp_directory_path() / ("jitscope_values_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    RunOptions options;
    options.values_dir = dir.string();
    Recorded r = record(e, options);
    const RecordedValue* log = firstOfKind(r.recorded.values->values, "aten::log");
    ASSERT_NE(log, nullptr);
    ASSERT_FALSE(log->saved.empty());
    EXPECT_EQ(std::filesystem::path(log->saved).filename().string(), std::to_string(log->id) + ".pt");
    // Python reads it back: the same NaN count and finite maximum.
    const auto py = runProcess("/usr/bin/python3 -c \"import torch,sys; t=torch.load(sys.argv[1]); "
                               "f=t[torch.isfinite(t)]; print(int(t.isnan().sum()), f.max().item())\" '" +
                               log->saved + "'");
    ASSERT_EQ(py.exitCode, 0) << py.err;
    std::istringstream out(py.out);
    int64_t nans = 0;
    double max = 0;
    out >> nans >> max;
    EXPECT_EQ(nans, log->nans);
    EXPECT_NEAR(max, log->max, 1e-6 * std::max(1.0, std::fabs(max)));

    // save_value: one value again, as .npy and .pt
    for (const char* ext : {".npy", ".pt"}) {
        const std::string path = (dir / (std::string("one") + ext)).string();
        auto saved = r.runner->saveValue(log->id, "", path);
        ASSERT_TRUE(saved) << saved.error().message;
        const std::string load =
            std::string(ext) == ".npy" ? "numpy.load(sys.argv[1])" : "torch.load(sys.argv[1]).numpy()";
        const auto check = runProcess("/usr/bin/python3 -c \"import numpy,torch,sys; a=" + load +
                                      "; print(a.shape, int(numpy.isnan(a).sum()))\" '" + path + "'");
        ASSERT_EQ(check.exitCode, 0) << check.err;
        EXPECT_EQ(check.out, "(2, 16) " + std::to_string(log->nans) + "\n") << ext;
    }
    EXPECT_FALSE(r.runner->saveValue(999999, "", (dir / "x.pt").string()));
    EXPECT_FALSE(r.runner->saveValue(log->id, "", (dir / "x.txt").string()));
    std::filesystem::remove_all(dir);
}

TEST(Values, DetectionModelRecordsWithoutChangingItsOutputs)
{
    auto model = Model::open(fixturePath("fasterrcnn_scripted.pt"));
    ASSERT_TRUE(model) << model.error().message;
    const Json e = expectation("fasterrcnn_scripted");
    Invocation inv;
    inv.inputs_file = fixturePath(e["run"]["inputs_file"]);
    auto runner = Runner::create(model.value(), inv);
    ASSERT_TRUE(runner) << runner.error().message;
    auto plain = runner.value()->runOnce();
    ASSERT_TRUE(plain);
    RunOptions options;
    options.values = true;
    auto recorded = runner.value()->runOnce(options);
    ASSERT_TRUE(recorded) << recorded.error().message << "\n" << recorded.error().detail;
    expectSameOutputs(plain.value(), recorded.value());
    EXPECT_GT(recorded.value().values->values.size(), 200u);
    // Values inside If/Loop blocks are recorded too (the graph nests them).
    bool nested = false;
    auto graph = model.value()->graph("", "forward", true);
    ASSERT_TRUE(graph);
    std::set<int64_t> nestedIds;
    for (const Node& top : graph.value().nodes)
        for (const Block& b : top.blocks)
            forEachNode(b.nodes, [&](const Node& n, int) {
                for (const ValueInfo& v : n.outputs)
                    nestedIds.insert(v.id);
            });
    for (const RecordedValue& v : recorded.value().values->values)
        nested = nested || nestedIds.count(v.id);
    EXPECT_TRUE(nested);
}
