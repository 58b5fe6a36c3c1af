// Where the graph view looks after a relayout. Expanding a call replaces its box by a module frame and
// collapsing does the reverse; dot then moves everything, so the view puts the acted-on element back where
// it was on the screen (inside the viewport) instead of keeping the old scene point in the centre, which
// after a big change shows empty canvas. Also: a graph opening at its start, and a reload's zoom and centre.
#pragma once

#include "navigation/expansion.h"

#include <QPointF>
#include <QRectF>

#include <optional>
#include <string>
#include <utility>

class QGraphicsScene;

namespace jitscope::ui {

class GraphCanvas;
class SceneBuilder;

class ViewAnchor
{
public:
    ViewAnchor(GraphCanvas* canvas, QGraphicsScene* scene, const SceneBuilder& builder);

    void clear(); // the anchor and a zoom to restore (not a pending fit)
    // The next layout opens with GraphCanvas::showStart().
    void fitNext() { m_fitPending = true; }
    // The call `instance` is being expanded: its frame starts where its box is now.
    void onCluster(const std::string& instance);
    // `node` stays where it is (a collapsed call: its box takes the frame's top left).
    void onNode(const navigation::NodeRef& node);
    // Expand all and Collapse all change everything: the selected node stays in sight, or without one the
    // view starts over as when the graph opened.
    void onSelectionOrStart();
    // The zoom and centre of a reload, for the layouts until `restoring` is false.
    void restore(double zoom, const QPointF& centre) { m_restoreView = std::make_pair(zoom, centre); }

    // After a layout was drawn: the restored view, the start, the anchor, or else `oldCentre` kept in the
    // middle. `restoring`: more layouts of a restore are to come.
    void place(const QPointF& oldCentre, bool restoring);

private:
    bool applyRestoredView(bool restoring);
    bool placeAnchor(); // false when the anchor is not drawn
    QPointF viewPosOf(const std::optional<QRectF>& rect) const;

    GraphCanvas* m_canvas;
    QGraphicsScene* m_scene;
    const SceneBuilder& m_builder;
    bool m_fitPending = false;
    // What an expand or collapse acted on, and where it was in the viewport.
    struct Anchor
    {
        std::string cluster;                     // an expanded call's instance
        std::optional<navigation::NodeRef> node; // or a node (a collapsed call)
        QPointF viewPos;                         // its top left in viewport coordinates before
    };
    std::optional<Anchor> m_anchor;
    std::optional<std::pair<double, QPointF>> m_restoreView; // zoom and centre for the next layouts
};

} // namespace jitscope::ui
