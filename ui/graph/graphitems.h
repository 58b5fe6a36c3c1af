// The QGraphicsItems of the graph view. Geometry comes precomputed from the layout thread; painting picks
// a level of detail from the zoom (plain boxes when zoomed out, text when zoomed in) so that a scene with
// tens of thousands of items still pans smoothly.
#pragma once

#include "layout/composer.h"

#include <QGraphicsItem>
#include <QPainterPath>

#include <functional>

namespace jitscope::ui {

enum ItemType
{
    NodeItemType = QGraphicsItem::UserType + 1,
    EdgeItemType,
    ClusterItemType,
    TileItemType,
};

class NodeItem : public QGraphicsItem
{
public:
    NodeItem(const layout::SceneNode& node, int index);
    enum
    {
        Type = NodeItemType
    };
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const layout::SceneNode& sceneNode() const { return m_node; }
    int index() const { return m_index; }
    void setMatch(int state);        // 0 none, 1 match, 2 current match
    void setInnerMatches(int count); // matches inside a collapsed module
    // Share of the profiled self time (0 … 1) and its place on the colour scale; share < 0: no heat shown.
    void setHeat(double share, double level);
    double heatShare() const { return m_heatShare; }
    // The node's output holds a NaN/Inf in the recorded run (ui/graph/valueoverlay.h): drawn red.
    void setNonFinite(bool on);
    bool isNonFinite() const { return m_nonFinite; }
    QString toolTipText() const;

private:
    layout::SceneNode m_node;
    int m_index;
    QRectF m_rect;
    int m_match = 0;
    int m_innerMatches = 0;
    double m_heatShare = -1, m_heatLevel = 0;
    bool m_nonFinite = false;
};

class EdgeItem : public QGraphicsItem
{
public:
    explicit EdgeItem(const layout::SceneEdge& edge);
    enum
    {
        Type = EdgeItemType
    };
    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override; // the stroke and the label: hovering near the line finds it
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    int64_t value() const { return m_value; }
    const std::string& instance() const { return m_instance; }
    // A recorded value's label (replacing the type's; "" restores it), red when it holds a NaN/Inf, and
    // what its tooltip shows (built when asked: it renders a histogram).
    void setValueLabel(const QString& label, bool nonFinite, std::function<QString()> toolTip);
    QString label() const { return m_valueLabel.isEmpty() ? m_label : m_valueLabel; }
    bool hasValue() const { return !m_valueLabel.isEmpty(); }
    QString valueToolTip() const { return m_toolTip ? m_toolTip() : QString(); }

private:
    void updateBounds();

    QPainterPath m_path; // built once: painting only strokes it
    QPolygonF m_arrow;
    QRectF m_bounds;
    QString m_label;
    QPointF m_labelPos;
    bool m_control;
    int64_t m_value;
    std::string m_instance;
    QString m_valueLabel;
    bool m_nonFinite = false;
    std::function<QString()> m_toolTip;
};

class ClusterItem : public QGraphicsItem
{
public:
    explicit ClusterItem(const layout::SceneCluster& cluster);
    enum
    {
        Type = ClusterItemType
    };
    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_rect.adjusted(-1, -1, 1, 1); }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    const layout::SceneCluster& cluster() const { return m_cluster; }
    bool headerContains(const QPointF& scenePos) const;

private:
    layout::SceneCluster m_cluster;
    QRectF m_rect;
};

// A group of nearby edges or nodes, drawing nothing itself. Its children stay inside its bounds, so the
// scene indexes the tiles instead of tens of thousands of items: building that index, and Qt's walks over all
// top-level items after every change, were the UI thread's longest stalls. It deliberately lacks
// ItemHasNoContents: Qt culls only items with contents by their bounds, and would otherwise visit every child
// of every tile on each paint.
class TileItem : public QGraphicsItem
{
public:
    explicit TileItem(double z);
    enum
    {
        Type = TileItemType
    };
    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter*, const QStyleOptionGraphicsItem*, QWidget*) override {}
    void adopt(QGraphicsItem* child); // before the tile is added to the scene

private:
    QRectF m_bounds;
};

} // namespace jitscope::ui
