// The outputs of a run as a tree: one row per value (tuples, lists and dicts open into their elements), with
// each tensor's shape, dtype, device, statistics, NaN/Inf count and a preview or its top-k.
#pragma once

#include "types/runresult.h"

#include <QTreeWidget>

namespace jitscope::ui {

class OutputsTree : public QTreeWidget
{
    Q_OBJECT
public:
    explicit OutputsTree(QWidget* parent = nullptr);
    // Replaces what is shown by `output` (the method's return value), fully expanded.
    void showOutput(const ValueNode& output);
};

} // namespace jitscope::ui
