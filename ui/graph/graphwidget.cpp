#include "graphwidget.h"

#include "graphcanvas.h"
#include "graphitems.h"
#include "graphstore.h"
#include "graphstyle.h"
#include "heatoverlay.h"
#include "searchbar.h"
#include "valueoverlay.h"

#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QShortcut>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace jitscope::ui {

using graphstyle::qs;

GraphWidget::GraphWidget(QWidget* parent)
    : QWidget(parent), m_ownStore(new GraphStore(this)), m_store(nullptr),
      m_composer(std::make_shared<layout::Composer>(graphstyle::textMetrics())), m_tree(*m_composer),
      m_values(std::make_unique<ValueOverlay>())
{
    // Without a shared store the widget's owner answers its requests (compare, passes, tests).
    m_ownStore->setFetcher([this](const GraphRef& ref, quint64) {
        if (ref.isFunction())
            Q_EMIT functionGraphRequested(qs(ref.name));
        else
            Q_EMIT graphRequested(qs(ref.module_path), qs(ref.name), ref.inlined);
    });
    m_pool.setMaxThreadCount(1);
    m_graphWait.setSingleShot(true);
    connect(&m_graphWait, &QTimer::timeout, this, &GraphWidget::layoutWhenReady);
    m_scene = new QGraphicsScene(this);
    // The index holds tiles and module frames (graphitems.h), a few thousand at most. Left to itself Qt sizes
    // the tree by all items, tiles' children included, and rebuilds it whenever that count crosses a power
    // of 2.
    m_scene->setBspTreeDepth(10);
    m_canvas = new GraphCanvas(this);
    m_canvas->setScene(m_scene);
    m_canvas->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_canvas, &QWidget::customContextMenuRequested, this, &GraphWidget::showContextMenu);
    m_searchBar = new SearchBar(this);
    m_searchBar->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    buildToolBar();
    layout->addWidget(m_searchBar);
    layout->addWidget(m_canvas, 1);

    connect(m_canvas, &GraphCanvas::nodeActivated, this, &GraphWidget::onNodeActivated);
    connect(m_canvas, &GraphCanvas::clusterActivated, this,
            [this](const QString& instance) { collapseInstance(instance); });
    connect(m_canvas, &GraphCanvas::findRequested, m_searchBar, &SearchBar::activate);
    connect(m_canvas, &GraphCanvas::selectedNodeClicked, this, &GraphWidget::reportNode);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &GraphWidget::onSelectionChanged);
    connect(m_searchBar, &SearchBar::textChanged, this, &GraphWidget::findText);
    connect(m_searchBar, &SearchBar::next, this, &GraphWidget::findNext);
    connect(m_searchBar, &SearchBar::previous, this, &GraphWidget::findPrevious);
    connect(m_searchBar, &SearchBar::closed, this, [this] { findText(QString()); });
    auto* find = new QShortcut(QKeySequence::Find, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, m_searchBar, &SearchBar::activate);
    setStore(nullptr);
}

void GraphWidget::setCompactToolBar(bool compact)
{
    for (QWidget* widget : m_fullToolBarOnly)
        widget->setVisible(!compact);
    m_focusButton->setText(compact ? tr("Focus") : tr("Focus on data flow"));
}

GraphWidget::~GraphWidget()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void GraphWidget::buildToolBar()
{
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(6, 3, 6, 3);
    auto button = [&](const QString& text, const QString& tip, bool checkable = false) {
        auto* b = new QToolButton(bar);
        b->setText(text);
        b->setToolTip(tip);
        b->setCheckable(checkable);
        b->setAutoRaise(true);
        row->addWidget(b);
        return b;
    };
    QToolButton* expand = button(tr("Expand all"), tr("Expand every module call"));
    QToolButton* collapse = button(tr("Collapse all"), tr("Collapse every module call"));
    m_inlinedButton = button(tr("Inlined"), tr("Show the flat inlined graph"), true);
    m_focusButton = button(tr("Focus on data flow"),
                           tr("Fold asserts and shape checks into a count, and show only the eval-mode side of "
                              "`if self.training`; Raw IR still shows everything"),
                           true);
    m_focusButton->setObjectName(QStringLiteral("focusButton"));
    m_focusButton->setChecked(QSettings().value(QStringLiteral("graph/focus"), true).toBool());
    m_composer->setFocus(m_focusButton->isChecked());
    m_rawButton = button(tr("Raw IR"), tr("Draw every node: GetAttr, Constant, ListConstruct …"), true);
    m_heatButton =
        button(tr("Heat"), tr("Colour the boxes by their share of the last profile's self time"), true);
    m_heatButton->setEnabled(false);
    QToolButton* fit = button(tr("Fit"), tr("Fit the whole graph in the window (0)"));
    m_mapButton = button(tr("Map"), tr("Show the minimap in the bottom right corner (M)"), true);
    m_mapButton->setObjectName(QStringLiteral("minimapButton"));
    m_mapButton->setChecked(QSettings().value(QStringLiteral("graph/minimap"), true).toBool());
    m_canvas->setMinimapEnabled(m_mapButton->isChecked());
    QToolButton* findButton = button(tr("Find"), tr("Find (Ctrl+F)"));
    QToolButton* exportButton = button(tr("Export"), tr("Export the view as SVG or PNG, the graph as DOT"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    m_fullToolBarOnly = {expand, collapse, m_inlinedButton, m_heatButton, m_mapButton, exportButton};
    m_heat = new HeatOverlay(bar);
    row->addWidget(m_heat->legend());
    m_status = new QLabel(bar);
    m_status->setObjectName(QStringLiteral("graphStatus"));
    // However long the text, it must not widen the graph at the docks' expense: it is cut instead.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setMinimumWidth(40);
    m_status->setStyleSheet(QStringLiteral("color: #5b6475;"));
    row->addWidget(m_status, 1);
    static_cast<QVBoxLayout*>(this->layout())->addWidget(bar);

    connect(expand, &QToolButton::clicked, this, &GraphWidget::expandAll);
    connect(collapse, &QToolButton::clicked, this, &GraphWidget::collapseAll);
    connect(m_inlinedButton, &QToolButton::toggled, this, &GraphWidget::setInlinedMode);
    connect(m_rawButton, &QToolButton::toggled, this, &GraphWidget::setRawMode);
    connect(m_focusButton, &QToolButton::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("graph/focus"), on);
        setFocusMode(on);
    });
    connect(m_heatButton, &QToolButton::toggled, this, &GraphWidget::applyHeat);
    connect(fit, &QToolButton::clicked, this, &GraphWidget::fitToView);
    connect(m_mapButton, &QToolButton::toggled, this, [this](bool on) {
        m_canvas->setMinimapEnabled(on);
        QSettings().setValue(QStringLiteral("graph/minimap"), on);
    });
    connect(m_canvas, &GraphCanvas::minimapToggled, m_mapButton, &QToolButton::setChecked);
    connect(findButton, &QToolButton::clicked, m_searchBar, &SearchBar::activate);
    auto* menu = new QMenu(exportButton);
    // The window owns file dialogs; without one the files go next to the working directory.
    menu->addAction(tr("SVG…"), this, [this] { exportWithDialog(QStringLiteral("svg")); });
    menu->addAction(tr("PNG…"), this, [this] { exportWithDialog(QStringLiteral("png")); });
    menu->addAction(tr("DOT…"), this, [this] { exportWithDialog(QStringLiteral("dot")); });
    exportButton->setMenu(menu);
}

void GraphWidget::setStore(GraphStore* store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store ? store : m_ownStore;
    connect(m_store, &GraphStore::graphArrived, this, &GraphWidget::onGraphArrived);
    connect(m_store, &GraphStore::graphFailed, this, [this](const GraphRef& ref) { onGraphFailed(ref); });
    clear();
}

void GraphWidget::setModelInfo(const ModelInfo& info)
{
    clear();
    clearHeat(); // a profile of another model
    m_tree.graphs().params = std::make_shared<ParameterIndex>(info);
}

void GraphWidget::clear()
{
    m_latest->store(++m_generation);
    m_pool.clear();
    m_tree.graphs().graphs.clear();
    m_tree.reset(GraphRef());
    m_pendingRoot = GraphRef();
    m_composer->clear();
    m_inlinedGraph.reset();
    m_values->setInlinedGraph(nullptr);
    m_inlinedRequested = false;
    m_requested.clear();
    m_arrivalScheduled = false;
    m_relayoutScheduled = false;
    m_graphWait.stop();
    m_autoExpand = false;
    m_expandDepth = -2;
    m_pendingModule.reset();
    m_pendingCentre.reset();
    m_anchor.reset();
    m_reported.reset();
    m_pendingNodes.reset();
    m_pendingSelection.clear();
    m_restoreExpanded.clear();
    m_restoreView.reset();
    m_matches.clear();
    m_current = -1;
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

void GraphWidget::showRoot(const GraphRef& ref)
{
    m_pendingRoot = ref;
    if (auto graph = m_store->graph(ref))
        onGraphArrived(ref);
    else
        m_store->request(ref);
}

void GraphWidget::setRootGraph(const Graph& graph)
{
    const GraphRef ref = GraphRef::method(graph.module_path, graph.method);
    m_pendingRoot = ref;
    m_store->insert(ref, std::make_shared<const Graph>(graph));
}

void GraphWidget::addGraph(const GraphRef& ref, const Graph& graph)
{
    m_store->insert(ref, std::make_shared<const Graph>(graph));
}

void GraphWidget::setInlinedGraph(const Graph& graph)
{
    m_store->insert(GraphRef::method(m_rootPath, m_rootMethod, true), std::make_shared<const Graph>(graph));
}

void GraphWidget::graphUnavailable(const GraphRef& ref)
{
    m_store->fail(m_store->generation(), ref, Error{});
}

GraphRef GraphWidget::inlinedRef() const
{
    return GraphRef::method(m_rootPath, m_rootMethod, true);
}

void GraphWidget::onGraphArrived(const GraphRef& ref)
{
    if (ref == m_pendingRoot) {
        m_pendingRoot = GraphRef();
        setRoot(ref, m_store->graph(ref));
        Q_EMIT rootShown();
        return;
    }
    if (!m_tree.hasRoot())
        return;
    if (ref == inlinedRef()) {
        setInlined(m_store->graph(ref));
        return;
    }
    if (m_requested.erase(ref) == 0)
        return; // another view's
    m_tree.graphs().graphs[ref] = m_store->graph(ref);
    scheduleArrivals();
}

void GraphWidget::onGraphFailed(const GraphRef& ref)
{
    if (m_requested.erase(ref))
        relayout(); // a layout may be waiting for it
}

void GraphWidget::setRoot(const GraphRef& ref, std::shared_ptr<const Graph> graph)
{
    auto params = m_tree.graphs().params;
    clear();
    m_tree.graphs().params = params;
    m_rootPath = ref.module_path;
    m_rootMethod = ref.name;
    m_tree.graphs().graphs[ref] = std::move(graph);
    m_tree.reset(ref);
    // The store may hold the callees already (another method shown before, a reload): the tree takes them.
    for (const auto& [held, callee] : m_store->graphs())
        if (!held.inlined)
            m_tree.graphs().graphs.emplace(held, callee);
    if (auto inlined = m_store->graph(inlinedRef()))
        setInlined(inlined);
    m_autoExpand = true;
    m_fitPending = true;
    autoExpand();
    relayout();
}

// Graphs come in bursts (expand all asks for dozens at once): what depends on them is worked out once for
// the whole burst, after the event loop has delivered it.
void GraphWidget::scheduleArrivals()
{
    if (m_arrivalScheduled)
        return;
    m_arrivalScheduled = true;
    QTimer::singleShot(0, this, [this] {
        if (m_arrivalScheduled)
            processArrivals();
    });
}

void GraphWidget::processArrivals()
{
    m_arrivalScheduled = false;
    if (!m_tree.hasRoot())
        return;
    if (m_expandDepth != -2)
        for (const GraphRef& missing : m_tree.expandToDepth(m_expandDepth))
            request(missing);
    if (m_autoExpand)
        autoExpand();
    if (!m_restoreExpanded.empty())
        continueRestore();
    if (m_pendingModule)
        trySelectModule();
    if (m_pendingNodes)
        trySelectNodes();
    if (!m_query.empty())
        findText(qs(m_query));
    relayout();
}

void GraphWidget::setInlined(std::shared_ptr<const Graph> graph)
{
    m_inlinedGraph = std::move(graph);
    m_values->setInlinedGraph(m_inlinedGraph);
    applyValues();
    if (m_inlined) {
        m_fitPending = true;
        relayout();
    }
    if (m_pendingNodes)
        trySelectNodes();
}

void GraphWidget::request(const GraphRef& ref)
{
    if (m_tree.graphs().find(ref) || m_requested.count(ref) || m_store->isUnavailable(ref))
        return;
    if (auto held = m_store->graph(ref)) {
        m_tree.graphs().graphs[ref] = held;
        scheduleArrivals();
        return;
    }
    m_requested.insert(ref);
    m_lastRequest.start();
    m_store->request(ref);
}

int GraphWidget::visibleNodeCount() const
{
    if (m_inlined)
        return m_inlinedGraph
                   ? m_composer->view(m_inlinedGraph, m_tree.raw, m_tree.graphs().params.get())->nodeCount()
                   : 0;
    return m_tree.visibleNodeCount();
}

int GraphWidget::sceneNodeCount() const
{
    return m_layout ? m_layout->nodeCount : 0;
}

void GraphWidget::setRawMode(bool on)
{
    if (m_tree.raw == on)
        return;
    m_tree.raw = on;
    m_rawButton->setChecked(on);
    if (!m_query.empty())
        findText(qs(m_query));
    relayout();
}

void GraphWidget::setFocusMode(bool on)
{
    m_focusButton->setChecked(on);
    if (m_composer->focus() == on)
        return;
    // Clearing the composer's caches waits for a layout in progress (its result is then outdated).
    m_latest->store(++m_generation);
    m_composer->setFocus(on);
    if (!m_query.empty())
        findText(qs(m_query));
    relayout();
}

void GraphWidget::setInlinedMode(bool on)
{
    if (m_inlined == on)
        return;
    m_inlined = on;
    m_inlinedButton->setChecked(on);
    if (on && !m_inlinedGraph && !m_inlinedRequested && m_tree.hasRoot()) {
        m_inlinedRequested = true;
        m_lastRequest.start();
        if (m_store->request(inlinedRef())) // held already
            setInlined(m_store->graph(inlinedRef()));
    }
    m_fitPending = true;
    if (!m_query.empty())
        findText(qs(m_query));
    relayout();
}

void GraphWidget::fitToView()
{
    m_canvas->fitAll();
}

void GraphWidget::onSelectionChanged()
{
    if (m_quietSelection)
        return;
    const QList<QGraphicsItem*> selected = m_scene->selectedItems();
    if (selected.size() != 1 || selected.front()->type() != NodeItem::Type)
        return;
    reportNode(static_cast<NodeItem*>(selected.front()));
}

void GraphWidget::reportNode(const NodeItem* item)
{
    const layout::SceneNode& node = item->sceneNode();
    const ViewElement& element = node.get();
    if (!element.node)
        return;
    m_reported = navigation::NodeRef{node.instance, element.node->id};
    m_reportedValues = reportedValueIds();
    const std::string path = m_inlined ? element.node->module_path : node.view->graph->module_path;
    Q_EMIT nodeSelected(*element.node, qs(path));
}

} // namespace jitscope::ui
