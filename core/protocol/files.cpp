#include "files.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace jitscope::protocol {

bool isModelFileName(const std::string& name)
{
    const auto dot = name.rfind('.');
    if (dot == std::string::npos)
        return false;
    std::string ext = name.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == "pt" || ext == "pth" || ext == "ptl" || ext == "torchscript";
}

JITSCOPE_DEFINE_JSON(DirEntry, name, size, mtime, is_dir)
JITSCOPE_DEFINE_JSON(ListDirRequest, path, models_only, show_hidden)
JITSCOPE_DEFINE_JSON(ListDirResult, path, parent, entries)
JITSCOPE_DEFINE_JSON(StatRequest, path)
JITSCOPE_DEFINE_JSON(StatResult, path, exists, is_dir, readable, size, mtime)
JITSCOPE_DEFINE_JSON(UploadRequest, upload, name, size, offset, data, sha256)
JITSCOPE_DEFINE_JSON(UploadResult, upload, received, complete, path)
JITSCOPE_DEFINE_JSON(DownloadRequest, path, offset, length)
JITSCOPE_DEFINE_JSON(DownloadResult, path, size, offset, data, sha256)

std::string unknownKey(const Json& params, std::initializer_list<const char*> known)
{
    if (!params.is_object())
        return {};
    for (auto it = params.begin(); it != params.end(); ++it) {
        const bool ok =
            std::any_of(known.begin(), known.end(), [&](const char* key) { return it.key() == key; });
        if (!ok)
            return it.key();
    }
    return {};
}

} // namespace jitscope::protocol
