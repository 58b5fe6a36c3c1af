// GraphWidget and its overlays: heat colouring from a profile (HeatOverlay) and a recorded run's values
// (ValueOverlay).
#include "graphcanvas.h"
#include "graphitems.h"
#include "graphstore.h"
#include "graphstyle.h"
#include "graphwidget.h"
#include "heatoverlay.h"
#include "qtstring.h"
#include "valueoverlay.h"

#include <QGraphicsScene>
#include <QMenu>
#include <QToolButton>

namespace jitscope::ui {

void GraphWidget::setHeat(const std::vector<OpTime>& ops)
{
    m_heat->setProfile(ops);
    m_heatButton->setEnabled(!m_heat->empty());
    m_heatButton->setChecked(!m_heat->empty()); // shows it (toggled → applyHeat)
    applyHeat();
}

void GraphWidget::clearHeat()
{
    m_heat->clear();
    m_heatButton->setChecked(false);
    m_heatButton->setEnabled(false);
    applyHeat();
}

bool GraphWidget::isHeatShown() const
{
    return m_heatButton->isChecked() && !m_heat->empty();
}

double GraphWidget::heatOf(const QString& instance, int64_t nodeId) const
{
    auto it = m_items.find(navigation::NodeRef{instance.toStdString(), nodeId});
    return it == m_items.end() ? -1 : it->second->heatShare();
}

void GraphWidget::applyHeat()
{
    m_heat->apply(m_heatButton->isChecked(), m_layout.get(), m_items, m_inlined, m_rootPath);
}

void GraphWidget::setValues(std::shared_ptr<const ValueTable> values)
{
    m_values->setValues(std::move(values));
    applyValues();
}

void GraphWidget::clearValues()
{
    m_values->clear();
    applyValues();
}

const ValueTable* GraphWidget::valueOverlayTable() const
{
    return m_values->table();
}

bool GraphWidget::hasValues() const
{
    return !m_values->empty();
}

bool GraphWidget::isNonFiniteNode(const QString& instance, int64_t nodeId) const
{
    auto it = m_items.find(navigation::NodeRef{instance.toStdString(), nodeId});
    return it != m_items.end() && it->second->isNonFinite();
}

void GraphWidget::applyValues()
{
    // The nested view finds values through the inlined graph: ask for it once.
    if (!m_values->empty() && !m_inlinedGraph && !m_inlinedRequested && m_tree.hasRoot() &&
        m_values->table()->method == m_rootMethod) {
        m_inlinedRequested = true;
        m_lastRequest.start();
        if (m_store->request(inlinedRef())) // held already
            setInlined(m_store->graph(inlinedRef()));
    }
    if (m_building)
        return; // finishBuild() applies them to the complete scene
    m_values->apply(m_inlined, m_rootPath, m_rootMethod, m_tree, m_items, m_edgeItems);
    // Values that arrive (or go) after the node was selected: say so, once per change.
    if (!m_reported)
        return;
    std::vector<int64_t> ids = reportedValueIds();
    if (ids == m_reportedValues)
        return;
    m_reportedValues = std::move(ids);
    if (auto it = m_items.find(*m_reported); it != m_items.end()) {
        const layout::SceneNode& node = it->second->sceneNode();
        const std::string path = m_inlined ? node.get().node->module_path : node.view->graph->module_path;
        Q_EMIT selectedNodeValuesChanged(*node.get().node, qs(path));
    }
}

std::vector<int64_t> GraphWidget::reportedValueIds() const
{
    std::vector<int64_t> ids;
    for (const PortValue& port : selectedNodeValues())
        ids.push_back(port.value);
    return ids;
}

std::vector<GraphWidget::PortValue> GraphWidget::selectedNodeValues() const
{
    std::vector<PortValue> ports;
    if (!m_reported || m_values->empty())
        return ports;
    auto it = m_items.find(*m_reported);
    if (it == m_items.end())
        return ports;
    const Node& node = *it->second->sceneNode().get().node;
    auto add = [&](const QString& role, const std::vector<ValueInfo>& values) {
        for (size_t i = 0; i < values.size(); ++i) {
            const int64_t id = m_values->inlinedValue(m_inlined, m_reported->instance, values[i].id);
            if (id >= 0 && !m_values->index().valuesOf(id).empty())
                ports.push_back({QStringLiteral("%1 %2").arg(role, values[i].name.empty() ? QString::number(i)
                                                                                         : qs(values[i].name)),
                                 id});
        }
    };
    add(tr("in"), node.inputs);
    add(tr("out"), node.outputs);
    return ports;
}

std::pair<int64_t, std::string> GraphWidget::valueAt(const QPointF& scenePos) const
{
    for (QGraphicsItem* item : m_scene->items(scenePos))
        if (item->type() == EdgeItem::Type) {
            auto* edge = static_cast<EdgeItem*>(item);
            const int64_t id = m_values->inlinedValue(m_inlined, edge->instance(), edge->value());
            const auto values = m_values->index().valuesOf(id);
            if (!values.empty())
                return {id, values.size() == 1 ? values[0]->element : std::string()};
        }
    return {-1, {}};
}

void GraphWidget::showContextMenu(const QPoint& pos)
{
    const QPointF scenePos = m_canvas->mapToScene(pos);
    auto [id, element] = valueAt(scenePos);
    if (id < 0)
        return;
    QMenu menu(this);
    const auto values = m_values->index().valuesOf(id);
    if (values.size() == 1) {
        menu.addAction(tr("Save value…"), this, [this, id = id, e = element] { Q_EMIT saveValueRequested(id, qs(e)); });
    } else {
        for (const RecordedValue* value : values)
            menu.addAction(tr("Save element %1…").arg(qs(value->element)), this,
                           [this, id = id, e = value->element] { Q_EMIT saveValueRequested(id, qs(e)); });
    }
    menu.exec(m_canvas->viewport()->mapToGlobal(pos));
}

bool GraphWidget::goToFirstNonFinite()
{
    const ValueTable* table = m_values->table();
    if (!table || !table->first_nonfinite || table->method != m_rootMethod)
        return false;
    const FirstNonFinite& first = *table->first_nonfinite;
    if (m_inlined) {
        selectNodes(inlinedRef(), {first.node});
        return true;
    }
    // The node's own module graph holds it (its method: the root's, or forward of a submodule).
    const bool root = first.module_path == m_rootPath;
    const int64_t node = first.node;
    PendingNodes pending;
    pending.graph = GraphRef::method(first.module_path, root ? m_rootMethod : std::string("forward"));
    pending.resolve = [overlay = m_values.get(), node](const Graph& graph) {
        return overlay->index().nestedNodesOf(graph, node);
    };
    pending.module = first.module_path;
    m_pendingNodes = std::move(pending);
    m_pendingSelection.clear();
    trySelectNodes();
    return true;
}

} // namespace jitscope::ui
