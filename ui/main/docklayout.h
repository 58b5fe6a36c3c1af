// The docks around the graph: created here, sized once for a first model, and remembered when the user
// closes one. Without a model the window hides every dock (they would be empty frames around the start
// page), so "visible" cannot say what the user wants: the names of the docks the user closed are kept
// instead, and saved with the settings.
#pragma once

#include <QList>
#include <QObject>
#include <QSet>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace jitscope::ui {

class CodeView;
class DetailsPanel;
class FileInfoView;
class IrView;
class ModulesPane;
class ParameterView;

class DockLayout : public QObject
{
    Q_OBJECT
public:
    explicit DockLayout(QMainWindow* window);

    // Modules on the left and Details on the right run the window's full height; Code, Parameters, Graph IR
    // and File Info are tabs under the graph.
    void createDocks(ModulesPane* modules, DetailsPanel* details, CodeView* code, ParameterView* parameters,
                     IrView* ir, FileInfoView* fileInfo);
    // Another tab next to the bottom ones (the Run panel), in a scroll area.
    QDockWidget* addBottomPanel(QWidget* panel, const QString& title, const QString& objectName);
    // The View menu lists every dock, those added later included.
    void setViewMenu(QMenu* menu);
    QDockWidget* codeDock() const { return m_codeDock; }

    // Geometry, dock layout and closed docks from the settings (after every dock was added).
    void restore();
    // The dock layout only while the docks are shown: with hidden docks it would remember them hidden.
    void save(bool modelShown) const;
    // The docks describe a model: shown with one (but those the user closed), hidden without.
    void showForModel(bool modelShown);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void trackDock(QDockWidget* dock);
    void resizeToScreen();        // a first start: most of the screen
    void applyDefaultDockSizes(); // a first model without a remembered layout: the graph gets most room
    void sizeDocks();

    QMainWindow* m_window;
    ModulesPane* m_modules = nullptr;
    QMenu* m_viewMenu = nullptr;
    QList<QDockWidget*> m_docks;
    QSet<QString> m_closedDocks; // objectNames of the docks the user closed
    QDockWidget* m_codeDock = nullptr;
    QDockWidget* m_lastBottomDock = nullptr;
    bool m_modelShown = false;
    bool m_layoutRestored = false; // the dock layout came from the settings (or was sized once)
};

} // namespace jitscope::ui
