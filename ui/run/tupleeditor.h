// The editor of a Tuple[…] argument: one editor per element; its value is the list of theirs.
#pragma once

#include "valueeditor.h"

#include <vector>

namespace jitscope::ui {

class TupleEditor : public ValueEditor
{
    Q_OBJECT
public:
    explicit TupleEditor(const spec::TypeNode& type, QWidget* parent = nullptr);
    InputValue value() const override;
    bool setValue(const InputValue& value) override;
    QString kind() const override { return QStringLiteral("tuple"); }
    int count() const { return static_cast<int>(m_elements.size()); }
    ValueEditor* item(int index) const { return m_elements[static_cast<size_t>(index)]; }

private:
    std::vector<ValueEditor*> m_elements;
};

} // namespace jitscope::ui
