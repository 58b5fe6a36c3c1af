// The debug records of an archive (code/….py.debug_pkl: where each piece of code came from). LibTorch 1.13
// unpickles them lazily, the first time a graph is printed or a source location asked for, and trusts their
// shape: an empty tuple, a short record or a text index out of range makes it index past a vector and crash
// (a swapped record did: `graph --inlined` died with SIGSEGV). So the engine checks each one before loading
// and hides the ones that fail from LibTorch; the code then has no source locations, nothing else changes.
// Engine-internal and LibTorch-free.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace jitscope {

// Why LibTorch could not use this debug record safely, or "" when it has the shape torch.jit.save writes:
// a tuple of (byte offset, (source, start, end), tag) records, optionally behind ("FORMAT_WITH_STRING_TABLE",
// text table, records), with every text index and file index inside the table.
std::string checkDebugPickle(const std::string& bytes);

// Where in the file the central directory stores each of `names` (full zip names): the byte offsets of
// the last character of each name. Empty when the central directory cannot be walked.
std::vector<uint64_t> centralDirectoryNameEnds(const std::string& path, const std::set<std::string>& names);

} // namespace jitscope
