// The flat inlined view, laid out the way expansion is: one dot run per module instead of one over the
// whole graph. Every inlined node carries its module instance path ("layer1.0.conv1"); the nodes are
// grouped into a tree of containers — modules, and the If/Loop blocks inside them — and each module's
// direct contents are laid out on their own, its submodules being one big box each. A scripted
// nn.Transformer (17k nodes) took one dot run of minutes; as a few hundred small runs, most of them
// identical layers answered from the request cache, it takes seconds.
#include "composer.h"

#include <chrono>

namespace jitscope::layout {

namespace {

struct Container
{
    int parent = -1;
    bool module = true;   // a module: laid out by its own dot run; else an If/Loop block (a dot cluster)
    std::string path;     // the module path (blocks: that of their module)
    int viewCluster = -1; // block: its ViewCluster
    int unit = 0;         // the module container whose dot run draws this one (modules: themselves)
    std::vector<int> elements, children;
};

// Where an element or a submodule sits in its unit's request.
struct Item
{
    int unit = -1, box = -1;
};

class FlatBuilder
{
public:
    FlatBuilder(const GraphView& view, const ParameterIndex* params) : m_view(view), m_params(params)
    {
        m_containers.push_back(Container{});
        m_elementContainer.resize(view.elements.size(), 0);
        for (size_t i = 0; i < view.elements.size(); ++i) {
            const int container = place(view.elements[i]);
            m_elementContainer[i] = container;
            m_containers[container].elements.push_back(static_cast<int>(i));
        }
    }

    const std::vector<Container>& containers() const { return m_containers; }
    int containerOf(int element) const { return m_elementContainer[element]; }
    std::string moduleType(const std::string& path) const
    {
        return m_params ? m_params->moduleType(path) : std::string();
    }

private:
    // Module containers down from `from` towards `path`, when `path` lies below it; else `from` itself.
    int descend(int from, const std::string& path)
    {
        int current = from;
        while (true) {
            const std::string& base = m_containers[current].path;
            if (path == base || !(base.empty() || path.rfind(base + ".", 0) == 0))
                return current;
            const size_t start = base.empty() ? 0 : base.size() + 1;
            const size_t dot = path.find('.', start);
            const std::string next = dot == std::string::npos ? path : path.substr(0, dot);
            auto [it, added] = m_moduleChild.try_emplace({current, next}, 0);
            if (added) {
                Container child;
                child.parent = current;
                child.path = next;
                child.unit = static_cast<int>(m_containers.size());
                it->second = add(std::move(child));
            }
            current = it->second;
        }
    }

    int block(int from, int viewCluster)
    {
        auto [it, added] = m_blockChild.try_emplace({from, viewCluster}, 0);
        if (added) {
            Container child;
            child.parent = from;
            child.module = false;
            child.path = m_containers[from].path;
            child.viewCluster = viewCluster;
            child.unit = m_containers[from].unit;
            it->second = add(std::move(child));
        }
        return it->second;
    }

    int add(Container container)
    {
        m_containers.push_back(std::move(container));
        const int index = static_cast<int>(m_containers.size()) - 1;
        m_containers[m_containers[index].parent].children.push_back(index);
        return index;
    }

    // The If/Loop blocks enclosing the element, outermost first, each inside the module of its If/Loop;
    // then the element's own module below the innermost block.
    int place(const ViewElement& element)
    {
        std::vector<int> chain;
        for (int c = element.cluster; c >= 0; c = m_view.clusters[c].parent)
            chain.insert(chain.begin(), c);
        int current = 0;
        for (int c : chain) {
            current = descend(current, m_view.clusters[c].node->module_path);
            current = block(current, c);
        }
        return element.node ? descend(current, element.node->module_path) : current;
    }

    const GraphView& m_view;
    const ParameterIndex* m_params;
    std::vector<Container> m_containers;
    std::vector<int> m_elementContainer;
    std::map<std::pair<int, std::string>, int> m_moduleChild;
    std::map<std::pair<int, int>, int> m_blockChild;
};

struct Unit
{
    LayoutRequest request;
    LayoutResult result;
    std::vector<int> boxElement;              // request box → view element, -1 for a submodule box
    std::vector<int> boxContainer;            // request box → submodule container, -1 for an element
    std::vector<int> groupContainer;          // request group → block container
    std::vector<int> linkEdge;                // request link → view edge
    std::map<std::pair<int, int>, int> links; // (from box, to box) → link
};

double elapsedMs(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

// Laid out bottom-up (a submodule's size is part of its parent's request), then emitted top-down.
class Composer::FlatComposer
{
public:
    FlatComposer(Composer& composer, const std::shared_ptr<const GraphView>& view,
                 const ParameterIndex* params, SceneLayout& scene)
        : m_composer(composer), m_view(view), m_tree(*view, params), m_scene(scene)
    {
        const auto& containers = m_tree.containers();
        m_units.resize(containers.size());
        m_items.resize(view->elements.size());
        m_moduleItem.resize(containers.size());
        build(0);
        for (size_t e = 0; e < view->edges.size(); ++e)
            addLink(static_cast<int>(e));
        layout(0);
    }

    void emit()
    {
        m_sceneIndex.assign(m_view->elements.size(), -1);
        emitUnit(0, Point{0, 0}, 0);
        for (const PendingEdge& pending : m_pending) {
            SceneEdge edge = pending.edge;
            for (Point& p : edge.spline.points)
                p = Point{p.x + pending.offset.x, p.y + pending.offset.y};
            edge.spline.tip =
                Point{edge.spline.tip.x + pending.offset.x, edge.spline.tip.y + pending.offset.y};
            edge.from = pending.fromElement >= 0 ? m_sceneIndex[pending.fromElement] : -1;
            edge.to = pending.toElement >= 0 ? m_sceneIndex[pending.toElement] : -1;
            m_scene.edges.push_back(std::move(edge));
        }
        m_scene.bounds = m_units[0].result.bounds;
    }

private:
    struct PendingEdge
    {
        SceneEdge edge;
        Point offset;
        int fromElement = -1, toElement = -1;
    };

    // Fills the request of the unit that draws `container`; `group` is the container's dot cluster there.
    void build(int container, int group = -1)
    {
        const Container& c = m_tree.containers()[container];
        Unit& unit = m_units[c.unit];
        for (int element : c.elements) {
            const Rect size = measureElement(m_view->elements[element], m_composer.m_metrics);
            m_items[element] = Item{c.unit, static_cast<int>(unit.request.boxes.size())};
            unit.request.boxes.push_back(LayoutBox{size.w, size.h, group});
            unit.boxElement.push_back(element);
            unit.boxContainer.push_back(-1);
        }
        for (int child : c.children) {
            const Container& sub = m_tree.containers()[child];
            if (sub.module) {
                m_moduleItem[child] = Item{c.unit, static_cast<int>(unit.request.boxes.size())};
                unit.request.boxes.push_back(LayoutBox{0, 0, group}); // sized once the child is laid out
                unit.boxElement.push_back(-1);
                unit.boxContainer.push_back(child);
                build(child);
            } else {
                unit.request.groups.push_back(LayoutGroup{group, m_view->clusters[sub.viewCluster].label});
                unit.groupContainer.push_back(child);
                build(child, static_cast<int>(unit.request.groups.size()) - 1);
            }
        }
    }

    // The units holding an element, innermost first, with the element's item in each.
    std::vector<Item> itemChain(int element) const
    {
        std::vector<Item> chain{m_items[element]};
        for (int unit = chain.back().unit; unit != 0;) {
            chain.push_back(m_moduleItem[unit]);
            unit = chain.back().unit;
        }
        return chain;
    }

    // An edge is drawn in the innermost unit holding both ends, between the items holding them there.
    void addLink(int edgeIndex)
    {
        const ViewEdge& edge = m_view->edges[edgeIndex];
        const std::vector<Item> from = itemChain(edge.from), to = itemChain(edge.to);
        for (const Item& a : from)
            for (const Item& b : to) {
                if (a.unit != b.unit)
                    continue;
                if (a.box == b.box)
                    return;
                Unit& unit = m_units[a.unit];
                if (unit.links.try_emplace({a.box, b.box}, static_cast<int>(unit.linkEdge.size())).second) {
                    unit.request.links.push_back(LayoutLink{a.box, b.box});
                    unit.linkEdge.push_back(edgeIndex);
                }
                return;
            }
    }

    void layout(int unitIndex)
    {
        Unit& unit = m_units[unitIndex];
        for (size_t box = 0; box < unit.boxContainer.size(); ++box) {
            const int child = unit.boxContainer[box];
            if (child < 0)
                continue;
            layout(child);
            const Rect& inner = m_units[child].result.bounds;
            const std::string& path = m_tree.containers()[child].path;
            unit.request.boxes[box].w =
                std::max(inner.w + 2 * NodeMetrics::clusterMargin,
                         m_composer.m_metrics.titleWidth(path) + 2 * NodeMetrics::padX);
            unit.request.boxes[box].h = inner.h + NodeMetrics::clusterHeader + NodeMetrics::clusterMargin;
        }
        unit.result = m_composer.cachedDot(unit.request, m_scene);
    }

    void emitUnit(int unitIndex, Point offset, int depth)
    {
        const Unit& unit = m_units[unitIndex];
        auto moved = [&](const Rect& r) { return Rect{r.x + offset.x, r.y + offset.y, r.w, r.h}; };
        for (size_t g = 0; g < unit.request.groups.size(); ++g) {
            const Rect rect = moved(unit.result.groups[g]);
            if (rect.empty())
                continue;
            const Container& block = m_tree.containers()[unit.groupContainer[g]];
            SceneCluster cluster;
            cluster.rect = rect;
            cluster.title = unit.request.groups[g].label;
            cluster.view = m_view;
            cluster.instance = block.path;
            cluster.depth = depth;
            m_scene.clusters.push_back(std::move(cluster));
        }
        for (size_t box = 0; box < unit.request.boxes.size(); ++box) {
            const Rect rect = moved(unit.result.boxes[box]);
            if (const int element = unit.boxElement[box]; element >= 0) {
                SceneNode node;
                node.rect = rect;
                node.view = m_view;
                node.element = element;
                node.depth = depth;
                if (m_view->elements[element].kind == ElementKind::Node)
                    ++m_scene.nodeCount;
                m_sceneIndex[element] = static_cast<int>(m_scene.nodes.size());
                m_scene.nodes.push_back(std::move(node));
                continue;
            }
            const int child = unit.boxContainer[box];
            SceneCluster cluster;
            cluster.rect = rect;
            cluster.module = true;
            cluster.title = m_tree.containers()[child].path;
            cluster.subtitle = m_tree.moduleType(cluster.title);
            cluster.instance = cluster.title;
            cluster.view = m_view;
            cluster.depth = depth;
            m_scene.clusters.push_back(std::move(cluster));
            emitUnit(child, Point{rect.x + NodeMetrics::clusterMargin, rect.y + NodeMetrics::clusterHeader},
                     depth + 1);
        }
        for (size_t l = 0; l < unit.linkEdge.size(); ++l) {
            if (unit.result.links[l].points.empty())
                continue;
            const ViewEdge& edge = m_view->edges[unit.linkEdge[l]];
            const LayoutLink& link = unit.request.links[l];
            PendingEdge pending;
            pending.edge = SceneEdge{unit.result.links[l], edge.label, edge.value < 0, depth, -1, -1, edge.value, {}};
            pending.offset = offset;
            pending.fromElement = unit.boxElement[link.from];
            pending.toElement = unit.boxElement[link.to];
            m_pending.push_back(std::move(pending));
        }
    }

    Composer& m_composer;
    std::shared_ptr<const GraphView> m_view;
    FlatBuilder m_tree;
    SceneLayout& m_scene;
    std::vector<Unit> m_units; // by container index; only module containers are used
    std::vector<Item> m_items; // by element
    std::vector<Item> m_moduleItem;
    std::vector<int> m_sceneIndex;
    std::vector<PendingEdge> m_pending;
};

SceneLayout Composer::composeFlat(const std::shared_ptr<const Graph>& graph, const ParameterIndex* params,
                                  bool raw)
{
    const auto start = std::chrono::steady_clock::now();
    SceneLayout scene;
    if (!graph)
        return scene;
    auto view = this->view(graph, raw, params);
    std::lock_guard<std::mutex> lock(m_layoutMutex);
    FlatComposer flat(*this, view, params, scene);
    flat.emit();
    scene.milliseconds = elapsedMs(start);
    return scene;
}

} // namespace jitscope::layout
