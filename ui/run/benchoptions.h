// How a benchmark runs: warm-up calls (or until the times settle), timed calls or seconds, per-op profile.
// The Run panel shows them beside its Benchmark button, where they are seen before a benchmark starts.
#pragma once

#include "protocol/run.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QSpinBox;

namespace jitscope::ui {

class BenchOptions : public QWidget
{
    Q_OBJECT
public:
    explicit BenchOptions(QWidget* parent = nullptr);
    void fill(protocol::BenchRequest& request) const; // warmup, until_settled, iters, seconds, profile

private:
    QSpinBox* m_warmup;
    QCheckBox* m_untilSettled;
    QSpinBox* m_iters;
    QDoubleSpinBox* m_seconds;
    QCheckBox* m_profile;
};

} // namespace jitscope::ui
