#include "graphwidget.h"

#include "expansioncontroller.h"
#include "graphcanvas.h"
#include "graphexport.h"
#include "graphfetcher.h"
#include "graphitems.h"
#include "graphsearch.h"
#include "graphstore.h"
#include "graphstyle.h"
#include "graphtoolbar.h"
#include "heatoverlay.h"
#include "overlaycontroller.h"
#include "qtstring.h"
#include "scenebuilder.h"
#include "searchbar.h"
#include "valueoverlay.h"
#include "viewanchor.h"

#include <QGraphicsScene>
#include <QLabel>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

namespace jitscope::ui {

GraphWidget::GraphWidget(QWidget* parent)
    : QWidget(parent), m_state(std::make_shared<layout::Composer>(graphstyle::textMetrics())),
      m_values(std::make_unique<ValueOverlay>())
{
    m_scene = new QGraphicsScene(this);
    // The index holds tiles and module frames (graphitems.h), a few thousand at most. Left to itself Qt sizes
    // the tree by all items, tiles' children included, and rebuilds it whenever that count crosses a power
    // of 2.
    m_scene->setBspTreeDepth(10);
    m_canvas = new GraphCanvas(this);
    m_canvas->setScene(m_scene);
    m_canvas->setContextMenuPolicy(Qt::CustomContextMenu);
    m_searchBar = new SearchBar(this);
    m_searchBar->hide();
    m_toolBar = new GraphToolBar(this);
    m_state.composer->setFocus(m_toolBar->focusButton()->isChecked());
    m_canvas->setMinimapEnabled(m_toolBar->mapButton()->isChecked());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_searchBar);
    layout->addWidget(m_canvas, 1);

    m_fetcher = std::make_unique<GraphFetcher>(m_state);
    m_builder = std::make_unique<SceneBuilder>(m_state, *m_fetcher, m_scene, m_canvas, m_toolBar->status());
    m_anchor = std::make_unique<ViewAnchor>(m_canvas, m_scene, *m_builder);
    m_expansion = std::make_unique<ExpansionController>(m_state, *m_fetcher, *m_builder, *m_anchor);
    m_selection =
        std::make_unique<SelectionController>(m_state, *m_fetcher, *m_builder, m_canvas, m_scene, *m_values);
    m_search =
        std::make_unique<GraphSearch>(m_state, *m_builder, *m_selection, m_canvas, m_scene, m_searchBar);
    m_overlays =
        std::make_unique<OverlayController>(m_state, *m_fetcher, *m_builder, *m_selection, m_canvas, m_scene,
                                            m_toolBar->heatOverlay(), m_toolBar->heatButton(), *m_values);

    connect(m_fetcher.get(), &GraphFetcher::graphRequested, this, &GraphWidget::graphRequested);
    connect(m_fetcher.get(), &GraphFetcher::functionGraphRequested, this,
            &GraphWidget::functionGraphRequested);
    connect(m_fetcher.get(), &GraphFetcher::rootArrived, this, [this](const GraphRef& ref, auto graph) {
        setRoot(ref, std::move(graph));
        Q_EMIT rootShown();
    });
    connect(m_fetcher.get(), &GraphFetcher::inlinedArrived, this, &GraphWidget::setInlined);
    connect(m_fetcher.get(), &GraphFetcher::arrived, this, &GraphWidget::processArrivals);
    connect(m_builder.get(), &SceneBuilder::layoutStarted, this, &GraphWidget::layoutStarted);
    connect(m_builder.get(), &SceneBuilder::drawn, this, &GraphWidget::onDrawn);
    connect(m_selection.get(), &SelectionController::nodeSelected, this, &GraphWidget::nodeSelected);
    connect(m_selection.get(), &SelectionController::selectedNodeValuesChanged, this,
            &GraphWidget::selectedNodeValuesChanged);
    connect(m_selection.get(), &SelectionController::selectedNodeRemoved, this,
            &GraphWidget::selectedNodeRemoved);

    connect(m_overlays.get(), &OverlayController::saveValueRequested, this, &GraphWidget::saveValueRequested);
    connect(m_canvas, &GraphCanvas::nodeActivated, this,
            [this](NodeItem* item) { m_expansion->activate(item); });
    connect(m_canvas, &GraphCanvas::clusterActivated, this, &GraphWidget::collapseInstance);
    connect(m_canvas, &GraphCanvas::findRequested, m_searchBar, &SearchBar::activate);
    connect(m_canvas, &GraphCanvas::minimapToggled, m_toolBar->mapButton(), &QToolButton::setChecked);
    connect(m_searchBar, &SearchBar::textChanged, this, &GraphWidget::findText);
    connect(m_searchBar, &SearchBar::next, this, &GraphWidget::findNext);
    connect(m_searchBar, &SearchBar::previous, this, &GraphWidget::findPrevious);
    connect(m_searchBar, &SearchBar::closed, this, [this] { findText(QString()); });
    auto* find = new QShortcut(QKeySequence::Find, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, m_searchBar, &SearchBar::activate);

    connect(m_toolBar, &GraphToolBar::expandAllClicked, this, &GraphWidget::expandAll);
    connect(m_toolBar, &GraphToolBar::collapseAllClicked, this, &GraphWidget::collapseAll);
    connect(m_toolBar, &GraphToolBar::fitClicked, this, &GraphWidget::fitToView);
    connect(m_toolBar, &GraphToolBar::findClicked, m_searchBar, &SearchBar::activate);
    connect(m_toolBar, &GraphToolBar::exportRequested, this, [this](const QString& format) {
        // Named after what is shown: "layer1.0.forward.svg", "forward.png" …
        const std::string& path = m_state.rootPath;
        const QString base = qs(path.empty() ? m_state.rootMethod : path + "." + m_state.rootMethod);
        graphexport::exportWithDialog(this, format, base, *m_scene, m_builder->layout());
    });
    connect(m_toolBar->inlinedButton(), &QToolButton::toggled, this, &GraphWidget::setInlinedMode);
    connect(m_toolBar->rawButton(), &QToolButton::toggled, this, &GraphWidget::setRawMode);
    connect(m_toolBar->focusButton(), &QToolButton::toggled, this, &GraphWidget::setFocusMode);
    connect(m_toolBar->mapButton(), &QToolButton::toggled, m_canvas, &GraphCanvas::setMinimapEnabled);
    setStore(nullptr);
}

GraphWidget::~GraphWidget() = default;

void GraphWidget::setCompactToolBar(bool compact)
{
    m_toolBar->setCompact(compact);
}

void GraphWidget::setStore(GraphStore* store)
{
    m_fetcher->setStore(store);
    clear();
}

void GraphWidget::setModelInfo(const ModelInfo& info)
{
    clear();
    clearHeat(); // a profile of another model
    m_state.tree.graphs().params = std::make_shared<ParameterIndex>(info);
}

void GraphWidget::clear()
{
    m_builder->clear(); // first: a layout on its way is outdated before the composer's caches go
    m_state.tree.graphs().graphs.clear();
    m_state.tree.reset(GraphRef());
    m_fetcher->clear();
    m_state.composer->clear();
    m_state.inlinedGraph.reset();
    m_values->setInlinedGraph(nullptr);
    m_expansion->clear();
    m_anchor->clear();
    m_selection->clear();
    m_search->clearMatches();
}

void GraphWidget::showRoot(const GraphRef& ref)
{
    m_fetcher->showRoot(ref);
}

void GraphWidget::setRootGraph(const Graph& graph)
{
    const GraphRef ref = GraphRef::method(graph.module_path, graph.method);
    m_fetcher->expectRoot(ref);
    store()->insert(ref, std::make_shared<const Graph>(graph));
}

void GraphWidget::addGraph(const GraphRef& ref, const Graph& graph)
{
    store()->insert(ref, std::make_shared<const Graph>(graph));
}

void GraphWidget::setInlinedGraph(const Graph& graph)
{
    store()->insert(m_state.inlinedRef(), std::make_shared<const Graph>(graph));
}

void GraphWidget::graphUnavailable(const GraphRef& ref)
{
    store()->fail(store()->generation(), ref, Error{});
}

void GraphWidget::setRoot(const GraphRef& ref, std::shared_ptr<const Graph> graph)
{
    auto params = m_state.tree.graphs().params;
    clear();
    m_state.tree.graphs().params = params;
    m_state.rootPath = ref.module_path;
    m_state.rootMethod = ref.name;
    m_state.tree.graphs().graphs[ref] = std::move(graph);
    m_state.tree.reset(ref);
    m_fetcher->adoptHeld();
    m_anchor->fitNext();
    m_expansion->startAutoExpand();
    m_builder->relayout();
}

// Once per burst of arrived graphs: what waited for them, in the order the user asked for things.
void GraphWidget::processArrivals()
{
    if (!m_state.tree.hasRoot())
        return;
    m_expansion->onArrivals();
    m_selection->onArrivals();
    m_search->refresh();
    m_builder->relayout();
}

void GraphWidget::setInlined(std::shared_ptr<const Graph> graph)
{
    m_state.inlinedGraph = std::move(graph);
    m_values->setInlinedGraph(m_state.inlinedGraph);
    m_overlays->applyValues();
    if (m_state.inlined) {
        m_anchor->fitNext();
        m_builder->relayout();
    }
    m_selection->onInlinedArrived();
}

int GraphWidget::visibleNodeCount() const
{
    if (m_state.inlined)
        return m_state.inlinedGraph ? m_state.inlinedView()->nodeCount() : 0;
    return m_state.tree.visibleNodeCount();
}

void GraphWidget::setRawMode(bool on)
{
    if (m_state.tree.raw == on)
        return;
    m_state.tree.raw = on;
    m_toolBar->rawButton()->setChecked(on);
    m_search->refresh();
    m_builder->relayout();
}

void GraphWidget::setFocusMode(bool on)
{
    m_toolBar->focusButton()->setChecked(on);
    if (m_state.composer->focus() == on)
        return;
    // Clearing the composer's caches waits for a layout in progress (its result is then outdated).
    m_builder->invalidate();
    m_state.composer->setFocus(on);
    m_search->refresh();
    m_builder->relayout();
}

void GraphWidget::setInlinedMode(bool on)
{
    if (m_state.inlined == on)
        return;
    m_state.inlined = on;
    m_toolBar->inlinedButton()->setChecked(on);
    if (on)
        m_fetcher->requestInlined();
    m_anchor->fitNext();
    m_search->refresh();
    m_builder->relayout();
}

void GraphWidget::fitToView()
{
    m_canvas->fitAll();
}

// The scene is complete: overlays, then where the view looks and what gets selected, then paint.
void GraphWidget::onDrawn(double milliseconds, const QPointF& oldCentre)
{
    m_search->updateHighlights();
    m_overlays->applyHeat();
    m_overlays->applyValues();
    m_anchor->place(oldCentre, m_expansion->isRestoring());
    m_selection->onDrawn();
    m_canvas->setUpdatesEnabled(true);
    m_selection->checkReported();
    Q_EMIT layoutFinished(milliseconds);
}

bool GraphWidget::expandCall(const QString& modulePath, const QString& method)
{
    return m_expansion->expandCall(modulePath, method);
}

bool GraphWidget::expandFunction(const QString& qualifiedName)
{
    return m_expansion->expandFunction(qualifiedName);
}

void GraphWidget::collapseInstance(const QString& instance)
{
    m_expansion->collapseInstance(instance);
}

void GraphWidget::expandAll()
{
    m_expansion->expandAll();
}

void GraphWidget::collapseAll()
{
    m_expansion->collapseAll();
}

void GraphWidget::expandToDepth(int depth)
{
    m_expansion->expandToDepth(depth);
}

void GraphWidget::selectModule(const QString& modulePath)
{
    m_selection->selectModule(modulePath);
}

void GraphWidget::selectNodes(const QString& modulePath, const QString& method, bool inlined,
                              const std::vector<int64_t>& nodeIds)
{
    selectNodes(GraphRef::method(modulePath.toStdString(), method.toStdString(), inlined), nodeIds);
}

void GraphWidget::selectNodes(const GraphRef& graph, const std::vector<int64_t>& nodeIds)
{
    m_selection->selectNodes(graph, nodeIds);
}

void GraphWidget::findText(const QString& text)
{
    m_search->find(text);
}

void GraphWidget::findNext()
{
    m_search->next();
}

void GraphWidget::findPrevious()
{
    m_search->previous();
}

GraphWidget::ViewState GraphWidget::viewState() const
{
    ViewState state;
    state.expanded = m_state.tree.expanded();
    for (const auto& [ref, item] : m_builder->items())
        if (item->isSelected())
            state.selected.push_back(ref);
    if (m_builder->layout()) {
        state.zoom = m_canvas->zoom();
        state.centre = m_canvas->mapToScene(m_canvas->viewport()->rect().center());
    }
    return state;
}

void GraphWidget::restoreViewState(const ViewState& state)
{
    m_selection->restore(state.selected);
    if (state.zoom > 0)
        m_anchor->restore(state.zoom, state.centre);
    m_expansion->restore(state.expanded);
    m_builder->relayout();
}

void GraphWidget::setHeat(const std::vector<OpTime>& ops)
{
    m_overlays->setHeat(ops);
}

void GraphWidget::clearHeat()
{
    m_overlays->clearHeat();
}

void GraphWidget::setValues(std::shared_ptr<const ValueTable> values)
{
    m_overlays->setValues(std::move(values));
}

void GraphWidget::clearValues()
{
    m_overlays->clearValues();
}

bool GraphWidget::goToFirstNonFinite()
{
    return m_overlays->goToFirstNonFinite();
}

void GraphWidget::exportSvg(const QString& path)
{
    graphexport::writeSvg(*m_scene, path);
}

void GraphWidget::exportPng(const QString& path)
{
    graphexport::writePng(*m_scene, path);
}

void GraphWidget::exportDot(const QString& path)
{
    graphexport::writeDot(m_builder->layout(), path);
}

} // namespace jitscope::ui
