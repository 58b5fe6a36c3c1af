#include "format.h"

#include <cstdio>

namespace jitscope::cli {

std::string humanBytes(int64_t bytes)
{
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return text;
}

std::string humanCount(int64_t count)
{
    const char* suffixes[] = {"", "k", "M", "G"};
    double value = static_cast<double>(count);
    int i = 0;
    while (value >= 1000 && i < 3) {
        value /= 1000;
        ++i;
    }
    char text[32];
    std::snprintf(text, sizeof text, i == 0 ? "%.0f%s" : "%.1f%s", value, suffixes[i]);
    return text;
}

std::string shapeText(const std::vector<int64_t>& shape)
{
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

std::string join(const std::vector<std::string>& items, const std::string& separator)
{
    std::string text;
    for (size_t i = 0; i < items.size(); ++i)
        text += (i ? separator : "") + items[i];
    return text;
}

} // namespace jitscope::cli
