// The statistics and the run value types on samples whose answers are known (NumPy gives the same).
#include "types/runresult.h"
#include "types/stats.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace jitscope;

TEST(Stats, KnownSample)
{
    // numpy: np.percentile([1..10], [25, 50, 75, 90, 99]) = 3.25, 5.5, 7.75, 9.1, 9.91; std(ddof=1) = 3.02765
    std::vector<double> s{7, 1, 10, 3, 5, 2, 9, 4, 8, 6};
    SampleStats st = computeStats(s);
    EXPECT_EQ(st.count, 10);
    EXPECT_DOUBLE_EQ(st.min, 1);
    EXPECT_DOUBLE_EQ(st.max, 10);
    EXPECT_DOUBLE_EQ(st.mean, 5.5);
    EXPECT_DOUBLE_EQ(st.median, 5.5);
    EXPECT_NEAR(st.q1, 3.25, 1e-12);
    EXPECT_NEAR(st.q3, 7.75, 1e-12);
    EXPECT_NEAR(st.iqr, 4.5, 1e-12);
    EXPECT_NEAR(st.p90, 9.1, 1e-12);
    EXPECT_NEAR(st.p99, 9.91, 1e-12);
    EXPECT_NEAR(st.std, 3.0276503540974917, 1e-12);
    EXPECT_DOUBLE_EQ(st.total, 55);
    EXPECT_NEAR(st.calls_per_s, 1000.0 / 5.5, 1e-9);
}

TEST(Stats, OddCountMedianAndOutlier)
{
    SampleStats st = computeStats({2.0, 2.0, 2.0, 2.0, 100.0});
    EXPECT_DOUBLE_EQ(st.median, 2.0); // the median ignores the outlier, the mean does not
    EXPECT_DOUBLE_EQ(st.mean, 21.6);
    EXPECT_NEAR(st.p99, 96.08, 1e-9); // 2 + (100 - 2) * 0.96
    EXPECT_DOUBLE_EQ(st.iqr, 0.0);
}

TEST(Stats, EmptyAndSingle)
{
    SampleStats empty = computeStats({});
    EXPECT_EQ(empty.count, 0);
    EXPECT_EQ(empty.calls_per_s, 0);
    SampleStats one = computeStats({4.0});
    EXPECT_DOUBLE_EQ(one.median, 4.0);
    EXPECT_DOUBLE_EQ(one.p99, 4.0);
    EXPECT_DOUBLE_EQ(one.std, 0.0);
    EXPECT_DOUBLE_EQ(one.calls_per_s, 250.0);
}

TEST(Stats, StdIsStableForTightSamples)
{
    // 1e6 ± 1e-3: a one-pass sum of squares would lose all digits here
    std::vector<double> s;
    for (int i = 0; i < 1000; ++i)
        s.push_back(1e6 + (i % 2 ? 1e-3 : -1e-3));
    EXPECT_NEAR(computeStats(s).std, 1e-3, 1e-6);
}

TEST(Stats, Histogram)
{
    Histogram h = makeHistogram({0, 1, 2, 3, 4, 5, 6, 7, 8, 10}, 5);
    ASSERT_EQ(h.counts.size(), 5u);
    EXPECT_DOUBLE_EQ(h.width, 2.0);
    EXPECT_EQ(h.counts[0], 2); // 0, 1
    EXPECT_EQ(h.counts[4], 2); // 8, and the maximum 10 in the last bin
    int64_t total = 0;
    for (int64_t c : h.counts)
        total += c;
    EXPECT_EQ(total, 10);
    Histogram flat = makeHistogram({3, 3, 3}, 10);
    ASSERT_EQ(flat.counts.size(), 1u);
    EXPECT_EQ(flat.counts[0], 3);
    EXPECT_TRUE(makeHistogram({}, 10).counts.empty());
}

TEST(Stats, TimesSettled)
{
    EXPECT_FALSE(timesSettled({10, 9, 8}, 5));                          // too few
    EXPECT_FALSE(timesSettled({50, 40, 30, 20, 10, 5, 5, 5, 5, 5}, 5)); // still falling
    EXPECT_TRUE(timesSettled({5.1, 5.0, 4.9, 5.0, 5.2, 5.0, 5.1, 4.95, 5.0, 5.05}, 5));
}

TEST(RunResult, TracebackAndSummary)
{
    const std::string text = "The following operation failed in the TorchScript interpreter.\n"
                             "Traceback of TorchScript (most recent call last):\n"
                             "  File \"code/__torch__/torch/nn/modules/linear.py\", line 12, in forward\n"
                             "    return torch.linear(input, weight, bias)\n"
                             "           ~~~~~~~~~~~~ <--- HERE\n"
                             "RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x4 and 3x2)\n";
    auto frames = tracebackLocations(text);
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0].file, "code/__torch__/torch/nn/modules/linear.py");
    EXPECT_EQ(frames[0].line, 12);
    EXPECT_EQ(frames[0].text, "forward");
    EXPECT_EQ(torchErrorSummary(text),
              "RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x4 and 3x2)");
    EXPECT_EQ(torchErrorSummary("forward() is missing value for argument 'x'.\nDeclaration: forward(…)"),
              "forward() is missing value for argument 'x'.");
}

TEST(RunResult, TreeFlattensInOrderAndRoundTrips)
{
    ValueNode root{"tuple", "Tuple[Tensor, List[Tensor]]", "", "", std::nullopt, {}};
    TensorSummary a;
    a.shape = {2, 3};
    a.dtype = "float32";
    a.numel = 6;
    a.sum = 1.5;
    a.min = std::nan("");
    TensorSummary b = a;
    b.shape = {4};
    root.children.push_back({"tensor", "Tensor", "0", "", a, {}});
    ValueNode list{"list", "List[Tensor]", "1", "", std::nullopt, {}};
    list.children.push_back({"tensor", "Tensor", "0", "", b, {}});
    root.children.push_back(list);

    auto flat = flattenTensors(root);
    ASSERT_EQ(flat.size(), 2u);
    EXPECT_EQ(flat[1]->shape, std::vector<int64_t>{4});

    Json j = flatOutputsJson(root);
    ASSERT_EQ(j["outputs"].size(), 2u);
    EXPECT_TRUE(j["outputs"][0]["min"].is_null()); // NaN travels as null
    EXPECT_DOUBLE_EQ(j["outputs"][0]["sum"].get<double>(), 1.5);

    ValueNode back = Json::parse(Json(root).dump()).get<ValueNode>();
    ASSERT_EQ(back.children.size(), 2u);
    EXPECT_TRUE(std::isnan(back.children[0].tensor->min));
    EXPECT_EQ(back.children[1].children[0].tensor->shape, std::vector<int64_t>{4});
}

TEST(RunResult, BenchJsonIsFlat)
{
    BenchResult r;
    r.device = "cpu";
    r.threads = 2;
    r.samples_ms = {1, 2, 3, 4};
    r.stats = computeStats(r.samples_ms);
    Json j = r;
    for (const char* key : {"median_ms", "mean_ms", "min_ms", "p90_ms", "p99_ms", "std_ms", "iqr_ms", "iters",
                            "device", "threads", "calls_per_s"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_DOUBLE_EQ(j["median_ms"].get<double>(), 2.5);
    EXPECT_EQ(j["iters"].get<int>(), 4);
    BenchResult back = j.get<BenchResult>();
    EXPECT_DOUBLE_EQ(back.stats.median, 2.5);
}
