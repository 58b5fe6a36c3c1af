// Plain geometry of a laid-out graph, in points, y pointing down (flipped from Graphviz's y-up).
#pragma once

#include <string>
#include <vector>

namespace jitscope::layout {

struct Point
{
    double x = 0, y = 0;
};

struct Rect
{
    double x = 0, y = 0, w = 0, h = 0; // top-left corner and size
    double right() const { return x + w; }
    double bottom() const { return y + h; }
    Point center() const { return {x + w / 2, y + h / 2}; }
    bool empty() const { return w <= 0 || h <= 0; }
};

// What to lay out: boxes of a fixed size, links between them, nested groups (Graphviz clusters).
struct LayoutBox
{
    double w = 0, h = 0;
    int group = -1; // innermost group, -1 = top level
};

struct LayoutLink
{
    int from = -1, to = -1;
};

struct LayoutGroup
{
    int parent = -1;
    std::string label; // reserves room for a title at the top of the group
};

struct LayoutRequest
{
    std::vector<LayoutBox> boxes;
    std::vector<LayoutLink> links;
    std::vector<LayoutGroup> groups;
};

// A Graphviz edge: cubic Bézier control points (p0, c1, c2, p1, c1, c2, p2 …) and the arrow tip.
struct Spline
{
    std::vector<Point> points;
    bool arrow = false;
    Point tip;
};

struct LayoutResult
{
    Rect bounds;               // x = y = 0
    std::vector<Rect> boxes;   // same order as the request
    std::vector<Spline> links; // same order as the request; empty points when Graphviz drew none
    std::vector<Rect> groups;  // same order as the request
    double milliseconds = 0;
    bool ok = true;
};

} // namespace jitscope::layout
