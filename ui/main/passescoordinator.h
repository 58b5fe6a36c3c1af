// The Passes view (ui/graph/passesview.h) in the main window: the toolbar's "Pass" box beside the method box
// shows the method after a pass in place of the graph, with a second pass beside it on demand.
#pragma once

#include <QObject>
#include <QString>

class QComboBox;

namespace jitscope::ui {

class MainWindow;
class PassesView;
class WindowActions;

class PassesCoordinator : public QObject
{
    Q_OBJECT
public:
    PassesCoordinator(MainWindow* window, WindowActions* actions);

    PassesView* view() const { return m_passes; }

private:
    void show(const QString& pass); // the graph for "saved" alone, else the passes view
    void request(const QString& pass);
    void reset(); // another method: the passes' graphs are of the old one

    MainWindow* m_window;
    PassesView* m_passes;
    QComboBox* m_passCombo;
    int m_generation = 0; // pass graphs of an older model or method are dropped
};

} // namespace jitscope::ui
