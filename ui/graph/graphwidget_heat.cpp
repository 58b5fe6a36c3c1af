// GraphWidget, fifth part: the overlays — heat colouring from a profile (view::HeatTable attributes the self
// time) and a recorded run's values (ValueOverlay).
#include "graphcanvas.h"
#include "graphitems.h"
#include "graphstore.h"
#include "graphstyle.h"
#include "graphwidget.h"
#include "qtstring.h"
#include "valueoverlay.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QGraphicsScene>
#include <QLinearGradient>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QToolButton>

#include <algorithm>
#include <unordered_map>

namespace jitscope::ui {

namespace {

QPixmap heatScale(int width, int height)
{
    QPixmap pixmap(width, height);
    QPainter painter(&pixmap);
    QLinearGradient gradient(0, 0, width, 0);
    for (double stop : {0.0, 0.5, 1.0})
        gradient.setColorAt(stop, graphstyle::heatColor(stop));
    painter.fillRect(pixmap.rect(), gradient);
    painter.setPen(QColor(0xb0, 0xb6, 0xc3));
    painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1));
    return pixmap;
}

// The module whose code runs in each call instance: a method's module, or for a free function the module of
// the instance calling it (its ops are profiled there).
class InstanceModules
{
public:
    InstanceModules(const layout::SceneLayout& layout, std::string rootModule)
    {
        m_modules[std::string()] = std::move(rootModule);
        for (const layout::SceneCluster& cluster : layout.clusters)
            if (cluster.module)
                m_calls[cluster.instance] = cluster.view->elements[cluster.element].node->callee.operator->();
    }
    const std::string& of(const std::string& instance)
    {
        if (auto it = m_modules.find(instance); it != m_modules.end())
            return it->second;
        auto call = m_calls.find(instance);
        std::string module;
        if (call != m_calls.end() && call->second->kind == CalleeKind::Method) {
            module = call->second->module_path;
        } else {
            const size_t slash = instance.rfind('/');
            module = of(slash == std::string::npos ? std::string() : instance.substr(0, slash));
        }
        return m_modules[instance] = module;
    }

private:
    std::unordered_map<std::string, const Callee*> m_calls;
    std::unordered_map<std::string, std::string> m_modules;
};

} // namespace

void GraphWidget::setHeat(const std::vector<OpTime>& ops)
{
    m_heat = view::HeatTable(ops);
    m_heatButton->setEnabled(!m_heat.empty());
    m_heatButton->setChecked(!m_heat.empty()); // shows it (toggled → applyHeat)
    applyHeat();
}

void GraphWidget::clearHeat()
{
    m_heat = view::HeatTable();
    m_heatButton->setChecked(false);
    m_heatButton->setEnabled(false);
    applyHeat();
}

bool GraphWidget::isHeatShown() const
{
    return m_heatButton->isChecked() && !m_heat.empty();
}

double GraphWidget::heatOf(const QString& instance, int64_t nodeId) const
{
    auto it = m_items.find(navigation::NodeRef{instance.toStdString(), nodeId});
    return it == m_items.end() ? -1 : it->second->heatShare();
}

void GraphWidget::applyHeat()
{
    if (!isHeatShown() || !m_layout) {
        for (auto& [ref, item] : m_items)
            item->setHeat(-1, 0);
        m_heatLegend->hide();
        return;
    }
    // How many boxes of each kind a module's graph draws: the profile has one row for all of them.
    std::unordered_map<const GraphView*, std::map<std::pair<std::string, std::string>, int>> kinds;
    auto sameKind = [&](const GraphView* view, const std::string& kind, const std::string& module) {
        auto [it, fresh] = kinds.try_emplace(view);
        if (fresh)
            for (const ViewElement& element : view->elements)
                if (element.kind == ElementKind::Node)
                    ++it->second[{element.node->kind, m_inlined ? element.node->module_path : std::string()}];
        auto count = it->second.find({kind, m_inlined ? module : std::string()});
        return count == it->second.end() ? 1 : count->second;
    };
    InstanceModules modules(*m_layout, m_rootPath);
    std::vector<std::pair<NodeItem*, double>> shares;
    double hottest = 0;
    for (auto& [ref, item] : m_items) {
        const layout::SceneNode& node = item->sceneNode();
        const Node& ir = *node.get().node;
        double share = 0;
        if (ir.callee) {
            if (ir.callee->kind == CalleeKind::Method && !m_inlined)
                share = m_heat.moduleShare(ir.callee->module_path);
        } else {
            const std::string& module = m_inlined ? ir.module_path : modules.of(node.instance);
            share = m_heat.opShare(ir.kind, module, sameKind(node.view.get(), ir.kind, module));
        }
        shares.emplace_back(item, share);
        hottest = std::max(hottest, share);
    }
    // The scale is relative to the hottest box drawn, so that a deep view still shows where the time goes.
    for (auto& [item, share] : shares)
        item->setHeat(share, hottest > 0 ? share / hottest : 0);
    m_heatText->setText(tr("self time, hottest box %1 %").arg(100 * hottest, 0, 'f', 1));
    m_heatLegend->show();
}

QWidget* GraphWidget::buildHeatLegend(QWidget* parent)
{
    m_heatLegend = new QWidget(parent);
    auto* row = new QHBoxLayout(m_heatLegend);
    row->setContentsMargins(0, 0, 8, 0);
    row->setSpacing(4);
    auto* scale = new QLabel(m_heatLegend);
    scale->setPixmap(heatScale(48, 10));
    row->addWidget(scale);
    m_heatText = new QLabel(m_heatLegend);
    m_heatText->setStyleSheet(QStringLiteral("color: #5b6475;"));
    row->addWidget(m_heatText);
    m_heatLegend->setToolTip(tr("Share of the profiled self time: white none, red the hottest box drawn"));
    m_heatLegend->hide();
    return m_heatLegend;
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
