// Heat colouring of the drawn boxes from a profile (view::HeatTable attributes the self time): white →
// yellow → red relative to the hottest box drawn, the share in each box's tooltip, and the toolbar legend.
// Like ValueOverlay it keeps no pointers to items between calls: apply() whenever a layout is drawn or the
// profile changes.
#pragma once

#include "layout/composer.h"
#include "navigation/expansion.h"
#include "view/heat.h"

#include <QObject>

#include <map>
#include <string>
#include <vector>

class QLabel;
class QWidget;

namespace jitscope::ui {

class NodeItem;

class HeatOverlay : public QObject
{
    Q_OBJECT
public:
    // The legend (a colour scale and the hottest share) is a child of `legendParent`, hidden until apply()
    // shows heat.
    explicit HeatOverlay(QWidget* legendParent);
    QWidget* legend() const { return m_legend; }

    void setProfile(const std::vector<OpTime>& ops);
    void clear();
    bool empty() const { return m_table.empty(); }

    // Colours `items` of `layout` (or uncolours them when !shown): in the inlined view by each node's module,
    // else by the module whose code runs in the box's call instance (`rootModule` for the root graph).
    void apply(bool shown, const layout::SceneLayout* layout,
               const std::map<navigation::NodeRef, NodeItem*>& items, bool inlined,
               const std::string& rootModule);

private:
    view::HeatTable m_table;
    QWidget* m_legend;
    QLabel* m_text;
};

} // namespace jitscope::ui
