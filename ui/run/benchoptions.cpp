#include "benchoptions.h"

#include "flowlayout.h"

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
    // Groups that wrap as a whole when the dock is narrow (a label stays with its field).
    auto* layout = new FlowLayout(this);
    layout->addWidget(keepTogether({new QLabel(tr("Warm-up")), m_warmup, m_untilSettled}));
    layout->addWidget(keepTogether({new QLabel(tr("Calls")), m_iters}));
    layout->addWidget(keepTogether({new QLabel(tr("or")), m_seconds}));
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
