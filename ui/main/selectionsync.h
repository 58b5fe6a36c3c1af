// What is selected in one view is shown in the others: a node of the graph in the Details dock, the code
// view and the module tree; a module of the tree in the graph, Details and the code; a code line in the
// graph and Details.
#pragma once

#include "types/graph.h"

#include <QObject>

namespace jitscope::ui {

class DockLayout;
class MainWindow;
class ModulesPane;

class SelectionSync : public QObject
{
    Q_OBJECT
public:
    SelectionSync(MainWindow* window, ModulesPane* modules, DockLayout* docks);

    // Brings the code dock to the front at the line (a link in Details, the Run panel, a NaN).
    void showCodeLocation(const QString& file, int line, const QString& text);

private:
    void onModuleCurrent(const QString& modulePath);
    void onNodeSelected(const jitscope::Node& node, const QString& modulePath);
    void showNodeDetails(const jitscope::Node& node, const QString& modulePath); // with its recorded values
    void onCodeLine(const QString& file, int line);

    MainWindow* m_window;
    ModulesPane* m_modules;
    DockLayout* m_docks;
    bool m_following = false; // the tree follows the graph: its change of module must not go back there
};

} // namespace jitscope::ui
