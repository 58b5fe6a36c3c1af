// Which method to call and how: the method, the device, intra-op threads, InferenceMode (or NoGradGuard)
// and whether a run records every value. What run and bench share (protocol::Call) comes from here.
#pragma once

#include "protocol/run.h"

#include <QWidget>

#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace jitscope::ui {

class CallSettings : public QWidget
{
    Q_OBJECT
public:
    explicit CallSettings(QWidget* parent = nullptr);

    // The model's methods, forward selected when it has one (no methodChanged).
    void setMethods(const QStringList& methods);
    void setDevices(const std::vector<std::string>& devices); // keeps the current one when it is there
    QString method() const;
    bool recordValues() const;
    QCheckBox* recordValuesBox() const { return m_recordValues; }
    // Fills method, device, inference_mode and threads.
    void fill(protocol::Call& call) const;

Q_SIGNALS:
    void methodChanged();
    void deviceChanged();

private:
    QComboBox* m_method;
    QComboBox* m_device;
    QSpinBox* m_threads;
    QCheckBox* m_inferenceMode;
    QCheckBox* m_recordValues;
};

} // namespace jitscope::ui
