#include "dotlayout.h"

#include <graphviz/gvc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <sstream>

namespace jitscope::layout {

namespace {

std::mutex& graphvizMutex()
{
    static std::mutex mutex;
    return mutex;
}

// One context for the process: gvContext() loads the plugin configuration, which is slow to repeat.
GVC_t* context()
{
    static GVC_t* gvc = gvContext();
    return gvc;
}

std::string number(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", value);
    return buffer;
}

void set(void* object, const char* name, const std::string& value)
{
    agsafeset(object, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

} // namespace

LayoutResult runDot(const LayoutRequest& request, const DotOptions& options)
{
    const auto start = std::chrono::steady_clock::now();
    LayoutResult result;
    result.boxes.resize(request.boxes.size());
    result.links.resize(request.links.size());
    result.groups.resize(request.groups.size());
    if (request.boxes.empty())
        return result;

    std::lock_guard<std::mutex> lock(graphvizMutex());
    GVC_t* gvc = context();
    Agraph_t* graph = agopen(const_cast<char*>("g"), Agdirected, nullptr);
    // Clusters cost dot far more than boxes do.
    const int complexity = static_cast<int>(request.boxes.size() + 6 * request.groups.size());
    const bool large = complexity > options.largeThreshold;
    set(graph, "rankdir", "TB");
    set(graph, "nodesep", number(options.nodeSep / 72.0));
    set(graph, "ranksep", number(options.rankSep / 72.0));
    set(graph, "fontsize", "9");
    if (large) {
        // Network simplex and crossing minimisation dominate on big graphs; these bound their iterations.
        set(graph, "nslimit", "0.2");
        set(graph, "nslimit1", "0.2");
        set(graph, "mclimit", "0.2");
        // searchsize 50 rather than 20: on maskrcnn's roi_heads graphs (≈390 boxes, 96 If/Loop clusters)
        // network simplex converges sooner (expand all 0.82 → 0.49 s of layout); no slower on fasterrcnn, the
        // transformer or the inlined views (bench/layout_bench, this machine).
        set(graph, "searchsize", "50");
        const char* env = std::getenv("JITSCOPE_DOT_SPLINES");
        set(graph, "splines",
            env                                        ? env
            : complexity <= 2 * options.largeThreshold ? "spline"
            : request.boxes.size() > 2000              ? "line"
                                                       : "polyline");
    } else {
        set(graph, "splines", "spline");
    }
    // JITSCOPE_DOT_ATTRS="name=value,…": graph attributes for tuning experiments (applied last).
    if (const char* attrs = std::getenv("JITSCOPE_DOT_ATTRS")) {
        std::stringstream list(attrs);
        std::string item;
        while (std::getline(list, item, ','))
            if (const size_t eq = item.find('='); eq != std::string::npos)
                set(graph, item.substr(0, eq).c_str(), item.substr(eq + 1).c_str());
    }
    agattr(graph, AGNODE, const_cast<char*>("shape"), const_cast<char*>("box"));
    agattr(graph, AGNODE, const_cast<char*>("fixedsize"), const_cast<char*>("true"));
    agattr(graph, AGNODE, const_cast<char*>("label"), const_cast<char*>(""));
    agattr(graph, AGNODE, const_cast<char*>("width"), const_cast<char*>("0.75"));
    agattr(graph, AGNODE, const_cast<char*>("height"), const_cast<char*>("0.5"));
    agattr(graph, AGEDGE, const_cast<char*>("arrowsize"), const_cast<char*>("0.6"));

    std::vector<Agraph_t*> groups(request.groups.size(), nullptr);
    for (size_t i = 0; i < request.groups.size(); ++i) {
        const LayoutGroup& group = request.groups[i];
        // Parents come before children in every request we build; fall back to the root otherwise.
        Agraph_t* parent =
            group.parent >= 0 && group.parent < static_cast<int>(i) ? groups[group.parent] : graph;
        const std::string name = "cluster_" + std::to_string(i);
        groups[i] = agsubg(parent, const_cast<char*>(name.c_str()), 1);
        set(groups[i], "label", group.label.empty() ? std::string(" ") : group.label);
        set(groups[i], "labeljust", "l");
        set(groups[i], "margin", "10");
    }
    std::vector<Agnode_t*> nodes(request.boxes.size());
    for (size_t i = 0; i < request.boxes.size(); ++i) {
        const LayoutBox& box = request.boxes[i];
        const std::string name = "n" + std::to_string(i);
        Agraph_t* owner =
            box.group >= 0 && box.group < static_cast<int>(groups.size()) ? groups[box.group] : graph;
        nodes[i] = agnode(owner, const_cast<char*>(name.c_str()), 1);
        set(nodes[i], "width", number(std::max(box.w, 1.0) / 72.0));
        set(nodes[i], "height", number(std::max(box.h, 1.0) / 72.0));
    }
    std::vector<Agedge_t*> edges(request.links.size(), nullptr);
    for (size_t i = 0; i < request.links.size(); ++i) {
        const LayoutLink& link = request.links[i];
        if (link.from < 0 || link.to < 0 || link.from >= static_cast<int>(nodes.size()) ||
            link.to >= static_cast<int>(nodes.size()) || link.from == link.to)
            continue;
        const std::string name = "e" + std::to_string(i);
        edges[i] = agedge(graph, nodes[link.from], nodes[link.to], const_cast<char*>(name.c_str()), 1);
    }

    if (gvLayout(gvc, graph, "dot") != 0) {
        result.ok = false;
        agclose(graph);
        return result;
    }
    const boxf bb = GD_bb(graph);
    const double top = bb.UR.y;
    auto flip = [&](pointf p) { return Point{p.x - bb.LL.x, top - p.y}; };
    result.bounds = Rect{0, 0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y};
    for (size_t i = 0; i < nodes.size(); ++i) {
        const Point c = flip(ND_coord(nodes[i]));
        const double w = ND_width(nodes[i]) * 72.0, h = ND_height(nodes[i]) * 72.0;
        result.boxes[i] = Rect{c.x - w / 2, c.y - h / 2, w, h};
    }
    for (size_t i = 0; i < edges.size(); ++i) {
        if (!edges[i] || !ED_spl(edges[i]) || ED_spl(edges[i])->size == 0)
            continue;
        const bezier& curve = ED_spl(edges[i])->list[0];
        Spline& spline = result.links[i];
        spline.points.reserve(curve.size);
        for (int k = 0; k < curve.size; ++k)
            spline.points.push_back(flip(curve.list[k]));
        if (curve.eflag) {
            spline.arrow = true;
            spline.tip = flip(curve.ep);
        }
    }
    for (size_t i = 0; i < groups.size(); ++i) {
        const boxf gb = GD_bb(groups[i]);
        const Point a = flip(gb.LL), b = flip(gb.UR);
        result.groups[i] = Rect{a.x, b.y, b.x - a.x, a.y - b.y};
    }
    gvFreeLayout(gvc, graph);
    agclose(graph);
    result.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    // JITSCOPE_DOT_TRACE=MS: every dot run slower than MS milliseconds, to find what a layout spends its time
    // on.
    if (const char* trace = std::getenv("JITSCOPE_DOT_TRACE");
        trace && result.milliseconds >= std::atof(trace))
        std::fprintf(stderr, "dot: %.0f ms, %zu boxes, %zu links, %zu clusters, %s\n", result.milliseconds,
                     request.boxes.size(), request.links.size(), request.groups.size(),
                     large ? "speed options" : "default options");
    return result;
}

} // namespace jitscope::layout
