// What the List and Dict editors' rows are made of (and the Tuple editor's index labels): +/− buttons, the
// layout of the rows above the + button, and element editors made by createValueEditor.
#pragma once

#include "valueeditor.h"

#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace jitscope::ui::containerrows {

QToolButton* removeButton(const QString& tip);
QPushButton* addButton(const QString& text, const QString& tip);
// The layout of a list or dict editor: its rows, then `add` on a line of its own. Returns the rows' layout.
QVBoxLayout* rowsWithAddButton(QWidget* editor, QPushButton* add);
QLabel* indexLabel(const QString& text);
// Editors for every element of `values`, or none when one of them cannot be shown.
std::vector<std::unique_ptr<ValueEditor>> editorsFor(const spec::TypeNode& type,
                                                     const std::vector<InputValue>& values);

// The row of `rows` (items with a `row` widget) that holds `row`, or -1: rows move as others are removed, so
// a remove button looks its row up when clicked.
template<class Rows> int rowIndex(const Rows& rows, const QWidget* row)
{
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i].row == row)
            return static_cast<int>(i);
    return -1;
}

} // namespace jitscope::ui::containerrows
