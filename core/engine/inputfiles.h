// Between the engine's input translation units (inputs.cpp, inputfiles.cpp): reading input files and the
// error they throw. LibTorch-free declarations.
#pragma once

#include "types/error.h"
#include "types/inputspec.h"

#include <cstdint>
#include <string>

namespace at {
class Tensor;
}
namespace c10 {
struct IValue;
enum class ScalarType : int8_t;
} // namespace c10

namespace jitscope::detail {

// Thrown while inputs are built; buildInputs turns it into a Result.
struct InputError
{
    Error error;
};
[[noreturn]] void failInput(std::string message, std::string detail = {});
template<class T> T orFail(Result<T> result)
{
    if (!result)
        throw InputError{result.error()};
    return std::move(result.value());
}

// A canonical dtype name (spec::canonicalDtype) → ScalarType.
c10::ScalarType scalarType(const std::string& canonical);
// A .npy file (little-endian numeric or bool; Fortran order is transposed back) or a torch.save'd value
// (untyped containers: conform() gives them the schema's types).
c10::IValue loadFile(const std::string& path);
// PNG/JPEG as float 1x3xHxW in [0, 1], resized and normalised as `options` say.
at::Tensor loadImage(const std::string& path, const spec::ImageOptions& options);

} // namespace jitscope::detail
