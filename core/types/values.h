// Plain value types of a recorded run: statistics of every tensor a method's inlined graph computed, and
// where the first NaN/Inf appeared. Qt-free and LibTorch-free (engine, CLI, worker protocol and GUI share
// them); the engine fills them in core/engine/values.cpp.
#pragma once

#include "graph.h"
#include "json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jitscope {

// One tensor that flowed along one edge of the inlined graph (or one tensor element of a list/tuple/dict
// value). Statistics are over the finite elements, so that a single NaN does not hide the range of the rest;
// `nans`/`infs` count the others.
struct RecordedValue
{
    int64_t id = 0;          // the value's id in `graph --inlined` of the same method (ValueInfo::id)
    std::string element;     // "" for a tensor value; "0", "1", "0.boxes" … for elements of containers
    std::string name;        // debug name, "x.1"
    int64_t node = -1;       // producing node's id (Node::id); -1 for the graph's inputs
    std::string kind;        // producing node's kind, "aten::conv2d"; "input" for graph inputs
    std::string module_path; // module instance path of the producing node
    std::string type;        // TorchScript type of the value as printed
    std::vector<int64_t> shape;
    std::string dtype;
    std::string device;
    int64_t numel = 0;
    double min = 0, max = 0, mean = 0, std = 0; // over finite elements; NaN when none is finite
    int64_t nans = 0, infs = 0;
    int64_t count = 0; // how many times the value was computed (loops)
    // Fixed-bin histogram of the finite elements over [min, max] (kHistogramBins bins; empty without any).
    std::vector<int64_t> histogram;
    std::string saved; // the .pt file holding the tensor, with --values-dir

    bool nonFinite() const { return nans > 0 || infs > 0; }
};

inline constexpr int kHistogramBins = 24;

struct FirstNonFinite
{
    int64_t value = 0;
    std::string element;
    int64_t node = -1;
    std::string kind;
    std::string module_path;
    SourceLocation source;
    SourceLocation original;
};

struct ValueTable
{
    std::string method;
    std::vector<RecordedValue> values; // in execution order of their first computation
    std::optional<FirstNonFinite> first_nonfinite;
    double ms = 0;          // the recorded call, statistics included
    std::string values_dir; // where tensors were saved ("" when not)
};

// Value id and element as one key ("12" or "12:0.boxes").
std::string valueKey(int64_t id, const std::string& element);

JITSCOPE_DECLARE_JSON(RecordedValue)
JITSCOPE_DECLARE_JSON(FirstNonFinite)
JITSCOPE_DECLARE_JSON(ValueTable)

} // namespace jitscope
