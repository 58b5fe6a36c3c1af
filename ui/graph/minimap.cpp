#include "minimap.h"

#include "graphcanvas.h"
#include "graphstyle.h"

#include <QGraphicsScene>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace jitscope::ui {

QImage renderOverview(const layout::SceneLayout& layout, int maxSide)
{
    const layout::Rect& bounds = layout.bounds;
    if (bounds.empty())
        return {};
    const double scale = maxSide / std::max(bounds.w, bounds.h);
    QImage image(std::max(1, int(bounds.w * scale)), std::max(1, int(bounds.h * scale)),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.scale(scale, scale);
    painter.translate(-bounds.x, -bounds.y);
    for (const layout::SceneCluster& cluster : layout.clusters) {
        painter.setPen(QPen(cluster.module ? QColor(0xa9, 0xb6, 0xd3) : QColor(0xc2, 0x95, 0x10), 0));
        painter.setBrush(cluster.module
                             ? (cluster.depth % 2 ? QColor(0xf4, 0xf6, 0xfb) : QColor(0xfd, 0xfd, 0xff))
                             : QColor(0xff, 0xfb, 0xea));
        painter.drawRect(QRectF(cluster.rect.x, cluster.rect.y, cluster.rect.w, cluster.rect.h));
    }
    painter.setPen(Qt::NoPen);
    for (const layout::SceneNode& node : layout.nodes) {
        painter.setBrush(graphstyle::colors(node.get().category).accent);
        // At least a pixel: a thin box would vanish from the picture.
        const double minSize = 1.0 / scale;
        painter.drawRect(
            QRectF(node.rect.x, node.rect.y, std::max(node.rect.w, minSize), std::max(node.rect.h, minSize)));
    }
    return image;
}

// A child of the view, not of its viewport: QGraphicsView scrolls the viewport with QWidget::scroll(), which
// moves the viewport's children along, and the minimap drifted over the graph and the scroll bars.
Minimap::Minimap(GraphCanvas* canvas) : QWidget(canvas), m_canvas(canvas)
{
    setCursor(Qt::PointingHandCursor);
    hide();
}

void Minimap::setOverview(const QImage& image, const QRectF& sceneRect)
{
    m_overview = image;
    if (image.isNull())
        return;
    m_sceneRect = sceneRect;
    m_pixmap = QPixmap();
    setVisible(m_canvas->isMinimapEnabled() && !m_sceneRect.isEmpty() && width() >= 10);
    update();
}

void Minimap::refresh()
{
    if (!m_canvas->isMinimapEnabled()) {
        hide();
        return;
    }
    if (!m_overview.isNull()) {
        setVisible(!m_sceneRect.isEmpty() && width() >= 10);
        update();
        return;
    }
    QGraphicsScene* scene = m_canvas->scene();
    m_sceneRect = scene ? scene->itemsBoundingRect() : QRectF();
    if (m_sceneRect.isEmpty() || width() < 10) {
        hide();
        return;
    }
    m_pixmap = QPixmap(size() * devicePixelRatioF());
    m_pixmap.setDevicePixelRatio(devicePixelRatioF());
    m_pixmap.fill(Qt::transparent);
    QPainter painter(&m_pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    scene->render(&painter, QRectF(rect()).adjusted(4, 4, -4, -4), m_sceneRect, Qt::KeepAspectRatio);
    show();
    update();
}

QTransform Minimap::sceneToWidget() const
{
    const QRectF target = QRectF(rect()).adjusted(4, 4, -4, -4);
    const double s = std::min(target.width() / m_sceneRect.width(), target.height() / m_sceneRect.height());
    const double ox = target.left() + (target.width() - m_sceneRect.width() * s) / 2;
    const double oy = target.top() + (target.height() - m_sceneRect.height() * s) / 2;
    return QTransform(s, 0, 0, s, ox - m_sceneRect.left() * s, oy - m_sceneRect.top() * s);
}

void Minimap::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    // Translucent until the mouse is on it: a node under the corner stays readable through it.
    painter.setOpacity(m_hovered ? 1.0 : 0.55);
    painter.setPen(QColor(0xc5, 0xcd, 0xe0));
    painter.setBrush(QColor(255, 255, 255, m_hovered ? 235 : 120));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    if (!m_overview.isNull()) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(sceneToWidget().mapRect(m_sceneRect), m_overview);
    } else {
        painter.drawPixmap(0, 0, m_pixmap);
    }
    const QRectF visible = m_canvas->mapToScene(m_canvas->viewport()->rect()).boundingRect();
    painter.setPen(QPen(graphstyle::selectionColor, 1.2));
    painter.setBrush(QColor(26, 115, 232, 35));
    painter.drawRect(sceneToWidget().mapRect(visible).intersected(QRectF(rect())));
}

void Minimap::mousePressEvent(QMouseEvent* event)
{
    bool invertible = false;
    const QTransform inverse = sceneToWidget().inverted(&invertible);
    if (invertible)
        m_canvas->centerOn(inverse.map(event->position()));
    update();
}

void Minimap::enterEvent(QEnterEvent*)
{
    m_hovered = true;
    update();
}

void Minimap::leaveEvent(QEvent*)
{
    m_hovered = false;
    update();
}

void Minimap::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() & Qt::LeftButton)
        mousePressEvent(event);
}

} // namespace jitscope::ui
