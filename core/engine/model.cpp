// Model::open: probe the archive, load extension libraries, deserialize, and describe the module tree.
#include "archive.h"
#include "debuginfo.h"
#include "engine.h"
#include "integrity.h"
#include "names.h"
#include "version.h"

#include <caffe2/serialize/file_adapter.h>
#include <torch/script.h>
#include <torch/version.h>

#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <sstream>

namespace jitscope {

struct Model::Impl
{
    std::string path;
    torch::jit::Module module;
    ModelInfo info;
};

namespace {

std::string preview(const c10::IValue& value)
{
    std::ostringstream out;
    if (value.isTensor()) {
        const at::Tensor& t = value.toTensor();
        out << "Tensor" << t.sizes() << " " << scalarTypeName(static_cast<int8_t>(t.scalar_type()));
    } else if (value.isObject()) {
        out << "<" << value.type()->annotation_str() << ">";
    } else {
        out << value;
    }
    std::string text = out.str();
    if (text.size() > 80)
        text = text.substr(0, 77) + "...";
    return text;
}

TensorMeta tensorMeta(const std::string& name, const at::Tensor& t)
{
    TensorMeta meta;
    meta.name = name;
    meta.shape.assign(t.sizes().begin(), t.sizes().end());
    meta.dtype = scalarTypeName(static_cast<int8_t>(t.scalar_type()));
    meta.numel = t.numel();
    meta.bytes = static_cast<int64_t>(t.numel()) * static_cast<int64_t>(t.element_size());
    meta.requires_grad = t.requires_grad();
    meta.device = t.device().str();
    return meta;
}

ModuleInfo describeModule(const std::string& path, const torch::jit::Module& module)
{
    ModuleInfo info;
    info.path = path;
    info.name = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
    info.depth = path.empty() ? 0 : 1 + static_cast<int>(std::count(path.begin(), path.end(), '.'));
    const auto type = module.type();
    info.type = type->name() ? type->name()->qualifiedName() : type->str();
    for (const auto& method : module.get_methods())
        info.methods.push_back(method.name());
    for (size_t i = 0; i < type->numAttributes(); ++i) {
        const auto attrType = type->getAttribute(i);
        if (type->is_parameter(i) || type->is_buffer(i) || attrType->is_module())
            continue;
        AttributeInfo attr;
        attr.name = type->getAttributeName(i);
        attr.type = attrType->annotation_str();
        attr.preview = preview(module._ivalue()->getSlot(i));
        info.attributes.push_back(std::move(attr));
    }
    for (const auto& p : module.named_parameters(/*recurse=*/false)) {
        info.own_param_count += p.value.numel();
        info.own_param_bytes += p.value.numel() * static_cast<int64_t>(p.value.element_size());
    }
    for (const auto& p : module.named_parameters(/*recurse=*/true)) {
        info.param_count += p.value.numel();
        info.param_bytes += p.value.numel() * static_cast<int64_t>(p.value.element_size());
    }
    return info;
}

// The submodules forward reaches: those its graph, or the graph of a method it calls (in turn), gets with
// prim::GetAttr (to call them or read their parameters). A trace records only the branch it took, so in a
// traced model the other branch's modules are left out. Nullopt when the root has no forward.
std::optional<std::set<std::string>> reachedByForward(const torch::jit::Module& root)
{
    if (!root.find_method("forward"))
        return std::nullopt;
    std::map<std::string, torch::jit::Module> byPath;
    for (const auto& m : root.named_modules())
        byPath.emplace(m.name, m.value);
    std::set<std::string> reached{""};
    std::set<std::pair<std::string, std::string>> visited;
    std::vector<std::pair<std::string, std::string>> queue{{"", "forward"}};
    while (!queue.empty()) {
        const auto [path, name] = queue.back();
        queue.pop_back();
        auto module = byPath.find(path);
        if (!visited.insert({path, name}).second || module == byPath.end())
            continue;
        auto method = module->second.find_method(name);
        if (!method)
            continue;
        std::unordered_map<const torch::jit::Value*, std::string> paths;
        const auto graph = method->graph();
        paths[graph->inputs().at(0)] = path;
        std::function<void(torch::jit::Block*)> walk = [&](torch::jit::Block* block) {
            for (torch::jit::Node* node : block->nodes()) {
                const auto from = node->inputs().empty() ? paths.end() : paths.find(node->input(0));
                if (node->kind() == c10::prim::GetAttr && from != paths.end()) {
                    const auto type = node->output()->type()->cast<c10::ClassType>();
                    const auto interface = node->output()->type()->cast<c10::InterfaceType>();
                    if ((type && type->is_module()) || (interface && interface->is_module())) {
                        const std::string child =
                            (from->second.empty() ? "" : from->second + ".") + node->s(c10::attr::name);
                        paths[node->output()] = child;
                        reached.insert(child);
                    }
                } else if (node->kind() == c10::prim::CallMethod && from != paths.end()) {
                    queue.emplace_back(from->second, node->s(c10::attr::name));
                }
                for (torch::jit::Block* inner : node->blocks())
                    walk(inner);
            }
        };
        walk(graph->block());
    }
    return reached;
}

// The file as LibTorch sees it, with some central-directory names changed by one character (the last, to
// '~'): LibTorch then finds no record under the original name. Used to hide unusable debug records.
class RenamingFileAdapter final : public caffe2::serialize::ReadAdapterInterface
{
public:
    RenamingFileAdapter(const std::string& path, std::vector<uint64_t> nameEnds)
        : m_file(path), m_nameEnds(std::move(nameEnds))
    {
    }
    size_t size() const override { return m_file.size(); }
    size_t read(uint64_t pos, void* buf, size_t n, const char* what) const override
    {
        const size_t got = m_file.read(pos, buf, n, what);
        for (uint64_t at : m_nameEnds)
            if (at >= pos && at < pos + got)
                static_cast<char*>(buf)[at - pos] = '~';
        return got;
    }

private:
    caffe2::serialize::FileAdapter m_file;
    std::vector<uint64_t> m_nameEnds;
};

// torch::jit::load, hiding the debug records checkStructure found unusable (LibTorch would crash on them
// the first time it prints the code's graph). A file whose central directory cannot be walked to hide
// them is refused.
Result<torch::jit::Module> loadModule(const std::string& path, const ArchiveStructure& structure)
{
    if (structure.unusable_debug_records.empty())
        return torch::jit::load(path, c10::kCPU);
    const std::set<std::string> names(structure.unusable_debug_records.begin(),
                                      structure.unusable_debug_records.end());
    std::vector<uint64_t> ends = centralDirectoryNameEnds(path, names);
    if (ends.size() < names.size())
        return Error{ErrorCode::Corrupt,
                     "The archive is damaged: debug record " + *names.begin() +
                         " is unusable and the archive's directory cannot be read to leave it out.",
                     {}, {}};
    return torch::jit::load(std::make_shared<RenamingFileAdapter>(path, std::move(ends)), c10::kCPU);
}

ModelInfo describe(const torch::jit::Module& root)
{
    ModelInfo info;
    for (const auto& m : root.named_modules())
        info.modules.push_back(describeModule(m.name, m.value));
    if (const auto reached = reachedByForward(root))
        for (ModuleInfo& module : info.modules)
            module.called_by_forward = reached->count(module.path) > 0;
    for (const auto& p : root.named_parameters(/*recurse=*/true))
        info.parameters.push_back(tensorMeta(p.name, p.value));
    for (const auto& b : root.named_buffers(/*recurse=*/true))
        info.buffers.push_back(tensorMeta(b.name, b.value));

    ModelSummary& s = info.summary;
    for (const auto& method : root.get_methods()) {
        std::ostringstream schema;
        schema << method.function().getSchema();
        s.methods.push_back({method.name(), schema.str()});
    }
    std::sort(s.methods.begin(), s.methods.end(),
              [](const MethodInfo& a, const MethodInfo& b) { return a.name < b.name; });
    for (const TensorMeta& p : info.parameters) {
        s.param_count += p.numel;
        s.param_bytes += p.bytes;
    }
    for (const TensorMeta& b : info.buffers) {
        s.buffer_count += b.numel;
        s.buffer_bytes += b.bytes;
    }
    s.module_count = static_cast<int64_t>(info.modules.size());
    s.root_type = info.modules.empty() ? std::string() : info.modules.front().type;
    return info;
}

} // namespace

std::string jitscopeVersion()
{
    return JITSCOPE_VERSION;
}

std::string libtorchVersion()
{
#ifdef TORCH_VERSION
    return TORCH_VERSION;
#else
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
           std::to_string(TORCH_VERSION_PATCH);
#endif
}

std::string scalarTypeName(int8_t scalarType)
{
    switch (static_cast<c10::ScalarType>(scalarType)) {
    case c10::ScalarType::Byte:
        return "uint8";
    case c10::ScalarType::Char:
        return "int8";
    case c10::ScalarType::Short:
        return "int16";
    case c10::ScalarType::Int:
        return "int32";
    case c10::ScalarType::Long:
        return "int64";
    case c10::ScalarType::Half:
        return "float16";
    case c10::ScalarType::Float:
        return "float32";
    case c10::ScalarType::Double:
        return "float64";
    case c10::ScalarType::ComplexHalf:
        return "complex32";
    case c10::ScalarType::ComplexFloat:
        return "complex64";
    case c10::ScalarType::ComplexDouble:
        return "complex128";
    case c10::ScalarType::Bool:
        return "bool";
    case c10::ScalarType::QInt8:
        return "qint8";
    case c10::ScalarType::QUInt8:
        return "quint8";
    case c10::ScalarType::QInt32:
        return "qint32";
    case c10::ScalarType::BFloat16:
        return "bfloat16";
    case c10::ScalarType::QUInt4x2:
        return "quint4x2";
    default:
        return c10::toString(static_cast<c10::ScalarType>(scalarType));
    }
}

Model::Model(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Model::~Model() = default;

const ModelInfo& Model::info() const
{
    return m_impl->info;
}

const std::string& Model::path() const
{
    return m_impl->path;
}

torch::jit::Module& Model::module() const
{
    return m_impl->module;
}

Result<std::shared_ptr<Model>> Model::open(const std::string& path, const OpenOptions& options,
                                           const ProgressFn& progress)
{
    const auto started = std::chrono::steady_clock::now();
    auto report = [&](const char* stage, double fraction) {
        if (progress)
            progress(stage, fraction);
    };
    report("reading archive", 0.0);
    auto probe = probeArchive(path);
    if (!probe)
        return probe.error();

    std::vector<std::string> libraries, notes;
    report("loading extension libraries", 0.05);
    for (const std::string& library : options.libraries) {
        auto loaded = extensions::load(library);
        if (!loaded)
            return loaded.error();
        libraries.push_back(loaded.value());
    }
    auto loadTorchvision = [&]() -> bool {
        const std::string ops = extensions::findTorchvisionOps();
        if (ops.empty())
            return false;
        const auto before = extensions::loaded().size();
        auto loaded = extensions::load(ops);
        if (!loaded)
            return false;
        libraries.push_back(loaded.value());
        if (extensions::loaded().size() > before)
            notes.push_back("Loaded torchvision's operators from " + loaded.value() + ".");
        return true;
    };
    if (probe->uses_torchvision_ops && options.auto_torchvision)
        loadTorchvision();

    // Refuse what would make LibTorch read out of bounds, then check every CRC while it deserializes.
    auto structure = checkStructure(path);
    if (!structure)
        return structure.error();
    std::atomic<bool> stopChecking{false};
    auto crcCheck = std::async(std::launch::async, [&path, &stopChecking] {
        return findCrcMismatches(path, &stopChecking);
    });
    struct StopOnExit // a failed open does not wait for a full read of a large file
    {
        std::atomic<bool>& flag;
        std::future<std::vector<std::string>>& check;
        ~StopOnExit()
        {
            if (check.valid()) {
                flag = true;
                check.wait();
            }
        }
    } stopOnExit{stopChecking, crcCheck};

    report("deserializing", -1);
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    for (int attempt = 0;; ++attempt) {
        try {
            auto loaded = loadModule(path, structure.value());
            if (!loaded)
                return loaded.error();
            impl->module = std::move(loaded.value());
            break;
        } catch (const std::exception& e) {
            const auto* c10Error = dynamic_cast<const c10::Error*>(&e);
            Error error = classifyLoadError(c10Error ? c10Error->what_without_backtrace() : e.what());
            if (error.code == ErrorCode::LoadFailed) {
                const std::vector<std::string> damaged = crcCheck.get();
                if (!damaged.empty()) {
                    // Name a record LibTorch read while loading (code, pickles, tensors): debug records it
                    // only reads later, when a graph is printed.
                    auto named = std::find_if(damaged.begin(), damaged.end(), [](const std::string& r) {
                        return r.size() < 10 || r.compare(r.size() - 10, 10, ".debug_pkl") != 0;
                    });
                    const std::string& record = named == damaged.end() ? damaged.front() : *named;
                    error.code = ErrorCode::Corrupt;
                    error.message = "The archive is corrupt: record " + describeRecord(structure.value(), record) +
                                    " fails its CRC check (the file was damaged after it was saved).";
                }
            }
            // A torchvision op the code scan missed (e.g. called through a helper): load and retry once.
            const bool retry = attempt == 0 && error.code == ErrorCode::UnknownOp &&
                               error.op.rfind("torchvision::", 0) == 0 && options.auto_torchvision &&
                               loadTorchvision();
            if (!retry) {
                if (error.code == ErrorCode::UnknownOp && error.op.rfind("torchvision::", 0) == 0)
                    error.message += " torchvision's op library was not found on this system "
                                     "(Debian: apt install python3-torchvision).";
                return error;
            }
        }
    }
    impl->module.eval();

    report("inspecting", 0.9);
    impl->info = describe(impl->module);
    report("checking integrity", 0.95);
    impl->info.integrity = makeIntegrityReport(structure.value(), crcCheck.get());
    ModelSummary& s = impl->info.summary;
    s.path = path;
    s.bytes = probe->bytes;
    s.format_version = probe->format_version;
    s.archive_name = probe->archive_name;
    s.extra_files = probe->extra_files;
    s.has_debug_info = probe->has_debug_info;
    s.loaded_libraries = libraries;
    s.notes = notes;
    s.load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    report("done", 1.0);
    return std::shared_ptr<Model>(new Model(std::move(impl)));
}

} // namespace jitscope
