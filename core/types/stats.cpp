#include "stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace jitscope {

double percentileSorted(const std::vector<double>& sorted, double p)
{
    if (sorted.empty())
        return 0;
    const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(sorted.size() - 1);
    const size_t below = static_cast<size_t>(std::floor(rank));
    const size_t above = std::min(below + 1, sorted.size() - 1);
    const double fraction = rank - static_cast<double>(below);
    return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

SampleStats computeStats(std::vector<double> samples)
{
    SampleStats s;
    s.count = static_cast<int64_t>(samples.size());
    if (samples.empty())
        return s;
    std::sort(samples.begin(), samples.end());
    s.min = samples.front();
    s.max = samples.back();
    s.total = std::accumulate(samples.begin(), samples.end(), 0.0);
    s.mean = s.total / static_cast<double>(samples.size());
    s.median = percentileSorted(samples, 50);
    s.p90 = percentileSorted(samples, 90);
    s.p99 = percentileSorted(samples, 99);
    s.q1 = percentileSorted(samples, 25);
    s.q3 = percentileSorted(samples, 75);
    s.iqr = s.q3 - s.q1;
    if (samples.size() > 1) {
        // Two passes: the naive sum-of-squares formula loses everything for tight sub-millisecond samples.
        double squares = 0;
        for (double v : samples)
            squares += (v - s.mean) * (v - s.mean);
        s.std = std::sqrt(squares / static_cast<double>(samples.size() - 1));
    }
    s.calls_per_s = s.mean > 0 ? 1000.0 / s.mean : 0;
    return s;
}

Histogram makeHistogram(const std::vector<double>& samples, int bins)
{
    Histogram h;
    if (samples.empty() || bins < 1)
        return h;
    const auto [lo, hi] = std::minmax_element(samples.begin(), samples.end());
    h.lo = *lo;
    h.hi = *hi;
    if (h.hi <= h.lo) {
        h.counts.assign(1, static_cast<int64_t>(samples.size()));
        return h;
    }
    h.width = (h.hi - h.lo) / bins;
    h.counts.assign(static_cast<size_t>(bins), 0);
    for (double v : samples) {
        auto bin = static_cast<int64_t>((v - h.lo) / h.width);
        ++h.counts[static_cast<size_t>(std::clamp<int64_t>(bin, 0, bins - 1))];
    }
    return h;
}

bool timesSettled(const std::vector<double>& samples, int window, double tolerance)
{
    if (window < 1 || samples.size() < static_cast<size_t>(2 * window))
        return false;
    auto medianOf = [&](size_t from) {
        std::vector<double> part(samples.begin() + static_cast<std::ptrdiff_t>(from),
                                 samples.begin() + static_cast<std::ptrdiff_t>(from + window));
        std::sort(part.begin(), part.end());
        return percentileSorted(part, 50);
    };
    const size_t n = samples.size();
    const double recent = medianOf(n - window);
    const double before = medianOf(n - 2 * window);
    return before > 0 && std::abs(recent - before) <= tolerance * before;
}

} // namespace jitscope
