#include "composer.h"

#include <chrono>
#include <cmath>
#include <functional>

namespace jitscope::layout {

struct Composer::Instance
{
    std::shared_ptr<const GraphView> view;
    LayoutResult result;
    std::vector<int> linkEdge;                               // request link → view edge
    std::map<int, std::shared_ptr<const Instance>> children; // expanded call element → callee layout
    size_t hash = 0;
};

namespace {

size_t combine(size_t seed, size_t value)
{
    return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

double elapsedMs(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

Rect moved(const Rect& r, Point offset)
{
    return Rect{r.x + offset.x, r.y + offset.y, r.w, r.h};
}

std::string moduleTitle(const ViewElement& call)
{
    const Callee& callee = *call.node->callee;
    if (callee.kind != CalleeKind::Method)
        return shortClassName(callee.type); // a free function: its qualified name is the subtitle's job
    return callee.module_path.empty()
               ? (callee.method == "forward" ? std::string("self") : callee.method)
               : callee.module_path + (callee.method == "forward" ? "" : "." + callee.method);
}

// Everything of a request that dot sees, as text: equal keys give equal layouts.
std::string requestKey(const LayoutRequest& request)
{
    std::string key;
    key.reserve(request.boxes.size() * 16 + request.links.size() * 8);
    auto number = [&](long value) { key += std::to_string(value) + ","; };
    for (const LayoutBox& box : request.boxes) {
        number(std::lround(box.w * 10));
        number(std::lround(box.h * 10));
        number(box.group);
    }
    key += "|";
    for (const LayoutLink& link : request.links) {
        number(link.from);
        number(link.to);
    }
    key += "|";
    for (const LayoutGroup& group : request.groups)
        key += std::to_string(group.parent) + ":" + group.label + "\n";
    return key;
}

} // namespace

std::string childInstance(const std::string& instance, int64_t nodeId)
{
    return instance.empty() ? std::to_string(nodeId) : instance + "/" + std::to_string(nodeId);
}

const Graph* GraphSet::find(const GraphRef& ref) const
{
    auto it = graphs.find(ref);
    return it == graphs.end() ? nullptr : it->second.get();
}

std::shared_ptr<const Graph> GraphSet::get(const GraphRef& ref) const
{
    auto it = graphs.find(ref);
    return it == graphs.end() ? nullptr : it->second;
}

Composer::Composer(TextMetrics metrics) : m_metrics(metrics) {}

void Composer::clear()
{
    std::lock_guard<std::mutex> layoutLock(m_layoutMutex);
    std::lock_guard<std::mutex> viewLock(m_viewMutex);
    m_layouts.clear();
    m_dotCache.clear();
    m_views.clear();
}

void Composer::setFocus(bool on)
{
    if (m_focus.exchange(on) != on)
        clear();
}

std::shared_ptr<const GraphView> Composer::view(const std::shared_ptr<const Graph>& graph, bool raw,
                                                const ParameterIndex* params)
{
    {
        std::lock_guard<std::mutex> lock(m_viewMutex);
        auto it = m_views.find({graph.get(), raw});
        if (it != m_views.end())
            return it->second;
    }
    auto view = makeGraphView(graph, params, raw, m_focus);
    std::lock_guard<std::mutex> lock(m_viewMutex);
    return m_views.emplace(std::make_pair(graph.get(), raw), view).first->second;
}

LayoutResult Composer::cachedDot(const LayoutRequest& request, SceneLayout& stats)
{
    if (request.boxes.size() == 1 && request.groups.empty()) {
        // A module holding one submodule and nothing else: no need to ask dot where a single box goes.
        LayoutResult single;
        single.boxes.push_back(Rect{0, 0, request.boxes[0].w, request.boxes[0].h});
        single.bounds = single.boxes[0];
        single.links.resize(request.links.size());
        return single;
    }
    std::string key = requestKey(request);
    if (auto it = m_dotCache.find(key); it != m_dotCache.end()) {
        ++stats.cacheHits;
        return it->second;
    }
    ++stats.dotRuns;
    return m_dotCache.emplace(std::move(key), runDot(request, m_dotOptions)).first->second;
}

std::shared_ptr<const Composer::Instance> Composer::layoutInstance(const GraphSet& graphs, const GraphRef& ref,
                                                                   const std::shared_ptr<const Graph>& graph,
                                                                   const std::string& instance,
                                                                   const std::set<std::string>& expanded,
                                                                   bool raw, SceneLayout& stats)
{
    auto view = this->view(graph, raw, graphs.params.get());
    // Children first: their sizes are part of this layout, and their hashes part of its cache key.
    std::map<int, std::shared_ptr<const Instance>> children;
    const std::string graphId = ref.key();
    size_t hash = combine(std::hash<std::string>()(graphId), raw ? 1 : 2);
    for (int element : view->callElements()) {
        const Node& node = *view->elements[element].node;
        const std::string child = childInstance(instance, node.id);
        if (!expanded.count(child))
            continue;
        const GraphRef calleeRef = GraphRef::of(*node.callee);
        auto callee = graphs.get(calleeRef);
        if (!callee)
            continue; // asked for, not here yet: drawn collapsed meanwhile
        auto layout = layoutInstance(graphs, calleeRef, callee, child, expanded, raw, stats);
        children[element] = layout;
        hash = combine(combine(hash, static_cast<size_t>(node.id)), layout->hash);
    }
    const std::string key = std::to_string(hash) + "|" + graphId;
    auto cached = m_layouts.find(key);
    if (cached != m_layouts.end()) {
        ++stats.cacheHits;
        return cached->second;
    }

    LayoutRequest request;
    for (const ViewElement& element : view->elements) {
        LayoutBox box;
        box.group = element.cluster;
        request.boxes.push_back(box);
    }
    for (size_t i = 0; i < view->elements.size(); ++i) {
        auto child = children.find(static_cast<int>(i));
        Rect size = child == children.end()
                        ? measureElement(view->elements[i], m_metrics)
                        : Rect{0, 0, child->second->result.bounds.w + 2 * NodeMetrics::clusterMargin,
                               child->second->result.bounds.h + NodeMetrics::clusterHeader +
                                   NodeMetrics::clusterMargin};
        if (child != children.end())
            size.w = std::max(size.w,
                              m_metrics.titleWidth(moduleTitle(view->elements[i])) + 2 * NodeMetrics::padX);
        request.boxes[i].w = size.w;
        request.boxes[i].h = size.h;
    }
    for (const ViewCluster& cluster : view->clusters)
        request.groups.push_back(LayoutGroup{cluster.parent, cluster.label});
    auto result = std::make_shared<Instance>();
    for (size_t e = 0; e < view->edges.size(); ++e) {
        const ViewEdge& edge = view->edges[e];
        // Several values between the same two boxes are drawn as one edge.
        bool duplicate = false;
        for (int prior : result->linkEdge) {
            const ViewEdge& p = view->edges[prior];
            if (p.from == edge.from && p.to == edge.to) {
                duplicate = true;
                break;
            }
        }
        if (duplicate)
            continue;
        request.links.push_back(LayoutLink{edge.from, edge.to});
        result->linkEdge.push_back(static_cast<int>(e));
    }
    result->view = view;
    // Instances of different modules often make the same request (the blocks of a ResNet stage, the
    // FrozenBatchNorm2d of a backbone): dot runs once for them.
    result->result = cachedDot(request, stats);
    result->children = std::move(children);
    result->hash = hash;
    m_layouts[key] = result;
    return result;
}

void Composer::emit(const Instance& layout, Point offset, const std::string& instance, int depth,
                    SceneLayout& out) const
{
    const GraphView& view = *layout.view;
    for (size_t g = 0; g < view.clusters.size(); ++g) {
        const ViewCluster& cluster = view.clusters[g];
        const Rect rect = moved(layout.result.groups[g], offset);
        if (rect.empty())
            continue; // dot gives empty blocks a zero box
        SceneCluster scene;
        scene.rect = rect;
        scene.title = cluster.label;
        scene.view = layout.view;
        scene.depth = depth;
        scene.instance = instance;
        out.clusters.push_back(std::move(scene));
    }
    std::vector<int> sceneIndex(view.elements.size(), -1);
    for (size_t i = 0; i < view.elements.size(); ++i) {
        const ViewElement& element = view.elements[i];
        const Rect rect = moved(layout.result.boxes[i], offset);
        auto child = layout.children.find(static_cast<int>(i));
        if (child != layout.children.end()) {
            SceneCluster scene;
            scene.rect = rect;
            scene.title = moduleTitle(element);
            scene.subtitle =
                element.node->callee->kind == CalleeKind::Method ? element.subtitle : element.node->callee->type;
            scene.module = true;
            scene.instance = childInstance(instance, element.node->id);
            scene.view = layout.view;
            scene.element = static_cast<int>(i);
            scene.depth = depth;
            out.clusters.push_back(scene);
            emit(*child->second,
                 Point{rect.x + NodeMetrics::clusterMargin, rect.y + NodeMetrics::clusterHeader},
                 scene.instance, depth + 1, out);
            continue;
        }
        SceneNode node;
        node.rect = rect;
        node.view = layout.view;
        node.element = static_cast<int>(i);
        node.instance = instance;
        node.depth = depth;
        node.expandable = element.isCall(); // module methods and free functions alike
        if (element.kind == ElementKind::Node)
            ++out.nodeCount;
        sceneIndex[i] = static_cast<int>(out.nodes.size());
        out.nodes.push_back(std::move(node));
    }
    for (size_t l = 0; l < layout.linkEdge.size(); ++l) {
        const ViewEdge& edge = view.edges[layout.linkEdge[l]];
        SceneEdge scene;
        scene.spline = layout.result.links[l];
        for (Point& p : scene.spline.points)
            p = Point{p.x + offset.x, p.y + offset.y};
        scene.spline.tip = Point{scene.spline.tip.x + offset.x, scene.spline.tip.y + offset.y};
        scene.label = edge.label;
        scene.control = edge.value < 0;
        scene.value = edge.value;
        scene.instance = instance;
        scene.depth = depth;
        scene.from = sceneIndex[edge.from];
        scene.to = sceneIndex[edge.to];
        if (!scene.spline.points.empty())
            out.edges.push_back(std::move(scene));
    }
}

SceneLayout Composer::compose(const GraphSet& graphs, const GraphRef& rootRef,
                              const std::set<std::string>& expanded, bool raw)
{
    const auto start = std::chrono::steady_clock::now();
    SceneLayout scene;
    auto root = graphs.get(rootRef);
    if (!root)
        return scene;
    std::lock_guard<std::mutex> lock(m_layoutMutex);
    auto layout = layoutInstance(graphs, rootRef, root, std::string(), expanded, raw, scene);
    emit(*layout, Point{0, 0}, std::string(), 0, scene);
    scene.bounds = layout->result.bounds;
    scene.milliseconds = elapsedMs(start);
    return scene;
}

} // namespace jitscope::layout
