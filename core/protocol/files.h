// Files on the worker's side (docs/protocol.md, "Files on the worker's machine"): browse the worker's file
// system, send a local file to it and fetch one back, so that a window here can open a model that lives (or
// is sent) there and keep what it wrote there.
#pragma once

#include "types/json.h"
#include "protocol.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace jitscope::protocol {

struct ListDirResult;
struct StatResult;
struct UploadResult;

// Extensions the `models_only` filter keeps (directories are always kept).
bool isModelFileName(const std::string& name);

struct DirEntry
{
    std::string name;
    int64_t size = 0;  // bytes; 0 for directories
    int64_t mtime = 0; // seconds since the epoch
    bool is_dir = false;
};

struct ListDirRequest
{
    static constexpr const char* kMethod = "list_dir";
    std::string path;         // "" = the worker's home directory
    bool models_only = false; // keep directories and .pt/.pth/.ptl/.torchscript files only
    bool show_hidden = false; // names starting with '.'
    using Result = ListDirResult;
};

struct ListDirResult
{
    std::string path;              // absolute, normalised
    std::string parent;            // "" at the root
    std::vector<DirEntry> entries; // directories first, then by name
};

struct StatRequest
{
    static constexpr const char* kMethod = "stat";
    std::string path;
    using Result = StatResult;
};

struct StatResult
{
    std::string path; // absolute, normalised
    bool exists = false;
    bool is_dir = false;
    bool readable = false;
    int64_t size = 0;
    int64_t mtime = 0;
};

// One chunk of a file sent to the worker. The first chunk (offset 0) has no `upload` token and gets one
// back; the others name it. Chunks arrive in order; the last one makes the worker check `sha256` and
// answer with the file's path in its per-session temporary directory (removed when the worker exits).
struct UploadRequest
{
    static constexpr const char* kMethod = "upload";
    std::string upload; // token from the first answer; "" on the first chunk
    std::string name;   // the local file name (its directory part is ignored)
    int64_t size = 0;   // of the whole file
    int64_t offset = 0; // of this chunk
    std::string data;   // base64
    std::string sha256; // hex digest of the whole file
    using Result = UploadResult;
};

struct UploadResult
{
    std::string upload;
    int64_t received = 0; // bytes so far
    bool complete = false;
    std::string path; // set when complete
};

// A file of the worker's machine read back in chunks: Save outputs on a remote worker writes them there and
// brings them here. Every answer carries the file's size; the one at offset 0 also the SHA-256 of the whole
// file, which the client checks once it has every byte (a file that changed in between fails the check).
struct DownloadResult
{
    std::string path;   // absolute, normalised
    int64_t size = 0;   // of the whole file
    int64_t offset = 0; // of this chunk
    std::string data;   // base64 of the bytes from `offset`: `length` of them, fewer at the end
    std::string sha256; // hex digest of the whole file; on the chunk at offset 0 only
};

struct DownloadRequest
{
    static constexpr const char* kMethod = "download";
    static constexpr int64_t kChunkBytes = 1 << 20;    // what the GUI asks for
    static constexpr int64_t kMaxChunkBytes = 8 << 20; // more is bad_request: a line stays far below 16 MiB
    std::string path;
    int64_t offset = 0;
    int64_t length = kChunkBytes;
    using Result = DownloadResult;
};

JITSCOPE_DECLARE_JSON(DirEntry)
JITSCOPE_DECLARE_JSON(ListDirRequest)
JITSCOPE_DECLARE_JSON(ListDirResult)
JITSCOPE_DECLARE_JSON(StatRequest)
JITSCOPE_DECLARE_JSON(StatResult)
JITSCOPE_DECLARE_JSON(UploadRequest)
JITSCOPE_DECLARE_JSON(UploadResult)
JITSCOPE_DECLARE_JSON(DownloadRequest)
JITSCOPE_DECLARE_JSON(DownloadResult)

// The first key of `params` not in `known`, or "" when all are known (requests reject unknown keys so
// that a misspelt parameter fails instead of being ignored).
std::string unknownKey(const Json& params, std::initializer_list<const char*> known);

} // namespace jitscope::protocol
