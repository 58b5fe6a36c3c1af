#include "controlflowtab.h"

#include "qtstring.h"

#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace jitscope::ui {

namespace {

QString where(const SourceLocation& loc)
{
    return loc.valid() ? qs(loc.file) + QLatin1Char(':') + QString::number(loc.line) : QString();
}

QString moduleName(const std::string& path)
{
    return path.empty() ? ControlFlowTab::tr("(root)") : qs(path);
}

} // namespace

ControlFlowTab::ControlFlowTab(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderLabels({tr("Side"), tr("Kind"), tr("Module"), tr("Saved code"), tr("Original")});
    m_tree->setRootIsDecorated(false);
    m_codeLine = new QLabel(tr("Click a node to see its code line and select it in the graph."), this);
    m_codeLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_codeLine->setWordWrap(true);
    layout->addWidget(
        new QLabel(tr("prim::If / prim::Loop nodes without a counterpart on the other side — the "
                      "branches and loops a trace may have baked in:"),
                   this));
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_codeLine);
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) { onClicked(item); });
}

void ControlFlowTab::setReport(const CompareReport& report)
{
    m_tree->clear();
    m_nodes.clear();
    if (!report.control_flow)
        return;
    m_nodes = report.control_flow->nodes;
    for (const ControlFlowNode& n : m_nodes) {
        auto* item =
            new QTreeWidgetItem(m_tree, {n.side == "a" ? tr("A only") : tr("B only"), qs(n.kind),
                                         moduleName(n.module_path), where(n.source), where(n.original)});
        item->setToolTip(3, qs(n.source.text));
        item->setToolTip(4, qs(n.original.text));
    }
    for (int c = 0; c < m_tree->columnCount(); ++c)
        m_tree->resizeColumnToContents(c);
}

void ControlFlowTab::onClicked(QTreeWidgetItem* item)
{
    const int index = m_tree->indexOfTopLevelItem(item);
    if (index < 0 || static_cast<size_t>(index) >= m_nodes.size())
        return;
    const ControlFlowNode& n = m_nodes[static_cast<size_t>(index)];
    QString text = tr("<b>%1</b> in %2<br>saved code %3: <code>%4</code>")
                       .arg(qs(n.kind), moduleName(n.module_path), where(n.source),
                            qs(n.source.text).trimmed().toHtmlEscaped());
    if (n.original.valid())
        text += tr("<br>original %1: <code>%2</code>")
                    .arg(where(n.original), qs(n.original.text).trimmed().toHtmlEscaped());
    m_codeLine->setText(text);
    Q_EMIT nodeClicked(n.side == "a" ? 0 : 1, static_cast<qint64>(n.node_id));
}

} // namespace jitscope::ui
