// What a file is before LibTorch deserializes it: a TorchScript zip, a torch.save checkpoint, or junk.
// Engine-internal; LibTorch-free so that it can be declared here and used by several engine TUs.
#pragma once

#include "types/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace jitscope {

struct ArchiveProbe
{
    int64_t bytes = 0;
    int64_t format_version = 0;
    std::string archive_name;             // the zip's top folder
    std::vector<std::string> records;     // names below the top folder
    std::vector<std::string> extra_files; // names below extra/
    bool has_debug_info = false;
    bool uses_torchvision_ops = false; // code calls ops.torchvision.*
};

// Classifies the file: returns an Error for everything that is not a loadable TorchScript archive
// (empty, not a zip, plain zip, checkpoint, version too new, damaged central directory).
Result<ArchiveProbe> probeArchive(const std::string& path);

// Reads one record (name below the top folder, e.g. "extra/meta.json").
Result<std::string> readArchiveRecord(const std::string& path, const std::string& name);

// Turns a message LibTorch threw while loading into a typed Error.
Error classifyLoadError(const std::string& what);

} // namespace jitscope
