// Editors for the arguments of a method, one that fits each TorchScript type: a tensor editor, spin boxes,
// a check box, a line edit, lists and dicts of editors with +/− and tuples of them. Each gives its value in
// the form the worker takes (types/inputvalue.h: spec strings, numbers, bools, none, lists, dicts in
// order), so the spec line next to it and the editor always say the same thing.
#pragma once

#include "types/inputspec.h"
#include "types/inputvalue.h"

#include <QWidget>

namespace jitscope::ui {

class ValueEditor : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;
    virtual InputValue value() const = 0;
    // Shows `value`; false, with nothing changed, when this editor cannot show it.
    virtual bool setValue(const InputValue& value) = 0;
    // What it edits: "tensor", "int", "float", "bool", "str", "list", "dict", "tuple" or "optional".
    virtual QString kind() const = 0;

Q_SIGNALS:
    void changed();
};

// The editor for `type`, or null when there is none (the spec line is the editor then). Every editor
// starts with a value that runs on common models.
ValueEditor* createValueEditor(const spec::TypeNode& type, QWidget* parent = nullptr);

} // namespace jitscope::ui
