// Checks LibTorch 1.13 skips when it loads an archive: record CRC-32s, record sizes against the storages
// data.pkl/constants.pkl ask for, tensor views against their storages, duplicate record names.
// Engine-internal and LibTorch-free (libzip plus our own pickle walk).
#pragma once

#include "types/error.h"
#include "types/modelinfo.h"

#include <atomic>
#include <map>
#include <string>
#include <vector>

namespace jitscope {

// What the archive's layout says, found before LibTorch reads it.
struct ArchiveStructure
{
    std::map<std::string, std::vector<std::string>> tensors_by_record; // "data/5" → {"l.weight"}
    std::vector<std::string> problems; // harmless to load, but the file is not as torch.jit.save wrote it
    // Debug records (full zip names) LibTorch must not see: their shape would crash it (debuginfo.h).
    std::vector<std::string> unusable_debug_records;
};

// Reads the central directory, data.pkl and constants.pkl. Returns an Error (corrupt) for an archive that
// would make LibTorch read past a record (a storage larger than its record, a tensor reaching past its
// storage) or recurse without bound (absurdly nested pickles): such files are refused, not loaded.
Result<ArchiveStructure> checkStructure(const std::string& path);

// Reads every record and checks its CRC-32: the names (below the top folder) of those that fail. Costs a
// full read of the file; Model::open runs it on another thread while LibTorch deserializes. Stops early
// (returning what it found) once `stop` is set.
std::vector<std::string> findCrcMismatches(const std::string& path, const std::atomic<bool>* stop = nullptr);

IntegrityReport makeIntegrityReport(const ArchiveStructure& structure,
                                    const std::vector<std::string>& badRecords);

// "data/5 (layer1.0.conv1.weight)" for messages.
std::string describeRecord(const ArchiveStructure& structure, const std::string& record);

} // namespace jitscope
