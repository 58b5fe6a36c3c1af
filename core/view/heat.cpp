#include "heat.h"

#include <algorithm>

namespace jitscope::view {

HeatTable::HeatTable(const std::vector<OpTime>& ops)
{
    for (const OpTime& op : ops) {
        const double ms = std::max(0.0, op.self_ms);
        m_byOp[{op.name, op.module}] += ms;
        m_byModule[op.module] += ms;
        m_total += ms;
    }
}

double HeatTable::opShare(const std::string& kind, const std::string& module, int sameKind) const
{
    auto it = m_byOp.find({kind, module});
    if (it == m_byOp.end() || m_total <= 0)
        return 0;
    return it->second / std::max(1, sameKind) / m_total;
}

double HeatTable::moduleShare(const std::string& modulePath) const
{
    if (m_total <= 0)
        return 0;
    if (modulePath.empty())
        return 1; // the root module holds everything
    double ms = 0;
    if (auto it = m_byModule.find(modulePath); it != m_byModule.end())
        ms += it->second;
    // The modules below all start with "<path>.", and sort together from there.
    const std::string prefix = modulePath + ".";
    for (auto it = m_byModule.lower_bound(prefix); it != m_byModule.end() && it->first.rfind(prefix, 0) == 0;
         ++it)
        ms += it->second;
    return ms / m_total;
}

} // namespace jitscope::view
