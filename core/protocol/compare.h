// The worker's `compare` request (docs/protocol.md, "Compare"): two models by path or by open handle, the
// example inputs as for `run`, and options; the result is a CompareReport.
#pragma once

#include "types/comparereport.h"
#include "types/json.h"

#include <string>

namespace jitscope::protocol {

struct CompareRequest
{
    static constexpr const char* kMethod = "compare";
    // Each side is a path the worker opens (B may be a state_dict) or a handle from `open`.
    std::string a_path, b_path;
    int a_handle = 0, b_handle = 0;
    std::string method_name = "forward";
    Json inputs = Json::array(); // positional input values, as `run`'s "inputs"
    Json named = Json::object(); // argument name → value
    std::string inputs_file;
    std::string probes = "auto"; // "auto" or "none"
    double rtol = 1e-4, atol = 1e-5;
    int iters = 20; // timed calls of each side; 0 = no timing
    bool divergence = true;
    std::vector<std::string> libraries; // loaded before opening paths
    using Result = CompareReport;
};

JITSCOPE_DECLARE_JSON(CompareRequest)

} // namespace jitscope::protocol
