// The main window's menus and toolbar, and the dialogs they open (open, load a library, preferences,
// export). What changes the window's own state (close the model, show another method) is asked for by a
// signal: the window decides.
#pragma once

#include <QList>
#include <QObject>

class QAction;
class QComboBox;
class QMenu;
class QToolBar;

namespace jitscope::ui {

class DockLayout;
class MainWindow;
class RecentFiles;

class WindowActions : public QObject
{
    Q_OBJECT
public:
    WindowActions(MainWindow* window, DockLayout* docks);

    QComboBox* methodCombo() const { return m_methodCombo; } // which method of the root module is drawn
    QAction* firstNonFiniteAction() const { return m_firstNonFiniteAction; } // enabled by the run coordinator
    RecentFiles* recentFiles() const { return m_recent; }
    // A toolbar widget that, like the method box, means something only with a model (the Pass box).
    void addModelToolWidget(QWidget* widget);
    void update(bool modelShown); // what can be done on the page shown

    void openDialog(); // local files, or the remote worker's
    void loadLibraryDialog();
    // The folder of the model shown (or last opened) first: the next file is usually its neighbour.
    QString openDialogDirectory() const;

Q_SIGNALS:
    void closeRequested();                    // File › Close
    void methodChosen(const QString& method); // picked in the toolbar's method box

private:
    void createFileMenu();
    void createGraphMenu();
    void createSettingsMenu();
    void createHelpMenu();
    void createToolBar();
    void editSettings();
    void exportGraph(const QString& format);

    MainWindow* m_window;
    RecentFiles* m_recent = nullptr;
    QAction* m_open = nullptr;
    QAction* m_reload = nullptr;
    QComboBox* m_methodCombo = nullptr;
    QToolBar* m_toolBar = nullptr;
    QList<QAction*> m_modelActions;            // enabled only while a model is shown; the first is Reload
    QList<QAction*> m_methodActions;           // the toolbar's method chooser, shown only with a model
    QAction* m_firstNonFiniteAction = nullptr; // enabled while the recorded values hold a NaN/Inf
};

} // namespace jitscope::ui
