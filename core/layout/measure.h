// Sizes of drawn graph elements, computed without Qt so that layout can run on any thread.
// The UI fills TextMetrics from its fonts once (on the UI thread) and draws with the same constants.
#pragma once

#include "geometry.h"
#include "view/graphview.h"

#include <array>
#include <string>

namespace jitscope::layout {

struct TextMetrics
{
    std::array<double, 128> title{};      // advance of each ASCII character in the bold title font
    std::array<double, 128> body{};       // … in the body font
    double titleOther = 7, bodyOther = 6; // any other character
    double titleHeight = 14, bodyHeight = 12;

    // Rough metrics for 9–10 pt sans fonts, for tests and benchmarks without a display.
    static TextMetrics approximate();
    double titleWidth(const std::string& utf8) const;
    double bodyWidth(const std::string& utf8) const;
};

// Padding and spacing shared by measuring and painting.
struct NodeMetrics
{
    static constexpr double padX = 9;
    static constexpr double padY = 5;
    static constexpr double minWidth = 44;
    static constexpr double mergeSize = 10;
    static constexpr double clusterMargin = 12; // around an expanded module's content
    static constexpr double clusterHeader = 22; // room for the module title above its content
};

// Whether the element shows its subtitle as a first body line (module type, input type).
bool drawsSubtitle(const ViewElement& element);
// The box size of an element drawn collapsed.
Rect measureElement(const ViewElement& element, const TextMetrics& metrics);

} // namespace jitscope::layout
