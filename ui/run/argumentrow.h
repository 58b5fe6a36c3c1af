// One argument of a method in the Run panel: its value editor (valueeditor.h) and its spec line.
#pragma once

#include "types/runresult.h"
#include "valueeditor.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace jitscope::ui {

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
