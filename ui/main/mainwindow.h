// The JitScope main window: module tree, graph, details, code/parameters/IR/file tabs, worker status.
#pragma once

#include "types/graph.h"
#include "types/modelinfo.h"
#include "sourceindex.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QSet>

class QComboBox;
class QThreadPool;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTreeView;

namespace jitscope::ui {

class CodeView;
class DetailsPanel;
class FileInfoView;
class FilterProxy;
class GraphWidget;
class PassesView;
class IntegrityBar;
class IrView;
class MessagePage;
class ModelController;
class ModuleTreeModel;
class ParameterView;
class RemoteWorkers;
class StartPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Page
    {
        Start,
        Message,
        Model
    };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFile(const QString& path);
    void reload();
    void addLibrary(const QString& path); // remembered in the settings and used for the next open
    void selectModule(const QString& modulePath);
    void showMethod(const QString& method); // the root method the graph shows (the toolbar's method box)
    QString rootMethod() const { return m_rootMethod; }
    void saveWindowSettings(); // geometry, dock layout, closed docks (done on close)
    QString openDialogDirectory() const; // where File › Open starts: the last model's folder
    // Another tab next to Code, Parameters, IR and File Info (the Run panel); shown with a model only.
    QDockWidget* addBottomPanel(QWidget* panel, const QString& title, const QString& objectName);

    // A sample model to offer on the start page: source tree while developing, data dir once installed.
    static QString samplePath();
    static QString contentHash(const jitscope::ModelInfo& info);

    Page currentPage() const;
    ModelController* controller() const { return m_controller; }
    ModuleTreeModel* moduleModel() const { return m_moduleModel; }
    FilterProxy* moduleProxy() const { return m_moduleProxy; }
    QTreeView* moduleView() const { return m_moduleView; }
    QLineEdit* moduleFilter() const { return m_moduleFilter; }
    GraphWidget* graphWidget() const { return m_graph; }
    DetailsPanel* detailsPanel() const { return m_details; }
    CodeView* codeView() const { return m_code; }
    ParameterView* parameterView() const { return m_parameters; }
    IrView* irView() const { return m_ir; }
    FileInfoView* fileInfoView() const { return m_fileInfo; }
    QWidget* runPanel() const { return m_runPanel; } // the RunPanel of ui/run, null when not built
    MessagePage* messagePage() const { return m_message; }
    RemoteWorkers* remoteWorkers() const { return m_remote; } // the worker box, remote Open, uploads
    StartPage* startPage() const { return m_start; }
    const SourceIndex& sources() const { return m_sources; }
    double openToGraphMs() const { return m_openToGraphMs; } // -1 until the first graph was drawn

Q_SIGNALS:
    void modelShown(const QString& path); // info arrived, views filled
    void rootGraphShown();                // the root graph was handed to the graph view
    void codeShown();
    void viewsClearing(); // the views are about to be emptied: the last moment to see what they showed

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // mainwindow.cpp: views and the flow of a model through them; mainwindow_selection.cpp: the links
    void createDocks();
    void trackDock(QDockWidget* dock);
    void resizeToScreen();        // a first start: most of the screen
    void applyDefaultDockSizes(); // a first model without a remembered layout: the graph gets most room
    void sizeDocks();
    void fitModuleColumns(); // the name column gets the width the numbers leave
    bool eventFilter(QObject* watched, QEvent* event) override;
    void connectController();
    void connectViews();
    void showPage(Page page);
    void clearViews();
    void onOpened(const jitscope::ModelInfo& info);
    void onNodeSelected(const jitscope::Node& node, const QString& modulePath);
    void showNodeDetails(const jitscope::Node& node, const QString& modulePath); // with its recorded values
    void onCodeLine(const QString& file, int line);
    void showCodeLocation(const QString& file, int line, const QString& text);
    void requestRootGraph(const QString& method);
    // mainwindow_run.cpp
    void createRunPanel();
    void goToFirstNonFinite(); // selects the node and shows its code line
    void saveValue(qint64 value, const QString& element);
    // mainwindow_passes.cpp
    void createPasses();
    // mainwindow_actions.cpp: menus, toolbar, recent files, settings
    void createActions();
    void openDialog();
    void loadLibraryDialog();
    void editSettings();
    void addRecentFile(const QString& path);
    void updateRecentFiles();
    void saveRecentFiles(); // off the UI thread
    void exportGraph(const QString& format);
    void updateActions();

    ModelController* m_controller;
    SourceIndex m_sources;
    QString m_rootMethod;
    bool m_syncingSelection = false;
    QElapsedTimer m_openTimer;
    double m_openToGraphMs = -1;

    QStackedWidget* m_stack;
    StartPage* m_start;
    MessagePage* m_message;
    GraphWidget* m_graph;
    IntegrityBar* m_integrityBar;
    QWidget* m_modelPage; // the integrity bar above the graph
    ModuleTreeModel* m_moduleModel;
    FilterProxy* m_moduleProxy;
    QTreeView* m_moduleView;
    QLineEdit* m_moduleFilter;
    DetailsPanel* m_details;
    CodeView* m_code;
    ParameterView* m_parameters;
    IrView* m_ir;
    FileInfoView* m_fileInfo;
    QWidget* m_runPanel = nullptr;
    RemoteWorkers* m_remote = nullptr;
    QList<QDockWidget*> m_docks;
    QSet<QString> m_closedDocks; // objectNames of the docks the user closed
    QDockWidget* m_codeDock = nullptr;
    QDockWidget* m_lastBottomDock = nullptr;
    bool m_layoutRestored = false; // the dock layout came from the settings (or was sized once)

    QStringList m_recentFiles; // most recent first; written to the settings by saveRecentFiles()
    QThreadPool* m_settingsWriter = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QComboBox* m_methodCombo = nullptr;
    QLabel* m_workerLabel;
    QLabel* m_modelLabel;
    QProgressBar* m_progress;
    QList<QAction*> m_modelActions;  // enabled only while a model is shown
    QList<QAction*> m_methodActions; // the toolbar's method chooser, shown only with a model
    QAction* m_firstNonFiniteAction = nullptr; // enabled while the recorded values hold a NaN/Inf
    PassesView* m_passes = nullptr;            // in place of the graph while a pass other than saved is shown
    QComboBox* m_passCombo = nullptr;
    int m_passGeneration = 0; // pass graphs of an older model or method are dropped
};

} // namespace jitscope::ui
