#include "compare.h"

namespace jitscope::protocol {

JITSCOPE_DEFINE_JSON(CompareRequest, a_path, b_path, a_handle, b_handle, method_name, inputs, named,
                     inputs_file, probes, rtol, atol, iters, divergence, libraries)

} // namespace jitscope::protocol
