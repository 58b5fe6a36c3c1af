// Pickle fix-ups for LibTorch's unpickler (LibTorch-free; used by inputs.cpp).
#pragma once

#include <string>

namespace jitscope {

// Python's pickler writes APPEND ('a') and SETITEM ('s') for one-element lists and dicts, which LibTorch's
// unpickler does not know (torch.save([x]) fails with "Unknown opcode for unpickling at 0x61"). Returns
// the pickle with each `item APPEND` rewritten as `MARK item APPENDS` (SETITEM likewise); a pickle it
// cannot walk is returned unchanged, for LibTorch's unpickler to report.
std::string rewriteAppends(const std::string& pickle);

} // namespace jitscope
