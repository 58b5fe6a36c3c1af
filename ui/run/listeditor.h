// The editor of a List[T] argument: rows of element editors with +/− buttons; its value is the list of
// theirs.
#pragma once

#include "valueeditor.h"

#include <QString>

#include <vector>

class QVBoxLayout;

namespace jitscope::ui {

class ListEditor : public ValueEditor
{
    Q_OBJECT
public:
    // `initial`: the items it starts with.
    ListEditor(spec::TypeNode element, const InputValue& initial, QWidget* parent = nullptr);
    InputValue value() const override;
    bool setValue(const InputValue& value) override;
    QString kind() const override { return QStringLiteral("list"); }
    int count() const { return static_cast<int>(m_items.size()); }
    ValueEditor* item(int index) const { return m_items[static_cast<size_t>(index)].editor; }
    // What + does: a copy of the last item (or the element's default editor).
    void addItem();
    void removeItem(int index);

private:
    struct Item
    {
        QWidget* row;
        ValueEditor* editor;
    };
    Item makeItem(ValueEditor* editor);
    void renumber();

    spec::TypeNode m_element;
    std::vector<Item> m_items;
    QVBoxLayout* m_rows = nullptr;
};

} // namespace jitscope::ui
