// Benchmarks: JSON keys, live samples, per-op profile, Stop within 0.2 s, a killed worker.
#include "testsupport.h"
#include "worker.h"

#include <gtest/gtest.h>

#include <chrono>

using namespace jitscope;
using namespace jitscope::test;
using Clock = std::chrono::steady_clock;

TEST(RunBench, CliJsonHasTheDocumentedKeys)
{
    auto r = runProcess("'" + cliPath() + "' bench '" + fixturePath("tiny_linear.pt") +
                        "' --input randn:1x3 --warmup 3 --iters 50 --threads 1 --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    Json j = Json::parse(r.out);
    for (const char* key : {"median_ms", "mean_ms", "min_ms", "max_ms", "p90_ms", "p99_ms", "std_ms",
                            "iqr_ms", "calls_per_s", "iters", "device", "threads", "warmup_ms", "samples_ms"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["iters"], 50);
    EXPECT_EQ(j["threads"], 1);
    EXPECT_EQ(j["device"], "cpu");
    EXPECT_EQ(j["warmup_ms"].size(), 3u);
    EXPECT_LE(j["min_ms"].get<double>(), j["median_ms"].get<double>());
    EXPECT_LE(j["median_ms"].get<double>(), j["p90_ms"].get<double>());
    EXPECT_LE(j["p90_ms"].get<double>(), j["p99_ms"].get<double>());
}

TEST(RunBench, WorkerStreamsEverySampleAndProfiles)
{
    Worker worker;
    const int handle = worker.open(fixturePath("resnet18_scripted.pt"));
    int samples = 0, warmups = 0;
    const int id = worker.send("bench", {{"handle", handle},
                                         {"inputs", {"randn:1x3x32x32"}},
                                         {"warmup", 3},
                                         {"iters", 10},
                                         {"profile", true}});
    Json response = worker.waitFor(id, std::chrono::seconds(120), [&](const Json& n) {
        if (n["method"] != "bench_sample")
            return;
        EXPECT_EQ(n["params"]["id"], id);
        (n["params"]["phase"] == "warmup" ? warmups : samples) += static_cast<int>(n["params"]["ms"].size());
    });
    ASSERT_TRUE(response.contains("result")) << response.dump();
    const Json& r = response["result"];
    EXPECT_EQ(warmups, 3);
    EXPECT_EQ(samples, 10);
    EXPECT_EQ(r["samples_ms"].size(), 10u);
    ASSERT_TRUE(r["profile"].is_object());
    bool conv = false, layer = false;
    for (const Json& row : r["profile"]["by_kind"])
        conv |= row["name"].get<std::string>().find("conv") != std::string::npos;
    for (const Json& row : r["profile"]["by_module"])
        layer |= row["module"] == "layer1.0.conv1";
    EXPECT_TRUE(conv) << r["profile"]["by_kind"].dump();
    EXPECT_TRUE(layer) << "ops are attributed to module paths: " << r["profile"]["by_module"].dump();
}

// Cancels a benchmark that would run for minutes once its first measured sample arrives.
static void expectStopsInTime(Worker& worker, int handle, const Json& inputs)
{
    const int id =
        worker.send("bench", {{"handle", handle}, {"inputs", inputs}, {"warmup", 2}, {"seconds", 600}});
    bool measuring = false;
    while (!measuring) {
        Json message = worker.readMessage(std::chrono::seconds(60));
        ASSERT_FALSE(message.is_null()) << "no bench_sample";
        measuring = message.value("method", "") == "bench_sample" && message["params"]["phase"] == "measure";
    }
    const auto cancelAt = Clock::now();
    worker.send("cancel", {{"target", id}});
    Json response = worker.waitFor(id, std::chrono::seconds(5));
    const double seconds = std::chrono::duration<double>(Clock::now() - cancelAt).count();
    ASSERT_TRUE(response.contains("result")) << response.dump();
    EXPECT_LT(seconds, 0.2);
    EXPECT_TRUE(response["result"]["stopped"].get<bool>());
    EXPECT_GT(response["result"]["iters"].get<int>(), 0);
    EXPECT_TRUE(worker.request("ping", Json::object(), std::chrono::seconds(5)).contains("result"));
}

TEST(RunBench, StopEndsABenchmarkWithinTheBound)
{
    Worker worker;
    expectStopsInTime(worker, worker.open(fixturePath("tiny_linear.pt")), {"randn:1x3"});
    expectStopsInTime(worker, worker.open(fixturePath("resnet18_scripted.pt")), {"randn:1x3x64x64"});
}

TEST(RunBench, KillingTheWorkerMidBenchmark)
{
    {
        Worker worker;
        const int handle = worker.open(fixturePath("tiny_linear.pt"));
        worker.send("bench", {{"handle", handle}, {"inputs", {"randn:1x3"}}, {"seconds", 600}});
        ASSERT_FALSE(worker.readMessage(std::chrono::seconds(30)).is_null());
        worker.kill();
        // the client sees EOF at once instead of hanging
        const auto start = Clock::now();
        Json rest;
        do
            rest = worker.readMessage(std::chrono::seconds(5));
        while (!rest.is_null());
        EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 2.0);
    }
    Worker fresh; // a new worker serves as before
    const int handle = fresh.open(fixturePath("tiny_linear.pt"));
    EXPECT_TRUE(fresh.request("run", {{"handle", handle}, {"inputs", {"randn:1x3"}}}).contains("result"));
}
