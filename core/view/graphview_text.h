// Small text helpers shared by the two halves of the folded view (graphview.cpp, graphview_builder.cpp);
// internal to core/view.
#pragma once

#include <cctype>
#include <string>

namespace jitscope::graphview_text {

inline std::string lower(std::string text)
{
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// Values longer than this are cut: a folded attribute is a hint, the details panel has the full text.
inline std::string shorten(const std::string& text, size_t limit = 40)
{
    if (text.size() <= limit)
        return text;
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // do not split a UTF-8 sequence
    return text.substr(0, cut) + "…";
}

inline std::string lastComponent(const std::string& path)
{
    const size_t dot = path.rfind('.');
    return dot == std::string::npos ? path : path.substr(dot + 1);
}

} // namespace jitscope::graphview_text
