// Comparing two TorchScript exports (or an export and a torch.save'd state_dict): structure, control flow,
// parameters, outputs on the example and on derived probe inputs, the first module whose outputs differ,
// timing, and a verdict. LibTorch-free like engine.h; the work lives in compare*.cpp.
#pragma once

#include "engine/engine.h"
#include "types/comparereport.h"
#include "types/inputspec.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace jitscope {

struct CompareOptions
{
    std::string method = "forward";
    std::vector<InputArg> inputs; // the example, as for run (model/inputspec.h)
    std::string inputs_file;
    bool probes = true; // derive other inputs from the example ("auto")
    double rtol = 1e-4, atol = 1e-5;
    int iters = 20;         // timed calls of each side (0: no timing)
    bool divergence = true; // capture module outputs to find the first divergence
};

// A side opened for comparing: a TorchScript model, or (B only) a state_dict file.
struct CompareInput
{
    std::shared_ptr<Model> model;
    std::string state_dict_path; // set instead of model when the file is a torch.save'd state_dict
};

// Opens PATH as a model; a torch.save'd state_dict (or a checkpoint dict holding one) is accepted when
// `allowStateDict`, anything else that is not TorchScript gets Model::open's error.
Result<CompareInput> openForCompare(const std::string& path, bool allowStateDict, const OpenOptions& options = {});

// `stop` is read between runs; a stopped comparison returns a cancelled Error. `progress` gets stage names
// and the fraction done.
Result<CompareReport> compare(const CompareInput& a, const CompareInput& b, const CompareOptions& options,
                              const std::atomic<bool>* stop = nullptr, const ProgressFn& progress = {});

} // namespace jitscope
