#include "listeditor.h"

#include "containerrows.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace jitscope::ui {

using namespace containerrows;

ListEditor::ListEditor(spec::TypeNode element, const InputValue& initial, QWidget* parent)
    : ValueEditor(parent), m_element(std::move(element))
{
    const bool tensors = m_element.name == "Tensor" || m_element.name == "Optional";
    QPushButton* add = addButton(tensors ? tr("+ Add tensor") : tr("+ Add item"), tr("Add an element"));
    m_rows = rowsWithAddButton(this, add);
    connect(add, &QPushButton::clicked, this, [this] { addItem(); });
    setValue(initial);
}

ListEditor::Item ListEditor::makeItem(ValueEditor* editor)
{
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(indexLabel({}));
    h->addWidget(editor, 1);
    QToolButton* remove = removeButton(tr("Remove this element"));
    h->addWidget(remove);
    connect(editor, &ValueEditor::changed, this, &ValueEditor::changed);
    connect(remove, &QToolButton::clicked, this, [this, row] {
        if (const int i = rowIndex(m_items, row); i >= 0)
            removeItem(i);
    });
    m_rows->addWidget(row);
    return {row, editor};
}

void ListEditor::renumber()
{
    for (size_t i = 0; i < m_items.size(); ++i)
        static_cast<QLabel*>(m_items[i].row->layout()->itemAt(0)->widget())
            ->setText(QStringLiteral("[%1]").arg(i));
}

void ListEditor::addItem()
{
    ValueEditor* editor = createValueEditor(m_element);
    if (!m_items.empty())
        editor->setValue(m_items.back().editor->value());
    m_items.push_back(makeItem(editor));
    renumber();
    Q_EMIT changed();
}

void ListEditor::removeItem(int index)
{
    delete m_items[static_cast<size_t>(index)].row;
    m_items.erase(m_items.begin() + index);
    renumber();
    Q_EMIT changed();
}

InputValue ListEditor::value() const
{
    std::vector<InputValue> items;
    for (const Item& item : m_items)
        items.push_back(item.editor->value());
    return InputValue::listOf(std::move(items));
}

bool ListEditor::setValue(const InputValue& value)
{
    if (value.kind != InputValue::Kind::List)
        return false;
    auto editors = editorsFor(m_element, value.items);
    if (editors.size() != value.items.size())
        return false;
    for (const Item& item : m_items)
        delete item.row;
    m_items.clear();
    for (auto& editor : editors)
        m_items.push_back(makeItem(editor.release()));
    renumber();
    return true;
}

} // namespace jitscope::ui
