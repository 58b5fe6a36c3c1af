#include "scenebuilder.h"

#include "elidinglabel.h"
#include "graphcanvas.h"
#include "graphfetcher.h"
#include "graphitems.h"

#include <QGraphicsScene>
#include <QImage>
#include <QLabel>
#include <QPointer>
#include <QRunnable>

#include <cmath>
#include <set>
#include <tuple>

namespace jitscope::ui {

namespace {

struct Tile
{
    bool nodes = false;     // NodeItems, else EdgeItems
    std::vector<int> items; // indices into SceneLayout::nodes / edges
};

// Edges and nodes are grouped by the grid cell of their centre, at most maxTileItems to a tile: small enough
// that a tile is one short step of the sliced build, and that painting a view touches few items beyond it.
std::vector<Tile> tileScene(const layout::SceneLayout& scene)
{
    constexpr double cell = 1200;
    constexpr size_t maxTileItems = 200;
    std::map<std::tuple<bool, long, long>, std::vector<int>> cells; // nodes?, row, column
    auto add = [&](bool nodes, double x, double y, int index) {
        cells[{nodes, std::lround(std::floor(y / cell)), std::lround(std::floor(x / cell))}].push_back(index);
    };
    for (size_t i = 0; i < scene.edges.size(); ++i) {
        const std::vector<layout::Point>& points = scene.edges[i].spline.points;
        add(false, (points.front().x + points.back().x) / 2, (points.front().y + points.back().y) / 2,
            static_cast<int>(i));
    }
    for (size_t i = 0; i < scene.nodes.size(); ++i) {
        const layout::Rect& r = scene.nodes[i].rect;
        add(true, r.x + r.w / 2, r.y + r.h / 2, static_cast<int>(i));
    }
    std::vector<Tile> tiles;
    for (auto& [key, items] : cells)
        for (size_t first = 0; first < items.size(); first += maxTileItems) {
            Tile tile;
            tile.nodes = std::get<0>(key);
            tile.items.assign(items.begin() + first,
                              items.begin() + std::min(items.size(), first + maxTileItems));
            tiles.push_back(std::move(tile));
        }
    return tiles;
}

// Freed where it runs. The pool owns it, so that no reference is left behind on the UI thread that could turn
// out to be the last one.
struct Garbage : QRunnable
{
    std::map<navigation::NodeRef, NodeItem*> items;
    std::shared_ptr<const layout::SceneLayout> layout;
    void run() override
    {
        items.clear();
        layout.reset();
    }
};

} // namespace

// What the layout thread hands over: the layout, its items grouped into tiles, and the minimap picture.
struct SceneBuilder::Drawing
{
    std::shared_ptr<const layout::SceneLayout> layout;
    std::vector<Tile> tiles;
    QImage overview;
    double milliseconds = 0;
};

SceneBuilder::SceneBuilder(GraphState& state, const GraphFetcher& fetcher, QGraphicsScene* scene,
                           GraphCanvas* canvas, ElidingLabel* status, QObject* parent)
    : QObject(parent), m_state(state), m_fetcher(fetcher), m_scene(scene), m_canvas(canvas), m_status(status)
{
    m_pool.setMaxThreadCount(1);
    m_graphWait.setSingleShot(true);
    connect(&m_graphWait, &QTimer::timeout, this, &SceneBuilder::layoutWhenReady);
    connect(&fetcher, &GraphFetcher::failed, this, &SceneBuilder::relayout); // a layout may be waiting for it
}

SceneBuilder::~SceneBuilder()
{
    m_pool.clear();
    m_pool.waitForDone();
}

NodeItem* SceneBuilder::item(const navigation::NodeRef& ref) const
{
    auto it = m_items.find(ref);
    return it == m_items.end() ? nullptr : it->second;
}

void SceneBuilder::invalidate()
{
    m_latest->store(++m_generation);
}

void SceneBuilder::clear()
{
    m_latest->store(++m_generation);
    m_pool.clear();
    m_relayoutScheduled = false;
    m_graphWait.stop();
    m_items.clear();
    m_edgeItems.clear();
    m_layout.reset();
    m_building = false;
    m_sceneItems.clear();
    m_scene->clear();
    m_canvas->setContentRect(QRectF());
    m_scene->blockSignals(false);
    m_canvas->setUpdatesEnabled(true);
    m_status->clear();
}

void SceneBuilder::relayout()
{
    m_relayoutScheduled = true;
    if (m_readyCheckPosted)
        return;
    m_readyCheckPosted = true;
    QTimer::singleShot(0, this, [this] {
        m_readyCheckPosted = false;
        layoutWhenReady();
    });
}

// A layout made while asked-for graphs are still on their way is outdated as soon as they arrive, and the
// layout thread makes one at a time: wait for them, but only briefly after the last request, so that a graph
// the worker never sends does not hold the view back.
void SceneBuilder::layoutWhenReady()
{
    if (!m_relayoutScheduled || m_fetcher.isArrivalScheduled())
        return; // the widget asks again once it has asked for what the new graphs call
    constexpr qint64 graphWaitMs = 300;
    const qint64 since = m_fetcher.sinceLastRequest();
    const qint64 waited = since >= 0 ? since : graphWaitMs;
    if (m_fetcher.isWaiting() && waited < graphWaitMs) {
        if (!m_graphWait.isActive())
            m_graphWait.start(static_cast<int>(graphWaitMs - waited));
        return;
    }
    m_graphWait.stop();
    m_relayoutScheduled = false;
    startLayout();
}

void SceneBuilder::startLayout()
{
    if (!m_state.tree.hasRoot())
        return;
    const quint64 generation = ++m_generation;
    m_latest->store(generation);
    Q_EMIT layoutStarted();
    m_status->setText(tr("Laying out…"));
    // The job gets a snapshot: graphs are shared immutable values, the expansion state is copied.
    auto composer = m_state.composer;
    const layout::GraphSet graphs = m_state.tree.graphs();
    const std::set<std::string> expanded = m_state.tree.expanded();
    const GraphRef root = m_state.tree.root();
    const bool raw = m_state.tree.raw;
    std::shared_ptr<const Graph> flat = m_state.inlined ? m_state.inlinedGraph : nullptr;
    const bool inlined = m_state.inlined;
    QPointer<SceneBuilder> self(this);
    auto latest = m_latest;
    ++m_pendingJobs;
    m_pool.start([=] {
        std::shared_ptr<Drawing> drawing;
        if (latest->load() == generation) { // else a newer state is queued behind this one
            QElapsedTimer timer;
            timer.start();
            drawing = std::make_shared<Drawing>();
            auto result = std::make_shared<layout::SceneLayout>(
                inlined
                    ? (flat ? composer->composeFlat(flat, graphs.params.get(), raw) : layout::SceneLayout())
                    : composer->compose(graphs, root, expanded, raw));
            drawing->milliseconds = timer.nsecsElapsed() / 1e6;
            drawing->overview = renderOverview(*result);
            drawing->tiles = tileScene(*result);
            drawing->layout = std::move(result);
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, drawing] {
                if (self)
                    self->applyLayout(generation, drawing);
            },
            Qt::QueuedConnection);
    });
}

void SceneBuilder::applyLayout(quint64 generation, std::shared_ptr<const Drawing> drawing)
{
    --m_pendingJobs;
    if (generation != m_generation || !drawing)
        return; // a newer layout is on its way
    m_build = Build{};
    for (QGraphicsItem* item : m_scene->selectedItems())
        if (item->type() == NodeItem::Type) {
            const layout::SceneNode& node = static_cast<NodeItem*>(item)->sceneNode();
            if (node.get().node)
                m_build.selected = navigation::NodeRef{node.instance, node.get().node->id};
        }
    // Keep the point under the view's centre in place across an expand/collapse when possible.
    m_build.centre = m_canvas->mapToScene(m_canvas->viewport()->rect().center());
    m_build.generation = generation;
    m_build.drawing = drawing;
    m_building = true;

    m_canvas->setUpdatesEnabled(false);
    m_scene->blockSignals(true);
    // The item map and the previous layout (tens of thousands of small allocations for a big model) are freed
    // on the layout thread.
    auto* old = new Garbage;
    old->items.swap(m_items);
    m_edgeItems.clear(); // deleted with the old scene items
    old->layout = std::move(m_layout);
    m_pool.start(old);
    m_layout = drawing->layout;
    buildItems(generation);
}

// Tens of thousands of items take far longer than a frame to create: they are added a tile at a time for a
// few milliseconds per event-loop turn, with the view frozen until the scene is complete.
void SceneBuilder::buildItems(quint64 generation)
{
    if (generation != m_generation || !m_building || !m_layout)
        return; // cleared, or a newer layout started: that one rebuilds the scene
    constexpr qint64 sliceNs = 8'000'000;
    QElapsedTimer slice;
    slice.start();
    const layout::SceneLayout& scene = *m_layout;
    const std::vector<Tile>& tiles = m_build.drawing->tiles;
    const size_t clusters = scene.clusters.size(), total = clusters + tiles.size();
    // The old items go first, a slice at a time too: QGraphicsScene::clear() on 50k items takes 100 ms.
    while (!m_build.cleared && !m_sceneItems.empty()) {
        delete m_sceneItems.back();
        m_sceneItems.pop_back();
        if (slice.nsecsElapsed() > sliceNs) {
            QTimer::singleShot(0, this, [this, generation] { buildItems(generation); });
            return;
        }
    }
    m_build.cleared = true;
    size_t& next = m_build.next;
    while (next < total) {
        if (next < clusters) {
            m_sceneItems.push_back(new ClusterItem(scene.clusters[next]));
        } else {
            const Tile& tile = tiles[next - clusters];
            auto* group = new TileItem(tile.nodes ? 20 : 10);
            for (int i : tile.items) {
                if (!tile.nodes) {
                    auto* edge = new EdgeItem(scene.edges[i]);
                    group->adopt(edge);
                    m_edgeItems.push_back(edge);
                    continue;
                }
                auto* item = new NodeItem(scene.nodes[i], i);
                group->adopt(item);
                const ViewElement& element = scene.nodes[i].get();
                if (element.node && element.kind == ElementKind::Node)
                    m_items[navigation::NodeRef{scene.nodes[i].instance, element.node->id}] = item;
            }
            m_sceneItems.push_back(group);
        }
        m_scene->addItem(m_sceneItems.back());
        ++next;
        if (slice.nsecsElapsed() > sliceNs) {
            m_status->setText(tr("Drawing… %1%").arg(100 * next / total));
            QTimer::singleShot(0, this, [this, generation] { buildItems(generation); });
            return;
        }
    }
    finishBuild();
}

void SceneBuilder::finishBuild()
{
    m_building = false;
    const layout::Rect& b = m_layout->bounds;
    m_scene->setSceneRect(QRectF(b.x, b.y, b.w, b.h).adjusted(-200, -200, 200, 200));
    m_canvas->setContentRect(QRectF(b.x, b.y, b.w, b.h));
    // The minimap first: the fit after this keeps its corner free.
    m_canvas->setOverview(m_build.drawing->overview, QRectF(b.x, b.y, b.w, b.h));
    QPointF start;
    for (const layout::SceneNode& node : m_layout->nodes)
        if (node.depth == 0 && node.get().kind == ElementKind::Input) {
            start = QPointF(node.rect.x, node.rect.y);
            break;
        }
    m_canvas->setStartPoint(start);
    if (m_build.selected)
        if (NodeItem* selected = item(*m_build.selected))
            selected->setSelected(true);
    m_scene->blockSignals(false);
    const double ms = m_build.drawing->milliseconds;
    m_build.drawing.reset();
    showSummary(ms);
    Q_EMIT drawn(ms, m_build.centre);
}

// What focus on data flow left out of the views drawn, said once per view.
void SceneBuilder::showSummary(double milliseconds)
{
    std::set<const GraphView*> views;
    for (const layout::SceneNode& node : m_layout->nodes)
        views.insert(node.view.get());
    for (const layout::SceneCluster& cluster : m_layout->clusters)
        views.insert(cluster.view.get());
    m_foldedChecks = m_foldedNodes = 0;
    int branches = 0;
    for (const GraphView* view : views)
        if (view) {
            m_foldedChecks += view->foldedChecks;
            m_foldedNodes += view->foldedNodes;
            branches += view->foldedBranches;
        }
    QString folded;
    if (m_foldedNodes > 0)
        folded =
            tr(" · %1 folded (%2 checks, %3 training)").arg(m_foldedNodes).arg(m_foldedChecks).arg(branches);
    m_status->setText(
        tr("%1 nodes · %2 ms%3").arg(m_layout->nodeCount).arg(milliseconds, 0, 'f', 0).arg(folded));
    m_status->setDetail(m_foldedNodes > 0
                             ? tr("Focus on data flow hides %1 nodes: %2 checks (asserts, shape "
                                  "checks, warnings) and %3 training-only branches")
                                   .arg(m_foldedNodes)
                                   .arg(m_foldedChecks)
                                   .arg(branches)
                             : QString());
}

} // namespace jitscope::ui
