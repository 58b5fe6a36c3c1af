// libFuzzer target: the path a file takes before and during load. The input is written to a private temp
// file and goes through the archive probe (checkpoint sniffing included), the integrity checks (record
// CRCs, data.pkl walk), the pickle fix-up and Model::open (LibTorch's own deserializer and compiler).
// Any crash, sanitizer report or hang here is one a user's file could cause in the worker.
#include "engine/engine.h"

#include "../../core/engine/archive.h"
#include "../../core/engine/integrity.h"
#include "../../core/engine/pickle.h"
#include "../../core/engine/picklescan.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace {

std::string scratchPath()
{
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir ? dir : "/tmp") + "/jitscope-fuzz-" + std::to_string(getpid()) + ".pt";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const std::string path = scratchPath();
    const std::string bytes(reinterpret_cast<const char*>(data), size);

    // The byte-level walkers see the raw input as a pickle too (data.pkl, inputs files).
    (void)jitscope::rewriteAppends(bytes);
    (void)jitscope::scanTorchPickle(bytes);

    FILE* file = std::fopen(path.c_str(), "wb");
    if (!file)
        return 0;
    std::fwrite(bytes.data(), 1, bytes.size(), file);
    std::fclose(file);

    auto probe = jitscope::probeArchive(path);
    if (probe) {
        auto structure = jitscope::checkStructure(path);
        (void)jitscope::findCrcMismatches(path);
        if (structure) {
            jitscope::OpenOptions options;
            options.auto_torchvision = false; // keep every run alike
            (void)jitscope::Model::open(path, options);
        }
    }
    return 0;
}
