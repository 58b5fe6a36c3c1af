#include "viewanchor.h"

#include "graphcanvas.h"
#include "graphitems.h"
#include "scenebuilder.h"

#include <QGraphicsScene>

#include <algorithm>
#include <cstdlib>

namespace jitscope::ui {

namespace {

std::optional<QRectF> clusterRect(const layout::SceneLayout& scene, const std::string& instance)
{
    for (const layout::SceneCluster& cluster : scene.clusters)
        if (cluster.module && cluster.instance == instance)
            return QRectF(cluster.rect.x, cluster.rect.y, cluster.rect.w, cluster.rect.h);
    return std::nullopt;
}

std::optional<QRectF> nodeRect(const layout::SceneLayout& scene, const navigation::NodeRef& ref)
{
    for (const layout::SceneNode& node : scene.nodes)
        if (node.instance == ref.instance && node.get().node && node.get().node->id == ref.nodeId)
            return QRectF(node.rect.x, node.rect.y, node.rect.w, node.rect.h);
    return std::nullopt;
}

// The call node of an instance path: "4/17" is node 17 of instance "4".
navigation::NodeRef callOf(const std::string& instance)
{
    const auto slash = instance.rfind('/');
    return {slash == std::string::npos ? std::string() : instance.substr(0, slash),
            std::strtoll(instance.c_str() + (slash == std::string::npos ? 0 : slash + 1), nullptr, 10)};
}

} // namespace

ViewAnchor::ViewAnchor(GraphCanvas* canvas, QGraphicsScene* scene, const SceneBuilder& builder)
    : m_canvas(canvas), m_scene(scene), m_builder(builder)
{}

void ViewAnchor::clear()
{
    m_anchor.reset();
    m_restoreView.reset();
}

QPointF ViewAnchor::viewPosOf(const std::optional<QRectF>& rect) const
{
    return rect ? QPointF(m_canvas->mapFromScene(rect->topLeft()))
                : QPointF(m_canvas->viewport()->width() * 0.2, m_canvas->viewport()->height() * 0.2);
}

void ViewAnchor::onCluster(const std::string& instance)
{
    Anchor anchor;
    anchor.cluster = instance;
    // The call's box, about to become the frame: where it is now is where the frame will start.
    const layout::SceneLayout* drawn = m_builder.layout();
    anchor.viewPos = viewPosOf(drawn ? nodeRect(*drawn, callOf(instance)) : std::nullopt);
    m_anchor = anchor;
}

void ViewAnchor::onNode(const navigation::NodeRef& node)
{
    Anchor anchor;
    anchor.node = node;
    // Collapsing a frame: its box takes the frame's top left. Otherwise the node itself.
    std::optional<QRectF> rect;
    if (const layout::SceneLayout* drawn = m_builder.layout()) {
        rect = nodeRect(*drawn, node);
        if (!rect)
            rect = clusterRect(*drawn, node.instance.empty()
                                           ? std::to_string(node.nodeId)
                                           : node.instance + "/" + std::to_string(node.nodeId));
    }
    anchor.viewPos = viewPosOf(rect);
    m_anchor = anchor;
}

void ViewAnchor::onSelectionOrStart()
{
    for (QGraphicsItem* item : m_scene->selectedItems())
        if (item->type() == NodeItem::Type) {
            const layout::SceneNode& node = static_cast<NodeItem*>(item)->sceneNode();
            if (node.get().node) {
                onNode({node.instance, node.get().node->id});
                return;
            }
        }
    m_anchor.reset();
    m_fitPending = true;
}

void ViewAnchor::place(const QPointF& oldCentre, bool restoring)
{
    if (applyRestoredView(restoring)) {
        m_fitPending = false;
    } else if (m_fitPending) {
        m_fitPending = false;
        m_anchor.reset();
        m_canvas->showStart();
    } else if (m_anchor && placeAnchor()) {
        m_anchor.reset();
    } else if (m_anchor && !m_builder.isLayoutComing()) {
        m_anchor.reset(); // not drawn, and no layout on its way that could draw it: start over
        m_canvas->showStart();
    } else {
        m_canvas->centerOn(oldCentre);
    }
}

bool ViewAnchor::applyRestoredView(bool restoring)
{
    if (!m_restoreView)
        return false;
    const auto [zoom, centre] = *m_restoreView;
    m_canvas->resetTransform();
    m_canvas->scale(zoom, zoom);
    m_canvas->centerOn(centre);
    if (!restoring)
        m_restoreView.reset(); // the last layout of the restore: from now on the view is the user's
    return true;
}

bool ViewAnchor::placeAnchor()
{
    const layout::SceneLayout* drawn = m_builder.layout();
    if (!m_anchor || !drawn)
        return false;
    std::optional<QRectF> target =
        m_anchor->node ? nodeRect(*drawn, *m_anchor->node) : clusterRect(*drawn, m_anchor->cluster);
    if (!target && m_anchor->node) // the selected call was expanded itself: its frame
        target = clusterRect(*drawn, layout::childInstance(m_anchor->node->instance, m_anchor->node->nodeId));
    // A node inside a module that was collapsed (Collapse all): the innermost call still drawn that holds it.
    for (std::string instance = m_anchor->node ? m_anchor->node->instance : std::string();
         !target && !instance.empty();) {
        const navigation::NodeRef call = callOf(instance);
        target = nodeRect(*drawn, call);
        instance = call.instance;
    }
    if (!target)
        return false;
    // A zoom at which the element is readable, then its top left where it was, pulled inside the viewport
    // far enough that its title (and for a box all of it) shows.
    const double readable = GraphCanvas::readableZoom();
    if (m_canvas->zoom() < readable * 0.999)
        m_canvas->scale(readable / m_canvas->zoom(), readable / m_canvas->zoom());
    const double z = m_canvas->zoom();
    const QSizeF view = m_canvas->viewport()->size();
    constexpr double margin = 24;
    const QSizeF size = target->size() * z;
    QPointF pos = m_anchor->viewPos;
    pos.setX(std::clamp(pos.x(), margin,
                        std::max(margin, view.width() - margin - std::min(size.width(), view.width() / 2))));
    pos.setY(
        std::clamp(pos.y(), margin,
                   std::max(margin, view.height() - margin - std::min(size.height(), view.height() / 2))));
    const QPointF viewCentre(view.width() / 2, view.height() / 2);
    m_canvas->centerOn(target->topLeft() + (viewCentre - pos) / z);
    return true;
}

} // namespace jitscope::ui
