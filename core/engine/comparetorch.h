// For the LibTorch translation units of compare (compare_run.cpp, compare_capture.cpp) only.
#pragma once

#include "compareinternal.h"

#include <ATen/core/ivalue.h>

namespace jitscope::detail {

struct CompareInputs
{
    std::vector<std::string> descriptions;           // "example", "negated" …
    std::vector<std::vector<std::string>> arguments; // per input, per argument
    std::vector<std::vector<c10::IValue>> a, b;      // per input, the arguments of each side
};

// One flattened leaf ("0", "1.boxes") of an output value.
struct Leaf
{
    std::string path;
    c10::IValue value;
};
std::vector<Leaf> flattenValue(const c10::IValue& value);

// Compares two leaves under rtol/atol (NaN equal to NaN at the same place).
OutputDiff diffLeaves(const std::string& path, const c10::IValue* a, const c10::IValue* b, double rtol,
                      double atol);

} // namespace jitscope::detail
