// The values of a recorded run drawn on the graph: each edge's shape as its label, the statistics and a
// histogram in its tooltip, nodes whose output holds a NaN/Inf in red. Works on the inlined view (the
// values' own ids) and on the nested view through view/valuemap.h. Owned by the GraphWidget; its
// OverlayController calls apply() whenever a layout is drawn or the values change. Keeps no pointers to
// items between calls.
#pragma once

#include "navigation/expansion.h"
#include "view/valuemap.h"

#include <QImage>
#include <QString>

#include <map>
#include <memory>
#include <vector>

namespace jitscope::ui {

class NodeItem;
class EdgeItem;

class ValueOverlay
{
public:
    void setValues(std::shared_ptr<const ValueTable> values);
    void setInlinedGraph(std::shared_ptr<const Graph> graph);
    void clear();
    bool empty() const { return m_index.empty(); }
    const ValueTable* table() const { return m_index.table(); }
    const ValueIndex& index() const { return m_index; }

    // Marks what is drawn. `rootModule`/`rootMethod`: the method the widget shows (values of another method
    // are not shown). Clears the marks when there are no values.
    void apply(bool inlined, const std::string& rootModule, const std::string& rootMethod,
               const navigation::ExpansionTree& tree, const std::map<navigation::NodeRef, NodeItem*>& nodes,
               const std::vector<EdgeItem*>& edges);

    // The inlined value that value `value` of call instance `instance` carries (the inlined view: itself);
    // -1 when unknown. Valid for the instances of the last apply().
    int64_t inlinedValue(bool inlined, const std::string& instance, int64_t value) const;
    // The inlined node drawn as node `nodeId` of `instance`; -1 when unknown.
    int64_t inlinedNode(bool inlined, const std::string& instance, int64_t nodeId) const;

    // Rich text: statistics of every recorded entry of the value and a histogram image per tensor.
    QString toolTip(int64_t inlinedValue) const;
    // One line: "1×64×56×56" (a container: its elements' shapes), "" when nothing was recorded.
    QString label(int64_t inlinedValue) const;
    bool nonFinite(int64_t inlinedValue) const;
    // One line for the details: "2×16 float32 · min … max · mean … std … · NaN 11".
    static QString summary(const RecordedValue& value);
    static QImage histogram(const RecordedValue& value, int width, int height);

private:
    bool mapInstance(const std::string& instance, const navigation::ExpansionTree& tree);
    const CallPath& pathOf(const std::string& instance, const navigation::ExpansionTree& tree);
    std::string moduleOf(const std::string& instance, const navigation::ExpansionTree& tree);

    std::shared_ptr<const ValueTable> m_table;
    std::shared_ptr<const Graph> m_inlined;
    ValueIndex m_index;
    std::string m_rootModule;
    std::map<std::string, ValueIndex::NestedMap> m_instances; // nested view: by call instance
    std::map<std::string, CallPath> m_paths; // by call instance
    // An id of `instance`'s graph in `ids` (NestedMap::values or ::nodes) as the inlined graph's; -1.
    int64_t lookup(const std::string& instance, int64_t id,
                   std::unordered_map<int64_t, int64_t> ValueIndex::NestedMap::*ids) const;
};

} // namespace jitscope::ui
