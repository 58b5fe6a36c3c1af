#include "selectionsync.h"

#include "codeview.h"
#include "detailspanel.h"
#include "docklayout.h"
#include "graph/graphwidget.h"
#include "graph/valueoverlay.h"
#include "mainwindow.h"
#include "modelcontroller.h"
#include "modulespane.h"
#include "moduletreemodel.h"
#include "parameterview.h"
#include "qtstring.h"

#include <QDockWidget>
#include <QItemSelectionModel>
#include <QTreeView>

#include <map>
#include <utility>

namespace jitscope::ui {

SelectionSync::SelectionSync(MainWindow* window, ModulesPane* modules, DockLayout* docks)
    : QObject(window), m_window(window), m_modules(modules), m_docks(docks)
{
    GraphWidget* graph = window->graphWidget();
    DetailsPanel* details = window->detailsPanel();
    connect(modules->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid() && !m_following)
                    onModuleCurrent(current.data(ModuleTreeModel::ModulePathRole).toString());
            });
    connect(graph, &GraphWidget::nodeSelected, this, &SelectionSync::onNodeSelected);
    // Values recorded (or dropped) after the node was selected: the Details page follows, nothing else moves.
    connect(graph, &GraphWidget::selectedNodeValuesChanged, this,
            [this, details](const Node& node, const QString& path) {
                if (details->subject() == DetailsPanel::Subject::Node)
                    showNodeDetails(node, path);
            });
    connect(graph, &GraphWidget::selectedNodeRemoved, this, [details] {
        if (details->subject() == DetailsPanel::Subject::Node)
            details->showPlaceholder(
                tr("The node shown here is no longer drawn (its module was collapsed). Select another."));
    });
    connect(window->codeView(), &CodeView::lineActivated, this, &SelectionSync::onCodeLine);
    connect(details, &DetailsPanel::codeLinkActivated, this, &SelectionSync::showCodeLocation);
    connect(details, &DetailsPanel::moduleLinkActivated, window, &MainWindow::selectModule);
    connect(window->parameterView(), &ParameterView::moduleActivated, window, &MainWindow::selectModule);
}

void SelectionSync::onModuleCurrent(const QString& modulePath)
{
    m_window->graphWidget()->selectModule(modulePath);
    for (const ModuleInfo& module : m_window->controller()->info().modules) {
        if (qs(module.path) == modulePath) {
            m_window->detailsPanel()->showModule(module);
            m_window->codeView()->showEntry(qs(module.type), QStringLiteral("forward"));
            break;
        }
    }
}

void SelectionSync::showNodeDetails(const Node& node, const QString& modulePath)
{
    const ModuleInfo* called = nullptr;
    if (node.callee && node.callee->kind == CalleeKind::Method) {
        for (const ModuleInfo& module : m_window->controller()->info().modules) {
            if (module.path == node.callee->module_path)
                called = &module;
        }
    }
    const GraphWidget* graph = m_window->graphWidget();
    std::vector<ValueRow> values;
    for (const GraphWidget::PortValue& port : graph->selectedNodeValues())
        for (const RecordedValue* value : graph->valueOverlay().index().valuesOf(port.value))
            values.push_back(
                {value->element.empty() ? port.port
                                        : port.port + QStringLiteral(" [%1]").arg(qs(value->element)),
                 ValueOverlay::summary(*value), port.value, qs(value->element), value->nonFinite()});
    m_window->detailsPanel()->showNode(node, modulePath, called, values);
}

void SelectionSync::onNodeSelected(const Node& node, const QString& modulePath)
{
    showNodeDetails(node, modulePath);
    if (node.source.valid())
        m_window->codeView()->showLocation(qs(node.source.file), node.source.line, qs(node.source.text));
    // Follow in the tree without bouncing the selection back into the graph. A call box stands for the
    // module it calls, not for the caller whose graph holds it.
    QString treePath = modulePath;
    if (node.callee && node.callee->kind == CalleeKind::Method)
        treePath = qs(node.callee->module_path);
    m_following = true;
    m_modules->followModule(treePath);
    m_following = false;
}

void SelectionSync::onCodeLine(const QString& file, int line)
{
    const std::vector<NodeRef> nodes = m_window->sources().nodesAt(file, line);
    m_window->detailsPanel()->showNodes(nodes, file, line);
    // The graph view selects in one graph: of the graphs the view's current mode draws, the first by module
    // path (for a class that several modules share, its first instance).
    GraphWidget* graph = m_window->graphWidget();
    const bool inlined = graph->isInlinedMode();
    std::map<GraphRef, std::vector<int64_t>> byGraph;
    for (const NodeRef& ref : nodes)
        if (ref.ref.inlined == inlined)
            byGraph[ref.ref].push_back(ref.node->id);
    if (!byGraph.empty()) {
        const auto& [ref, ids] = *byGraph.begin();
        graph->selectNodes(ref, ids);
    }
}

void SelectionSync::showCodeLocation(const QString& file, int line, const QString& text)
{
    QDockWidget* dock = m_docks->codeDock();
    dock->show();
    dock->raise();
    m_window->codeView()->showLocation(file, line, text);
}

} // namespace jitscope::ui
