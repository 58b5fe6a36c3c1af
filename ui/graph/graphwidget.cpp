#include "graphwidget.h"

#include "graphcanvas.h"
#include "graphitems.h"
#include "graphkeys.h"
#include "graphstyle.h"
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
using namespace graphkeys;

GraphWidget::GraphWidget(QWidget* parent)
    : QWidget(parent), m_composer(std::make_shared<layout::Composer>(graphstyle::textMetrics())),
      m_tree(*m_composer), m_values(std::make_unique<ValueOverlay>())
{
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
    row->addWidget(buildHeatLegend(bar));
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
    m_tree.reset(std::string());
    m_composer->clear();
    m_inlinedGraph.reset();
    m_values->setInlinedGraph(nullptr);
    m_inlinedRequested = false;
    m_requested.clear();
    m_unavailable.clear();
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

void GraphWidget::setRootGraph(const Graph& graph)
{
    auto params = m_tree.graphs().params;
    clear();
    m_tree.graphs().params = params;
    m_rootPath = graph.module_path;
    m_rootMethod = graph.method;
    const std::string key = graphKey(graph.module_path, graph.method);
    m_tree.graphs().graphs[key] = std::make_shared<const Graph>(graph);
    m_tree.reset(key);
    m_autoExpand = true;
    m_fitPending = true;
    autoExpand();
    relayout();
}

void GraphWidget::addGraph(const Graph& graph)
{
    const std::string key = keyOf(graph);
    m_requested.erase(key);
    if (m_tree.rootKey().empty())
        return;
    m_tree.graphs().graphs[key] = std::make_shared<const Graph>(graph);
    // Graphs come in bursts (expand all asks for dozens at once): what depends on them is worked out once
    // for the whole burst, after the event loop has delivered it.
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
    if (m_tree.rootKey().empty())
        return;
    if (m_expandDepth != -2)
        for (const std::string& missing : m_tree.expandToDepth(m_expandDepth))
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

void GraphWidget::setInlinedGraph(const Graph& graph)
{
    m_inlinedGraph = std::make_shared<const Graph>(graph);
    m_values->setInlinedGraph(m_inlinedGraph);
    applyValues();
    if (m_inlined) {
        m_fitPending = true;
        relayout();
    }
    if (m_pendingNodes)
        trySelectNodes();
}

void GraphWidget::graphUnavailable(const QString& modulePath, const QString& method)
{
    const std::string key = keyOf(modulePath.toStdString(), method.toStdString());
    if (m_requested.erase(key) == 0)
        return;
    m_unavailable.insert(key);
    relayout(); // a layout may be waiting for it
}

void GraphWidget::request(const std::string& key)
{
    if (m_tree.graphs().find(key) || m_unavailable.count(key) || !m_requested.insert(key).second)
        return;
    m_lastRequest.start();
    if (key.rfind(functionPrefix, 0) == 0) {
        Q_EMIT functionGraphRequested(qs(key.substr(functionPrefix.size())));
        return;
    }
    const auto [path, method] = splitKey(key);
    Q_EMIT graphRequested(qs(path), qs(method), false);
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
    if (on && !m_inlinedGraph && !m_inlinedRequested && !m_tree.rootKey().empty()) {
        m_inlinedRequested = true;
        m_lastRequest.start();
        Q_EMIT graphRequested(qs(m_rootPath), qs(m_rootMethod), true);
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
