#include "elidinglabel.h"

#include <QPainter>
#include <QStyle>

namespace jitscope::ui {

ElidingLabel::ElidingLabel(QWidget* parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
}

void ElidingLabel::setDetail(const QString& detail)
{
    m_detail = detail;
    setToolTip(detail);
}

QSize ElidingLabel::sizeHint() const
{
    return minimumSizeHint();
}

QSize ElidingLabel::minimumSizeHint() const
{
    const QString first = text().section(QStringLiteral(" · "), 0, 0);
    const QString kept = first == text() ? first : first + QStringLiteral(" …");
    const QMargins margins = contentsMargins();
    return {fontMetrics().horizontalAdvance(kept) + margins.left() + margins.right() + 2 * margin(),
            QLabel::minimumSizeHint().height()};
}

void ElidingLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect area = contentsRect();
    const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, area.width());
    // text() stays whole for whoever reads it; only the drawing is cut, and the tooltip then says all.
    const bool cut = shown != text();
    const QString tip =
        cut ? (m_detail.isEmpty() ? text() : text() + QLatin1Char('\n') + m_detail) : m_detail;
    if (toolTip() != tip)
        setToolTip(tip);
    style()->drawItemText(&painter, area, int(alignment()), palette(), isEnabled(), shown, foregroundRole());
}

} // namespace jitscope::ui
