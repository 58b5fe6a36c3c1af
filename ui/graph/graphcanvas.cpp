#include "graphcanvas.h"

#include "graphitems.h"
#include "graphstyle.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace jitscope::ui {

GraphCanvas::GraphCanvas(QWidget* parent) : QGraphicsView(parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    setBackgroundBrush(graphstyle::backgroundColor);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    m_minimap = new Minimap(this);
}

double GraphCanvas::zoom() const
{
    return transform().m11();
}

void GraphCanvas::zoomBy(double factor)
{
    const double target = std::clamp(zoom() * factor, 0.01, 8.0);
    const double applied = target / zoom();
    scale(applied, applied);
    Q_EMIT viewChanged();
    m_minimap->update();
}

QRectF GraphCanvas::contentRect() const
{
    if (!scene())
        return {};
    return (m_contentRect.isValid() ? m_contentRect : scene()->itemsBoundingRect())
        .adjusted(-20, -20, 20, 20);
}

double GraphCanvas::readableZoom()
{
    // The box titles are the labels one reads first; the zoom that draws them kReadablePixels tall.
    const double pixels = QFontMetricsF(graphstyle::titleFont()).ascent();
    return pixels > 0 ? std::min(1.0, kReadablePixels / pixels) : 1.0;
}

QRectF GraphCanvas::visibleSceneRect() const
{
    return mapToScene(viewport()->rect()).boundingRect();
}

void GraphCanvas::fitInto(const QRectF& rect, const QRectF& area)
{
    const double s = std::min({area.width() / rect.width(), area.height() / rect.height(), 1.2});
    resetTransform();
    scale(s, s);
    // Centred in `area`: the view's centre shows the scene point that keeps `rect` centred there.
    const QPointF viewCentre = QRectF(viewport()->rect()).center();
    centerOn(rect.center() + (viewCentre - area.center()) / s);
}

// The minimap sits over the bottom right corner. The content goes into the larger of the two areas that
// leave that corner free (all but the minimap's column, or all but its row) when it would cover nodes there.
void GraphCanvas::fitAll()
{
    const QRectF rect = contentRect();
    if (rect.isEmpty())
        return;
    const QRectF full(viewport()->rect());
    QRectF area = full;
    if (m_minimapEnabled && m_minimap->isVisible()) {
        const QRectF map = QRectF(m_minimap->geometry()).translated(-viewport()->pos());
        const QRectF left(full.left(), full.top(), std::max(1.0, map.left() - 8 - full.left()),
                          full.height());
        const QRectF top(full.left(), full.top(), full.width(), std::max(1.0, map.top() - 8 - full.top()));
        const auto zoomFor = [&](const QRectF& a) {
            return std::min(a.width() / rect.width(), a.height() / rect.height());
        };
        fitInto(rect, full);
        if (mapFromScene(rect).boundingRect().intersects(map.toRect()))
            area = zoomFor(left) >= zoomFor(top) ? left : top;
    }
    fitInto(rect, area);
    Q_EMIT viewChanged();
    m_minimap->update();
}

void GraphCanvas::showStart()
{
    const QRectF rect = contentRect();
    if (rect.isEmpty())
        return;
    fitAll();
    const double readable = readableZoom();
    if (zoom() >= readable * 0.999)
        return;
    // Too big to read whole: the readable zoom where the graph starts. A wide one (the inlined view's If
    // clusters) centred would show an empty middle, so its entry goes near the top left.
    resetTransform();
    scale(readable, readable);
    const double halfWidth = viewport()->width() / (2 * readable);
    const double halfHeight = viewport()->height() / (2 * readable);
    double x = rect.center().x(), y = rect.top() + halfHeight;
    // The entry goes 20 % in from the view's left and top edges, as far as the graph's own edges allow.
    if (!m_startPoint.isNull() && rect.width() > 2 * halfWidth)
        x = std::clamp(m_startPoint.x() + halfWidth * 0.6, rect.left() + halfWidth, rect.right() - halfWidth);
    else if (rect.width() > 2 * halfWidth)
        x = rect.left() + halfWidth;
    if (!m_startPoint.isNull() && rect.height() > 2 * halfHeight)
        y = std::clamp(m_startPoint.y() + halfHeight * 0.6, rect.top() + halfHeight,
                       rect.bottom() - halfHeight);
    centerOn(x, y);
    Q_EMIT viewChanged();
    m_minimap->update();
}

void GraphCanvas::setMinimapEnabled(bool on)
{
    m_minimapEnabled = on;
    if (on)
        m_minimap->refresh();
    else
        m_minimap->hide();
}

QRectF GraphCanvas::minimapSceneRect() const
{
    if (!m_minimap->isVisible())
        return {};
    return mapToScene(m_minimap->geometry().translated(-viewport()->pos())).boundingRect();
}

void GraphCanvas::refreshMinimap()
{
    m_minimap->setOverview(QImage(), QRectF());
    m_minimap->refresh();
}

void GraphCanvas::setOverview(const QImage& image, const QRectF& sceneRect)
{
    m_minimap->setOverview(image, sceneRect);
}

void GraphCanvas::centreOnItem(QGraphicsItem* item)
{
    if (zoom() < readableZoom()) {
        const double factor = readableZoom() / zoom();
        scale(factor, factor);
    }
    centerOn(item);
    Q_EMIT viewChanged();
    m_minimap->update();
}

void GraphCanvas::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ShiftModifier) {
        QGraphicsView::wheelEvent(event); // scroll
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    zoomBy(std::pow(1.18, steps));
    event->accept();
}

void GraphCanvas::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        return;
    case Qt::Key_Minus:
        zoomBy(1 / 1.25);
        return;
    case Qt::Key_0:
    case Qt::Key_F:
        if (!(event->modifiers() & Qt::ControlModifier)) {
            fitAll();
            return;
        }
        Q_EMIT findRequested();
        return;
    case Qt::Key_Left:
        moveSelection(-1, 0);
        return;
    case Qt::Key_Right:
        moveSelection(1, 0);
        return;
    case Qt::Key_M:
        setMinimapEnabled(!m_minimapEnabled);
        Q_EMIT minimapToggled(m_minimapEnabled);
        return;
    case Qt::Key_Up:
        moveSelection(0, -1);
        return;
    case Qt::Key_Down:
        moveSelection(0, 1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (scene())
            for (QGraphicsItem* item : scene()->selectedItems())
                if (item->type() == NodeItem::Type)
                    Q_EMIT nodeActivated(static_cast<NodeItem*>(item));
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

// Arrow keys step to the nearest node in that direction (nearest by distance, penalising sideways).
void GraphCanvas::moveSelection(int dx, int dy)
{
    if (!scene())
        return;
    QList<QGraphicsItem*> selected = scene()->selectedItems();
    if (selected.isEmpty()) {
        const QPointF centre = mapToScene(viewport()->rect().center());
        QGraphicsItem* best = nullptr;
        double bestDistance = std::numeric_limits<double>::max();
        for (QGraphicsItem* item : items(viewport()->rect()))
            if (item->type() == NodeItem::Type) {
                const QPointF d = item->sceneBoundingRect().center() - centre;
                const double distance = d.x() * d.x() + d.y() * d.y();
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = item;
                }
            }
        if (best)
            best->setSelected(true);
        return;
    }
    const QPointF from = selected.front()->sceneBoundingRect().center();
    const QRectF area(from - QPointF(1500, 1500), QSizeF(3000, 3000));
    QGraphicsItem* best = nullptr;
    double bestScore = std::numeric_limits<double>::max();
    for (QGraphicsItem* item : scene()->items(area)) {
        if (item->type() != NodeItem::Type || item == selected.front())
            continue;
        const QPointF d = item->sceneBoundingRect().center() - from;
        const double along = d.x() * dx + d.y() * dy;
        if (along <= 1)
            continue;
        const double across = std::abs(d.x() * dy) + std::abs(d.y() * dx);
        const double score = along + 3 * across;
        if (score < bestScore) {
            bestScore = score;
            best = item;
        }
    }
    if (best) {
        scene()->clearSelection();
        best->setSelected(true);
        ensureVisible(best, 60, 60);
        Q_EMIT viewChanged();
        m_minimap->update();
    }
}

void GraphCanvas::mouseDoubleClickEvent(QMouseEvent* event)
{
    const QPointF pos = mapToScene(event->pos());
    for (QGraphicsItem* item : items(event->pos())) {
        if (item->type() == NodeItem::Type) {
            Q_EMIT nodeActivated(static_cast<NodeItem*>(item));
            return;
        }
        if (item->type() == ClusterItem::Type) {
            auto* cluster = static_cast<ClusterItem*>(item);
            if (cluster->cluster().module && cluster->headerContains(pos)) {
                Q_EMIT clusterActivated(QString::fromStdString(cluster->cluster().instance));
                return;
            }
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void GraphCanvas::mousePressEvent(QMouseEvent* event)
{
    NodeItem* again = nullptr;
    if (event->button() == Qt::LeftButton)
        for (QGraphicsItem* item : items(event->pos()))
            if (item->type() == NodeItem::Type) {
                if (item->isSelected())
                    again = static_cast<NodeItem*>(item);
                break;
            }
    QGraphicsView::mousePressEvent(event);
    if (again && again->isSelected() && scene() && scene()->selectedItems().size() == 1)
        Q_EMIT selectedNodeClicked(again);
}

bool GraphCanvas::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        for (QGraphicsItem* item : items(help->pos()))
            if (item->type() == NodeItem::Type) {
                QToolTip::showText(help->globalPos(), static_cast<NodeItem*>(item)->toolTipText(), this);
                return true;
            } else if (item->type() == EdgeItem::Type && static_cast<EdgeItem*>(item)->hasValue()) {
                // a recorded value's statistics and histogram (ui/graph/valueoverlay.h)
                QToolTip::showText(help->globalPos(), static_cast<EdgeItem*>(item)->valueToolTip(), this);
                return true;
            }
        QToolTip::hideText();
        return true;
    }
    return QGraphicsView::viewportEvent(event);
}

void GraphCanvas::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    placeMinimap();
}

void GraphCanvas::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    m_minimap->update();
}

// Bottom right over the viewport, a margin away from its edges and so from the scroll bars; at most a third
// of the viewport either way, so that most of the graph stays in sight. Called for the viewport's resizes
// too (a scroll bar appearing), which reach resizeEvent().
void GraphCanvas::placeMinimap()
{
    constexpr int margin = 12;
    const QRect area = viewport()->geometry();
    const int w = std::min(std::clamp(area.width() / 5, 90, 220), area.width() / 3);
    const int h = std::min(std::clamp(area.height() / 3, 120, 320), area.height() / 3);
    m_minimap->setGeometry(area.right() + 1 - w - margin, area.bottom() + 1 - h - margin, w, h);
    m_minimap->raise();
    m_minimap->refresh();
}

} // namespace jitscope::ui
