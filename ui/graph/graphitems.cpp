#include "graphitems.h"

#include "graphstyle.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace jitscope::ui {

using graphstyle::qs;

namespace {

double levelOfDetail(const QStyleOptionGraphicsItem* option, QPainter* painter)
{
    return option->levelOfDetailFromTransform(painter->worldTransform());
}

QString elided(const QString& text, const QFont& font, double width)
{
    return QFontMetricsF(font).elidedText(text, Qt::ElideRight, width);
}

} // namespace

NodeItem::NodeItem(const layout::SceneNode& node, int index) : m_node(node), m_index(index)
{
    const layout::Rect& r = node.rect;
    m_rect = QRectF(r.x, r.y, r.w, r.h);
    setFlags(QGraphicsItem::ItemIsSelectable);
    setZValue(20);
}

QRectF NodeItem::boundingRect() const
{
    return m_rect.adjusted(-4, -10, 4, 4); // badges (checks, search matches) sit over the top edge
}

void NodeItem::setMatch(int state)
{
    if (m_match != state) {
        m_match = state;
        update();
    }
}

void NodeItem::setInnerMatches(int count)
{
    if (m_innerMatches != count) {
        m_innerMatches = count;
        update();
    }
}

void NodeItem::setHeat(double share, double level)
{
    if (m_heatShare != share || m_heatLevel != level) {
        m_heatShare = share;
        m_heatLevel = level;
        update();
    }
}

void NodeItem::setNonFinite(bool on)
{
    if (on != m_nonFinite) {
        m_nonFinite = on;
        update();
    }
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const ViewElement& element = m_node.get();
    const CategoryColors colors = graphstyle::colors(element.category);
    const double lod = levelOfDetail(option, painter);
    const bool selected = isSelected();
    QColor border = selected                             ? graphstyle::selectionColor
                    : m_match == 2                       ? graphstyle::currentMatchColor
                    : m_match == 1 || m_innerMatches > 0 ? graphstyle::matchColor
                    : m_nonFinite                        ? graphstyle::nonFiniteColor
                                                         : colors.accent;
    const double borderWidth = (selected || m_match || m_innerMatches || m_nonFinite) ? 2.5 : 1.0;

    if (element.kind == ElementKind::Merge) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(colors.accent);
        painter->drawEllipse(m_rect);
        return;
    }
    if (lod < 0.3) {
        // Far away: a flat box in the accent colour is all that can be seen anyway.
        painter->setPen(selected || m_match ? QPen(border, 2 / lod) : Qt::NoPen);
        painter->setBrush(m_nonFinite        ? graphstyle::nonFiniteColor
                          : m_heatShare >= 0 ? graphstyle::heatColor(m_heatLevel)
                                             : colors.accent.lighter(m_match ? 100 : 130));
        painter->drawRect(m_rect);
        return;
    }
    const bool pill = element.kind == ElementKind::Input || element.kind == ElementKind::Output ||
                      element.kind == ElementKind::Return;
    const double radius = pill ? m_rect.height() / 2 : 5;
    QColor fill = m_match            ? QColor(0xff, 0xf1, 0xc4)
                  : m_nonFinite      ? graphstyle::nonFiniteFill
                  : m_heatShare >= 0 ? graphstyle::heatColor(m_heatLevel)
                                     : colors.fill;
    painter->setPen(QPen(border, borderWidth));
    painter->setBrush(fill);
    painter->drawRoundedRect(m_rect, radius, radius);
    if (!pill) {
        // The category accent as a bar down the left edge; a collapsed module gets a second "card" edge.
        QPainterPath clip;
        clip.addRoundedRect(m_rect, radius, radius);
        painter->save();
        painter->setClipPath(clip);
        painter->fillRect(QRectF(m_rect.left(), m_rect.top(), 4, m_rect.height()), colors.accent);
        painter->restore();
        if (m_node.expandable) {
            painter->setPen(QPen(colors.accent, 1));
            painter->drawLine(QPointF(m_rect.left() + 5, m_rect.bottom() + 2.5),
                              QPointF(m_rect.right() - 3, m_rect.bottom() + 2.5));
        }
    }
    if (lod < 0.35)
        return;

    const layout::TextMetrics& metrics = []() -> const layout::TextMetrics& {
        static const layout::TextMetrics m = graphstyle::textMetrics();
        return m;
    }();
    const double padX = layout::NodeMetrics::padX + (pill ? m_rect.height() / 4 : 0);
    const double textWidth = m_rect.width() - 2 * padX;
    double y = m_rect.top() + layout::NodeMetrics::padY;
    // Dark text would vanish on the red end of the heat scale.
    const bool hot = m_heatShare >= 0 && m_heatLevel > 0.7 && !m_match;
    painter->setPen(hot ? QColor(Qt::white) : graphstyle::textColor);
    painter->setFont(graphstyle::titleFont());
    const Qt::Alignment align = pill ? Qt::AlignHCenter | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter;
    painter->drawText(QRectF(m_rect.left() + padX, y, textWidth, metrics.titleHeight), align,
                      elided(qs(element.title), painter->font(), textWidth + 4));
    y += metrics.titleHeight;
    if (lod < 0.45)
        return;
    painter->setFont(graphstyle::bodyFont());
    if (layout::drawsSubtitle(element)) {
        painter->setPen(hot ? QColor(0xfd, 0xe8, 0xe3) : graphstyle::mutedTextColor);
        painter->drawText(QRectF(m_rect.left() + padX, y, textWidth, metrics.bodyHeight), align,
                          elided(qs(element.subtitle), painter->font(), textWidth + 4));
        y += metrics.bodyHeight;
    }
    painter->setPen(hot ? QColor(0xfd, 0xe8, 0xe3) : graphstyle::textColor.lighter(140));
    for (const std::string& line : element.lines) {
        painter->drawText(QRectF(m_rect.left() + padX, y, textWidth + 4, metrics.bodyHeight), align,
                          elided(qs(line), painter->font(), textWidth + 4));
        y += metrics.bodyHeight;
    }
    if (element.checks > 0) {
        // Focus on data flow folded asserts/shape checks here: a grey "✓N" tab over the top edge, right of
        // the title (a module frame's name sits above the left end).
        const QString badge = QStringLiteral("✓%1").arg(element.checks);
        const double width = 12 + 7 * (badge.size() - 1);
        QRectF tab(m_rect.right() - width - (m_innerMatches > 0 ? 30 : 6), m_rect.top() - 8, width, 15);
        painter->setPen(QPen(QColor(0x8a, 0x94, 0xa6), 1));
        painter->setBrush(QColor(0xee, 0xf1, 0xf5));
        painter->drawRoundedRect(tab, 7, 7);
        painter->setPen(QColor(0x44, 0x4c, 0x5c));
        painter->setFont(graphstyle::bodyFont());
        painter->drawText(tab, Qt::AlignCenter, badge);
    }
    if (m_innerMatches > 0) {
        // A collapsed module holding search matches shows how many.
        const QString badge = QString::number(m_innerMatches);
        QRectF pillRect(m_rect.right() - 10, m_rect.top() - 8, 8 + 7 * badge.size(), 16);
        painter->setPen(Qt::NoPen);
        painter->setBrush(graphstyle::matchColor);
        painter->drawRoundedRect(pillRect, 8, 8);
        painter->setPen(Qt::white);
        painter->setFont(graphstyle::titleFont());
        painter->drawText(pillRect, Qt::AlignCenter, badge);
    }
}

QString NodeItem::toolTipText() const
{
    const ViewElement& element = m_node.get();
    QString text;
    if (element.node) {
        text = QStringLiteral("<b>%1</b>").arg(qs(element.node->kind).toHtmlEscaped());
        if (element.node->callee)
            text += QStringLiteral("<br>%1").arg(qs(element.node->callee->type).toHtmlEscaped());
        if (!element.node->schema.empty())
            text += QStringLiteral("<br><tt>%1</tt>").arg(qs(element.node->schema).toHtmlEscaped());
        for (const ValueInfo& out : element.node->outputs)
            text += QStringLiteral("<br>→ %1 : %2")
                        .arg(qs(out.name).toHtmlEscaped(), qs(out.type).toHtmlEscaped());
    } else {
        text = QStringLiteral("<b>%1</b> %2")
                   .arg(qs(element.title).toHtmlEscaped(), qs(element.subtitle).toHtmlEscaped());
    }
    for (const std::string& line : element.lines)
        text += QStringLiteral("<br>%1").arg(qs(line).toHtmlEscaped());
    if (element.checks > 0)
        text += QStringLiteral("<br><i>%1</i>")
                    .arg(QObject::tr(
                        "%n check(s) folded here (asserts, shape checks): Focus off or Raw IR shows them",
                        nullptr, element.checks));
    if (m_nonFinite)
        text += QStringLiteral("<br><b style='color:#c62828'>Output holds NaN/Inf</b>");
    if (m_heatShare >= 0)
        text += QStringLiteral("<br>Self time: <b>%1 %</b> of the profile").arg(100 * m_heatShare, 0, 'f', 1);
    if (m_node.expandable)
        text += QStringLiteral("<br><i>Double-click to expand</i>");
    return text;
}

EdgeItem::EdgeItem(const layout::SceneEdge& edge)
    : m_control(edge.control), m_value(edge.value), m_instance(edge.instance)
{
    const auto& points = edge.spline.points;
    m_path.moveTo(points[0].x, points[0].y);
    size_t i = 1;
    for (; i + 2 < points.size(); i += 3)
        m_path.cubicTo(points[i].x, points[i].y, points[i + 1].x, points[i + 1].y, points[i + 2].x,
                       points[i + 2].y);
    for (; i < points.size(); ++i)
        m_path.lineTo(points[i].x, points[i].y);
    if (edge.spline.arrow) {
        const QPointF tip(edge.spline.tip.x, edge.spline.tip.y);
        const QPointF from(points.back().x, points.back().y);
        QPointF dir = tip - from;
        const double length = std::hypot(dir.x(), dir.y());
        if (length > 0.01) {
            dir /= length;
            const QPointF normal(-dir.y(), dir.x());
            const QPointF base = tip - dir * 7;
            m_arrow << tip << base + normal * 3.2 << base - normal * 3.2;
            m_path.lineTo(base);
        }
    }
    m_label = QString::fromStdString(edge.label);
    const QPointF mid = m_path.pointAtPercent(0.5);
    m_labelPos = mid + QPointF(4, 0);
    updateBounds();
    setZValue(10);
    setAcceptedMouseButtons(Qt::NoButton);
}

void EdgeItem::updateBounds()
{
    m_bounds = m_path.boundingRect().united(m_arrow.boundingRect()).adjusted(-2, -2, 2, 2);
    if (!label().isEmpty())
        m_bounds = m_bounds.united(QRectF(m_labelPos, QSizeF(8 * label().size(), 14)));
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    QPainterPath shape = stroker.createStroke(m_path);
    shape.addPolygon(m_arrow);
    if (!label().isEmpty())
        shape.addRect(QRectF(m_labelPos, QSizeF(7 * label().size(), 14)));
    return shape;
}

void EdgeItem::setValueLabel(const QString& label, bool nonFinite, std::function<QString()> toolTip)
{
    if (label == m_valueLabel && nonFinite == m_nonFinite && !toolTip == !m_toolTip)
        return;
    prepareGeometryChange();
    m_valueLabel = label;
    m_nonFinite = nonFinite;
    m_toolTip = std::move(toolTip);
    updateBounds();
    update();
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const double lod = levelOfDetail(option, painter);
    QPen pen(m_control ? graphstyle::edgeColor.lighter(130) : graphstyle::edgeColor, lod < 0.3 ? 0 : 1.2);
    if (m_control)
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    if (lod < 0.3 || m_arrow.isEmpty())
        return;
    painter->setPen(Qt::NoPen);
    painter->setBrush(pen.color());
    painter->drawPolygon(m_arrow);
    // A recorded value's shape is what the user ran for: it stays readable further out than a type label.
    if (lod > (hasValue() ? 0.45 : 0.9) && !label().isEmpty()) {
        painter->setPen(m_nonFinite ? graphstyle::nonFiniteColor
                        : hasValue() ? graphstyle::textColor
                                     : graphstyle::mutedTextColor);
        painter->setFont(graphstyle::bodyFont());
        painter->drawText(m_labelPos + QPointF(0, 10), label());
    }
}

ClusterItem::ClusterItem(const layout::SceneCluster& cluster) : m_cluster(cluster)
{
    m_rect = QRectF(cluster.rect.x, cluster.rect.y, cluster.rect.w, cluster.rect.h);
    setZValue(-100 + cluster.depth);
    setAcceptedMouseButtons(cluster.module ? Qt::LeftButton : Qt::NoButton);
}

bool ClusterItem::headerContains(const QPointF& scenePos) const
{
    return QRectF(m_rect.left(), m_rect.top(), m_rect.width(), layout::NodeMetrics::clusterHeader)
        .contains(scenePos);
}

void ClusterItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const double lod = levelOfDetail(option, painter);
    if (m_cluster.module) {
        // Alternate tints by depth so that nested modules read as nested.
        const QColor fill = m_cluster.depth % 2 ? QColor(0xf4, 0xf6, 0xfb) : QColor(0xfd, 0xfd, 0xff);
        painter->setPen(QPen(QColor(0xa9, 0xb6, 0xd3), lod < 0.3 ? 0 : 1.2));
        painter->setBrush(fill);
        painter->drawRoundedRect(m_rect, 8, 8);
        if (lod < 0.25)
            return;
        QRectF header(m_rect.left() + 10, m_rect.top() + 3, m_rect.width() - 20,
                      layout::NodeMetrics::clusterHeader - 6);
        painter->setFont(graphstyle::clusterFont());
        painter->setPen(QColor(0x3c, 0x55, 0xb4));
        const QString title = qs(m_cluster.title);
        painter->drawText(header, Qt::AlignLeft | Qt::AlignVCenter, title);
        const double used = QFontMetricsF(painter->font()).horizontalAdvance(title) + 8;
        painter->setFont(graphstyle::bodyFont());
        painter->setPen(graphstyle::mutedTextColor);
        painter->drawText(header.adjusted(used, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                          elided(qs(m_cluster.subtitle), painter->font(), header.width() - used));
        return;
    }
    QPen pen(QColor(0xc2, 0x95, 0x10), lod < 0.3 ? 0 : 1);
    pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(QColor(0xff, 0xfb, 0xea));
    painter->drawRoundedRect(m_rect, 6, 6);
    if (lod < 0.4)
        return;
    painter->setFont(graphstyle::bodyFont());
    painter->setPen(QColor(0x8a, 0x6a, 0x0a));
    painter->drawText(QRectF(m_rect.left() + 8, m_rect.top() + 2, m_rect.width() - 16, 14),
                      Qt::AlignLeft | Qt::AlignVCenter, qs(m_cluster.title));
}

TileItem::TileItem(double z)
{
    setFlags(QGraphicsItem::ItemContainsChildrenInShape);
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(z);
}

void TileItem::adopt(QGraphicsItem* child)
{
    child->setParentItem(this);
    m_bounds |= child->boundingRect();
}

} // namespace jitscope::ui
