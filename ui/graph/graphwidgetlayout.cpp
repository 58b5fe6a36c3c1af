// GraphWidget, second part: background layout, building the scene from its result, search.
#include "graphcanvas.h"
#include "graphitems.h"
#include "graphstyle.h"
#include "graphwidget.h"
#include "searchbar.h"

#include <QElapsedTimer>
#include <QGraphicsScene>
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
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, result, ms] {
                if (self)
                    self->applyLayout(generation, result, ms);
            },
            Qt::QueuedConnection);
    });
}

void GraphWidget::applyLayout(quint64 generation, std::shared_ptr<const layout::SceneLayout> layout,
                              double ms)
{
    --m_pendingJobs;
    if (generation != m_generation)
        return; // a newer layout is on its way
    std::optional<layout::NodeRef> selected;
    for (QGraphicsItem* item : m_scene->selectedItems())
        if (item->type() == NodeItem::Type) {
            const layout::SceneNode& node = static_cast<NodeItem*>(item)->sceneNode();
            if (node.get().node)
                selected = layout::NodeRef{node.instance, node.get().node->id};
        }
    // Keep the point under the view's centre in place across an expand/collapse when possible.
    const QPointF centre = m_canvas->mapToScene(m_canvas->viewport()->rect().center());

    m_canvas->setUpdatesEnabled(false);
    m_scene->blockSignals(true);
    m_items.clear();
    m_scene->clear();
    m_layout = layout;
    for (const layout::SceneCluster& cluster : layout->clusters)
        m_scene->addItem(new ClusterItem(cluster));
    for (const layout::SceneEdge& edge : layout->edges)
        m_scene->addItem(new EdgeItem(edge));
    for (size_t i = 0; i < layout->nodes.size(); ++i) {
        auto* item = new NodeItem(layout->nodes[i], static_cast<int>(i));
        m_scene->addItem(item);
        const ViewElement& element = layout->nodes[i].get();
        if (element.node && element.kind == ElementKind::Node)
            m_items[layout::NodeRef{layout->nodes[i].instance, element.node->id}] = item;
    }
    const layout::Rect& b = layout->bounds;
    m_scene->setSceneRect(QRectF(b.x, b.y, b.w, b.h).adjusted(-200, -200, 200, 200));
    if (selected)
        if (auto it = m_items.find(*selected); it != m_items.end())
            it->second->setSelected(true);
    m_scene->blockSignals(false);
    updateHighlights();
    if (m_fitPending) {
        m_fitPending = false;
        m_canvas->fitAll();
    } else {
        m_canvas->centerOn(centre);
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
    m_canvas->refreshMinimap();
    m_status->setText(tr("%1 nodes · %2 ms").arg(layout->nodeCount).arg(ms, 0, 'f', 0));
    Q_EMIT layoutFinished(ms);
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
