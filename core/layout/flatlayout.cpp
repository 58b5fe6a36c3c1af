// The flat inlined view: one dot run over the whole inlined graph, grouped into clusters by module path.
// Clusters are not only for reading: dot is much faster on a clustered graph than on a flat one.
#include "composer.h"

#include <chrono>

namespace jitscope::layout {

namespace {

// Groups for every prefix of the module paths used, parents first.
class ModuleGroups
{
public:
    ModuleGroups(LayoutRequest& request, const ParameterIndex* params) : m_request(request), m_params(params)
    {}

    int groupOf(const std::string& path)
    {
        if (path.empty())
            return -1;
        auto it = m_index.find(path);
        if (it != m_index.end())
            return it->second;
        const size_t dot = path.rfind('.');
        const int parent = groupOf(dot == std::string::npos ? std::string() : path.substr(0, dot));
        const std::string type = m_params ? m_params->moduleType(path) : std::string();
        m_request.groups.push_back(LayoutGroup{parent, type.empty() ? path : path + " : " + type});
        m_paths.push_back(path);
        const int index = static_cast<int>(m_request.groups.size()) - 1;
        m_index[path] = index;
        return index;
    }
    const std::vector<std::string>& paths() const { return m_paths; }

private:
    LayoutRequest& m_request;
    const ParameterIndex* m_params;
    std::map<std::string, int> m_index;
    std::vector<std::string> m_paths;
};

} // namespace

SceneLayout Composer::composeFlat(const std::shared_ptr<const Graph>& graph, const ParameterIndex* params,
                                  bool raw)
{
    const auto start = std::chrono::steady_clock::now();
    SceneLayout scene;
    if (!graph)
        return scene;
    auto view = this->view(graph, raw, params);
    LayoutRequest request;
    ModuleGroups modules(request, params);
    // Module groups first, so that every If/Loop cluster can name its module group as parent.
    for (const ViewElement& element : view->elements)
        if (element.cluster < 0 && element.node)
            modules.groupOf(element.node->module_path);
    for (const ViewCluster& cluster : view->clusters)
        if (cluster.parent < 0)
            modules.groupOf(cluster.node->module_path);
    const int moduleGroupCount = static_cast<int>(request.groups.size());
    for (const ViewCluster& cluster : view->clusters) {
        const int parent = cluster.parent >= 0 ? moduleGroupCount + cluster.parent
                                               : modules.groupOf(cluster.node->module_path);
        request.groups.push_back(LayoutGroup{parent, cluster.label});
    }
    for (const ViewElement& element : view->elements) {
        const Rect size = measureElement(element, m_metrics);
        LayoutBox box{size.w, size.h, -1};
        if (element.cluster >= 0)
            box.group = moduleGroupCount + element.cluster;
        else if (element.node)
            box.group = modules.groupOf(element.node->module_path);
        request.boxes.push_back(box);
    }
    std::vector<int> linkEdge;
    std::set<std::pair<int, int>> seen;
    for (size_t e = 0; e < view->edges.size(); ++e) {
        const ViewEdge& edge = view->edges[e];
        if (!seen.insert({edge.from, edge.to}).second)
            continue;
        request.links.push_back(LayoutLink{edge.from, edge.to});
        linkEdge.push_back(static_cast<int>(e));
    }
    LayoutResult result;
    {
        std::lock_guard<std::mutex> lock(m_layoutMutex);
        result = runDot(request, m_dotOptions);
    }
    ++scene.dotRuns;
    for (size_t g = 0; g < request.groups.size(); ++g) {
        if (result.groups[g].empty())
            continue;
        SceneCluster cluster;
        cluster.rect = result.groups[g];
        cluster.module = static_cast<int>(g) < moduleGroupCount;
        cluster.title = request.groups[g].label;
        if (cluster.module)
            cluster.instance = modules.paths()[g];
        cluster.view = view;
        cluster.depth = 0;
        scene.clusters.push_back(std::move(cluster));
    }
    for (size_t i = 0; i < view->elements.size(); ++i) {
        SceneNode node;
        node.rect = result.boxes[i];
        node.view = view;
        node.element = static_cast<int>(i);
        if (view->elements[i].kind == ElementKind::Node)
            ++scene.nodeCount;
        scene.nodes.push_back(std::move(node));
    }
    for (size_t l = 0; l < linkEdge.size(); ++l) {
        if (result.links[l].points.empty())
            continue;
        const ViewEdge& edge = view->edges[linkEdge[l]];
        scene.edges.push_back(SceneEdge{result.links[l], edge.label, edge.value < 0, 0, edge.from, edge.to});
    }
    scene.bounds = result.bounds;
    scene.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return scene;
}

} // namespace jitscope::layout
