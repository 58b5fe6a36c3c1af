// A spin box for floats that the user types as numbers (0.5, 1e-06), not as fixed decimals.
#pragma once

#include <QDoubleSpinBox>

namespace jitscope::ui {

// A QDoubleSpinBox that shows the shortest text of its value (0.5, 1e-06) instead of fixed decimals.
class NumberSpinBox : public QDoubleSpinBox
{
    Q_OBJECT
public:
    explicit NumberSpinBox(QWidget* parent = nullptr);
    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;

private:
    QString number(QString text) const;
};

} // namespace jitscope::ui
