#include "graphfetcher.h"

#include "graphstore.h"
#include "qtstring.h"

#include <QTimer>

namespace jitscope::ui {

GraphFetcher::GraphFetcher(GraphState& state, QObject* parent)
    : QObject(parent), m_state(state), m_ownStore(new GraphStore(this))
{
    // Without a shared store the widget's owner answers its requests (compare, passes, tests).
    m_ownStore->setFetcher([this](const GraphRef& ref, quint64) {
        if (ref.isFunction())
            Q_EMIT functionGraphRequested(qs(ref.name));
        else
            Q_EMIT graphRequested(qs(ref.module_path), qs(ref.name), ref.inlined);
    });
}

void GraphFetcher::setStore(GraphStore* store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store ? store : m_ownStore;
    connect(m_store, &GraphStore::graphArrived, this, &GraphFetcher::onGraphArrived);
    connect(m_store, &GraphStore::graphFailed, this, [this](const GraphRef& ref) {
        if (m_requested.erase(ref))
            Q_EMIT failed();
    });
}

void GraphFetcher::clear()
{
    m_pendingRoot = GraphRef();
    m_inlinedRequested = false;
    m_requested.clear();
    m_arrivalScheduled = false;
}

void GraphFetcher::showRoot(const GraphRef& ref)
{
    m_pendingRoot = ref;
    if (m_store->graph(ref))
        onGraphArrived(ref);
    else
        m_store->request(ref);
}

void GraphFetcher::onGraphArrived(const GraphRef& ref)
{
    if (ref == m_pendingRoot) {
        m_pendingRoot = GraphRef();
        Q_EMIT rootArrived(ref, m_store->graph(ref));
        return;
    }
    if (!m_state.tree.hasRoot())
        return;
    if (ref == m_state.inlinedRef()) {
        Q_EMIT inlinedArrived(m_store->graph(ref));
        return;
    }
    if (m_requested.erase(ref) == 0)
        return; // another view's
    m_state.tree.graphs().graphs[ref] = m_store->graph(ref);
    scheduleArrivals();
}

void GraphFetcher::scheduleArrivals()
{
    if (m_arrivalScheduled)
        return;
    m_arrivalScheduled = true;
    QTimer::singleShot(0, this, [this] {
        if (!m_arrivalScheduled)
            return; // cleared meanwhile
        m_arrivalScheduled = false;
        Q_EMIT arrived();
    });
}

void GraphFetcher::request(const GraphRef& ref)
{
    if (m_state.tree.graphs().find(ref) || m_requested.count(ref) || m_store->isUnavailable(ref))
        return;
    if (auto held = m_store->graph(ref)) {
        m_state.tree.graphs().graphs[ref] = held;
        scheduleArrivals();
        return;
    }
    m_requested.insert(ref);
    m_lastRequest.start();
    m_store->request(ref);
}

void GraphFetcher::requestInlined()
{
    if (m_state.inlinedGraph || m_inlinedRequested || !m_state.tree.hasRoot())
        return;
    m_inlinedRequested = true;
    m_lastRequest.start();
    if (m_store->request(m_state.inlinedRef())) // held already
        Q_EMIT inlinedArrived(m_store->graph(m_state.inlinedRef()));
}

void GraphFetcher::adoptHeld()
{
    for (const auto& [held, callee] : m_store->graphs())
        if (!held.inlined)
            m_state.tree.graphs().graphs.emplace(held, callee);
    if (auto inlined = m_store->graph(m_state.inlinedRef()))
        Q_EMIT inlinedArrived(inlined);
}

bool GraphFetcher::isUnavailable(const GraphRef& ref) const
{
    return m_store->isUnavailable(ref);
}

bool GraphFetcher::isWaiting() const
{
    return m_state.inlined ? m_inlinedRequested && !m_state.inlinedGraph : !m_requested.empty();
}

} // namespace jitscope::ui
