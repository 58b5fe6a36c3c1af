// GraphWidget, second part: background layout, building the scene from its result, search.
#include "graphcanvas.h"
#include "graphitems.h"
#include "graphstyle.h"
#include "graphwidget.h"
#include "searchbar.h"

#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QImage>
#include <QLabel>
#include <QPointer>
#include <QTimer>

namespace jitscope::ui {

using graphstyle::qs;

void GraphWidget::relayout()
{
    // Many requests in one event-loop turn (graphs arriving one after the other) make one layout.
    if (m_relayoutScheduled)
        return;
    m_relayoutScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_relayoutScheduled = false;
        startLayout();
    });
}

void GraphWidget::startLayout()
{
    if (m_tree.rootKey().empty())
        return;
    const quint64 generation = ++m_generation;
    Q_EMIT layoutStarted();
    m_status->setText(tr("Laying out…"));
    // The job gets a snapshot: graphs are shared immutable values, the expansion state is copied.
    auto composer = m_composer;
    const layout::GraphSet graphs = m_tree.graphs();
    const std::set<std::string> expanded = m_tree.expanded();
    const std::string rootKey = m_tree.rootKey();
    const bool raw = m_tree.raw;
    std::shared_ptr<const Graph> flat = m_inlined ? m_inlinedGraph : nullptr;
    const bool inlined = m_inlined;
    QPointer<GraphWidget> self(this);
    ++m_pendingJobs;
    m_pool.start([=] {
        QElapsedTimer timer;
        timer.start();
        auto result = std::make_shared<layout::SceneLayout>(
            inlined ? (flat ? composer->composeFlat(flat, graphs.params.get(), raw) : layout::SceneLayout())
                    : composer->compose(graphs, rootKey, expanded, raw));
        const double ms = timer.nsecsElapsed() / 1e6;
        const QImage overview = renderOverview(*result);
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, result, ms, overview] {
                if (self)
                    self->applyLayout(generation, result, ms, overview);
            },
            Qt::QueuedConnection);
    });
}

void GraphWidget::applyLayout(quint64 generation, std::shared_ptr<const layout::SceneLayout> layout,
                              double ms, const QImage& overview)
{
    --m_pendingJobs;
    if (generation != m_generation)
        return; // a newer layout is on its way
    m_build = Build{};
    for (QGraphicsItem* item : m_scene->selectedItems())
        if (item->type() == NodeItem::Type) {
            const layout::SceneNode& node = static_cast<NodeItem*>(item)->sceneNode();
            if (node.get().node)
                m_build.selected = layout::NodeRef{node.instance, node.get().node->id};
        }
    // Keep the point under the view's centre in place across an expand/collapse when possible.
    m_build.centre = m_canvas->mapToScene(m_canvas->viewport()->rect().center());
    m_build.generation = generation;
    m_build.milliseconds = ms;
    m_build.overview = overview;
    m_building = true;

    m_canvas->setUpdatesEnabled(false);
    m_scene->blockSignals(true);
    m_items.clear();
    m_layout = layout;
    buildItems(generation);
}

// Tens of thousands of items take far longer than a frame to create: they are added in slices of a few
// milliseconds, the event loop running in between, with the view frozen until the scene is complete.
void GraphWidget::buildItems(quint64 generation)
{
    if (generation != m_generation || !m_building || !m_layout)
        return; // cleared, or a newer layout started: that one rebuilds the scene
    constexpr qint64 sliceNs = 8'000'000;
    QElapsedTimer slice;
    slice.start();
    const layout::SceneLayout& scene = *m_layout;
    const size_t clusters = scene.clusters.size(), edges = scene.edges.size(), nodes = scene.nodes.size();
    const size_t total = clusters + edges + nodes;
    // The old items go first, a slice at a time too: QGraphicsScene::clear() on 50k items takes 100 ms.
    while (!m_build.cleared && !m_sceneItems.empty()) {
        delete m_sceneItems.back();
        m_sceneItems.pop_back();
        if (m_sceneItems.size() % 64 == 0 && slice.nsecsElapsed() > sliceNs) {
            QTimer::singleShot(0, this, [this, generation] { buildItems(generation); });
            return;
        }
    }
    m_build.cleared = true;
    size_t& next = m_build.next;
    while (next < total) {
        if (next < clusters) {
            m_sceneItems.push_back(new ClusterItem(scene.clusters[next]));
        } else if (next < clusters + edges) {
            m_sceneItems.push_back(new EdgeItem(scene.edges[next - clusters]));
        } else {
            const size_t i = next - clusters - edges;
            auto* item = new NodeItem(scene.nodes[i], static_cast<int>(i));
            m_sceneItems.push_back(item);
            const ViewElement& element = scene.nodes[i].get();
            if (element.node && element.kind == ElementKind::Node)
                m_items[layout::NodeRef{scene.nodes[i].instance, element.node->id}] = item;
        }
        m_scene->addItem(m_sceneItems.back());
        ++next;
        if (next % 64 == 0 && slice.nsecsElapsed() > sliceNs) {
            m_status->setText(tr("Drawing… %1%").arg(100 * next / total));
            QTimer::singleShot(0, this, [this, generation] { buildItems(generation); });
            return;
        }
    }
    finishBuild();
}

void GraphWidget::finishBuild()
{
    m_building = false;
    const layout::Rect& b = m_layout->bounds;
    m_scene->setSceneRect(QRectF(b.x, b.y, b.w, b.h).adjusted(-200, -200, 200, 200));
    if (m_build.selected)
        if (auto it = m_items.find(*m_build.selected); it != m_items.end())
            it->second->setSelected(true);
    m_scene->blockSignals(false);
    updateHighlights();
    if (m_fitPending) {
        m_fitPending = false;
        m_canvas->fitAll();
    } else {
        m_canvas->centerOn(m_build.centre);
    }
    if (m_pendingCentre) {
        if (auto it = m_items.find(*m_pendingCentre); it != m_items.end()) {
            m_scene->clearSelection();
            it->second->setSelected(true);
            m_canvas->centreOnItem(it->second);
        }
        m_pendingCentre.reset();
    }
    m_canvas->setUpdatesEnabled(true);
    m_canvas->setOverview(m_build.overview, QRectF(b.x, b.y, b.w, b.h));
    m_status->setText(tr("%1 nodes · %2 ms").arg(m_layout->nodeCount).arg(m_build.milliseconds, 0, 'f', 0));
    Q_EMIT layoutFinished(m_build.milliseconds);
}

void GraphWidget::findText(const QString& text)
{
    m_query = text.trimmed().toStdString();
    m_matches.clear();
    m_current = -1;
    if (!m_query.empty()) {
        if (m_inlined) {
            if (m_inlinedGraph) {
                std::string query = text.trimmed().toLower().toStdString();
                auto view = m_composer->view(m_inlinedGraph, m_tree.raw, m_tree.graphs().params.get());
                for (const ViewElement& element : view->elements)
                    if (element.kind == ElementKind::Node &&
                        element.searchText.find(query) != std::string::npos)
                        m_matches.push_back(layout::NodeRef{std::string(), element.node->id});
            }
        } else {
            m_matches = m_tree.search(m_query);
        }
    }
    m_searchBar->setStatus(m_current, static_cast<int>(m_matches.size()));
    updateHighlights();
}

void GraphWidget::findNext()
{
    if (m_matches.empty())
        return;
    m_current = (m_current + 1) % static_cast<int>(m_matches.size());
    goToMatch();
}

void GraphWidget::findPrevious()
{
    if (m_matches.empty())
        return;
    m_current = m_current <= 0 ? static_cast<int>(m_matches.size()) - 1 : m_current - 1;
    goToMatch();
}

void GraphWidget::goToMatch()
{
    m_searchBar->setStatus(m_current, static_cast<int>(m_matches.size()));
    const layout::NodeRef& match = m_matches[m_current];
    const size_t before = m_tree.expanded().size();
    if (!m_inlined && !match.instance.empty())
        m_tree.expandPath(match.instance);
    if (m_tree.expanded().size() != before) {
        m_pendingCentre = match; // after the layout that opens the module
        relayout();
        return;
    }
    updateHighlights();
    if (auto it = m_items.find(match); it != m_items.end()) {
        m_scene->clearSelection();
        it->second->setSelected(true);
        m_canvas->centreOnItem(it->second);
    }
}

void GraphWidget::updateHighlights()
{
    // Matches inside collapsed modules are counted on the call that hides them.
    std::map<std::string, int> inner;
    std::set<layout::NodeRef> direct;
    for (const layout::NodeRef& match : m_matches) {
        direct.insert(match);
        for (size_t pos = match.instance.find('/'); pos != std::string::npos;
             pos = match.instance.find('/', pos + 1))
            ++inner[match.instance.substr(0, pos)];
        if (!match.instance.empty())
            ++inner[match.instance];
    }
    const std::optional<layout::NodeRef> current =
        m_current >= 0 ? std::optional<layout::NodeRef>(m_matches[m_current]) : std::nullopt;
    for (auto& [ref, item] : m_items) {
        item->setMatch(current && *current == ref ? 2 : direct.count(ref) ? 1 : 0);
        int count = 0;
        if (item->sceneNode().expandable) {
            auto it = inner.find(layout::childInstance(ref.instance, ref.nodeId));
            count = it == inner.end() ? 0 : it->second;
        }
        item->setInnerMatches(count);
    }
}

} // namespace jitscope::ui
