// MainWindow's selection links: graph node <-> details <-> code line <-> module tree.
#include "mainwindow.h"

#include "codeview.h"
#include "detailspanel.h"
#include "filterproxy.h"
#include "format.h"
#include "graph/graphwidget.h"
#include "modelcontroller.h"
#include "moduletreemodel.h"

#include <QDockWidget>
#include <QLineEdit>
#include <QTreeView>

#include <map>
#include <tuple>
#include <type_traits>

namespace jitscope::ui {

void MainWindow::onNodeSelected(const Node& node, const QString& modulePath)
{
    const ModuleInfo* called = nullptr;
    if (node.callee && node.callee->kind == "method") {
        for (const ModuleInfo& module : m_controller->info().modules) {
            if (module.path == node.callee->module_path)
                called = &module;
        }
    }
    m_details->showNode(node, modulePath, called);
    if (node.source.valid())
        m_code->showLocation(qs(node.source.file), node.source.line, qs(node.source.text));
    // Follow in the tree without bouncing the selection back into the graph. A call box stands for the
    // module it calls, not for the caller whose graph holds it.
    QString treePath = modulePath;
    if (node.callee && node.callee->kind == "method")
        treePath = qs(node.callee->module_path);
    const QModelIndex index = m_moduleProxy->mapFromSource(m_moduleModel->indexForPath(treePath));
    if (index.isValid()) {
        m_syncingSelection = true;
        m_moduleView->setCurrentIndex(index);
        m_moduleView->scrollTo(index);
        m_syncingSelection = false;
    }
}

namespace {
// GraphWidget::selectNodes(modulePath, method, inlined, ids) is asked of ui/graph; until it exists the
// details panel alone lists a line's nodes, and this switches the graph selection on once it does.
template<class W, class = void> struct CanSelectNodes : std::false_type
{
};
template<class W>
struct CanSelectNodes<W, std::void_t<decltype(std::declval<W&>().selectNodes(
                             QString(), QString(), false, std::vector<int64_t>()))>> : std::true_type
{
};

template<class W> void selectNodesInGraph(W* graph, const std::vector<NodeRef>& nodes)
{
    if constexpr (CanSelectNodes<W>::value) {
        std::map<std::tuple<std::string, std::string, bool>, std::vector<int64_t>> byGraph;
        for (const NodeRef& ref : nodes)
            byGraph[{ref.graph->module_path, ref.graph->method, ref.graph->inlined}].push_back(ref.node->id);
        for (const auto& [key, ids] : byGraph)
            graph->selectNodes(qs(std::get<0>(key)), qs(std::get<1>(key)), std::get<2>(key), ids);
    } else {
        (void)graph;
        (void)nodes;
    }
}
} // namespace

void MainWindow::onCodeLine(const QString& file, int line)
{
    const std::vector<NodeRef> nodes = m_sources.nodesAt(file, line);
    m_details->showNodes(nodes, file, line);
    selectNodesInGraph(m_graph, nodes);
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
