#include "viewstate.h"

#include "filterproxy.h"
#include "format.h"
#include "mainwindow.h"
#include "modelcontroller.h"
#include "moduletreemodel.h"

#include <QTreeView>

#include <functional>

namespace jitscope::ui {

ViewStateKeeper::ViewStateKeeper(MainWindow* window) : QObject(window), m_window(window)
{
    connect(window, &MainWindow::rootGraphShown, this, &ViewStateKeeper::onRootGraphShown);
}

WindowViewState ViewStateKeeper::capture() const
{
    WindowViewState state;
    QTreeView* tree = m_window->moduleView();
    state.module = tree->currentIndex().data(ModuleTreeModel::ModulePathRole).toString();
    state.method = m_window->rootMethod();
    // Walks the proxy's rows: what is not shown (filtered out) is not expanded either.
    const QAbstractItemModel* model = tree->model();
    std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            if (tree->isExpanded(index)) {
                state.expandedModules << index.data(ModuleTreeModel::ModulePathRole).toString();
                walk(index);
            }
        }
    };
    walk({});
    state.graph = m_window->graphWidget()->viewState();
    return state;
}

void ViewStateKeeper::restore(const WindowViewState& state)
{
    QTreeView* tree = m_window->moduleView();
    for (const QString& path : state.expandedModules) {
        const QModelIndex index =
            m_window->moduleProxy()->mapFromSource(m_window->moduleModel()->indexForPath(path));
        if (index.isValid())
            tree->expand(index);
    }
    if (!state.module.isEmpty())
        m_window->selectModule(state.module); // nothing happens when it no longer exists
    bool methodExists = false;
    for (const MethodInfo& method : m_window->controller()->info().summary.methods)
        methodExists |= qs(method.name) == state.method;
    if (methodExists && state.method != m_window->rootMethod())
        m_window->showMethod(state.method);
    // Another method's calls are other instances: its graph starts with the default view.
    if (state.method == m_window->rootMethod())
        m_pendingGraph = state.graph;
}

void ViewStateKeeper::cancel()
{
    m_pendingGraph.reset();
}

void ViewStateKeeper::onRootGraphShown()
{
    if (!m_pendingGraph)
        return;
    m_window->graphWidget()->restoreViewState(*m_pendingGraph);
    m_pendingGraph.reset();
}

} // namespace jitscope::ui
