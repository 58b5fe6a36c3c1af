// A layout that places its items left to right and starts a new line when the next one does not fit, so
// that a row of controls wraps in a narrow dock instead of being cut off behind a scroll bar. An item that
// has a height for its width (a FlowLayout of its own) takes what is left of the line, down to its minimum
// width, and grows taller instead. Items of a line are centred on it. (After Qt's "Flow Layout" example.)
#pragma once

#include <QLayout>
#include <QList>

#include <initializer_list>

namespace jitscope::ui {

class FlowLayout : public QLayout
{
public:
    explicit FlowLayout(QWidget* parent = nullptr, int hSpacing = -1, int vSpacing = -1);
    ~FlowLayout() override;

    void addItem(QLayoutItem* item) override;
    int count() const override { return static_cast<int>(m_items.size()); }
    QLayoutItem* itemAt(int index) const override { return m_items.value(index); }
    QLayoutItem* takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return arrange(QRect(0, 0, width, 0), false); }
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;

private:
    // Lays the items out in `rect` (only measures when !apply); the height used.
    int arrange(const QRect& rect, bool apply) const;
    int spacing(Qt::Orientation orientation) const;

    QList<QLayoutItem*> m_items;
    int m_hSpacing;
    int m_vSpacing;
};

// The widgets side by side in a box of their own, which a FlowLayout moves as one (a label with its field).
QWidget* keepTogether(std::initializer_list<QWidget*> widgets);

} // namespace jitscope::ui
