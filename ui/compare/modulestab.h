// The Modules tab of the compare view: both module trees in step, matched by path (A's order, then B's
// extras), each module's difference named (only in one side, other type, parameters differ, first
// divergence) and drawn in red.
#pragma once

#include "types/comparereport.h"
#include "types/modelinfo.h"

#include <QTreeWidget>

#include <optional>

namespace jitscope::ui {

class ModulesTab : public QTreeWidget
{
    Q_OBJECT
public:
    explicit ModulesTab(QWidget* parent = nullptr);

    // `info` per side when that side opened as a model (a state_dict B has no module tree).
    void fill(const std::optional<jitscope::ModelInfo> info[2], const jitscope::CompareReport& report);
};

} // namespace jitscope::ui
