// Which module calls the graph widget has expanded: the automatic first view, expand/collapse on request,
// expand all or to a depth, and a reload's expansion brought back. Asks the GraphFetcher for the callees it
// opens; expanding continues in onArrivals() when they come.
#pragma once

#include "graphstate.h"

#include <QString>

#include <functional>
#include <set>
#include <string>

namespace jitscope::ui {

class GraphFetcher;
class NodeItem;
class SceneBuilder;
class ViewAnchor;

class ExpansionController
{
public:
    ExpansionController(GraphState& state, GraphFetcher& fetcher, SceneBuilder& builder, ViewAnchor& anchor);

    void clear();
    void startAutoExpand(); // a new root: open small wrappers and levels while the view stays small
    void onArrivals();      // graphs asked for arrived: continue what waited for them

    bool isExpanded(const QString& instance) const;
    bool expandCall(const QString& modulePath, const QString& method);
    bool expandFunction(const QString& qualifiedName);
    void collapseInstance(const QString& instance);
    void activate(const NodeItem* item); // double-click or Enter on a call: expand it in place
    void expandAll() { expandToDepth(-1); }
    void collapseAll();
    void expandToDepth(int depth);

    // Replaces the automatic view by these instances, as far as they still exist (a reload).
    void restore(const std::set<std::string>& expanded);
    bool isRestoring() const { return !m_restoreExpanded.empty(); }

private:
    bool expandFirst(const std::function<bool(const navigation::CallRef&)>& match);
    void autoExpand();
    void continueRestore(); // expands what restore() asked for as far as the graphs allow

    GraphState& m_state;
    GraphFetcher& m_fetcher;
    SceneBuilder& m_builder;
    ViewAnchor& m_anchor;
    bool m_autoExpand = false;
    int m_expandDepth = -2; // -2: no expand-all in progress, -1: all, else the depth asked for
    std::set<std::string> m_restoreExpanded; // restore() still expanding these
};

} // namespace jitscope::ui
