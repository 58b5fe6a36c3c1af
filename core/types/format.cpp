#include "format.h"

#include <cmath>
#include <cstdio>

namespace jitscope {

std::string formatBytes(int64_t bytes)
{
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (std::abs(value) >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    if (unit == 0)
        return std::to_string(bytes) + " B";
    char text[32];
    // Three significant digits below 10 ("1.23 MiB"), one decimal above ("44.6 MiB").
    std::snprintf(text, sizeof text, std::abs(value) < 10 ? "%.2f %s" : "%.1f %s", value, units[unit]);
    return text;
}

std::string formatCompactCount(int64_t count)
{
    static const char* const suffixes[] = {"", "k", "M", "G"};
    double value = static_cast<double>(count);
    int i = 0;
    while (std::abs(value) >= 1000 && i < 3) {
        value /= 1000;
        ++i;
    }
    char text[32];
    std::snprintf(text, sizeof text, i == 0 ? "%.0f%s" : "%.1f%s", value, suffixes[i]);
    return text;
}

std::string formatShape(const std::vector<int64_t>& shape)
{
    std::vector<std::string> dims;
    for (int64_t dim : shape)
        dims.push_back(std::to_string(dim));
    return "[" + joinText(dims, ", ") + "]";
}

std::string joinText(const std::vector<std::string>& items, const std::string& separator)
{
    std::string text;
    for (size_t i = 0; i < items.size(); ++i)
        text += (i ? separator : "") + items[i];
    return text;
}

} // namespace jitscope
