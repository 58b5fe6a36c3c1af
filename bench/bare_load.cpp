// Baseline for bench/info_vs_load.sh: the cheapest possible use of LibTorch on a file, a bare
// torch::jit::load, in its own process like `jitscope-cli info --json`.
//   bare_load [--load-library LIB]... FILE
#include <torch/script.h>

#include <dlfcn.h>

#include <cstdio>
#include <cstring>

int main(int argc, char** argv)
{
    const char* file = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--load-library") == 0 && i + 1 < argc) {
            if (!dlopen(argv[++i], RTLD_NOW | RTLD_GLOBAL)) {
                std::fprintf(stderr, "%s\n", dlerror());
                return 1;
            }
        } else {
            file = argv[i];
        }
    }
    if (!file) {
        std::fprintf(stderr, "usage: bare_load [--load-library LIB]... FILE\n");
        return 2;
    }
    torch::jit::Module module = torch::jit::load(file, c10::kCPU);
    std::printf("%zu\n", module.parameters().size());
    return 0;
}
