// A cap on the tensor memory of this process (jitscope-cli --max-memory, the worker's Settings limit).
// LibTorch-free header; memorylimit.cpp installs a counting CPU allocator in LibTorch.
//
// Why an allocator and not setrlimit(RLIMIT_AS): address-space limits also count every thread stack,
// malloc arena and mapped library (hundreds of MB before a model loads) and make thread creation fail in
// LibTorch's pools, while what runs away in practice is tensor memory. A call that would go beyond the
// cap fails like any other LibTorch allocation failure, with a message naming the limit.
#pragma once

#include <cstdint>
#include <string>

namespace jitscope {

// bytes <= 0 removes the cap. The first call installs the allocator; tensors allocated before it are
// not counted.
void setMemoryLimit(int64_t bytes);
int64_t memoryLimit();
int64_t trackedTensorBytes(); // CPU tensor bytes allocated since the allocator was installed, still live

// True when an error text says an allocation hit the cap.
bool isMemoryLimitError(const std::string& text);
// "the model needed more than 2 GB" for a cap of 2 GB.
std::string memoryLimitMessage(int64_t bytes);

} // namespace jitscope
