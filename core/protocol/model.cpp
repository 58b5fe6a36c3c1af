#include "model.h"

namespace jitscope::protocol {

JITSCOPE_DEFINE_JSON(OpenResult, handle, info)
JITSCOPE_DEFINE_JSON(OpenRequest, path, libraries)
JITSCOPE_DEFINE_JSON(InfoRequest, handle)
JITSCOPE_DEFINE_JSON(GraphRequest, handle, module_path, method, inlined, function)
JITSCOPE_DEFINE_JSON(CodeResult, entries)
JITSCOPE_DEFINE_JSON(CodeRequest, handle, type)
JITSCOPE_DEFINE_JSON(ParamStatsResult, stats)
JITSCOPE_DEFINE_JSON(ParamStatsRequest, handle, names)
JITSCOPE_DEFINE_JSON(ExtraFileResult, name, text)
JITSCOPE_DEFINE_JSON(ExtraFileRequest, handle, name)
JITSCOPE_DEFINE_JSON(LoadLibraryResult, path)
JITSCOPE_DEFINE_JSON(LoadLibraryRequest, path)
JITSCOPE_DEFINE_JSON(CloseRequest, handle)

} // namespace jitscope::protocol
