// Code text, parameter statistics and extra files of a loaded model: work done on request, not at load.
#include "archive.h"
#include "engine.h"

#include <torch/csrc/jit/serialization/python_print.h>
#include <torch/script.h>

#include <unordered_map>

namespace jitscope {

namespace {

std::string archivedFileFor(const std::string& qualifiedName)
{
    // "__torch__.torchvision.models.resnet.ResNet" lives in "code/__torch__/torchvision/models/resnet.py".
    const auto dot = qualifiedName.rfind('.');
    std::string file = qualifiedName.substr(0, dot == std::string::npos ? 0 : dot);
    std::replace(file.begin(), file.end(), '.', '/');
    return "code/" + file + ".py";
}

std::string kindOf(const c10::NamedTypePtr& type)
{
    if (type->cast<c10::ClassType>())
        return "class";
    if (type->cast<c10::InterfaceType>())
        return "interface";
    if (type->cast<c10::TupleType>())
        return "namedtuple";
    if (type->cast<c10::EnumType>())
        return "enum";
    return "function";
}

} // namespace

std::vector<CodeEntry> Model::code() const
{
    // PythonPrint adds every type a printed class refers to into the deps table; print them in turn, each
    // on its own, so every class is one entry (what `module.code` shows, split by class).
    std::vector<c10::IValue> constants;
    torch::jit::PrintDepsTable deps;
    std::vector<CodeEntry> entries;
    auto print = [&](c10::NamedTypePtr type) { // by value: printing grows `deps`, moving its elements
        torch::jit::PythonPrint printer(constants, deps, nullptr, /*enforce_importable=*/false);
        printer.printNamedType(type);
        CodeEntry entry;
        entry.qualified_name = type->name() ? type->name()->qualifiedName() : type->str();
        entry.kind = kindOf(type);
        entry.text = printer.str();
        entry.file = archivedFileFor(entry.qualified_name);
        entries.push_back(std::move(entry));
    };
    print(module().type());
    for (size_t i = 0; i < deps.size(); ++i) {
        if (deps[i] != module().type())
            print(deps[i]);
    }
    return entries;
}

Result<CodeEntry> Model::code(const std::string& qualifiedName) const
{
    for (CodeEntry& entry : code())
        if (entry.qualified_name == qualifiedName)
            return std::move(entry);
    return Error{
        ErrorCode::NotFound, "The file defines no class or function named " + qualifiedName + ".", {}, {}};
}

Result<std::vector<TensorStats>> Model::tensorStats(const std::vector<std::string>& names) const
{
    std::unordered_map<std::string, at::Tensor> tensors;
    std::vector<std::string> order;
    for (const auto& p : module().named_parameters(true)) {
        tensors[p.name] = p.value;
        order.push_back(p.name);
    }
    for (const auto& b : module().named_buffers(true)) {
        tensors[b.name] = b.value;
        order.push_back(b.name);
    }
    const std::vector<std::string>& wanted = names.empty() ? order : names;
    std::vector<TensorStats> result;
    torch::NoGradGuard noGrad;
    for (const std::string& name : wanted) {
        auto it = tensors.find(name);
        if (it == tensors.end())
            return Error{ErrorCode::NotFound, "No parameter or buffer is named " + name + ".", {}, {}};
        const at::Tensor& t = it->second;
        TensorStats s;
        s.name = name;
        s.numel = t.numel();
        if (t.is_quantized() || t.is_complex() || t.numel() == 0) {
            s.numeric = !t.is_quantized() && !t.is_complex();
            result.push_back(s);
            continue;
        }
        const at::Tensor d = t.detach().to(at::kDouble).flatten();
        s.zeros = (d == 0).sum().item<int64_t>();
        s.nans = d.isnan().sum().item<int64_t>();
        s.infs = d.isinf().sum().item<int64_t>();
        const at::Tensor finite = d.masked_select(d.isfinite());
        if (finite.numel() > 0) {
            s.min = finite.min().item<double>();
            s.max = finite.max().item<double>();
            s.mean = finite.mean().item<double>();
            s.std = finite.numel() > 1 ? finite.std().item<double>() : 0.0; // unbiased, as torch.std
        }
        result.push_back(s);
    }
    return result;
}

Result<std::string> Model::extraFile(const std::string& name) const
{
    const auto& extras = info().summary.extra_files;
    if (std::find(extras.begin(), extras.end(), name) == extras.end())
        return Error{ErrorCode::NotFound, "The file has no extra file named " + name + ".", {}, {}};
    return readArchiveRecord(path(), "extra/" + name);
}

} // namespace jitscope
