// RunPanel with a scripted RunClient: editors from the schema (a spec line where a type has none), the
// outputs tree, live samples, Stop, a lost worker leaving the panel usable, history export, failing-line
// signal.
#include "argumentrow.h"
#include "runpanel.h"

#include <gtest/gtest.h>
#include <QApplication>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTreeWidget>

using namespace jitscope;
using namespace jitscope::ui;

namespace {

struct Sent
{
    QString method;
    Json params;
    std::function<void(Json result)> ok; // decodes the result as the request's Result type
    RunClient::ErrorFn fail;
};

// A scripted RunClient: requests are recorded with their JSON params; a test answers them in JSON.
struct Fixture : RunClient
{
    RunPanel panel;
    std::vector<Sent> sent;
    std::vector<int> cancelled;

    template<class R> int record(const R& request, DoneFn<R> done, ErrorFn fail)
    {
        sent.push_back({QString::fromLatin1(protocol::methodOf<R>()), Json(request),
                        [done](Json result) { done(result.get<typename R::Result>()); }, std::move(fail)});
        return static_cast<int>(sent.size());
    }
    int devices(DoneFn<protocol::DevicesRequest> done, ErrorFn fail) override
    {
        return record(protocol::DevicesRequest{}, std::move(done), std::move(fail));
    }
    int arguments(const protocol::ArgumentsRequest& r, DoneFn<protocol::ArgumentsRequest> done,
                  ErrorFn fail) override
    {
        return record(r, std::move(done), std::move(fail));
    }
    int run(const protocol::RunRequest& r, DoneFn<protocol::RunRequest> done, ErrorFn fail) override
    {
        return record(r, std::move(done), std::move(fail));
    }
    int saveOutputs(const protocol::SaveOutputsRequest& r, DoneFn<protocol::SaveOutputsRequest> done,
                    ErrorFn fail) override
    {
        return record(r, std::move(done), std::move(fail));
    }
    int bench(const protocol::BenchRequest& r, DoneFn<protocol::BenchRequest> done, ErrorFn fail) override
    {
        return record(r, std::move(done), std::move(fail));
    }
    void cancel(int id) override { cancelled.push_back(id); }

    Fixture()
    {
        panel.setClient(this);
        panel.setModel(1, QStringLiteral("/tmp/m.pt"), QStringLiteral("testhash"),
                       {QStringLiteral("forward")});
        for (Sent& s : sent)
            if (s.method == QStringLiteral("arguments"))
                s.ok(Json::parse(R"({"arguments": [
                    {"name": "x", "type": "Tensor", "kind": "tensor", "has_default": false, "default_value": ""},
                    {"name": "z", "type": "Optional[Tensor]", "kind": "optional_tensor", "has_default": true,
                     "default_value": "None"},
                    {"name": "w", "type": "Future[int]", "kind": "other", "has_default": false,
                     "default_value": ""}]})"));
    }
    Sent& last() { return sent.back(); }
};

} // namespace

TEST(RunPanel, RunShowsTheOutputTreeAndTheFailingLine)
{
    Fixture f;
    EXPECT_EQ(f.panel.inputText(QStringLiteral("x")), QStringLiteral("randn:1x3x224x224"));
    EXPECT_TRUE(f.panel.inputText(QStringLiteral("z")).isEmpty()); // the schema's default
    // a type without an editor: its spec line is the editor
    ArgumentRow* w = f.panel.argumentRow(QStringLiteral("w"));
    ASSERT_TRUE(w);
    EXPECT_FALSE(w->editor());
    EXPECT_TRUE(w->findChild<QLineEdit*>(QStringLiteral("input_w"))->isVisibleTo(w));
    EXPECT_TRUE(f.panel.argumentRow(QStringLiteral("x"))->editor());
    f.panel.setInputText(QStringLiteral("x"), QStringLiteral("randn:1x3"));
    f.panel.run();
    ASSERT_EQ(f.last().method, QStringLiteral("run"));
    EXPECT_EQ(f.last().params["inputs"], Json::array({"randn:1x3"}));
    EXPECT_TRUE(f.panel.isBusy());
    f.last().ok(Json::parse(R"({"method": "forward", "device": "cpu", "ms": 3.5, "warmup": true, "output":
        {"kind": "tuple", "type": "Tuple[Tensor, Tensor]", "key": "", "text": "", "tensor": null, "children": [
          {"kind": "tensor", "type": "Tensor", "key": "0", "text": "", "children": [], "tensor":
            {"shape": [1, 2], "dtype": "float32", "device": "cpu", "numel": 2, "numeric": true, "sum": 1, "min": 0.25,
             "max": 0.75, "mean": 0.5, "std": 0.35, "nans": 0, "infs": 0, "preview": [0.25, 0.75],
             "topk": [{"index": 1, "value": 0.75}, {"index": 0, "value": 0.25}]}},
          {"kind": "none", "type": "NoneType", "key": "1", "text": "", "tensor": null, "children": []}]}})"));
    EXPECT_FALSE(f.panel.isBusy());
    QTreeWidgetItem* root = f.panel.outputsTree()->topLevelItem(0);
    ASSERT_EQ(root->childCount(), 2);
    EXPECT_EQ(root->child(0)->text(2), QStringLiteral("[1, 2]"));
    EXPECT_TRUE(root->child(0)->text(10).startsWith(QStringLiteral("top-2")));
    EXPECT_TRUE(f.panel.statusText().contains(QStringLiteral("warm-up")));

    QSignalSpy located(&f.panel, &RunPanel::errorLocation);
    f.panel.run();
    f.last().fail({ErrorCode::RunFailed,
                   "RuntimeError: mat1 and mat2 shapes cannot be multiplied",
                   "Traceback of TorchScript, serialized code (most recent call last):\n"
                   "  File \"code/__torch__/m.py\", line 9, in forward\n"
                   "  File \"code/__torch__/torch/nn/modules/linear.py\", line 14, in forward\n"
                   "Traceback of TorchScript, original code (most recent call last):\n"
                   "  File \"/usr/lib/python3/torch/nn/modules/linear.py\", line 114, in forward\n",
                   {}});
    ASSERT_EQ(located.count(), 1);
    EXPECT_EQ(located.at(0).at(0).toString(), QStringLiteral("code/__torch__/torch/nn/modules/linear.py"));
    EXPECT_EQ(located.at(0).at(1).toInt(), 14);
    EXPECT_TRUE(f.panel.statusText().contains(QStringLiteral("mat1 and mat2")));
    EXPECT_FALSE(f.panel.isBusy());
}

TEST(RunPanel, BenchmarkLiveSamplesStopHistoryAndLostWorker)
{
    Fixture f;
    f.panel.setInputText(QStringLiteral("x"), QStringLiteral("randn:2x3"));
    f.panel.benchmark();
    ASSERT_EQ(f.last().method, QStringLiteral("bench"));
    const int id = static_cast<int>(f.sent.size());
    f.panel.handleBenchSample(Json{{"id", id}, {"phase", "measure"}, {"start", 0}, {"ms", {1.0, 2.0, 3.0}}}
                                  .get<protocol::BenchSample>());
    f.panel.handleBenchSample(Json{{"id", id + 99}, {"phase", "measure"}, {"start", 0}, {"ms", {9.0}}}
                                  .get<protocol::BenchSample>()); // not ours
    EXPECT_EQ(f.panel.sampleCount(), 3);
    f.panel.stop();
    EXPECT_EQ(f.cancelled, std::vector<int>{id});
    f.last().ok(Json::parse(R"({"model": "/tmp/m.pt", "method": "forward", "device": "cpu", "threads": 1,
        "inputs": ["Tensor[1, 3] float32"], "iters": 3, "warmup": 2, "stopped": true, "median_ms": 2.0,
        "mean_ms": 2.0, "min_ms": 1.0, "p90_ms": 2.8, "p99_ms": 2.98, "std_ms": 1.0, "iqr_ms": 1.0,
        "calls_per_s": 500.0, "samples_ms": [1.0, 2.0, 3.0], "warmup_ms": [50.0, 3.0],
        "profile": {"forward_calls": 3, "forward_ms": 6, "ops": [], "by_module": [],
                    "by_kind": [{"name": "aten::linear", "module": "", "calls": 3, "self_ms": 6, "total_ms": 6}]}})"));
    EXPECT_FALSE(f.panel.isBusy());
    ASSERT_EQ(f.panel.historyTable()->rowCount(), 1);
    EXPECT_EQ(f.panel.profileTable()->rowCount(), 1);
    const QString csv = f.panel.historyCsv();
    EXPECT_TRUE(csv.startsWith(QStringLiteral("model,method,device,threads,inputs,iters,median_ms")));
    EXPECT_TRUE(
        csv.contains(QStringLiteral("m.pt,forward,cpu,1,\"Tensor[1, 3] float32\",3,2,2,1,2.8,2.98,1,1,500")))
        << csv.toStdString();

    // a worker killed mid-benchmark: the panel ends the request and takes the next model
    f.panel.benchmark();
    EXPECT_TRUE(f.panel.isBusy());
    f.panel.workerLost(QStringLiteral("killed"));
    EXPECT_FALSE(f.panel.isBusy());
    EXPECT_TRUE(f.panel.statusText().contains(QStringLiteral("killed")));
    f.panel.setModel(2, QStringLiteral("/tmp/m.pt"), QStringLiteral("testhash"), {QStringLiteral("forward")});
    for (Sent& s : f.sent)
        if (s.method == QStringLiteral("arguments") && s.params["handle"] == 2)
            s.ok(Json::parse(R"({"arguments": [{"name": "x", "type": "Tensor", "kind": "tensor"}]})"));
    // inputs were remembered under the file's hash
    EXPECT_EQ(f.panel.inputText(QStringLiteral("x")), QStringLiteral("randn:2x3"));
    f.panel.run();
    EXPECT_EQ(f.last().params["handle"], 2);
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("jitscope-test"));
    QSettings().clear(); // remembered inputs of earlier test runs
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
