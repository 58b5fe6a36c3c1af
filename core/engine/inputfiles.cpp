// Input values read from files: torch.save'd pickles, NumPy .npy and images (PNG/JPEG). For inputs.cpp.
#include "inputfiles.h"
#include "engine.h"
#include "pickle.h"

#include <ATen/ATen.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/serialization/unpickler.h>

#include <dlfcn.h>

#include <fstream>
#include <iterator>

namespace jitscope::detail {

[[noreturn]] void failInput(std::string message, std::string detail)
{
    throw InputError{Error{ErrorCode::BadInput, std::move(message), std::move(detail), {}}};
}

c10::ScalarType scalarType(const std::string& canonical)
{
    static const std::map<std::string, at::ScalarType> kTypes{
        {"float32", at::kFloat},     {"float64", at::kDouble}, {"float16", at::kHalf},
        {"bfloat16", at::kBFloat16}, {"int8", at::kChar},      {"uint8", at::kByte},
        {"int16", at::kShort},       {"int32", at::kInt},      {"int64", at::kLong},
        {"bool", at::kBool}};
    return kTypes.at(canonical);
}

namespace {

std::vector<char> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        failInput("Cannot read input file '" + path + "'.");
    return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// NumPy .npy, little-endian numeric dtypes; Fortran order is transposed back.
at::Tensor loadNpy(const std::string& path)
{
    const std::vector<char> data = readBytes(path);
    const spec::NpyHeader header = orFail(spec::parseNpyHeader(data.data(), data.size(), path));
    if (header.dtype.empty())
        failInput("'" + path + "': unsupported .npy dtype '" + header.descr +
                  "' (little-endian numeric or bool only).");
    std::vector<int64_t> storageShape = header.shape;
    if (header.fortran_order)
        std::reverse(storageShape.begin(), storageShape.end());
    at::Tensor t = at::empty(storageShape, at::TensorOptions().dtype(scalarType(header.dtype)));
    const size_t bytes = static_cast<size_t>(t.numel()) * t.element_size();
    if (data.size() < header.data_offset + bytes)
        failInput("'" + path + "' is truncated: the header promises more data than the file holds.");
    std::memcpy(t.data_ptr(), data.data() + header.data_offset, bytes);
    if (header.fortran_order) {
        std::vector<int64_t> order;
        for (int64_t i = static_cast<int64_t>(header.shape.size()) - 1; i >= 0; --i)
            order.push_back(i);
        t = t.permute(order).contiguous();
    }
    return t;
}

// PNG/JPEG through torchvision's own decoder library (the worker has no Qt and LibTorch decodes no
// images): dlopen'd like torchvision's op library, which has no Python symbol dependencies either.
} // namespace

at::Tensor loadImage(const std::string& path, const spec::ImageOptions& options)
{
    static bool loaded = false;
    if (!loaded) {
        std::string ops = extensions::findTorchvisionOps();
        const size_t slash = ops.rfind('/');
        const std::string lib =
            ops.empty() ? std::string() : ops.substr(0, slash + 1) + "image.cpython-311-x86_64-linux-gnu.so";
        const char* overridden = std::getenv("JITSCOPE_TORCHVISION_IMAGE");
        const std::string chosen = overridden ? overridden : lib;
        if (chosen.empty() || !dlopen(chosen.c_str(), RTLD_NOW | RTLD_GLOBAL))
            failInput(
                "image: inputs need torchvision's image library (python3-torchvision); convert the image to "
                "a .npy file instead.",
                chosen.empty() ? "not found" : dlerror());
        loaded = true;
    }
    const std::vector<char> bytes = readBytes(path);
    at::Tensor data = at::empty({static_cast<int64_t>(bytes.size())}, at::kByte);
    std::memcpy(data.data_ptr(), bytes.data(), bytes.size());
    auto decode = c10::Dispatcher::singleton()
                      .findSchemaOrThrow("image::decode_image", "")
                      .typed<at::Tensor(const at::Tensor&, int64_t)>();
    at::Tensor image;
    try {
        image = decode.call(data, /*ImageReadMode.RGB*/ 3);
    } catch (const std::exception& e) {
        failInput("Cannot decode image '" + path + "' (PNG and JPEG only).", e.what());
    }
    image = image.to(at::kFloat).div_(255.0).unsqueeze(0); // 1x3xHxW in [0, 1]
    for (const auto& [h, w] : options.resize)
        image = at::upsample_bilinear2d(image, {h, w}, false);
    if (!options.mean.empty() || !options.std.empty()) {
        const std::vector<double> mean = options.mean.empty() ? std::vector<double>(3, 0.0) : options.mean;
        const std::vector<double> stdev = options.std.empty() ? std::vector<double>(3, 1.0) : options.std;
        image = (image - at::tensor(mean, at::kFloat).view({1, 3, 1, 1})) /
                at::tensor(stdev, at::kFloat).view({1, 3, 1, 1});
    }
    return image.contiguous();
}

namespace {

// A state_dict's (dict, {"_metadata": …}) pair that rewriteOrderedDicts made of its BUILD → the dict.
c10::IValue dropStates(const c10::IValue& v)
{
    if (v.isTuple() && v.toTupleRef().elements().size() == 2) {
        const auto& items = v.toTupleRef().elements();
        if (items[0].isGenericDict() && items[1].isGenericDict()) {
            bool metadataOnly = true;
            for (const auto& entry : items[1].toGenericDict())
                metadataOnly = metadataOnly && entry.key().isString() && entry.key().toStringRef() == "_metadata";
            if (metadataOnly)
                return dropStates(items[0]);
        }
    }
    if (v.isGenericDict()) {
        auto dict = v.toGenericDict();
        for (auto it = dict.begin(); it != dict.end(); ++it)
            if (it->value().isTuple())
                it->setValue(dropStates(it->value()));
    } else if (v.isList()) {
        auto list = v.toList();
        for (size_t i = 0; i < list.size(); ++i)
            if (list.get(i).isTuple() || list.get(i).isGenericDict())
                list.set(i, dropStates(list.get(i)));
    }
    return v;
}

c10::IValue loadPickle(const std::string& path)
{
    caffe2::serialize::PyTorchStreamReader reader(path);
    const auto [data, size] = reader.getRecord("data.pkl");
    const std::string original(static_cast<const char*>(data.get()), size);
    const std::string withDicts = rewriteOrderedDicts(original);
    const std::string pickle = rewriteAppends(withDicts);
    size_t offset = 0;
    auto read = [&](char* buffer, size_t n) {
        n = std::min(n, pickle.size() - offset);
        std::memcpy(buffer, pickle.data() + offset, n);
        offset += n;
        return n;
    };
    auto readRecord = [&](const std::string& name) {
        return std::get<0>(reader.getRecord(reader.hasRecord("data/" + name) ? "data/" + name : name));
    };
    torch::jit::Unpickler unpickler(read, nullptr, nullptr, readRecord, c10::nullopt);
    unpickler.set_version(reader.version());
    c10::IValue value = unpickler.parse_ivalue();
    return withDicts.size() == original.size() && withDicts == original ? value : dropStates(value);
}

} // namespace

c10::IValue loadFile(const std::string& path)
{
    if (path.size() > 4 && path.compare(path.size() - 4, 4, ".npy") == 0)
        return loadNpy(path);
    try {
        (void)readBytes(path); // throws a readable message for a missing or unreadable file
        return loadPickle(path);
    } catch (const c10::Error& e) {
        failInput("Cannot read '" + path + "' as a torch.save'd value.", e.what_without_backtrace());
    }
}

} // namespace jitscope::detail
