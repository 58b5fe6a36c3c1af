// A bounded, LibTorch-free reading of a TorchScript pickle (data.pkl, constants.pkl): which storages it
// asks for (record key, element size, element count) and which tensors view them (offset, sizes, strides),
// with each tensor's attribute path ("layer1.0.conv1.weight"). LibTorch's unpickler trusts these numbers:
// a storage larger than its record or a tensor reaching past its storage makes it read out of bounds, so
// the engine checks them here before it loads anything.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jitscope {

struct PickledStorage
{
    std::string key;      // record name below data/ (or constants/)
    std::string type;     // "FloatStorage"
    int64_t itemsize = 0; // 0 when the storage type is unknown to the scanner
    int64_t numel = 0;
};

struct PickledTensor
{
    std::string path; // attribute path from the pickle's root ("l.weight"); "[0]" for tuple items
    std::string key;  // the storage's key
    int64_t storage_numel = 0;
    int64_t offset = 0;
    std::vector<int64_t> sizes, strides;
};

struct PickleScan
{
    bool complete = false; // false: an opcode the scanner does not model; the lists may be partial
    std::string problem;   // a fatal finding (malformed, nesting too deep, absurd numbers), "" when none
    bool malformed = false; // the problem is that the pickle itself is broken (not just unmodelled)
    int depth = 0;         // deepest container nesting seen
    std::vector<PickledStorage> storages;
    std::vector<PickledTensor> tensors;
};

// Walks the pickle without executing anything. Never throws; bounded in time and memory by the input's
// size. `depthLimit` bounds container nesting (LibTorch's unpickler and IValue destructors recurse).
PickleScan scanTorchPickle(const std::string& bytes, int depthLimit = 1000);

// The number of elements a tensor's view reaches into its storage (offset + the farthest element + 1),
// or -1 when the geometry is invalid (negative numbers, overflow).
int64_t tensorExtent(const PickledTensor& tensor);

} // namespace jitscope
