#include "graphtoolbar.h"

#include "elidinglabel.h"
#include "heatoverlay.h"

#include <QHBoxLayout>
#include <QMenu>
#include <QSettings>
#include <QToolButton>

namespace jitscope::ui {

GraphToolBar::GraphToolBar(QWidget* parent) : QWidget(parent)
{
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(6, 3, 6, 3);
    row->setSpacing(2); // auto-raised buttons pad themselves; the room goes to the status
    auto button = [&](const QString& text, const QString& tip, bool checkable = false) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setCheckable(checkable);
        b->setAutoRaise(true);
        row->addWidget(b);
        return b;
    };
    QToolButton* expand = button(tr("Expand all"), tr("Expand every module call"));
    QToolButton* collapse = button(tr("Collapse all"), tr("Collapse every module call"));
    m_inlined = button(tr("Inlined"), tr("Show the flat inlined graph"), true);
    m_focus = button(tr("Focus on data flow"),
                     tr("Fold asserts and shape checks into a count, and show only the eval-mode side of "
                        "`if self.training`; Raw IR still shows everything"),
                     true);
    m_focus->setObjectName(QStringLiteral("focusButton"));
    m_focus->setChecked(QSettings().value(QStringLiteral("graph/focus"), true).toBool());
    m_raw = button(tr("Raw IR"), tr("Draw every node: GetAttr, Constant, ListConstruct …"), true);
    m_heat = button(tr("Heat"), tr("Colour the boxes by their share of the last profile's self time"), true);
    m_heat->setEnabled(false);
    QToolButton* fit = button(tr("Fit"), tr("Fit the whole graph in the window (0)"));
    m_map = button(tr("Map"), tr("Show the minimap in the bottom right corner (M)"), true);
    m_map->setObjectName(QStringLiteral("minimapButton"));
    m_map->setChecked(QSettings().value(QStringLiteral("graph/minimap"), true).toBool());
    QToolButton* find = button(tr("Find"), tr("Find (Ctrl+F)"));
    QToolButton* exportButton = button(tr("Export"), tr("Export the view as SVG or PNG, the graph as DOT"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    m_fullOnly = {expand, collapse, m_inlined, m_heat, m_map, exportButton};
    m_heatOverlay = new HeatOverlay(this);
    row->addWidget(m_heatOverlay->legend());
    m_status = new ElidingLabel(this);
    m_status->setObjectName(QStringLiteral("graphStatus"));
    // However long the text, it must not widen the graph at the docks' expense: it is elided instead.
    m_status->setStyleSheet(QStringLiteral("color: #5b6475;"));
    row->addWidget(m_status, 1);

    connect(expand, &QToolButton::clicked, this, &GraphToolBar::expandAllClicked);
    connect(collapse, &QToolButton::clicked, this, &GraphToolBar::collapseAllClicked);
    connect(fit, &QToolButton::clicked, this, &GraphToolBar::fitClicked);
    connect(find, &QToolButton::clicked, this, &GraphToolBar::findClicked);
    connect(m_focus, &QToolButton::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("graph/focus"), on); });
    connect(m_map, &QToolButton::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("graph/minimap"), on); });
    auto* menu = new QMenu(exportButton);
    // The window owns file dialogs; without one the files go next to the working directory.
    menu->addAction(tr("SVG…"), this, [this] { Q_EMIT exportRequested(QStringLiteral("svg")); });
    menu->addAction(tr("PNG…"), this, [this] { Q_EMIT exportRequested(QStringLiteral("png")); });
    menu->addAction(tr("DOT…"), this, [this] { Q_EMIT exportRequested(QStringLiteral("dot")); });
    exportButton->setMenu(menu);
}

void GraphToolBar::setCompact(bool compact)
{
    for (QWidget* widget : m_fullOnly)
        widget->setVisible(!compact);
    m_focus->setText(compact ? tr("Focus") : tr("Focus on data flow"));
}

} // namespace jitscope::ui
