#include "memorylimit.h"

#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>
#include <c10/util/Exception.h>

#include <atomic>
#include <cstdio>
#include <mutex>

namespace jitscope {

namespace {

std::atomic<int64_t> g_limit{0};
std::atomic<int64_t> g_used{0};
const char* const kMarker = "the model needed more than ";

// Each block carries its size in a 64-byte header (LibTorch's CPU alignment), so the raw deleter can give
// the bytes back without a lookup table.
constexpr size_t kHeader = 64;

void release(void* data)
{
    if (!data)
        return;
    char* block = static_cast<char*>(data) - kHeader;
    g_used -= *reinterpret_cast<int64_t*>(block);
    c10::free_cpu(block);
}

class CountingAllocator final : public c10::Allocator
{
public:
    c10::DataPtr allocate(size_t n) const override
    {
        const int64_t limit = g_limit.load();
        const int64_t after = g_used.fetch_add(static_cast<int64_t>(n)) + static_cast<int64_t>(n);
        if (limit > 0 && after > limit) {
            g_used -= static_cast<int64_t>(n);
            TORCH_CHECK(false, memoryLimitMessage(limit), " (this allocation: ", n, " bytes, ",
                        after - static_cast<int64_t>(n), " bytes already in use)");
        }
        void* block = nullptr;
        try {
            block = c10::alloc_cpu(n + kHeader);
        } catch (...) {
            g_used -= static_cast<int64_t>(n);
            throw;
        }
        *static_cast<int64_t*>(block) = static_cast<int64_t>(n);
        void* data = static_cast<char*>(block) + kHeader;
        return {data, data, &release, c10::Device(c10::DeviceType::CPU)};
    }
    c10::DeleterFnPtr raw_deleter() const override { return &release; }
};

} // namespace

void setMemoryLimit(int64_t bytes)
{
    static std::once_flag installed;
    if (bytes > 0)
        std::call_once(installed, [] {
            static CountingAllocator allocator;
            c10::SetCPUAllocator(&allocator, /*priority=*/100);
        });
    g_limit = bytes > 0 ? bytes : 0;
}

int64_t memoryLimit()
{
    return g_limit.load();
}

int64_t trackedTensorBytes()
{
    return g_used.load();
}

bool isMemoryLimitError(const std::string& text)
{
    return text.find(kMarker) != std::string::npos;
}

std::string memoryLimitMessage(int64_t bytes)
{
    char amount[32];
    const double gb = static_cast<double>(bytes) / 1e9;
    std::snprintf(amount, sizeof amount, gb >= 10 ? "%.0f" : "%.3g", gb);
    return std::string(kMarker) + amount + " GB (the memory limit)";
}

} // namespace jitscope
