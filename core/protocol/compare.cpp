#include "compare.h"

namespace jitscope::protocol {

JITSCOPE_DEFINE_JSON(CompareParams, a_path, b_path, a_handle, b_handle, method_name, inputs, named, inputs_file,
                     probes, rtol, atol, iters, divergence, libraries)

std::vector<std::string> compareParamKeys()
{
    std::vector<std::string> keys;
    const Json defaults = CompareParams{}; // items() must not outlive the object it walks
    for (const auto& item : defaults.items())
        keys.push_back(item.key());
    return keys;
}

} // namespace jitscope::protocol
