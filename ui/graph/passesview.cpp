#include "passesview.h"

#include "graphwidget.h"
#include "passkindsmodel.h"
#include "qtstring.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

namespace jitscope::ui {

QStringList PassesView::passNames()
{
    return {QStringLiteral("saved"), QStringLiteral("inlined"), QStringLiteral("frozen"),
            QStringLiteral("optimized"), QStringLiteral("executed")};
}

PassesView::PassesView(QWidget* parent) : QWidget(parent)
{
    m_kinds = new PassKindsModel(this);
    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->addWidget(buildPane(m_panes[0], false));
    m_splitter->addWidget(buildPane(m_panes[1], true));
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("passKinds"));
    m_table->setModel(m_kinds);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // The table has its own tab: beside two graphs it took the width they need, and a window holding both
    // grew past a 1600-px screen, squeezing the docks.
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("passTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_splitter, tr("Graphs"));
    m_tabs->addTab(m_table, tr("Op kinds"));
    auto* choosers = new QHBoxLayout;
    choosers->setContentsMargins(6, 3, 6, 3);
    choosers->addWidget(new QLabel(tr("Pass")));
    choosers->addWidget(m_panes[0].chooser);
    choosers->addWidget(new QLabel(tr("beside it")));
    choosers->addWidget(m_panes[1].chooser);
    choosers->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(choosers);
    layout->addWidget(m_tabs, 1);
    m_panes[1].stack->parentWidget()->hide();
}

QWidget* PassesView::buildPane(Pane& pane, bool optional)
{
    pane.chooser = new QComboBox;
    pane.chooser->setObjectName(optional ? QStringLiteral("rightPass") : QStringLiteral("leftPass"));
    if (optional)
        pane.chooser->addItem(tr("(none)"), QString());
    for (const QString& pass : passNames())
        pane.chooser->addItem(pass, pass);
    pane.count = new QLabel;
    pane.count->setObjectName(QStringLiteral("passCount"));
    pane.count->setStyleSheet(QStringLiteral("color: #5b6475; padding: 3px 6px;"));
    pane.stack = new QStackedWidget;
    pane.graph = new GraphWidget;
    // Only the buttons a pass graph needs (Focus, Raw IR, Fit, Find): a pass is drawn flat, without heat, and
    // two panes must fit beside the docks. With the full toolbar one pane needed 740 px and switching to it
    // took the room from the docks.
    pane.graph->setCompactToolBar(true);
    pane.message = new QLabel;
    pane.message->setWordWrap(true);
    pane.message->setAlignment(Qt::AlignCenter);
    pane.message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pane.message->setMargin(24);
    pane.stack->addWidget(pane.graph);
    pane.stack->addWidget(pane.message);
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(pane.count);
    layout->addWidget(pane.stack, 1);
    if (optional) {
        connect(pane.chooser, &QComboBox::currentIndexChanged, this,
                [this] { showPasses(leftPass(), m_panes[1].chooser->currentData().toString()); });
    } else {
        connect(pane.chooser, &QComboBox::currentIndexChanged, this, [this] {
            showPasses(m_panes[0].chooser->currentData().toString(), rightPass());
            Q_EMIT leftPassChanged(leftPass());
        });
    }
    return box;
}

void PassesView::setModelInfo(const ModelInfo& info)
{
    m_info = info;
    clear();
}

void PassesView::clear()
{
    m_graphs.clear();
    m_errors.clear();
    m_requested.clear();
    m_kinds->clear();
    for (Pane& pane : m_panes) {
        pane.shown.clear();
        if (m_info)
            pane.graph->setModelInfo(*m_info);
        else
            pane.graph->clear();
        pane.count->clear();
    }
}

void PassesView::request(const QString& pass)
{
    if (pass.isEmpty() || m_graphs.count(pass) || m_errors.count(pass) || m_requested[pass])
        return;
    m_requested[pass] = true;
    Q_EMIT passRequested(pass);
}

void PassesView::showPasses(const QString& left, const QString& right)
{
    {
        const QSignalBlocker a(m_panes[0].chooser), b(m_panes[1].chooser);
        m_panes[0].chooser->setCurrentIndex(std::max(0, m_panes[0].chooser->findData(left)));
        m_panes[1].chooser->setCurrentIndex(std::max(0, m_panes[1].chooser->findData(right)));
    }
    m_panes[1].stack->parentWidget()->setVisible(!right.isEmpty());
    m_tabs->setTabText(1, right.isEmpty() ? tr("Op kinds: saved vs %1").arg(left)
                                          : tr("Op kinds: saved vs %1 vs %2").arg(left, right));
    m_kinds->setPasses({QStringLiteral("saved"), left, right});
    request(QStringLiteral("saved")); // the reference of the counts
    request(left);
    request(right);
    for (Pane& pane : m_panes)
        refreshPane(pane);
}

void PassesView::refreshPane(Pane& pane)
{
    const QString pass = pane.chooser->currentData().toString();
    if (pass.isEmpty())
        return;
    if (auto error = m_errors.find(pass); error != m_errors.end()) {
        pane.message->setText(tr("The %1 pass failed on this model:\n\n%2").arg(pass, error->second));
        pane.stack->setCurrentWidget(pane.message);
        pane.count->clear();
        pane.shown.clear();
        return;
    }
    auto graph = m_graphs.find(pass);
    if (graph == m_graphs.end()) {
        pane.message->setText(tr("Running the %1 pass…").arg(pass));
        pane.stack->setCurrentWidget(pane.message);
        pane.count->clear();
        return;
    }
    pane.stack->setCurrentWidget(pane.graph);
    const int saved = m_kinds->count(QStringLiteral("saved"), QString());
    const int nodes = static_cast<int>(recursiveNodeCount(graph->second));
    pane.count->setText(saved >= 0 && pass != QStringLiteral("saved")
                            ? tr("%1 nodes (saved: %2)").arg(nodes).arg(saved)
                            : tr("%1 nodes").arg(nodes));
    if (pane.shown == pass)
        return;
    pane.shown = pass;
    // Pass graphs are flat (or, saved, the method with its calls as boxes): drawn like the inlined view,
    // grouped by module path.
    pane.graph->setRootGraph(graph->second);
    pane.graph->setInlinedGraph(graph->second);
    pane.graph->setInlinedMode(true);
}

void PassesView::setPassGraph(const QString& pass, const Graph& graph)
{
    m_requested.erase(pass);
    m_graphs[pass] = graph;
    m_kinds->setCounts(pass, kindHistogram(graph), static_cast<int>(recursiveNodeCount(graph)));
    for (Pane& pane : m_panes)
        refreshPane(pane);
}

void PassesView::setPassError(const QString& pass, const QString& message)
{
    m_requested.erase(pass);
    m_errors[pass] = message;
    for (Pane& pane : m_panes)
        refreshPane(pane);
}

QString PassesView::leftPass() const
{
    return m_panes[0].chooser->currentData().toString();
}

QString PassesView::rightPass() const
{
    return m_panes[1].chooser->currentData().toString();
}

GraphWidget* PassesView::pane(int i) const
{
    return m_panes[i].graph;
}

QString PassesView::paneMessage(int i) const
{
    return m_panes[i].stack->currentWidget() == m_panes[i].message ? m_panes[i].message->text() : QString();
}

QComboBox* PassesView::rightChooser() const
{
    return m_panes[1].chooser;
}

} // namespace jitscope::ui
