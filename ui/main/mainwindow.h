// The JitScope main window: module tree, graph, details, code/parameters/IR/file tabs, worker status.
#pragma once

#include "modulespane.h"
#include "runcoordinator.h"
#include "sourceindex.h"
#include "types/graph.h"
#include "types/modelinfo.h"

#include <QElapsedTimer>
#include <QMainWindow>

class QDockWidget;
class QLabel;
class QLineEdit;
class QProgressBar;
class QStackedWidget;
class QTreeView;

namespace jitscope::ui {

class CodeView;
class DetailsPanel;
class DockLayout;
class FileInfoView;
class FilterProxy;
class GraphWidget;
class IntegrityBar;
class IrView;
class MessagePage;
class ModelController;
class ModuleTreeModel;
class ParameterView;
class RemoteWorkers;
class SelectionSync;
class StartPage;
class WindowActions;

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
    void saveWindowSettings();           // geometry, dock layout, closed docks (done on close)
    QString openDialogDirectory() const; // where File › Open starts: the last model's folder
    // Another tab next to Code, Parameters, IR and File Info (the Run panel); shown with a model only.
    QDockWidget* addBottomPanel(QWidget* panel, const QString& title, const QString& objectName);

    // A sample model to offer on the start page: source tree while developing, data dir once installed.
    static QString samplePath();
    static QString contentHash(const jitscope::ModelInfo& info);

    Page currentPage() const;
    ModelController* controller() const { return m_controller; }
    ModuleTreeModel* moduleModel() const { return m_modules->model(); }
    FilterProxy* moduleProxy() const { return m_modules->proxy(); }
    QTreeView* moduleView() const { return m_modules->view(); }
    QLineEdit* moduleFilter() const { return m_modules->filter(); }
    GraphWidget* graphWidget() const { return m_graph; }
    DetailsPanel* detailsPanel() const { return m_details; }
    CodeView* codeView() const { return m_code; }
    ParameterView* parameterView() const { return m_parameters; }
    IrView* irView() const { return m_ir; }
    FileInfoView* fileInfoView() const { return m_fileInfo; }
    QWidget* runPanel() const { return m_run->panel(); } // the RunPanel of ui/run, null when not built
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
    void connectController(); // the flow of a model through the views
    void connectViews();
    void showPage(Page page);
    void clearViews();
    void closeModel(); // File › Close: back to the start page
    void openRecent(const QString& path);
    void onOpened(const jitscope::ModelInfo& info);
    void requestRootGraph(const QString& method);

    // The window is composed of these (each a child of it): the docks and their layout, the menus and
    // toolbar, the selection links between the views, the Run panel and the Passes view.
    ModelController* m_controller;
    SourceIndex m_sources;
    QString m_rootMethod;
    QElapsedTimer m_openTimer;
    double m_openToGraphMs = -1;

    QStackedWidget* m_stack;
    StartPage* m_start;
    MessagePage* m_message;
    GraphWidget* m_graph;
    IntegrityBar* m_integrityBar;
    QWidget* m_modelPage; // the integrity bar above the graph
    ModulesPane* m_modules;
    DetailsPanel* m_details;
    CodeView* m_code;
    ParameterView* m_parameters;
    IrView* m_ir;
    FileInfoView* m_fileInfo;
    QLabel* m_workerLabel;
    QLabel* m_modelLabel;
    QProgressBar* m_progress;
    DockLayout* m_dockLayout = nullptr;
    WindowActions* m_actions = nullptr;
    SelectionSync* m_selection = nullptr;
    RunCoordinator* m_run = nullptr;
    RemoteWorkers* m_remote = nullptr;
};

} // namespace jitscope::ui
