// Statistics of timing samples (milliseconds): the numbers a benchmark reports, a histogram, and the
// "have the times settled?" test used by warm-up. Plain C++, shared by the engine, the CLI and the GUI.
#pragma once

#include <cstdint>
#include <vector>

namespace jitscope {

struct SampleStats
{
    int64_t count = 0;
    double min = 0, max = 0, mean = 0, median = 0;
    double p90 = 0, p99 = 0;
    double std = 0; // sample standard deviation (n - 1); 0 for fewer than two samples
    double q1 = 0, q3 = 0, iqr = 0;
    double total = 0;       // sum of the samples
    double calls_per_s = 0; // 1000 / mean
};

// Percentile p in [0, 100] of already sorted values, interpolating linearly between the closest ranks
// (NumPy's default, so figures match what a Python user computes from the same samples).
double percentileSorted(const std::vector<double>& sorted, double p);

SampleStats computeStats(std::vector<double> samples);

struct Histogram
{
    double lo = 0, hi = 0; // range covered; bin i is [lo + i*width, lo + (i+1)*width)
    double width = 0;
    std::vector<int64_t> counts;
};

// `bins` equal-width bins from the smallest to the largest sample (the largest goes into the last bin).
// When every sample is equal there is one bin holding them all.
Histogram makeHistogram(const std::vector<double>& samples, int bins);

// Warm-up "until times settle": true when the last `window` samples have a median within `tolerance`
// (relative) of the median of the `window` before them. Needs 2 * window samples.
bool timesSettled(const std::vector<double>& samples, int window = 5, double tolerance = 0.05);

} // namespace jitscope
