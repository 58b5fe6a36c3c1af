// Issue 11's cost check: one process, one model, the same inputs: plain calls (after the profiling
// executor's warm-up) against recorded calls (RunOptions::values: every tensor of the inlined graph with
// statistics and a histogram). Prints both medians (ms), their ratio and the number of values.
//   values_overhead FILE [--input SPEC]... [--inputs-file F] [--rounds N]
#include "engine/engine.h"
#include "engine/run.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace jitscope;

namespace {
double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}
} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: values_overhead FILE [--input SPEC]... [--inputs-file F] [--rounds N]\n");
        return 2;
    }
    Invocation inv;
    int rounds = 5;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--input")) {
            auto arg = parseInputArg(argv[i + 1]);
            if (!arg)
                return std::fprintf(stderr, "%s\n", arg.error().message.c_str()), 2;
            inv.inputs.push_back(arg.value());
        } else if (!std::strcmp(argv[i], "--inputs-file")) {
            inv.inputs_file = argv[i + 1];
        } else if (!std::strcmp(argv[i], "--rounds")) {
            rounds = std::stoi(argv[i + 1]);
        }
    }
    auto model = Model::open(argv[1]);
    if (!model)
        return std::fprintf(stderr, "%s\n", model.error().message.c_str()), 3;
    auto runner = Runner::create(model.value(), inv);
    if (!runner)
        return std::fprintf(stderr, "%s\n", runner.error().message.c_str()), 1;
    for (int i = 0; i < 5; ++i) // the profiling executor's warm-up
        runner.value()->runOnce();
    RunOptions values;
    values.values = true;
    runner.value()->runOnce(values); // first recorded call: allocations, op lookups
    std::vector<double> plain, recorded;
    size_t count = 0;
    for (int i = 0; i < rounds; ++i) {
        plain.push_back(runner.value()->runOnce().value().ms);
        auto r = runner.value()->runOnce(values);
        if (!r)
            return std::fprintf(stderr, "%s\n", r.error().message.c_str()), 1;
        recorded.push_back(r.value().ms);
        count = r.value().values->values.size();
    }
    const double p = median(plain), v = median(recorded);
    std::printf("{\"plain_ms\": %.3f, \"values_ms\": %.3f, \"ratio\": %.3f, \"values\": %zu}\n", p, v, v / p, count);
    return 0;
}
