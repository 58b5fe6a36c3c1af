#include "benchoptions.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace jitscope::ui {

BenchOptions::BenchOptions(QWidget* parent)
    : QWidget(parent), m_warmup(new QSpinBox), m_untilSettled(new QCheckBox(tr("until times settle"))),
      m_iters(new QSpinBox), m_seconds(new QDoubleSpinBox), m_profile(new QCheckBox(tr("Per-op profile")))
{
    setObjectName(QStringLiteral("benchOptions"));
    m_warmup->setRange(0, 100000);
    m_warmup->setValue(10);
    m_warmup->setObjectName(QStringLiteral("warmup"));
    m_warmup->setToolTip(
        tr("Calls before timing starts (TorchScript's profiling executor is slow at first)"));
    m_iters->setRange(1, 10000000);
    m_iters->setValue(100);
    m_iters->setObjectName(QStringLiteral("iters"));
    m_iters->setToolTip(tr("Timed calls"));
    m_seconds->setRange(0, 86400);
    m_seconds->setSpecialValueText(tr("off (use calls)"));
    m_seconds->setSuffix(tr(" s"));
    m_profile->setObjectName(QStringLiteral("profile"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Warm-up")));
    layout->addWidget(m_warmup);
    layout->addWidget(m_untilSettled);
    layout->addWidget(new QLabel(tr("Calls")));
    layout->addWidget(m_iters);
    layout->addWidget(new QLabel(tr("or")));
    layout->addWidget(m_seconds);
    layout->addWidget(m_profile);
}

void BenchOptions::fill(protocol::BenchRequest& request) const
{
    request.warmup = m_warmup->value();
    request.until_settled = m_untilSettled->isChecked();
    request.iters = m_iters->value();
    request.seconds = m_seconds->value();
    request.profile = m_profile->isChecked();
}

} // namespace jitscope::ui
