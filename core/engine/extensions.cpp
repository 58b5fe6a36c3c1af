// Custom-op libraries. dlopen with RTLD_GLOBAL runs the library's static operator registrations, which is
// all torch.ops.load_library does too. No LibTorch headers needed here.
#include "engine.h"

#include <dlfcn.h>
#include <glob.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <mutex>
#include <sstream>

namespace jitscope::extensions {

namespace {
std::mutex g_mutex;
std::vector<std::string> g_loaded;
} // namespace

Result<std::string> load(const std::string& path)
{
    char resolved[PATH_MAX];
    const std::string canonical = realpath(path.c_str(), resolved) ? std::string(resolved) : path;
    std::lock_guard<std::mutex> lock(g_mutex);
    if (std::find(g_loaded.begin(), g_loaded.end(), canonical) != g_loaded.end())
        return canonical;
    if (!dlopen(canonical.c_str(), RTLD_NOW | RTLD_GLOBAL)) {
        const char* why = dlerror();
        return Error{
            ErrorCode::LibraryFailed, "Cannot load the extension library " + path + ".", why ? why : "", {}};
    }
    g_loaded.push_back(canonical);
    return canonical;
}

std::vector<Error> loadFromEnvironment()
{
    std::vector<Error> errors;
    const char* list = std::getenv("JITSCOPE_LOAD_LIBRARIES");
    if (!list)
        return errors;
    std::stringstream stream(list);
    std::string item;
    while (std::getline(stream, item, ':')) {
        if (item.empty())
            continue;
        auto result = load(item);
        if (!result)
            errors.push_back(result.error());
    }
    return errors;
}

std::string findTorchvisionOps()
{
    if (const char* overridden = std::getenv("JITSCOPE_TORCHVISION_OPS"))
        return overridden;
    // Debian's python3-torchvision ships the op library without Python symbol dependencies.
    const char* patterns[] = {"/usr/lib/python3/dist-packages/torchvision/_C*.so",
                              "/usr/local/lib/python3*/dist-packages/torchvision/_C*.so",
                              "/usr/lib/x86_64-linux-gnu/libtorchvision.so*"};
    for (const char* pattern : patterns) {
        glob_t matches{};
        if (glob(pattern, 0, nullptr, &matches) == 0 && matches.gl_pathc > 0) {
            std::string found = matches.gl_pathv[0];
            globfree(&matches);
            return found;
        }
        globfree(&matches);
    }
    return {};
}

std::vector<std::string> loaded()
{
    std::lock_guard<std::mutex> lock(g_mutex);
    return g_loaded;
}

} // namespace jitscope::extensions
