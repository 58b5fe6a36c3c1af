// The baseline of `jitscope-cli bench`: a bare C++ loop of module.forward on randn inputs, timing each call
// the same way (steady_clock around the call, InferenceMode, outputs dropped after the clock stops).
//   bare_forward FILE WARMUP ITERS THREADS SHAPE...      (SHAPE like 1x3x224x224, one per argument)
// Prints {"median_ms", "mean_ms", "min_ms", "iters", "threads"} on one line.
#include <ATen/Parallel.h>
#include <torch/script.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    if (argc < 6) {
        std::cerr << "usage: bare_forward FILE WARMUP ITERS THREADS SHAPE...\n";
        return 2;
    }
    const int warmup = std::stoi(argv[2]), iters = std::stoi(argv[3]), threads = std::stoi(argv[4]);
    if (threads > 0)
        at::set_num_threads(threads);
    torch::jit::Module module = torch::jit::load(argv[1]);
    module.eval();
    std::vector<c10::IValue> inputs;
    for (int i = 5; i < argc; ++i) {
        std::vector<int64_t> shape;
        std::stringstream dims(argv[i]);
        for (std::string dim; std::getline(dims, dim, 'x');)
            shape.push_back(std::stoll(dim));
        torch::manual_seed(i - 5);
        inputs.push_back(torch::randn(shape));
    }
    c10::InferenceMode guard;
    using Clock = std::chrono::steady_clock;
    std::vector<double> ms;
    ms.reserve(static_cast<size_t>(iters));
    for (int i = 0; i < warmup + iters; ++i) {
        const auto start = Clock::now();
        c10::IValue out = module.forward(inputs);
        const double t = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (i >= warmup)
            ms.push_back(t);
    }
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    double sum = 0;
    for (double v : ms)
        sum += v;
    std::cout << "{\"median_ms\": " << median << ", \"mean_ms\": " << sum / static_cast<double>(n)
              << ", \"min_ms\": " << sorted.front() << ", \"iters\": " << n
              << ", \"threads\": " << at::get_num_threads() << "}\n";
    return 0;
}
