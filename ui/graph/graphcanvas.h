// The QGraphicsView of the graph: wheel zoom around the cursor, drag to pan, keyboard navigation between
// nodes, tooltips computed on demand (not stored on tens of thousands of items), and a minimap overlay
// (minimap.h).
#pragma once

#include "layout/composer.h"
#include "minimap.h"

#include <QGraphicsView>

namespace jitscope::ui {

class NodeItem;

class GraphCanvas : public QGraphicsView
{
    Q_OBJECT
public:
    explicit GraphCanvas(QWidget* parent = nullptr);
    void zoomBy(double factor);
    // The whole content in view, however small (capped at 1.2), kept clear of the minimap's corner.
    void fitAll();
    // The view a graph opens with: the whole when it fits at a readable zoom, else the readable zoom
    // (labels at least kReadablePixels tall) with the entry near the top left.
    void showStart();
    static double readableZoom();
    static constexpr double kReadablePixels = 10;
    double zoom() const;
    // The part of the scene the viewport shows (for tests: what the user sees).
    QRectF visibleSceneRect() const;
    // The minimap: translucent in the bottom right corner, hidden on request (remembered per user).
    void setMinimapEnabled(bool on);
    bool isMinimapEnabled() const { return m_minimapEnabled; }
    Minimap* minimap() const { return m_minimap; }
    // The scene rect the minimap covers now (empty when hidden).
    QRectF minimapSceneRect() const;
    void centreOnItem(QGraphicsItem* item);
    void refreshMinimap(); // after the scene's items changed (renders the scene when no overview is set)
    void setOverview(const QImage& image, const QRectF& sceneRect); // a renderOverview() of the scene
    // What fitAll() fits; by default the items' bounds, which is a walk over every item of the scene.
    void setContentRect(const QRectF& rect) { m_contentRect = rect; }
    // Where a graph too big to fit readably is first shown: its entry (the first graph input), whose top
    // left the view puts near its own top left. Null: the content's top centre.
    void setStartPoint(const QPointF& point) { m_startPoint = point; }

Q_SIGNALS:
    void nodeActivated(jitscope::ui::NodeItem* item); // double-click or Enter on a node
    void clusterActivated(const QString& instance);   // double-click on an expanded module's header
    void findRequested();
    void viewChanged();
    void minimapToggled(bool on); // the M key
    // A click on a node that was already selected (no selection change): the details should show it again.
    void selectedNodeClicked(jitscope::ui::NodeItem* item);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void moveSelection(int dx, int dy);
    void placeMinimap();
    QRectF contentRect() const;
    void fitInto(const QRectF& rect, const QRectF& area); // scale and place rect inside viewport `area`

    Minimap* m_minimap;
    bool m_minimapEnabled = true;
    QRectF m_contentRect;
    QPointF m_startPoint;
};

} // namespace jitscope::ui
