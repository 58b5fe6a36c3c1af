// Between compare.cpp (orchestration, graphs; LibTorch-free) and the TUs that run LibTorch
// (compare_run.cpp: inputs, outputs, parameters, timing; compare_capture.cpp: module outputs).
#pragma once

#include "engine/compare.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace jitscope::detail {

// The example and the probes, built for each side's schema (compare_run.cpp).
struct CompareInputs;
Result<std::shared_ptr<CompareInputs>> buildCompareInputs(const Model& a, const Model& b,
                                                          const CompareOptions& options);
size_t inputCount(const CompareInputs& inputs);
std::string inputDescription(const CompareInputs& inputs, size_t index);

// Runs both sides on input `index` and compares the flattened outputs.
RunComparison compareRun(const Model& a, const Model& b, const CompareInputs& inputs, size_t index,
                         const CompareOptions& options);

ParameterDiff compareParameters(const Model& a, const Model& b);
Result<ParameterDiff> compareWithStateDict(const Model& a, const std::string& stateDictPath,
                                           int64_t* paramCount);
// True when PATH holds a dict of tensors (a state_dict) LibTorch can read.
bool isStateDict(const std::string& path);

// Alternating timed calls on the example (input 0) after a warm-up; stops early when `stop` is set.
TimingComparison timeAlternating(const Model& a, const Model& b, const CompareInputs& inputs,
                                 const std::string& method, int iters, const std::atomic<bool>* stop);

// Runs both sides on input `index` with every module's outputs captured; the first module, in execution
// order, whose outputs differ (compare_capture.cpp).
FirstDivergence findFirstDivergence(const Model& a, const Model& b, const CompareInputs& inputs, size_t index,
                                    const CompareOptions& options);
} // namespace jitscope::detail
