// The editor of a Tensor (or Optional[Tensor]) argument: a generator with shape, dtype and seed, a
// torch.save'd/.npy file, or an image with resize and normalisation; its value is the spec string.
#pragma once

#include "argumenteditors.h"

#include <QDoubleSpinBox>

class QComboBox;
class QSpinBox;

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

class TensorEditor : public ValueEditor
{
    Q_OBJECT
public:
    // `optional`: the source list also offers None (an Optional[Tensor]).
    explicit TensorEditor(bool optional, QWidget* parent = nullptr);

    InputValue value() const override;
    bool setValue(const InputValue& value) override;
    QString kind() const override { return QStringLiteral("tensor"); }

private:
    QString source() const;
    spec::TensorSpec tensorSpec() const;
    void sourceChanged();
    void updateFields();
    void browse();

    QString m_lastSource;
    std::vector<int64_t> m_validShape{1, 3, 224, 224}; // the shape field's last acceptable text
    QComboBox* m_source = nullptr;
    NumberSpinBox* m_fill = nullptr;
    QSpinBox* m_low = nullptr;
    QSpinBox* m_high = nullptr;
    QLineEdit* m_shape = nullptr;
    QComboBox* m_dtype = nullptr;
    QSpinBox* m_seed = nullptr;
    QLineEdit* m_path = nullptr;
    QToolButton* m_browse = nullptr;
    QLineEdit* m_size = nullptr;
    QComboBox* m_normalise = nullptr;
    QLineEdit* m_mean = nullptr;
    QLineEdit* m_std = nullptr;
};

} // namespace jitscope::ui
