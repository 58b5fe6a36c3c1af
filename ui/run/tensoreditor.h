// The editor of a Tensor (or Optional[Tensor]) argument: a generator with shape, dtype and seed, a
// torch.save'd/.npy file, or an image with resize and normalisation; its value is the spec string.
#pragma once

#include "valueeditor.h"

#include <vector>

class QComboBox;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace jitscope::ui {

class NumberSpinBox;

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
