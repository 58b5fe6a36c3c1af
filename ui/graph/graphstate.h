// What the graph widget shows, shared by reference between the widget and its collaborators (GraphFetcher,
// SceneBuilder, ExpansionController, SelectionController, GraphSearch): the root method, the graphs loaded
// and which calls are expanded (the tree), and the view mode. It is one value rather than a copy per object
// because an expand, a graph arriving and a search must all see the same expansion at once.
#pragma once

#include "layout/composer.h"
#include "navigation/expansion.h"
#include "types/graph.h"
#include "types/graphref.h"

#include <memory>
#include <string>

namespace jitscope::ui {

struct GraphState
{
    explicit GraphState(std::shared_ptr<layout::Composer> composer_)
        : composer(std::move(composer_)), tree(*composer)
    {}

    // Shared with the layout thread's jobs, which keep it alive while they run.
    std::shared_ptr<layout::Composer> composer;
    navigation::ExpansionTree tree;
    std::string rootPath, rootMethod;
    bool inlined = false;                      // the flat inlined graph is shown instead of the nested view
    std::shared_ptr<const Graph> inlinedGraph; // null until it arrives

    GraphRef inlinedRef() const { return GraphRef::method(rootPath, rootMethod, true); }
    // The inlined graph as drawn (folded or raw); call only with inlinedGraph set.
    std::shared_ptr<const GraphView> inlinedView() const
    {
        return composer->view(inlinedGraph, tree.raw, tree.graphs().params.get());
    }
};

} // namespace jitscope::ui
