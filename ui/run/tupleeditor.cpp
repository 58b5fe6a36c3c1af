#include "tupleeditor.h"

#include "containerrows.h"

#include <QGridLayout>
#include <QLabel>

namespace jitscope::ui {

using namespace containerrows;

TupleEditor::TupleEditor(const spec::TypeNode& type, QWidget* parent) : ValueEditor(parent)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setVerticalSpacing(2);
    for (size_t i = 0; i < type.args.size(); ++i) {
        ValueEditor* editor = createValueEditor(type.args[i]);
        grid->addWidget(indexLabel(QStringLiteral("[%1]").arg(i)), static_cast<int>(i), 0);
        grid->addWidget(editor, static_cast<int>(i), 1);
        connect(editor, &ValueEditor::changed, this, &ValueEditor::changed);
        m_elements.push_back(editor);
    }
    grid->setColumnStretch(1, 1);
}

InputValue TupleEditor::value() const
{
    std::vector<InputValue> items;
    for (const ValueEditor* e : m_elements)
        items.push_back(e->value());
    return InputValue::listOf(std::move(items));
}

bool TupleEditor::setValue(const InputValue& value)
{
    if (value.kind != InputValue::Kind::List || value.items.size() != m_elements.size())
        return false;
    // all or nothing: an element that cannot show its part puts the earlier ones back
    std::vector<InputValue> before;
    for (ValueEditor* e : m_elements)
        before.push_back(e->value());
    for (size_t i = 0; i < m_elements.size(); ++i) {
        if (!m_elements[i]->setValue(value.items[i])) {
            for (size_t j = 0; j < i; ++j)
                m_elements[j]->setValue(before[j]);
            return false;
        }
    }
    return true;
}

} // namespace jitscope::ui
