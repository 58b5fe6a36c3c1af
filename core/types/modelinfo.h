// Plain value types describing a loaded TorchScript file: summary, module tree, parameters.
// Field names are snake_case because they are also the JSON keys (see json.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jitscope {

struct MethodInfo
{
    std::string name;
    std::string schema; // as PyTorch prints it: "forward(__torch__.Net self, Tensor x) -> Tensor"
};

// One parameter or buffer.
struct TensorMeta
{
    std::string name; // dotted, from the root: "layer1.0.conv1.weight"
    std::vector<int64_t> shape;
    std::string dtype; // PyTorch's short name: float32, int64, bfloat16, qint8 …
    int64_t numel = 0;
    int64_t bytes = 0;
    bool requires_grad = false;
    std::string device; // "cpu", "cuda:0"
};

// Value statistics of one parameter/buffer, computed on request only.
struct TensorStats
{
    std::string name;
    int64_t numel = 0;
    double min = 0, max = 0, mean = 0, std = 0; // over finite values; 0 when there are none
    int64_t zeros = 0, nans = 0, infs = 0;
    bool numeric = true; // false for dtypes without meaningful statistics (quantized, bool …)
};

// A module attribute that is neither a submodule nor a parameter/buffer.
struct AttributeInfo
{
    std::string name;
    std::string type;    // "int", "List[int]", "Tensor" …
    std::string preview; // short value text, "" when not printable
};

struct ModuleInfo
{
    std::string path; // "" for the root, then "layer1.0.conv1"
    std::string name; // last path component, "" for the root
    std::string type; // qualified: "__torch__.torchvision.models.resnet.BasicBlock"
    std::vector<std::string> methods;
    std::vector<AttributeInfo> attributes;
    int64_t own_param_count = 0, own_param_bytes = 0;
    int64_t param_count = 0, param_bytes = 0; // whole subtree
    int depth = 0;
    // False when the root's forward never reaches it (not in its graph nor in the graphs it calls): in a
    // traced model usually the branch the trace did not take. True when the root has no forward.
    bool called_by_forward = true;
};

struct ModelSummary
{
    std::string path;
    int64_t bytes = 0;
    int64_t format_version = 0; // "<archive>/version"
    std::string archive_name;   // top folder inside the zip
    std::vector<std::string> extra_files;
    std::vector<MethodInfo> methods; // of the root module
    bool has_debug_info = false;
    int64_t param_count = 0, param_bytes = 0;
    int64_t buffer_count = 0, buffer_bytes = 0;
    int64_t module_count = 0;
    std::string root_type;
    std::vector<std::string> loaded_libraries; // extension libraries loaded for this file
    std::vector<std::string> notes; // things a person should know ("loaded torchvision ops from …")
    double load_ms = 0;
};

// What the engine found checking the archive against itself while it loaded (LibTorch checks none of it).
struct IntegrityReport
{
    bool checked = false; // false: not checked (an older worker, or the archive could not be walked)
    bool ok = true;
    std::vector<std::string> bad_records;     // CRC-32 mismatches, names below the top folder: "data/50"
    std::vector<std::string> damaged_tensors; // parameters/buffers whose bytes lie in a bad record
    std::vector<std::string> problems;        // one line each: size disagreements, duplicate names …
};

struct ModelInfo
{
    ModelSummary summary;
    IntegrityReport integrity;
    std::vector<ModuleInfo> modules; // named_modules() order, root first
    std::vector<TensorMeta> parameters;
    std::vector<TensorMeta> buffers;
};

// One class or free function of the file as TorchScript prints it (`module.code`).
struct CodeEntry
{
    std::string qualified_name; // "__torch__.torchvision.models.resnet.ResNet"
    std::string kind;           // "class" or "function"
    std::string text;
    std::string file; // archived path: "code/__torch__/torchvision/models/resnet.py"
};

} // namespace jitscope
