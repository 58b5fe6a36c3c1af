// The graphs of one open model, by GraphRef, shared (immutable) by the graph view, the IR view and the source
// index: each graph is asked of the worker once and held once, whoever needs it.
#pragma once

#include "types/error.h"
#include "types/graph.h"
#include "types/graphref.h"

#include <QObject>

#include <functional>
#include <map>
#include <memory>
#include <set>

namespace jitscope::ui {

class GraphStore : public QObject
{
    Q_OBJECT
public:
    // Fetches one graph and answers with deliver() or fail(), passing `generation` back (later, on the UI
    // thread). The model's owner installs one that asks the worker (ModelController); without one, graphs
    // are only what insert() puts in.
    using Fetcher = std::function<void(const GraphRef& ref, quint64 generation)>;

    explicit GraphStore(QObject* parent = nullptr);

    void setFetcher(Fetcher fetcher) { m_fetcher = std::move(fetcher); }
    // Another model (or none): forgets every graph and every request; answers to the old ones are dropped.
    void reset();
    quint64 generation() const { return m_generation; }

    std::shared_ptr<const Graph> graph(const GraphRef& ref) const;
    bool contains(const GraphRef& ref) const { return m_graphs.count(ref) > 0; }
    bool isPending(const GraphRef& ref) const { return m_pending.count(ref) > 0; }
    bool isUnavailable(const GraphRef& ref) const { return m_unavailable.count(ref) > 0; }
    int pendingCount() const { return static_cast<int>(m_pending.size()); }
    const std::map<GraphRef, std::shared_ptr<const Graph>>& graphs() const { return m_graphs; }

    // Asks for `ref` unless it is held, on its way or was refused: one request per graph however many views
    // ask. True when it is held already.
    bool request(const GraphRef& ref);
    // A graph from elsewhere (a pass, a test): held as if fetched; graphArrived() follows.
    void insert(const GraphRef& ref, std::shared_ptr<const Graph> graph);

    // The fetcher's answers. Ones of an older generation (another model) are dropped.
    void deliver(quint64 generation, const GraphRef& ref, std::shared_ptr<const Graph> graph);
    void fail(quint64 generation, const GraphRef& ref, const Error& error);

Q_SIGNALS:
    void graphArrived(const jitscope::GraphRef& ref);
    // Asked for and refused (the worker said why): not asked again for this model.
    void graphFailed(const jitscope::GraphRef& ref, const jitscope::Error& error);
    void cleared();

private:
    Fetcher m_fetcher;
    quint64 m_generation = 0;
    std::map<GraphRef, std::shared_ptr<const Graph>> m_graphs;
    std::set<GraphRef> m_pending;
    std::set<GraphRef> m_unavailable;
};

} // namespace jitscope::ui
