#include "heatoverlay.h"

#include "graphitems.h"
#include "graphstyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLinearGradient>
#include <QPainter>
#include <QPixmap>

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
        // The inlined view's module groups stand for no call element (element -1): none to record.
        for (const layout::SceneCluster& cluster : layout.clusters)
            if (cluster.module && cluster.element >= 0)
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

HeatOverlay::HeatOverlay(QWidget* legendParent) : QObject(legendParent), m_legend(new QWidget(legendParent))
{
    auto* row = new QHBoxLayout(m_legend);
    row->setContentsMargins(0, 0, 8, 0);
    row->setSpacing(4);
    auto* scale = new QLabel(m_legend);
    scale->setPixmap(heatScale(48, 10));
    row->addWidget(scale);
    m_text = new QLabel(m_legend);
    m_text->setStyleSheet(QStringLiteral("color: #5b6475;"));
    row->addWidget(m_text);
    m_legend->setToolTip(
        tr("Share of the profiled self time: white none, red the hottest box drawn (its share of the "
           "whole profile)"));
    m_legend->hide();
}

void HeatOverlay::setProfile(const std::vector<OpTime>& ops)
{
    m_table = view::HeatTable(ops);
}

void HeatOverlay::clear()
{
    m_table = view::HeatTable();
}

void HeatOverlay::apply(bool shown, const layout::SceneLayout* layout,
                        const std::map<navigation::NodeRef, NodeItem*>& items, bool inlined,
                        const std::string& rootModule)
{
    if (!shown || m_table.empty() || !layout) {
        for (auto& [ref, item] : items)
            item->setHeat(-1, 0);
        m_legend->hide();
        return;
    }
    // How many boxes of each kind a module's graph draws: the profile has one row for all of them.
    std::unordered_map<const GraphView*, std::map<std::pair<std::string, std::string>, int>> kinds;
    auto sameKind = [&](const GraphView* view, const std::string& kind, const std::string& module) {
        auto [it, fresh] = kinds.try_emplace(view);
        if (fresh)
            for (const ViewElement& element : view->elements)
                if (element.kind == ElementKind::Node)
                    ++it->second[{element.node->kind, inlined ? element.node->module_path : std::string()}];
        auto count = it->second.find({kind, inlined ? module : std::string()});
        return count == it->second.end() ? 1 : count->second;
    };
    InstanceModules modules(*layout, rootModule);
    std::vector<std::pair<NodeItem*, double>> shares;
    double hottest = 0;
    for (auto& [ref, item] : items) {
        const layout::SceneNode& node = item->sceneNode();
        const Node& ir = *node.get().node;
        double share = 0;
        if (ir.callee) {
            if (ir.callee->kind == CalleeKind::Method && !inlined)
                share = m_table.moduleShare(ir.callee->module_path);
        } else {
            const std::string& module = inlined ? ir.module_path : modules.of(node.instance);
            share = m_table.opShare(ir.kind, module, sameKind(node.view.get(), ir.kind, module));
        }
        shares.emplace_back(item, share);
        hottest = std::max(hottest, share);
    }
    // The scale is relative to the hottest box drawn, so that a deep view still shows where the time goes.
    for (auto& [item, share] : shares)
        item->setHeat(share, hottest > 0 ? share / hottest : 0);
    m_text->setText(tr("hottest %1 %").arg(100 * hottest, 0, 'f', 1));
    m_legend->show();
}

} // namespace jitscope::ui
