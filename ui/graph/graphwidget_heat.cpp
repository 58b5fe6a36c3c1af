// GraphWidget, fifth part: heat colouring from a profile (layout::HeatTable attributes the self time).
#include "graphitems.h"
#include "graphkeys.h"
#include "graphstyle.h"
#include "graphwidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLinearGradient>
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
        if (call != m_calls.end() && call->second->kind == "method") {
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
    m_heat = layout::HeatTable(ops);
    m_heatButton->setEnabled(!m_heat.empty());
    m_heatButton->setChecked(!m_heat.empty()); // shows it (toggled → applyHeat)
    applyHeat();
}

void GraphWidget::clearHeat()
{
    m_heat = layout::HeatTable();
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
    auto it = m_items.find(layout::NodeRef{instance.toStdString(), nodeId});
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
            if (ir.callee->kind == "method" && !m_inlined)
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

} // namespace jitscope::ui
