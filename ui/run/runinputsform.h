// The Inputs part of the Run panel: one ArgumentRow per argument of the method's schema (an editor and its
// spec line), a "Spec text" toggle, the texts remembered per model and method (QSettings), and the
// protocol's inputs built from them.
#pragma once

#include "protocol/run.h"
#include "types/runresult.h"

#include <QWidget>

#include <vector>

class QFormLayout;
class QScrollArea;
class QToolButton;

namespace jitscope::ui {

class ArgumentRow;

class RunInputsForm : public QWidget
{
    Q_OBJECT
public:
    explicit RunInputsForm(QWidget* parent = nullptr);

    // Shows editors for `arguments`, filled with the texts last remembered under `memoryKey`.
    void setArguments(const std::vector<ArgumentInfo>& arguments, const QString& memoryKey);
    const std::vector<ArgumentInfo>& arguments() const { return m_arguments; }
    ArgumentRow* row(const QString& argument) const;
    QString text(const QString& argument) const; // "" for the schema's default
    void setText(const QString& argument, const QString& text);
    // Fills call.inputs/named from the editors; false (with `problem`) when one cannot be sent.
    bool collect(protocol::Call& call, QString& problem) const;
    void remember() const; // the texts, under the memoryKey of setArguments

Q_SIGNALS:
    void edited(); // an argument's value changed

private:
    std::vector<ArgumentInfo> m_arguments;
    QString m_memoryKey;
    QWidget* m_rows;
    QFormLayout* m_form;
    QScrollArea* m_scroll;
    QToolButton* m_specToggle;
};

} // namespace jitscope::ui
