// The Control flow tab of the compare view: the prim::If / prim::Loop nodes without a counterpart on the
// other side (the branches and loops a trace may have baked in). Clicking one shows its code line, saved and
// original, and asks for the node to be selected in that side's graph.
#pragma once

#include "types/comparereport.h"

#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace jitscope::ui {

class ControlFlowTab : public QWidget
{
    Q_OBJECT
public:
    explicit ControlFlowTab(QWidget* parent = nullptr);

    void setReport(const jitscope::CompareReport& report);

    QTreeWidget* tree() const { return m_tree; }
    QLabel* codeLine() const { return m_codeLine; }

Q_SIGNALS:
    // A node was clicked: side 0 (A) or 1 (B), its IR node id in that side's inlined graph.
    void nodeClicked(int side, qint64 nodeId);

private:
    void onClicked(QTreeWidgetItem* item);

    std::vector<jitscope::ControlFlowNode> m_nodes; // the tree's rows, in order
    QTreeWidget* m_tree;
    QLabel* m_codeLine;
};

} // namespace jitscope::ui
