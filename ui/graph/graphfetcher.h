// Where the graph widget's graphs come from: asks its GraphStore for the root, the callees an expansion needs
// and the inlined graph, remembers what it asked for and has not got, and puts what arrives into the
// expansion tree. Graphs come in bursts (expand all asks for dozens at once): arrived() is emitted once per
// burst, after the event loop has delivered it.
#pragma once

#include "graphstate.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>
#include <set>

namespace jitscope::ui {

class GraphStore;

class GraphFetcher : public QObject
{
    Q_OBJECT
public:
    explicit GraphFetcher(GraphState& state, QObject* parent = nullptr);

    // A store shared with other views (not owned), or null for the fetcher's own, whose requests are the
    // graphRequested()/functionGraphRequested() signals. Forgets what was asked of the previous one.
    void setStore(GraphStore* store);
    GraphStore* store() const { return m_store; }
    void clear(); // another root or model: nothing is waited for any more

    void showRoot(const GraphRef& ref);                           // from the store, asked of it when missing
    void expectRoot(const GraphRef& ref) { m_pendingRoot = ref; } // about to be inserted into the store
    // A callee for the tree: taken from the store when held there, else asked for once.
    void request(const GraphRef& ref);
    // The inlined graph of the root, once per root (inlinedArrived() at once when the store holds it).
    void requestInlined();
    // After a new root: the callees the store holds already (another method shown before, a reload) go into
    // the tree, and the inlined graph when held.
    void adoptHeld();

    bool hasPending() const { return !m_requested.empty() || !m_pendingRoot.empty(); } // asked, not arrived
    bool hasRequests() const { return !m_requested.empty(); }
    bool isArrivalScheduled() const { return m_arrivalScheduled; }
    bool isUnavailable(const GraphRef& ref) const;
    // A graph the view shown now needs is on its way; since the last request (ms, -1 when none was made).
    bool isWaiting() const;
    qint64 sinceLastRequest() const { return m_lastRequest.isValid() ? m_lastRequest.elapsed() : -1; }

Q_SIGNALS:
    // The own store needs a graph (not emitted with a shared store).
    void graphRequested(const QString& modulePath, const QString& method, bool inlined);
    void functionGraphRequested(const QString& qualifiedName);
    void rootArrived(const jitscope::GraphRef& ref, std::shared_ptr<const jitscope::Graph> graph);
    void inlinedArrived(std::shared_ptr<const jitscope::Graph> graph);
    void arrived(); // callees asked for are in the tree (once per burst)
    void failed();  // a callee asked for will not come: a layout may be waiting for it

private:
    void onGraphArrived(const GraphRef& ref);
    void scheduleArrivals();

    GraphState& m_state;
    GraphStore* m_ownStore; // the store of a fetcher that is given none
    GraphStore* m_store = nullptr;
    GraphRef m_pendingRoot; // showRoot() waits for it
    bool m_inlinedRequested = false;
    std::set<GraphRef> m_requested;  // asked of the store, not arrived
    bool m_arrivalScheduled = false; // graphs arrived; arrived() is emitted once for all of them
    QElapsedTimer m_lastRequest;
};

} // namespace jitscope::ui
