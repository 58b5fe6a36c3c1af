#include "values.h"

namespace jitscope::protocol {

JITSCOPE_DEFINE_JSON(SaveValueRequest, handle, value, element, path)
JITSCOPE_DEFINE_JSON(SaveValueResult, path)

} // namespace jitscope::protocol
