// The graph widget's scene: lays out the shown state on the layout thread (one QThreadPool thread:
// Graphviz is not thread-safe, and layouts must finish in order), then turns the layout into
// QGraphicsScene items a slice per event-loop turn with the view's updates off. Every state change bumps a
// generation: a layout or a slice of an older one is dropped.
#pragma once

#include "graphstate.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointF>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class QGraphicsItem;
class QGraphicsScene;

namespace jitscope::ui {

class EdgeItem;
class ElidingLabel;
class GraphCanvas;
class GraphFetcher;
class NodeItem;

class SceneBuilder : public QObject
{
    Q_OBJECT
public:
    // `status` shows the progress and, once drawn, the node count and what focus folded.
    SceneBuilder(GraphState& state, const GraphFetcher& fetcher, QGraphicsScene* scene, GraphCanvas* canvas,
                 ElidingLabel* status, QObject* parent = nullptr);
    ~SceneBuilder() override; // waits for the layout thread

    // Many requests in one event-loop turn (graphs arriving one after the other) make one layout.
    void relayout();
    // The composer's caches are about to change: a layout in progress is outdated.
    void invalidate();
    void clear(); // drops layouts on their way and every item

    // A layout is due, running or being drawn.
    bool isPending() const { return m_pendingJobs > 0 || m_relayoutScheduled || m_building; }
    bool isLayoutComing() const { return m_pendingJobs > 0 || m_relayoutScheduled; }
    bool isBuilding() const { return m_building; }
    // What the last finished layout drew.
    const layout::SceneLayout* layout() const { return m_layout.get(); }
    const std::map<navigation::NodeRef, NodeItem*>& items() const { return m_items; }
    NodeItem* item(const navigation::NodeRef& ref) const;
    const std::vector<EdgeItem*>& edgeItems() const { return m_edgeItems; }
    int foldedChecks() const { return m_foldedChecks; }
    int foldedNodes() const { return m_foldedNodes; }

    struct Drawing;

Q_SIGNALS:
    void layoutStarted();
    // The scene of the newest layout is complete; the view's updates are still off (the receiver places
    // the view and turns them on). `oldCentre`: the scene point that was in the middle of the view.
    void drawn(double milliseconds, QPointF oldCentre);

private:
    void layoutWhenReady();
    void startLayout();
    void applyLayout(quint64 generation, std::shared_ptr<const Drawing> drawing);
    void buildItems(quint64 generation);
    void finishBuild();
    void showSummary(double milliseconds);

    GraphState& m_state;
    const GraphFetcher& m_fetcher;
    QGraphicsScene* m_scene;
    GraphCanvas* m_canvas;
    ElidingLabel* m_status;

    QThreadPool m_pool;
    quint64 m_generation = 0;
    // The newest generation, read by queued layout jobs: one that is already outdated when the layout thread
    // gets to it is skipped instead of running dot for a state nobody will see.
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    int m_pendingJobs = 0;
    bool m_relayoutScheduled = false; // a layout is due, maybe waiting for graphs (layoutWhenReady)
    bool m_readyCheckPosted = false;
    QTimer m_graphWait;
    std::shared_ptr<const layout::SceneLayout> m_layout;
    // The scene being built from m_layout, a slice per event-loop turn.
    struct Build
    {
        quint64 generation = 0;
        bool cleared = false; // the previous scene's items are deleted
        size_t next = 0;      // clusters, then tiles
        std::optional<navigation::NodeRef> selected;
        QPointF centre;
        std::shared_ptr<const Drawing> drawing;
    };
    Build m_build;
    bool m_building = false;
    std::vector<QGraphicsItem*> m_sceneItems; // top-level items of m_scene, deleted in slices on rebuild
    std::map<navigation::NodeRef, NodeItem*> m_items;
    std::vector<EdgeItem*> m_edgeItems;
    int m_foldedChecks = 0, m_foldedNodes = 0;
};

} // namespace jitscope::ui
