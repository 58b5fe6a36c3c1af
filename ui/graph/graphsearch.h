// Ctrl+F in the graph widget: the query (op kinds, value names, module paths), its matches in the nested or
// inlined view, the current one, and the highlights on the drawn boxes (a collapsed module shows how many
// matches it hides). Going to a match inside a collapsed module expands it and centres after the layout.
#pragma once

#include "graphstate.h"

#include <QString>

#include <string>
#include <vector>

class QGraphicsScene;

namespace jitscope::ui {

class GraphCanvas;
class SceneBuilder;
class SearchBar;
class SelectionController;

class GraphSearch
{
public:
    GraphSearch(GraphState& state, SceneBuilder& builder, SelectionController& selection, GraphCanvas* canvas,
                QGraphicsScene* scene, SearchBar* bar);

    void find(const QString& text);
    void refresh(); // the graphs or the view changed: the same query again (no-op without one)
    void next();
    void previous();
    void clearMatches(); // the query stays, to be found again in the next graph
    void updateHighlights();

    int matchCount() const { return static_cast<int>(m_matches.size()); }
    int currentMatch() const { return m_current; }

private:
    void goToMatch();

    GraphState& m_state;
    SceneBuilder& m_builder;
    SelectionController& m_selection;
    GraphCanvas* m_canvas;
    QGraphicsScene* m_scene;
    SearchBar* m_bar;
    std::string m_query;
    std::vector<navigation::NodeRef> m_matches;
    int m_current = -1;
};

} // namespace jitscope::ui
