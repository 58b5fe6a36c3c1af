#include "overlaycontroller.h"

#include "graphcanvas.h"
#include "graphfetcher.h"
#include "graphitems.h"
#include "heatoverlay.h"
#include "qtstring.h"
#include "scenebuilder.h"
#include "selectioncontroller.h"
#include "valueoverlay.h"

#include <QGraphicsScene>
#include <QMenu>
#include <QToolButton>

namespace jitscope::ui {

OverlayController::OverlayController(GraphState& state, GraphFetcher& fetcher, SceneBuilder& builder,
                                     SelectionController& selection, GraphCanvas* canvas,
                                     QGraphicsScene* scene, HeatOverlay* heat, QToolButton* heatButton,
                                     ValueOverlay& values, QObject* parent)
    : QObject(parent), m_state(state), m_fetcher(fetcher), m_builder(builder), m_selection(selection),
      m_canvas(canvas), m_scene(scene), m_heat(heat), m_heatButton(heatButton), m_values(values)
{
    connect(canvas, &QWidget::customContextMenuRequested, this, &OverlayController::showContextMenu);
    connect(heatButton, &QToolButton::toggled, this, &OverlayController::applyHeat);
}

void OverlayController::setHeat(const std::vector<OpTime>& ops)
{
    m_heat->setProfile(ops);
    m_heatButton->setEnabled(!m_heat->empty());
    m_heatButton->setChecked(!m_heat->empty()); // shows it (toggled → applyHeat)
    applyHeat();
}

void OverlayController::clearHeat()
{
    m_heat->clear();
    m_heatButton->setChecked(false);
    m_heatButton->setEnabled(false);
    applyHeat();
}

bool OverlayController::isHeatShown() const
{
    return m_heatButton->isChecked() && !m_heat->empty();
}

double OverlayController::heatOf(const QString& instance, int64_t nodeId) const
{
    const NodeItem* item = m_builder.item(navigation::NodeRef{instance.toStdString(), nodeId});
    return item ? item->heatShare() : -1;
}

void OverlayController::applyHeat()
{
    m_heat->apply(m_heatButton->isChecked(), m_builder.layout(), m_builder.items(), m_state.inlined,
                  m_state.rootPath);
}

void OverlayController::setValues(std::shared_ptr<const ValueTable> values)
{
    m_values.setValues(std::move(values));
    applyValues();
}

void OverlayController::clearValues()
{
    m_values.clear();
    applyValues();
}

bool OverlayController::isNonFiniteNode(const QString& instance, int64_t nodeId) const
{
    const NodeItem* item = m_builder.item(navigation::NodeRef{instance.toStdString(), nodeId});
    return item && item->isNonFinite();
}

void OverlayController::applyValues()
{
    // The nested view finds values through the inlined graph: ask for it once.
    if (!m_values.empty() && m_values.table()->method == m_state.rootMethod)
        m_fetcher.requestInlined();
    if (m_builder.isBuilding())
        return; // applied again to the complete scene
    m_values.apply(m_state.inlined, m_state.rootPath, m_state.rootMethod, m_state.tree, m_builder.items(),
                   m_builder.edgeItems());
    m_selection.onValuesChanged();
}

std::pair<int64_t, std::string> OverlayController::valueAt(const QPointF& scenePos) const
{
    for (QGraphicsItem* item : m_scene->items(scenePos))
        if (item->type() == EdgeItem::Type) {
            auto* edge = static_cast<EdgeItem*>(item);
            const int64_t id = m_values.inlinedValue(m_state.inlined, edge->instance(), edge->value());
            const auto values = m_values.index().valuesOf(id);
            if (!values.empty())
                return {id, values.size() == 1 ? values[0]->element : std::string()};
        }
    return {-1, {}};
}

void OverlayController::showContextMenu(const QPoint& pos)
{
    auto [id, element] = valueAt(m_canvas->mapToScene(pos));
    if (id < 0)
        return;
    QMenu menu(m_canvas->parentWidget()); // the graph widget's, as for its other menus
    const auto values = m_values.index().valuesOf(id);
    if (values.size() == 1) {
        menu.addAction(tr("Save value…"), this,
                       [this, id = id, e = element] { Q_EMIT saveValueRequested(id, qs(e)); });
    } else {
        for (const RecordedValue* value : values)
            menu.addAction(tr("Save element %1…").arg(qs(value->element)), this,
                           [this, id = id, e = value->element] { Q_EMIT saveValueRequested(id, qs(e)); });
    }
    menu.exec(m_canvas->viewport()->mapToGlobal(pos));
}

bool OverlayController::goToFirstNonFinite()
{
    const ValueTable* table = m_values.table();
    if (!table || !table->first_nonfinite || table->method != m_state.rootMethod)
        return false;
    const FirstNonFinite& first = *table->first_nonfinite;
    if (m_state.inlined) {
        m_selection.selectNodes(m_state.inlinedRef(), {first.node});
        return true;
    }
    // The node's own module graph holds it (its method: the root's, or forward of a submodule).
    const bool root = first.module_path == m_state.rootPath;
    const int64_t node = first.node;
    m_selection.selectResolved(
        GraphRef::method(first.module_path, root ? m_state.rootMethod : std::string("forward")),
        [overlay = &m_values, node](const Graph& graph) {
            return overlay->index().nestedNodesOf(graph, node);
        },
        first.module_path);
    return true;
}

} // namespace jitscope::ui
