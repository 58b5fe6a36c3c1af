// A cheap look at an archive's code (code/….py) before LibTorch compiles it. LibTorch 1.13's importer
// dereferences a missing part of some class-level statements without checking (later versions throw):
//   - in a module or plain class, `name = value` without a type, for any name other than __parameters__,
//     __buffers__, __annotations__, __forward_pre_hooks__ and __forward_hooks__ (it becomes a class
//     constant and ScriptTypeParser::parseClassConstant reads its absent `Final[…]` type: SIGSEGV);
//   - in a NamedTuple, a field without a type (`name = value`);
//   - in an Enum, a member without a value (`name : int`).
// torch.jit.save never writes these; a damaged or hand-edited file can. Engine-internal, LibTorch-free.
#pragma once

#include <string>

namespace jitscope {

// "line N: class C …" naming the first such statement, or "" when there is none.
std::string findCrashingClassStatement(const std::string& code);

} // namespace jitscope
