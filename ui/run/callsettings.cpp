#include "callsettings.h"
#include "qtstring.h"

#include "flowlayout.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace jitscope::ui {

CallSettings::CallSettings(QWidget* parent)
    : QWidget(parent), m_method(new QComboBox), m_device(new QComboBox), m_threads(new QSpinBox),
      m_inferenceMode(new QCheckBox(tr("InferenceMode"))), m_recordValues(new QCheckBox(tr("Record values")))
{
    m_method->setObjectName(QStringLiteral("runMethod"));
    m_device->setObjectName(QStringLiteral("runDevice"));
    m_device->addItem(QStringLiteral("cpu"));
    m_threads->setRange(0, 256);
    m_threads->setSpecialValueText(QStringLiteral("default"));
    m_threads->setToolTip(tr("Intra-op threads (at::set_num_threads)"));
    m_inferenceMode->setChecked(true);
    m_inferenceMode->setToolTip(tr("Unchecked: NoGradGuard"));
    m_recordValues->setObjectName(QStringLiteral("recordValues"));
    m_recordValues->setToolTip(tr("Run records every value of the inlined graph: edges show their shapes and "
                                  "statistics, nodes computing NaN/Inf turn red (about 2–3× a plain run)"));
    connect(m_method, &QComboBox::currentTextChanged, this, &CallSettings::methodChanged);
    connect(m_device, &QComboBox::currentTextChanged, this, &CallSettings::deviceChanged);

    // Wraps in a narrow dock instead of hiding the device behind a scroll bar; a label stays with its field.
    m_method->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_method->setMinimumContentsLength(12);
    auto* row = new FlowLayout(this);
    row->addWidget(keepTogether({new QLabel(tr("Method")), m_method}));
    row->addWidget(keepTogether({new QLabel(tr("Device")), m_device}));
    row->addWidget(keepTogether({new QLabel(tr("Threads")), m_threads}));
    row->addWidget(m_inferenceMode);
    row->addWidget(m_recordValues);
}

void CallSettings::setMethods(const QStringList& methods)
{
    const QSignalBlocker block(m_method);
    m_method->clear();
    m_method->addItems(methods);
    const int forward = methods.indexOf(QStringLiteral("forward"));
    m_method->setCurrentIndex(forward >= 0 ? forward : 0);
}

void CallSettings::setDevices(const std::vector<std::string>& devices)
{
    const QString current = m_device->currentText();
    m_device->clear();
    for (const std::string& d : devices)
        m_device->addItem(qs(d));
    m_device->setCurrentText(current);
}

QString CallSettings::method() const
{
    return m_method->currentText();
}

bool CallSettings::recordValues() const
{
    return m_recordValues->isChecked();
}

void CallSettings::fill(protocol::Call& call) const
{
    call.method = m_method->currentText().toStdString();
    call.device = m_device->currentText().toStdString();
    call.inference_mode = m_inferenceMode->isChecked();
    call.threads = m_threads->value();
}

} // namespace jitscope::ui
