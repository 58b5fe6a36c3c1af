#include "flowlayout.h"

#include <QHBoxLayout>
#include <QStyle>
#include <QWidget>

#include <algorithm>

namespace jitscope::ui {

QWidget* keepTogether(std::initializer_list<QWidget*> widgets)
{
    auto* box = new QWidget;
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    for (QWidget* widget : widgets)
        row->addWidget(widget);
    return box;
}

FlowLayout::FlowLayout(QWidget* parent, int hSpacing, int vSpacing)
    : QLayout(parent), m_hSpacing(hSpacing), m_vSpacing(vSpacing)
{
    setContentsMargins(0, 0, 0, 0);
}

FlowLayout::~FlowLayout()
{
    while (QLayoutItem* item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem* item)
{
    m_items.append(item);
}

QLayoutItem* FlowLayout::takeAt(int index)
{
    return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
}

QSize FlowLayout::sizeHint() const
{
    // One line when there is room for it.
    QSize size;
    const int gap = spacing(Qt::Horizontal);
    for (const QLayoutItem* item : m_items) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        size.rwidth() += (size.width() > 0 ? gap : 0) + hint.width();
        size.rheight() = std::max(size.height(), hint.height());
    }
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::minimumSize() const
{
    // As narrow as the widest item: everything else wraps.
    QSize size;
    for (const QLayoutItem* item : m_items)
        if (!item->isEmpty())
            size = size.expandedTo(item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

void FlowLayout::setGeometry(const QRect& rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::spacing(Qt::Orientation orientation) const
{
    const int set = orientation == Qt::Horizontal ? m_hSpacing : m_vSpacing;
    if (set >= 0)
        return set;
    const QWidget* owner = parentWidget();
    if (!owner)
        return 6;
    return owner->style()->pixelMetric(orientation == Qt::Horizontal ? QStyle::PM_LayoutHorizontalSpacing
                                                                     : QStyle::PM_LayoutVerticalSpacing,
                                       nullptr, owner);
}

int FlowLayout::arrange(const QRect& rect, bool apply) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    const int hGap = std::max(0, spacing(Qt::Horizontal));
    const int vGap = std::max(0, spacing(Qt::Vertical));
    int x = area.x(), y = area.y(), lineHeight = 0;
    // Items of one line share its height and are centred on it (labels beside spin boxes line up).
    QList<QPair<QLayoutItem*, QRect>> line;
    auto flush = [&] {
        for (auto& [item, r] : line)
            if (apply)
                item->setGeometry(QRect(QPoint(r.x(), y + (lineHeight - r.height()) / 2), r.size()));
        line.clear();
    };
    for (QLayoutItem* item : m_items) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        const int minimum = std::min(item->minimumSize().width(), area.width());
        const int left = area.right() + 1 - x;
        int width = std::min(hint.width(), std::max(minimum, area.width()));
        if (x > area.x() && width > left) {
            if (item->hasHeightForWidth() && left >= minimum) {
                width = left; // it wraps inside
            } else {          // a new line
                flush();
                x = area.x();
                y += lineHeight + vGap;
                lineHeight = 0;
            }
        }
        const int height = item->hasHeightForWidth() ? item->heightForWidth(width) : hint.height();
        line.append({item, QRect(x, y, width, height)});
        x += width + hGap;
        lineHeight = std::max(lineHeight, height);
    }
    flush();
    const QMargins m = contentsMargins();
    return y + lineHeight - rect.y() + m.bottom();
}

} // namespace jitscope::ui
