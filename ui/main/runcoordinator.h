// The Run & Benchmark panel of ui/run and the rest of the window: the panel follows the open model, its
// profile colours the graph, its recorded values go onto the graph and into Details, a failed run points at
// its code line. Without ui/run there is no panel and this does nothing.
#pragma once

#include "types/modelinfo.h"

#include <QObject>
#include <QString>

class QAction;

namespace jitscope::ui {

class DockLayout;
class MainWindow;
class SelectionSync;

class RunCoordinator : public QObject
{
    Q_OBJECT
public:
    // `firstNonFinite` (Graph › Go to First NaN/Inf) is enabled while the recorded values hold one.
    RunCoordinator(MainWindow* window, DockLayout* docks, SelectionSync* selection, QAction* firstNonFinite);

    QWidget* panel() const { return m_panel; } // the RunPanel, null when ui/run is not built
    static QString contentHash(const jitscope::ModelInfo& info); // what the panel remembers inputs by

private:
    void createPanel(DockLayout* docks);
    void goToFirstNonFinite(); // selects the node and shows its code line
    void saveValue(qint64 value, const QString& element);

    MainWindow* m_window;
    SelectionSync* m_selection;
    QAction* m_firstNonFinite;
    QWidget* m_panel = nullptr;
};

} // namespace jitscope::ui
