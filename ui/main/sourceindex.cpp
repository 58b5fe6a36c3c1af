#include "sourceindex.h"

#include "format.h"

namespace jitscope::ui {

QString normalizedCodeFile(const QString& file)
{
    if (file.startsWith(QLatin1String("code/")))
        return file;
    const int at = file.indexOf(QLatin1String("/code/"));
    return at < 0 ? file : file.mid(at + 1);
}

void SourceIndex::clear()
{
    m_graphs.clear();
    m_byLine.clear();
}

void SourceIndex::addGraph(const GraphRef& ref, std::shared_ptr<const Graph> graph)
{
    if (!graph)
        return;
    auto [it, fresh] = m_graphs.insert_or_assign(ref, std::move(graph));
    if (fresh)
        index(ref, it->second);
    else
        reindex();
}

std::vector<std::shared_ptr<const Graph>> SourceIndex::graphs() const
{
    std::vector<std::shared_ptr<const Graph>> graphs;
    for (const auto& [ref, graph] : m_graphs)
        graphs.push_back(graph);
    return graphs;
}

void SourceIndex::index(const GraphRef& ref, const std::shared_ptr<const Graph>& graph)
{
    forEachNode(graph->nodes, [&](const Node& node, int) {
        if (node.source.valid())
            m_byLine[normalizedCodeFile(qs(node.source.file))][node.source.line].push_back({ref, graph, &node});
    });
}

void SourceIndex::reindex()
{
    m_byLine.clear();
    for (const auto& [ref, graph] : m_graphs)
        index(ref, graph);
}

std::vector<NodeRef> SourceIndex::nodesAt(const QString& file, int line) const
{
    const auto fileIt = m_byLine.constFind(normalizedCodeFile(file));
    if (fileIt == m_byLine.cend())
        return {};
    return fileIt->value(line);
}

QHash<QString, QSet<int>> SourceIndex::linesWithNodes() const
{
    QHash<QString, QSet<int>> lines;
    for (auto file = m_byLine.cbegin(); file != m_byLine.cend(); ++file) {
        QSet<int>& set = lines[file.key()];
        for (auto line = file->cbegin(); line != file->cend(); ++line)
            set.insert(line.key());
    }
    return lines;
}

std::shared_ptr<const Graph> SourceIndex::graphOf(const Node* node) const
{
    for (const auto& [ref, graph] : m_graphs) {
        bool found = false;
        forEachNode(graph->nodes, [&](const Node& candidate, int) { found = found || &candidate == node; });
        if (found)
            return graph;
    }
    return {};
}

} // namespace jitscope::ui
