// Which graph nodes came from which line of the archived code: the node <-> line link of the code view.
#pragma once

#include "types/graph.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <memory>
#include <vector>

namespace jitscope::ui {

// "archive/code/__torch__/x.py" and "code/__torch__/x.py" name the same file.
QString normalizedCodeFile(const QString& file);

struct NodeRef
{
    std::shared_ptr<const jitscope::Graph> graph;
    const jitscope::Node* node = nullptr;
};

// Holds every graph the window has received and indexes their nodes by source location.
class SourceIndex
{
public:
    void clear();
    void addGraph(const jitscope::Graph& graph); // replaces an earlier copy of the same graph
    std::vector<NodeRef> nodesAt(const QString& file, int line) const;
    QHash<QString, QSet<int>> linesWithNodes() const; // normalized file -> 1-based lines
    std::vector<std::shared_ptr<const jitscope::Graph>> graphs() const { return m_graphs; }
    // The graph holding `node` (by address), or null.
    std::shared_ptr<const jitscope::Graph> graphOf(const jitscope::Node* node) const;

private:
    void index(const std::shared_ptr<const jitscope::Graph>& graph);
    void reindex();

    std::vector<std::shared_ptr<const jitscope::Graph>> m_graphs;
    QHash<QString, QHash<int, std::vector<NodeRef>>> m_byLine;
};

} // namespace jitscope::ui
