// A one-line label for a status of parts joined by " · " ("10 nodes · 26 ms · 3 folded"): its first part
// always shows whole, the rest is cut with "…" when the label is narrow, and the tooltip then says all.
// The graph toolbar's status must give way to the buttons, but never as a word cut in half ("10 nod").
#pragma once

#include <QLabel>

namespace jitscope::ui {

class ElidingLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidingLabel(QWidget* parent = nullptr);

    // The tooltip shown when the text is cut (the text itself is then the tooltip's first line).
    void setDetail(const QString& detail);

    // Both the width of the first part: a long text takes what room is left, never widens the toolbar.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_detail;
};

} // namespace jitscope::ui
