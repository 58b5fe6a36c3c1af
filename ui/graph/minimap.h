// The graph's minimap: an overview of the whole scene in the view's bottom right corner, and the picture of a
// layout it shows (drawn on the layout thread).
#pragma once

#include "layout/composer.h"

#include <QImage>
#include <QPixmap>
#include <QWidget>

namespace jitscope::ui {

class GraphCanvas;

// The minimap's picture of a layout: boxes and module frames as plain rectangles, no text. It needs no
// widget or font, so the layout thread draws it: rendering the scene's items would stall the UI thread
// for most of a second on a model with tens of thousands of nodes.
QImage renderOverview(const layout::SceneLayout& layout, int maxSide = 420);

// An overview of the whole scene, rendered once per layout into a pixmap (repainting tens of thousands of
// items on every scroll would not be), with the visible part outlined; click or drag to move there.
class Minimap : public QWidget
{
    Q_OBJECT
public:
    explicit Minimap(GraphCanvas* canvas);
    void refresh();
    void setOverview(const QImage& image, const QRectF& sceneRect);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    QTransform sceneToWidget() const;
    bool m_hovered = false; // opaque under the mouse, translucent otherwise (nodes show through)
    GraphCanvas* m_canvas;
    QPixmap m_pixmap;
    QImage m_overview; // when set, drawn instead of m_pixmap
    QRectF m_sceneRect;
};

} // namespace jitscope::ui
