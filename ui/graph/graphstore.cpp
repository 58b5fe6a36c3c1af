#include "graphstore.h"

namespace jitscope::ui {

GraphStore::GraphStore(QObject* parent) : QObject(parent) {}

void GraphStore::reset()
{
    ++m_generation;
    m_graphs.clear();
    m_pending.clear();
    m_unavailable.clear();
    Q_EMIT cleared();
}

std::shared_ptr<const Graph> GraphStore::graph(const GraphRef& ref) const
{
    auto it = m_graphs.find(ref);
    return it == m_graphs.end() ? nullptr : it->second;
}

bool GraphStore::request(const GraphRef& ref)
{
    if (m_graphs.count(ref))
        return true;
    if (ref.empty() || m_unavailable.count(ref) || !m_fetcher || !m_pending.insert(ref).second)
        return false;
    m_fetcher(ref, m_generation);
    return false;
}

void GraphStore::insert(const GraphRef& ref, std::shared_ptr<const Graph> graph)
{
    deliver(m_generation, ref, std::move(graph));
}

void GraphStore::deliver(quint64 generation, const GraphRef& ref, std::shared_ptr<const Graph> graph)
{
    if (generation != m_generation || !graph)
        return;
    m_pending.erase(ref);
    m_unavailable.erase(ref);
    m_graphs[ref] = std::move(graph);
    Q_EMIT graphArrived(ref);
}

void GraphStore::fail(quint64 generation, const GraphRef& ref, const Error& error)
{
    if (generation != m_generation || m_pending.erase(ref) == 0)
        return;
    m_unavailable.insert(ref);
    Q_EMIT graphFailed(ref, error);
}

} // namespace jitscope::ui
