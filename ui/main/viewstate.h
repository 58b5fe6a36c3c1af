// What a window shows of a model, carried over when the same file is loaded again (AutoReloader).
#pragma once

#include "graph/graphwidget.h"

#include <QMetaObject>
#include <QObject>
#include <QStringList>

#include <optional>

namespace jitscope::ui {

class MainWindow;

struct WindowViewState
{
    QString module;               // selected in the module tree
    QString method;               // the root method the graph shows
    QStringList expandedModules;  // expanded rows of the module tree
    GraphWidget::ViewState graph; // expanded calls, selected boxes, zoom and centre
};

// Takes the state before the window lets go of a model and puts back what still exists after the next one
// is shown: module and method at once, the graph's view when its root graph arrives.
class ViewStateKeeper : public QObject
{
    Q_OBJECT
public:
    explicit ViewStateKeeper(MainWindow* window);

    WindowViewState capture() const;
    // Call right after the window showed the model again (ModelController::opened has been handled).
    void restore(const WindowViewState& state);
    void cancel(); // another file is being opened: nothing to restore
    bool isRestoring() const { return m_pendingGraph.has_value(); }

private:
    void onRootGraphShown();

    MainWindow* m_window;
    std::optional<GraphWidget::ViewState> m_pendingGraph;
};

} // namespace jitscope::ui
