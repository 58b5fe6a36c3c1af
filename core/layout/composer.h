// Layout that scales: every expanded module call is laid out on its own and composed into its parent as
// one large box, instead of running dot once over a huge flat graph. Layouts are cached per
// (callee graph, raw mode, expansion state below it), so an expand/collapse re-lays out only the path to
// the root, and identical calls (the twelve layers of a transformer) share one layout.
#pragma once

#include "dotlayout.h"
#include "geometry.h"
#include "measure.h"
#include "types/graphref.h"
#include "view/graphview.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace jitscope::layout {

// Call instances are named by the node ids of the calls leading to them from the root: "" is the root
// graph, "4" the callee of node 4 of the root graph, "4/17" the callee of node 17 inside that one.
std::string childInstance(const std::string& instance, int64_t nodeId);

// The graphs known so far (shared, immutable values). Immutable once handed to a layout job.
struct GraphSet
{
    std::map<GraphRef, std::shared_ptr<const Graph>> graphs;
    std::shared_ptr<const ParameterIndex> params;
    const Graph* find(const GraphRef& ref) const;
    std::shared_ptr<const Graph> get(const GraphRef& ref) const;
};

struct SceneNode
{
    Rect rect;
    std::shared_ptr<const GraphView> view;
    int element = -1;
    std::string instance; // the call instance whose graph holds the element
    int depth = 0;
    bool expandable = false; // a CallMethod or CallFunction that could be expanded
    const ViewElement& get() const { return view->elements[element]; }
};

struct SceneEdge
{
    Spline spline;
    std::string label;
    bool control = false;
    int depth = 0;
    int from = -1, to = -1; // SceneLayout::nodes indices; -1 where the end is an expanded module's box
    int64_t value = -1;     // ValueInfo::id of the graph drawn (-1: control edge)
    std::string instance;   // the call instance whose graph holds the edge ("" in the inlined view)
};

struct SceneCluster
{
    Rect rect;
    std::string title, subtitle;
    bool module = false;  // an expanded call (or a module group of the inlined view); else an If/Loop block
    std::string instance; // module: the callee's instance path
    std::shared_ptr<const GraphView> view; // the graph holding the call node / the If node
    int element = -1; // module: the call element in `view`; -1 for the inlined view's module groups
    int depth = 0;
};

struct SceneLayout
{
    Rect bounds;
    std::vector<SceneNode> nodes; // drawn boxes (collapsed calls included, expanded ones are clusters)
    std::vector<SceneEdge> edges;
    std::vector<SceneCluster> clusters; // parents before children
    int nodeCount = 0;                  // IR nodes drawn (ElementKind::Node)
    int dotRuns = 0, cacheHits = 0;
    double milliseconds = 0;
    std::string dot; // DOT text of the top-level layout request (for export), filled on request
};

// Thread-safe: one Composer may be used from the layout thread while the UI reads nothing from it.
class Composer
{
public:
    explicit Composer(TextMetrics metrics = TextMetrics::approximate());

    SceneLayout compose(const GraphSet& graphs, const GraphRef& root,
                        const std::set<std::string>& expanded, bool raw);
    // The flat (inlined) graph grouped by module path into nested modules, each laid out by its own dot
    // run (cached by request) and composed like expanded calls.
    SceneLayout composeFlat(const std::shared_ptr<const Graph>& graph, const ParameterIndex* params,
                            bool raw);

    // Cached folded views (also used by the UI for counts and search).
    std::shared_ptr<const GraphView> view(const std::shared_ptr<const Graph>& graph, bool raw,
                                          const ParameterIndex* params);
    void clear();
    DotOptions& dotOptions() { return m_dotOptions; }
    // Focus on data flow for the folded (non-raw) views (GraphView::focus); changing it clears the caches.
    void setFocus(bool on);
    bool focus() const { return m_focus; }

private:
    struct Instance;
    class FlatComposer;
    // runDot, answered from a cache of identical requests (the layers of a model are laid out once).
    LayoutResult cachedDot(const LayoutRequest& request, SceneLayout& stats);
    std::shared_ptr<const Instance> layoutInstance(const GraphSet& graphs, const GraphRef& ref,
                                                   const std::shared_ptr<const Graph>& graph,
                                                   const std::string& instance,
                                                   const std::set<std::string>& expanded, bool raw,
                                                   SceneLayout& stats);
    void emit(const Instance& layout, Point offset, const std::string& instance, int depth,
              SceneLayout& out) const;

    TextMetrics m_metrics;
    DotOptions m_dotOptions;
    std::atomic<bool> m_focus{false};
    std::mutex m_layoutMutex; // held for a whole compose: one layout at a time
    std::mutex m_viewMutex;   // held only around map accesses, so that the UI never waits for dot
    std::unordered_map<std::string, std::shared_ptr<const Instance>> m_layouts;
    std::unordered_map<std::string, LayoutResult> m_dotCache; // by requestKey()
    std::map<std::pair<const Graph*, bool>, std::shared_ptr<const GraphView>> m_views;
};

} // namespace jitscope::layout
