// The one text form of the quantities both faces of JitScope print: the CLI's reports and the window's
// labels say a size, a count or a shape the same way (the window wraps these in QString).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jitscope {

std::string formatBytes(int64_t bytes);                     // "512 B", "1.23 MiB", "44.6 MiB"
std::string formatCompactCount(int64_t count);              // "950", "11.7M"
std::string formatShape(const std::vector<int64_t>& shape); // "[64, 3, 7, 7]", "[]" for scalars
std::string joinText(const std::vector<std::string>& items, const std::string& separator);

} // namespace jitscope
