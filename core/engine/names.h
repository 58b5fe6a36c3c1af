// Small naming helpers shared by the engine's translation units (LibTorch-free declarations).
#pragma once

#include <cstdint>
#include <string>

namespace jitscope {

// PyTorch's short dtype name for a c10::ScalarType value: "float32", "int64", "bfloat16", "qint8" …
std::string scalarTypeName(int8_t scalarType);

} // namespace jitscope
