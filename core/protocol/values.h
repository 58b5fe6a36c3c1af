// The worker request that saves one recorded value (docs/protocol.md, "Values and passes"). Recording
// itself is `run` with `values` (run.h); a graph after a pass is `graph` with `pass` (model.h).
#pragma once

#include "types/json.h"
#include "types/values.h"

#include <cstdint>
#include <string>

namespace jitscope::protocol {

struct SaveValueResult
{
    std::string path;
};

// Saves one value of the last `run` of that handle (run again with the same inputs, recording only it).
struct SaveValueRequest
{
    static constexpr const char* kMethod = "save_value";
    int handle = 0;
    int64_t value = 0;   // RecordedValue::id
    std::string element; // RecordedValue::element ("" for a tensor value)
    std::string path;    // ….pt (torch.load) or ….npy (numpy.load)
    using Result = SaveValueResult;
};

JITSCOPE_DECLARE_JSON(SaveValueRequest)
JITSCOPE_DECLARE_JSON(SaveValueResult)

} // namespace jitscope::protocol
