// Human-readable numbers for the CLI's reports.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jitscope::cli {

std::string humanBytes(int64_t bytes);                    // "44.6 MiB"
std::string humanCount(int64_t count);                    // "11.7M"
std::string shapeText(const std::vector<int64_t>& shape); // "[64, 3, 7, 7]"
std::string join(const std::vector<std::string>& items, const std::string& separator);

} // namespace jitscope::cli
