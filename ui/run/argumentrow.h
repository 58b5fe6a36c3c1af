// Editors for the arguments of a method, one that fits each TorchScript type: a tensor editor, spin boxes,
// a check box, a line edit, lists and dicts of editors with +/− and tuples of them. Each gives its value in
// the form the worker takes (types/inputvalue.h: spec strings, numbers, bools, none, lists, dicts in
// order), so the spec line next to it and the editor always say the same thing.
#pragma once

#include "types/inputspec.h"
#include "types/inputvalue.h"
#include "types/runresult.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class QVBoxLayout;

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

// One argument: its editor, the spec line (objectName "input_<name>") and, when the schema has a default,
// a "default" check box (checked: the spec is empty and the worker uses the default).
class ArgumentRow : public QWidget
{
    Q_OBJECT
public:
    ArgumentRow(const ArgumentInfo& argument, QWidget* parent = nullptr);

    QString name() const { return m_name; }
    // The spec line's text; "" for the schema's default.
    QString text() const;
    // Sets the spec line and shows the value in the editor when it can.
    void setText(const QString& text);
    ValueEditor* editor() const { return m_editor; }
    bool usesDefault() const;
    // Shows the spec line also where the editor says the same (it always shows where there is no editor,
    // or where the editor cannot show the spec).
    void setSpecVisible(bool visible);

Q_SIGNALS:
    void edited(); // the value changed (editor, spec line, default box or setText)

private:
    void editorChanged();
    void specEdited();
    void useDefault(bool on);
    void updateVisibility();

    QString m_name;
    bool m_specVisible = false;
    bool m_inSync = true;
    ValueEditor* m_editor = nullptr;
    QCheckBox* m_default = nullptr;
    QLineEdit* m_spec = nullptr;
    QToolButton* m_file = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace jitscope::ui
