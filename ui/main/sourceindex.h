// Which graph nodes came from which line of the archived code: the node <-> line link of the code view.
#pragma once

#include "types/graph.h"
#include "types/graphref.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <map>
#include <memory>
#include <vector>

namespace jitscope::ui {

// "archive/code/__torch__/x.py" and "code/__torch__/x.py" name the same file.
QString normalizedCodeFile(const QString& file);

struct NodeRef
{
    jitscope::GraphRef ref; // which graph holds it
    std::shared_ptr<const jitscope::Graph> graph;
    const jitscope::Node* node = nullptr;
};

// Indexes the nodes of every graph the window has received (shared with the GraphStore, not copied) by source
// location.
class SourceIndex
{
public:
    void clear();
    // Replaces an earlier graph of the same ref; null is ignored.
    void addGraph(const jitscope::GraphRef& ref, std::shared_ptr<const jitscope::Graph> graph);
    std::vector<NodeRef> nodesAt(const QString& file, int line) const;
    QHash<QString, QSet<int>> linesWithNodes() const; // normalized file -> 1-based lines
    std::vector<std::shared_ptr<const jitscope::Graph>> graphs() const;
    // The graph holding `node` (by address), or null.
    std::shared_ptr<const jitscope::Graph> graphOf(const jitscope::Node* node) const;

private:
    void index(const jitscope::GraphRef& ref, const std::shared_ptr<const jitscope::Graph>& graph);
    void reindex();

    std::map<jitscope::GraphRef, std::shared_ptr<const jitscope::Graph>> m_graphs;
    QHash<QString, QHash<int, std::vector<NodeRef>>> m_byLine;
};

} // namespace jitscope::ui
