// The overlays on the graph widget's drawn boxes: heat from a profile (HeatOverlay, the toolbar's Heat button
// shows and hides it) and a recorded run's values (ValueOverlay: shapes on edges, red NaN/Inf nodes, "Save
// value…" in an edge's context menu). Both are applied again whenever a layout is drawn.
#pragma once

#include "graphstate.h"
#include "types/runresult.h"
#include "types/values.h"

#include <QObject>
#include <QPointF>

#include <memory>
#include <string>
#include <utility>
#include <vector>

class QGraphicsScene;
class QToolButton;

namespace jitscope::ui {

class GraphCanvas;
class GraphFetcher;
class HeatOverlay;
class SceneBuilder;
class SelectionController;
class ValueOverlay;

class OverlayController : public QObject
{
    Q_OBJECT
public:
    OverlayController(GraphState& state, GraphFetcher& fetcher, SceneBuilder& builder,
                      SelectionController& selection, GraphCanvas* canvas, QGraphicsScene* scene,
                      HeatOverlay* heat, QToolButton* heatButton, ValueOverlay& values,
                      QObject* parent = nullptr);

    void setHeat(const std::vector<OpTime>& ops);
    void clearHeat();
    bool isHeatShown() const;
    double heatOf(const QString& instance, int64_t nodeId) const;
    void applyHeat();

    void setValues(std::shared_ptr<const ValueTable> values);
    void clearValues();
    bool isNonFiniteNode(const QString& instance, int64_t nodeId) const;
    // Marks the drawn scene (not while it is being built); asks for the inlined graph the nested view's
    // values are found through.
    void applyValues();
    std::pair<int64_t, std::string> valueAt(const QPointF& scenePos) const;
    void showContextMenu(const QPoint& pos); // the canvas's: save the value under it
    bool goToFirstNonFinite();

Q_SIGNALS:
    void saveValueRequested(qint64 value, const QString& element);

private:
    GraphState& m_state;
    GraphFetcher& m_fetcher;
    SceneBuilder& m_builder;
    SelectionController& m_selection;
    GraphCanvas* m_canvas;
    QGraphicsScene* m_scene;
    HeatOverlay* m_heat;
    QToolButton* m_heatButton;
    ValueOverlay& m_values;
};

} // namespace jitscope::ui
