// MainWindow's selection links: graph node <-> details <-> code line <-> module tree.
#include "mainwindow.h"

#include "codeview.h"
#include "detailspanel.h"
#include "filterproxy.h"
#include "format.h"
#include "graph/graphwidget.h"
#include "graph/valueoverlay.h"
#include "modelcontroller.h"
#include "moduletreemodel.h"

#include <QDockWidget>
#include <QLineEdit>
#include <QTreeView>

#include <map>
#include <utility>

namespace jitscope::ui {

void MainWindow::showNodeDetails(const Node& node, const QString& modulePath)
{
    const ModuleInfo* called = nullptr;
    if (node.callee && node.callee->kind == CalleeKind::Method) {
        for (const ModuleInfo& module : m_controller->info().modules) {
            if (module.path == node.callee->module_path)
                called = &module;
        }
    }
    std::vector<ValueRow> values;
    for (const GraphWidget::PortValue& port : m_graph->selectedNodeValues())
        for (const RecordedValue* value : m_graph->valueOverlay().index().valuesOf(port.value))
            values.push_back({value->element.empty() ? port.port : port.port + QStringLiteral(" [%1]").arg(qs(value->element)),
                              ValueOverlay::summary(*value), port.value, qs(value->element), value->nonFinite()});
    m_details->showNode(node, modulePath, called, values);
}

void MainWindow::onNodeSelected(const Node& node, const QString& modulePath)
{
    showNodeDetails(node, modulePath);
    if (node.source.valid())
        m_code->showLocation(qs(node.source.file), node.source.line, qs(node.source.text));
    // Follow in the tree without bouncing the selection back into the graph. A call box stands for the
    // module it calls, not for the caller whose graph holds it.
    QString treePath = modulePath;
    if (node.callee && node.callee->kind == CalleeKind::Method)
        treePath = qs(node.callee->module_path);
    const QModelIndex index = m_moduleProxy->mapFromSource(m_moduleModel->indexForPath(treePath));
    if (index.isValid()) {
        m_syncingSelection = true;
        m_moduleView->setCurrentIndex(index);
        m_moduleView->scrollTo(index);
        m_syncingSelection = false;
    }
}

void MainWindow::onCodeLine(const QString& file, int line)
{
    const std::vector<NodeRef> nodes = m_sources.nodesAt(file, line);
    m_details->showNodes(nodes, file, line);
    // The graph view selects in one graph: of the graphs the view's current mode draws, the first by module
    // path (for a class that several modules share, its first instance).
    const bool inlined = m_graph->isInlinedMode();
    std::map<GraphRef, std::vector<int64_t>> byGraph;
    for (const NodeRef& ref : nodes)
        if (ref.ref.inlined == inlined)
            byGraph[ref.ref].push_back(ref.node->id);
    if (!byGraph.empty()) {
        const auto& [graph, ids] = *byGraph.begin();
        m_graph->selectNodes(graph, ids);
    }
}

void MainWindow::showCodeLocation(const QString& file, int line, const QString& text)
{
    m_codeDock->show();
    m_codeDock->raise();
    m_code->showLocation(file, line, text);
}

void MainWindow::selectModule(const QString& modulePath)
{
    QModelIndex source = m_moduleModel->indexForPath(modulePath);
    if (!source.isValid())
        return;
    if (!m_moduleProxy->mapFromSource(source).isValid())
        m_moduleFilter->clear(); // filtered out: show everything again
    const QModelIndex index = m_moduleProxy->mapFromSource(source);
    m_moduleView->setCurrentIndex(index);
    m_moduleView->scrollTo(index);
}

} // namespace jitscope::ui
