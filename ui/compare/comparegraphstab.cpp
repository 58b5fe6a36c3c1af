#include "comparegraphstab.h"

#include "graph/graphstore.h"
#include "graphwidget.h"
#include "qtstring.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <map>

namespace jitscope::ui {

namespace {

// Op kind per module path → count, over an inlined graph.
std::map<std::pair<std::string, std::string>, int> kindsByModule(const Graph& g)
{
    std::map<std::pair<std::string, std::string>, int> counts;
    forEachNode(g.nodes, [&](const Node& n, int) { ++counts[{n.kind, n.module_path}]; });
    return counts;
}

} // namespace

CompareGraphsTab::CompareGraphsTab(GraphStore* a, GraphStore* b, QWidget* parent)
    : QWidget(parent), m_stores{a, b}
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(splitter);
    for (int side = 0; side < 2; ++side) {
        auto* pane = new QWidget(splitter);
        auto* paneLayout = new QVBoxLayout(pane);
        paneLayout->setContentsMargins(0, 0, 0, 0);
        paneLayout->addWidget(new QLabel(side == 0 ? tr("<b>A</b> (nodes only in A in colour)")
                                                   : tr("<b>B</b> (nodes only in B in colour)"),
                                         pane));
        m_graphs[side] = new GraphWidget(pane);
        m_graphs[side]->setStore(m_stores[side]);
        paneLayout->addWidget(m_graphs[side], 1);
        splitter->addWidget(pane);
        // The widget takes what it asked for from the store itself; the tab only watches for the inlined
        // graph, which the highlighting compares.
        connect(m_stores[side], &GraphStore::graphArrived, this,
                [this, side](const GraphRef& ref) { onGraphArrived(side, ref); });
        // The compare works on inlined graphs: show those once the root (which the inlined view needs) is in.
        connect(m_graphs[side], &GraphWidget::rootShown, m_graphs[side],
                [view = m_graphs[side]] { view->setInlinedMode(true); });
    }
}

void CompareGraphsTab::clear()
{
    m_method.clear();
    for (int side = 0; side < 2; ++side) {
        m_inlined[side].reset();
        m_graphs[side]->clear();
        m_graphs[side]->clearHeat();
    }
}

void CompareGraphsTab::showMethod(const QString& method, const std::optional<ModelInfo> info[2])
{
    m_method = method;
    for (int side = 0; side < 2; ++side) {
        if (info[side])
            m_graphs[side]->setModelInfo(*info[side]);
        m_graphs[side]->showRoot(GraphRef::method(std::string(), method.toStdString()));
        // Asked for here too, not only by the widget when it turns inlined: a widget already in the inlined
        // view does not ask again, and the highlighting needs both.
        const GraphRef inlined = GraphRef::method(std::string(), method.toStdString(), true);
        if (m_stores[side]->request(inlined))
            onGraphArrived(side, inlined);
    }
}

void CompareGraphsTab::onGraphArrived(int side, const GraphRef& ref)
{
    if (m_method.isEmpty() || ref != GraphRef::method(std::string(), m_method.toStdString(), true))
        return;
    m_inlined[side] = m_stores[side]->graph(ref);
    highlightOneSideNodes();
}

// Nodes of a kind and module that one side has more of are drawn in colour on that side.
void CompareGraphsTab::highlightOneSideNodes()
{
    if (!m_inlined[0] || !m_inlined[1])
        return;
    const auto a = kindsByModule(*m_inlined[0]);
    const auto b = kindsByModule(*m_inlined[1]);
    for (int side = 0; side < 2; ++side) {
        const auto& mine = side == 0 ? a : b;
        const auto& theirs = side == 0 ? b : a;
        std::vector<OpTime> rows;
        for (const auto& [key, count] : mine) {
            auto other = theirs.find(key);
            if (other == theirs.end() || other->second < count)
                rows.push_back(OpTime{key.first, key.second, 1, 1.0, 1.0});
        }
        if (rows.empty())
            m_graphs[side]->clearHeat();
        else
            m_graphs[side]->setHeat(rows);
    }
}

void CompareGraphsTab::selectNodes(int side, const std::vector<int64_t>& nodeIds)
{
    m_graphs[side]->selectNodes({}, m_method, true, nodeIds);
}

void CompareGraphsTab::selectModule(const std::string& modulePath)
{
    for (int side = 0; side < 2; ++side) {
        if (!m_inlined[side])
            continue;
        std::vector<int64_t> ids;
        forEachNode(m_inlined[side]->nodes, [&](const Node& n, int) {
            if (n.module_path == modulePath ||
                (!modulePath.empty() && n.module_path.rfind(modulePath + ".", 0) == 0))
                ids.push_back(n.id);
        });
        if (!ids.empty())
            selectNodes(side, ids);
    }
}

} // namespace jitscope::ui
