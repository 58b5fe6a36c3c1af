// CompareView's detail tabs: control flow only in one side, op kinds, module trees in step, the two graphs
// (one-side-only nodes highlighted through the graph's heat colouring) and the timing chart.
#include "compareview.h"

#include "graphwidget.h"
#include "qtstring.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <map>
#include <set>

namespace jitscope::ui {

namespace {

QString where(const SourceLocation& loc)
{
    return loc.valid() ? qs(loc.file) + QLatin1Char(':') + QString::number(loc.line) : QString();
}

constexpr int NodeIdRole = Qt::UserRole + 1;
constexpr int SideRole = Qt::UserRole + 2;

// Op kind per module path → count, over an inlined graph.
std::map<std::pair<std::string, std::string>, int> kindsByModule(const Graph& g)
{
    std::map<std::pair<std::string, std::string>, int> counts;
    forEachNode(g.nodes, [&](const Node& n, int) { ++counts[{n.kind, n.module_path}]; });
    return counts;
}

} // namespace

QWidget* CompareView::buildControlFlowTab()
{
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    m_controlFlow = new QTreeWidget(tab);
    m_controlFlow->setHeaderLabels({tr("Side"), tr("Kind"), tr("Module"), tr("Saved code"), tr("Original")});
    m_controlFlow->setRootIsDecorated(false);
    m_codeLine = new QLabel(tr("Click a node to see its code line and select it in the graph."), tab);
    m_codeLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_codeLine->setWordWrap(true);
    layout->addWidget(new QLabel(tr("prim::If / prim::Loop nodes without a counterpart on the other side — the "
                                    "branches and loops a trace may have baked in:"),
                                 tab));
    layout->addWidget(m_controlFlow, 1);
    layout->addWidget(m_codeLine);
    connect(m_controlFlow, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) { onControlFlowClicked(item); });
    return tab;
}

QWidget* CompareView::buildGraphsTab()
{
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    for (int side = 0; side < 2; ++side) {
        auto* pane = new QWidget(splitter);
        auto* layout = new QVBoxLayout(pane);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(new QLabel(side == 0 ? tr("<b>A</b> (nodes only in A in colour)") : tr("<b>B</b> (nodes only in B in colour)"), pane));
        m_graphs[side] = new GraphWidget(pane);
        layout->addWidget(m_graphs[side], 1);
        splitter->addWidget(pane);
        connect(m_graphs[side], &GraphWidget::graphRequested, this,
                [this, side](const QString& path, const QString& method, bool inlined) {
                    m_controller->requestGraph(side, path, method, inlined);
                });
    }
    return splitter;
}

QWidget* CompareView::buildTimingTab()
{
    m_timingTab = new QWidget(this);
    new QVBoxLayout(m_timingTab);
    return m_timingTab;
}

void CompareView::fillControlFlow(const CompareReport& report)
{
    m_controlFlow->clear();
    if (!report.control_flow)
        return;
    for (const ControlFlowNode& n : report.control_flow->nodes) {
        auto* item = new QTreeWidgetItem(m_controlFlow, {n.side == "a" ? QStringLiteral("A only") : QStringLiteral("B only"),
                                                         qs(n.kind), n.module_path.empty() ? tr("(root)") : qs(n.module_path),
                                                         where(n.source), where(n.original)});
        item->setData(0, NodeIdRole, static_cast<qlonglong>(n.node_id));
        item->setData(0, SideRole, n.side == "a" ? 0 : 1);
        item->setToolTip(3, qs(n.source.text));
        item->setToolTip(4, qs(n.original.text));
    }
    for (int c = 0; c < m_controlFlow->columnCount(); ++c)
        m_controlFlow->resizeColumnToContents(c);
}

void CompareView::onControlFlowClicked(QTreeWidgetItem* item)
{
    if (!m_report || !m_report->control_flow)
        return;
    const int index = m_controlFlow->indexOfTopLevelItem(item);
    if (index < 0)
        return;
    const ControlFlowNode& n = m_report->control_flow->nodes[static_cast<size_t>(index)];
    QString text = tr("<b>%1</b> in %2<br>saved code %3: <code>%4</code>")
                       .arg(qs(n.kind), n.module_path.empty() ? tr("(root)") : qs(n.module_path), where(n.source),
                            qs(n.source.text).trimmed().toHtmlEscaped());
    if (n.original.valid())
        text += tr("<br>original %1: <code>%2</code>").arg(where(n.original), qs(n.original.text).trimmed().toHtmlEscaped());
    m_codeLine->setText(text);
    const int side = n.side == "a" ? 0 : 1;
    m_graphs[side]->selectNodes({}, qs(m_report->method), true, {n.node_id});
}

void CompareView::fillOpKinds(const CompareReport& report)
{
    m_opKinds->clear();
    if (!report.structure)
        return;
    for (const KindCount& k : report.structure->differences)
        new QTreeWidgetItem(m_opKinds, {qs(k.kind), QString::number(k.a), QString::number(k.b)});
    m_opKinds->resizeColumnToContents(0);
}

// Both module lists matched by path, in A's order then B's extras; modules whose parameters differ marked.
void CompareView::fillModules()
{
    m_modules->clear();
    std::map<std::string, std::string> typeA, typeB;
    std::vector<std::string> order;
    for (int side = 0; side < 2; ++side)
        if (m_info[side])
            for (const ModuleInfo& m : m_info[side]->modules) {
                auto& types = side == 0 ? typeA : typeB;
                if (!typeA.count(m.path) && !typeB.count(m.path))
                    order.push_back(m.path);
                types[m.path] = m.type;
            }
    std::set<std::string> differing;
    if (m_report)
        for (const ParameterRow& row : m_report->parameters.rows)
            if (row.status != "matched" || row.max_abs_diff > 0) {
                const size_t dot = row.name.rfind('.');
                differing.insert(dot == std::string::npos ? std::string() : row.name.substr(0, dot));
            }
    std::string divergent;
    if (m_report && m_report->first_divergence && m_report->first_divergence->found)
        divergent = m_report->first_divergence->module_path;
    std::map<std::string, QTreeWidgetItem*> items;
    for (const std::string& path : order) {
        const size_t dot = path.rfind('.');
        const std::string parent = path.empty() ? std::string("\x01") : dot == std::string::npos ? std::string() : path.substr(0, dot);
        QTreeWidgetItem* parentItem = items.count(parent) ? items[parent] : nullptr;
        QStringList columns{path.empty() ? tr("(root)") : qs(path.substr(dot == std::string::npos ? 0 : dot + 1)),
                            typeA.count(path) ? qs(typeA[path]) : QStringLiteral("—"),
                            typeB.count(path) ? qs(typeB[path]) : QStringLiteral("—")};
        QString status;
        if (!typeA.count(path))
            status = tr("only in B");
        else if (!typeB.count(path))
            status = tr("only in A");
        else if (typeA[path] != typeB[path])
            status = tr("other type");
        if (differing.count(path))
            status += (status.isEmpty() ? QString() : QStringLiteral(", ")) + tr("parameters differ");
        if (!divergent.empty() && path == divergent)
            status += (status.isEmpty() ? QString() : QStringLiteral(", ")) + tr("first divergence");
        columns << status;
        auto* item = parentItem ? new QTreeWidgetItem(parentItem, columns) : new QTreeWidgetItem(m_modules, columns);
        if (!status.isEmpty())
            for (int c = 0; c < 4; ++c)
                item->setForeground(c, QColor(0xb0, 0x30, 0x20));
        items[path] = item;
    }
    m_modules->expandAll();
    m_modules->resizeColumnToContents(0);
}

void CompareView::fillTiming(const CompareReport& report)
{
    QLayout* layout = m_timingTab->layout();
    while (QLayoutItem* item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!report.timing || report.timing->iters == 0) {
        layout->addWidget(new QLabel(tr("No timing (a side failed on the example, or iters was 0)."), m_timingTab));
        return;
    }
    auto* chart = new QChart;
    double top = 0;
    for (int side = 0; side < 2; ++side) {
        auto* series = new QLineSeries;
        const auto& samples = side == 0 ? report.timing->a_ms : report.timing->b_ms;
        series->setName(tr("%1: median %2 ms").arg(side == 0 ? QStringLiteral("A") : QStringLiteral("B"))
                             .arg(side == 0 ? report.timing->a_median_ms : report.timing->b_median_ms, 0, 'g', 4));
        for (size_t i = 0; i < samples.size(); ++i) {
            series->append(static_cast<double>(i), samples[i]);
            top = std::max(top, samples[i]);
        }
        chart->addSeries(series);
    }
    chart->setTitle(tr("Alternating calls on the example (ms per call), B/A = %1").arg(report.timing->ratio, 0, 'g', 4));
    auto* x = new QValueAxis;
    x->setTitleText(tr("call"));
    x->setLabelFormat(QStringLiteral("%d"));
    auto* y = new QValueAxis;
    y->setTitleText(tr("ms"));
    y->setRange(0, top * 1.1);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    layout->addWidget(new QChartView(chart, m_timingTab));
}

void CompareView::onGraphArrived(int side, const Graph& graph)
{
    GraphWidget* view = m_graphs[side];
    if (graph.inlined) {
        m_inlined[side] = graph;
        view->setInlinedGraph(graph);
        highlightOneSideNodes();
        return;
    }
    if (graph.module_path.empty() && m_report && graph.method == m_report->method && !view->isInlinedMode()) {
        if (m_info[side])
            view->setModelInfo(*m_info[side]);
        view->setRootGraph(graph);
        view->setInlinedMode(true); // the compare works on inlined graphs: show those
        return;
    }
    view->addGraph(GraphRef::method(graph.module_path, graph.method), graph);
}

// Nodes of a kind and module that one side has more of are drawn in colour on that side.
void CompareView::highlightOneSideNodes()
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

void CompareView::showDivergenceInGraphs()
{
    if (!m_report || !m_report->first_divergence || !m_report->first_divergence->found)
        return;
    const QString path = qs(m_report->first_divergence->module_path);
    m_tabs->setCurrentIndex(m_tabs->count() - 2); // Graphs
    for (int side = 0; side < 2; ++side) {
        if (!m_inlined[side])
            continue;
        std::vector<int64_t> ids;
        forEachNode(m_inlined[side]->nodes, [&](const Node& n, int) {
            if (n.module_path == path.toStdString() ||
                (!path.isEmpty() && n.module_path.rfind(path.toStdString() + ".", 0) == 0))
                ids.push_back(n.id);
        });
        if (!ids.empty())
            m_graphs[side]->selectNodes({}, qs(m_report->method), true, ids);
    }
}

} // namespace jitscope::ui
