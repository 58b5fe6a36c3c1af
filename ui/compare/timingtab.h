// The Timing tab of the compare view: both sides' per-call times of the alternating timing run on one
// chart, medians in the legend and B/A in the title.
#pragma once

#include "types/comparereport.h"

#include <QWidget>

namespace jitscope::ui {

class TimingTab : public QWidget
{
    Q_OBJECT
public:
    explicit TimingTab(QWidget* parent = nullptr);

    void setReport(const jitscope::CompareReport& report); // replaces the chart (or says why there is none)
};

} // namespace jitscope::ui
