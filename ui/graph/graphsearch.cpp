#include "graphsearch.h"

#include "graphcanvas.h"
#include "graphitems.h"
#include "qtstring.h"
#include "scenebuilder.h"
#include "searchbar.h"
#include "selectioncontroller.h"

#include <QGraphicsScene>

#include <map>
#include <optional>
#include <set>

namespace jitscope::ui {

GraphSearch::GraphSearch(GraphState& state, SceneBuilder& builder, SelectionController& selection,
                         GraphCanvas* canvas, QGraphicsScene* scene, SearchBar* bar)
    : m_state(state), m_builder(builder), m_selection(selection), m_canvas(canvas), m_scene(scene), m_bar(bar)
{}

void GraphSearch::find(const QString& text)
{
    m_query = text.trimmed().toStdString();
    m_matches.clear();
    m_current = -1;
    if (!m_query.empty()) {
        if (m_state.inlined) {
            if (m_state.inlinedGraph) {
                std::string query = text.trimmed().toLower().toStdString();
                for (const ViewElement& element : m_state.inlinedView()->elements)
                    if (element.kind == ElementKind::Node &&
                        element.searchText.find(query) != std::string::npos)
                        m_matches.push_back(navigation::NodeRef{std::string(), element.node->id});
            }
        } else {
            m_matches = m_state.tree.search(m_query);
        }
    }
    m_bar->setStatus(m_current, static_cast<int>(m_matches.size()));
    updateHighlights();
}

void GraphSearch::refresh()
{
    if (!m_query.empty())
        find(qs(m_query));
}

void GraphSearch::clearMatches()
{
    m_matches.clear();
    m_current = -1;
}

void GraphSearch::next()
{
    if (m_matches.empty())
        return;
    m_current = (m_current + 1) % static_cast<int>(m_matches.size());
    goToMatch();
}

void GraphSearch::previous()
{
    if (m_matches.empty())
        return;
    m_current = m_current <= 0 ? static_cast<int>(m_matches.size()) - 1 : m_current - 1;
    goToMatch();
}

void GraphSearch::goToMatch()
{
    m_bar->setStatus(m_current, static_cast<int>(m_matches.size()));
    const navigation::NodeRef& match = m_matches[m_current];
    const size_t before = m_state.tree.expanded().size();
    if (!m_state.inlined && !match.instance.empty())
        m_state.tree.expandPath(match.instance);
    if (m_state.tree.expanded().size() != before) {
        m_selection.centreAfterLayout(match); // after the layout that opens the module
        m_builder.relayout();
        return;
    }
    updateHighlights();
    if (NodeItem* item = m_builder.item(match)) {
        m_scene->clearSelection();
        item->setSelected(true);
        m_canvas->centreOnItem(item);
    }
}

void GraphSearch::updateHighlights()
{
    // Matches inside collapsed modules are counted on the call that hides them.
    std::map<std::string, int> inner;
    std::set<navigation::NodeRef> direct;
    for (const navigation::NodeRef& match : m_matches) {
        direct.insert(match);
        for (size_t pos = match.instance.find('/'); pos != std::string::npos;
             pos = match.instance.find('/', pos + 1))
            ++inner[match.instance.substr(0, pos)];
        if (!match.instance.empty())
            ++inner[match.instance];
    }
    const std::optional<navigation::NodeRef> current =
        m_current >= 0 ? std::optional<navigation::NodeRef>(m_matches[m_current]) : std::nullopt;
    for (auto& [ref, item] : m_builder.items()) {
        item->setMatch(current && *current == ref ? 2 : direct.count(ref) ? 1 : 0);
        int count = 0;
        if (item->sceneNode().expandable) {
            auto it = inner.find(layout::childInstance(ref.instance, ref.nodeId));
            count = it == inner.end() ? 0 : it->second;
        }
        item->setInnerMatches(count);
    }
}

} // namespace jitscope::ui
