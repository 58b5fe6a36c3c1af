// GraphWidget: the view state a reload carries over to the new model (expanded calls, selection, zoom).
#include "graphcanvas.h"
#include "graphitems.h"
#include "graphstore.h"
#include "graphwidget.h"

#include <QGraphicsScene>

namespace jitscope::ui {

GraphWidget::ViewState GraphWidget::viewState() const
{
    ViewState state;
    state.expanded = m_tree.expanded();
    for (const auto& [ref, item] : m_items)
        if (item->isSelected())
            state.selected.push_back(ref);
    if (m_layout) {
        state.zoom = m_canvas->zoom();
        state.centre = m_canvas->mapToScene(m_canvas->viewport()->rect().center());
    }
    return state;
}

void GraphWidget::restoreViewState(const ViewState& state)
{
    // The old expansion replaces the automatic first view and whatever selecting a module had opened.
    m_autoExpand = false;
    m_expandDepth = -2;
    m_pendingModule.reset();
    m_pendingCentre.reset();
    m_tree.expanded().clear();
    m_restoreExpanded = state.expanded;
    m_pendingSelection = state.selected;
    if (state.zoom > 0)
        m_restoreView = std::make_pair(state.zoom, state.centre);
    continueRestore();
    relayout();
}

// Instance paths are call node ids, which the worker numbers in graph order: a model saved again with the
// same structure (other sizes or weights) has the same paths, and a call that no longer exists is never
// reached. Expanding needs the callee's graph, so this goes as deep as the loaded graphs allow, asks for the
// missing ones, and runs again when they arrive (processArrivals).
void GraphWidget::continueRestore()
{
    bool waiting = false;
    for (bool grew = true; grew;) {
        grew = false;
        std::vector<navigation::CallRef> calls;
        m_tree.forEachCall(true, [&](const navigation::CallRef& call) {
            if (m_restoreExpanded.count(call.child) && !m_tree.expanded().count(call.child))
                calls.push_back(call);
            return true;
        });
        for (const navigation::CallRef& call : calls) {
            m_tree.expanded().insert(call.child);
            if (m_tree.graphs().find(call.callee)) {
                grew = true;
            } else if (!m_store->isUnavailable(call.callee)) {
                request(call.callee);
                waiting = true;
            }
        }
    }
    if (!waiting && m_requested.empty())
        m_restoreExpanded.clear(); // everything that still exists is open again
}

bool GraphWidget::applyRestoredView()
{
    if (!m_restoreView)
        return false;
    const auto [zoom, centre] = *m_restoreView;
    m_canvas->resetTransform();
    m_canvas->scale(zoom, zoom);
    m_canvas->centerOn(centre);
    if (m_restoreExpanded.empty())
        m_restoreView.reset(); // the last layout of the restore: from now on the view is the user's
    return true;
}

} // namespace jitscope::ui
