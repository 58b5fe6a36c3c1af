// GraphWidget: keeping what the user acted on in sight. Expanding a call replaces its box by a module frame
// and collapsing does the reverse; dot then moves everything, so the view puts the acted-on element back
// where it was on the screen (inside the viewport) instead of keeping the old scene point in the centre,
// which after a big change shows empty canvas.
#include "graphcanvas.h"
#include "graphitems.h"
#include "graphwidget.h"

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

} // namespace

void GraphWidget::anchorOnCluster(const std::string& instance)
{
    Anchor anchor;
    anchor.cluster = instance;
    // The call's box, about to become the frame: where it is now is where the frame will start.
    const auto slash = instance.rfind('/');
    const navigation::NodeRef call{slash == std::string::npos ? std::string() : instance.substr(0, slash),
                               std::strtoll(instance.c_str() + (slash == std::string::npos ? 0 : slash + 1),
                                            nullptr, 10)};
    const auto rect = m_layout ? nodeRect(*m_layout, call) : std::nullopt;
    anchor.viewPos = rect ? QPointF(m_canvas->mapFromScene(rect->topLeft()))
                          : QPointF(m_canvas->viewport()->width() * 0.2, m_canvas->viewport()->height() * 0.2);
    m_anchor = anchor;
}

void GraphWidget::anchorOnNode(const navigation::NodeRef& node)
{
    Anchor anchor;
    anchor.node = node;
    // Collapsing a frame: its box takes the frame's top left. Otherwise the node itself.
    std::optional<QRectF> rect;
    if (m_layout) {
        rect = nodeRect(*m_layout, node);
        if (!rect)
            rect = clusterRect(*m_layout,
                               node.instance.empty() ? std::to_string(node.nodeId)
                                                     : node.instance + "/" + std::to_string(node.nodeId));
    }
    anchor.viewPos = rect ? QPointF(m_canvas->mapFromScene(rect->topLeft()))
                          : QPointF(m_canvas->viewport()->width() * 0.2, m_canvas->viewport()->height() * 0.2);
    m_anchor = anchor;
}

bool GraphWidget::placeAnchor()
{
    if (!m_anchor || !m_layout)
        return false;
    std::optional<QRectF> target =
        m_anchor->node ? nodeRect(*m_layout, *m_anchor->node) : clusterRect(*m_layout, m_anchor->cluster);
    if (!target && m_anchor->node) // the selected call was expanded itself: its frame
        target = clusterRect(*m_layout, layout::childInstance(m_anchor->node->instance, m_anchor->node->nodeId));
    // A node inside a module that was collapsed (Collapse all): the innermost call still drawn that holds it.
    for (std::string instance = m_anchor->node ? m_anchor->node->instance : std::string();
         !target && !instance.empty();) {
        const auto slash = instance.rfind('/');
        const std::string parent = slash == std::string::npos ? std::string() : instance.substr(0, slash);
        const int64_t id = std::strtoll(instance.c_str() + (slash == std::string::npos ? 0 : slash + 1), nullptr, 10);
        target = nodeRect(*m_layout, navigation::NodeRef{parent, id});
        instance = parent;
    }
    if (!target)
        return false;
    // A zoom at which the element is readable, then its top left where it was, pulled inside the viewport
    // far enough that its title (and for a box all of it) shows.
    if (m_canvas->zoom() < GraphCanvas::readableZoom() * 0.999)
        m_canvas->scale(GraphCanvas::readableZoom() / m_canvas->zoom(), GraphCanvas::readableZoom() / m_canvas->zoom());
    const double z = m_canvas->zoom();
    const QSizeF view = m_canvas->viewport()->size();
    constexpr double margin = 24;
    const QSizeF size = target->size() * z;
    QPointF pos = m_anchor->viewPos;
    pos.setX(std::clamp(pos.x(), margin, std::max(margin, view.width() - margin - std::min(size.width(), view.width() / 2))));
    pos.setY(std::clamp(pos.y(), margin, std::max(margin, view.height() - margin - std::min(size.height(), view.height() / 2))));
    const QPointF viewCentre(view.width() / 2, view.height() / 2);
    m_canvas->centerOn(target->topLeft() + (viewCentre - pos) / z);
    return true;
}

} // namespace jitscope::ui
