// The engine's public face: Qt-free and LibTorch-free, so that the CLI, the worker and the tests compile
// without LibTorch headers. Everything that touches LibTorch lives in core/engine/*.cpp.
#pragma once

#include "types/error.h"
#include "types/graph.h"
#include "types/modelinfo.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace torch::jit {
struct Module;
}

namespace jitscope {

// stage ("reading archive", "deserializing" …) and a fraction in [0, 1], or -1 when unknown.
using ProgressFn = std::function<void(const std::string& stage, double fraction)>;

std::string jitscopeVersion();
std::string libtorchVersion();

// Extension (custom-op) libraries. Loading is process-wide and cannot be undone, as with
// torch.ops.load_library.
namespace extensions {
// Loads PATH with RTLD_GLOBAL so its operator registrations take effect. Returns the resolved path.
Result<std::string> load(const std::string& path);
// Libraries named in JITSCOPE_LOAD_LIBRARIES (':'-separated); errors are returned, not thrown.
std::vector<Error> loadFromEnvironment();
// torchvision's op library installed on this system ("" when there is none).
std::string findTorchvisionOps();
std::vector<std::string> loaded();
} // namespace extensions

struct OpenOptions
{
    std::vector<std::string> libraries; // loaded before the model
    bool auto_torchvision = true;       // load torchvision's ops when the file needs them and they exist
};

// The graph passes Model::passGraph and Runner::executedGraph know, in pipeline order.
const std::vector<std::string>& graphPasses();

// One loaded TorchScript file. Not thread-safe: use one Model from one thread at a time.
class Model
{
public:
    static Result<std::shared_ptr<Model>> open(const std::string& path, const OpenOptions& options = {},
                                               const ProgressFn& progress = {});
    ~Model();
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    const ModelInfo& info() const;
    const std::string& path() const;

    // The graph of `method` of the submodule at `modulePath` ("" = root); inlined on a copy when asked.
    Result<Graph> graph(const std::string& modulePath = {}, const std::string& method = "forward",
                        bool inlined = false) const;
    // The graph of `method` of the root module after a pass: "saved", "inlined", "frozen" (torch::jit::freeze
    // of a copy), "optimized" (optimize_for_inference of a frozen copy). "executed" needs inputs
    // (Runner::executedGraph). A pass that fails on this model is an error saying why.
    Result<Graph> passGraph(const std::string& method, const std::string& pass) const;
    // The graph of a free TorchScript function a prim::CallFunction calls (Callee::type is its name).
    Result<Graph> functionGraph(const std::string& qualifiedName, bool inlined = false) const;
    // Every class and function of the file as TorchScript prints it; one entry when a name is given.
    std::vector<CodeEntry> code() const;
    Result<CodeEntry> code(const std::string& qualifiedName) const;
    // Statistics for the named parameters/buffers (all of them when `names` is empty).
    Result<std::vector<TensorStats>> tensorStats(const std::vector<std::string>& names = {}) const;
    Result<std::string> extraFile(const std::string& name) const;

    // For other engine translation units only.
    torch::jit::Module& module() const;

private:
    struct Impl;
    explicit Model(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace jitscope
