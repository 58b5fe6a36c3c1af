// A profile's self time attributed to the boxes of the graph view. Rows are (op kind, module path): an op
// box takes the rows of its kind in its module, shared evenly among the boxes of that kind there (the
// profiler does not tell them apart); a collapsed method call takes every row of the called module and of
// the modules below it. Qt-free, so that the numbers are tested without a display.
#pragma once

#include "types/runresult.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace jitscope::view {

class HeatTable
{
public:
    HeatTable() = default;
    explicit HeatTable(const std::vector<OpTime>& ops);

    bool empty() const { return m_total <= 0; }
    double totalMs() const { return m_total; }
    // Fractions of the total self time (0 … 1).
    // `sameKind`: how many boxes of this kind the module's graph draws (at least 1).
    double opShare(const std::string& kind, const std::string& module, int sameKind) const;
    double moduleShare(const std::string& modulePath) const; // the module and everything below it

private:
    std::map<std::pair<std::string, std::string>, double> m_byOp; // (kind, module) → self ms
    std::map<std::string, double> m_byModule;                     // module → self ms of its own rows
    double m_total = 0;
};

} // namespace jitscope::view
