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

namespace jitscope {

// LibTorch 1.13's unpickler turns collections.OrderedDict into None (it expects one only as a tensor's
// empty backward-hook argument), so a torch.save'd state_dict cannot be read. Returns the pickle with each
// `OrderedDict ()  REDUCE` rewritten as EMPTY_DICT, and BUILD (which only sets a state_dict's _metadata
// here; the unpickler has no POP) as TUPLE2: the reader replaces each (dict, {"_metadata": …}) pair by
// the dict. Unchanged when the pickle names no OrderedDict.
std::string rewriteOrderedDicts(const std::string& pickle);

} // namespace jitscope
