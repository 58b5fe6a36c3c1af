// MainWindow's menus, toolbar, recent files and settings (the model flow is in mainwindow.cpp).
#include "mainwindow.h"
#include "compare/compareview.h"

#include "format.h"
#include "graph/graphwidget.h"
#include "helppages.h"
#include "modelcontroller.h"
#include "remoteworkers.h"
#include "settingsdialog.h"
#include "startpage.h"
#include "windowopener.h"
#include "version.h"
#ifdef JITSCOPE_HAVE_RUN_PANEL
#include "runpanel.h"
#endif

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QThreadPool>
#include <QToolBar>

namespace jitscope::ui {

namespace {
constexpr int kMaxRecentFiles = 10;

QIcon icon(const char* theme, const char* resource)
{
    return QIcon::fromTheme(QLatin1String(theme),
                            QIcon(QStringLiteral(":/jitscope/icons/%1.svg").arg(QLatin1String(resource))));
}
} // namespace

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open =
        file->addAction(icon("document-open", "open"), tr("&Open…"), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    QAction* sample = file->addAction(tr("Open the &Sample Model"), this, [this] { openFile(samplePath()); });
    sample->setEnabled(!samplePath().isEmpty());
    file->addAction(tr("Compare &With…"), this, [this] { compareWithDialog(m_controller->isOpen() ? m_controller->path() : QString(), this); });
    QAction* reload =
        file->addAction(icon("view-refresh", "reload"), tr("&Reload"), this, &MainWindow::reload);
    reload->setShortcut(QKeySequence(Qt::Key_F5));
    reload->setObjectName(QStringLiteral("reloadAction"));
    QAction* close = file->addAction(tr("&Close"), this, [this] {
        m_controller->closeModel();
        clearViews();
        setWindowTitle(QStringLiteral("JitScope"));
        showPage(Page::Start);
    });
    close->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QMenu* exportMenu = file->addMenu(icon("document-export", "export"), tr("&Export Graph"));
    QAction* svg =
        exportMenu->addAction(tr("As &SVG…"), this, [this] { exportGraph(QStringLiteral("svg")); });
    QAction* png =
        exportMenu->addAction(tr("As &PNG…"), this, [this] { exportGraph(QStringLiteral("png")); });
    QAction* dot =
        exportMenu->addAction(tr("As Graphviz &DOT…"), this, [this] { exportGraph(QStringLiteral("dot")); });
    file->addSeparator();
    // Every window (several files open in several): each one saves its state and stops its worker.
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* graph = menuBar()->addMenu(tr("&Graph"));
    QAction* fit =
        graph->addAction(icon("zoom-fit-best", "fit"), tr("&Fit to View"), m_graph, &GraphWidget::fitToView);
    fit->setShortcut(Qt::CTRL | Qt::Key_0);
    QAction* expand = graph->addAction(icon("view-list-tree", "expand"), tr("&Expand All"), m_graph,
                                       &GraphWidget::expandAll);
    QAction* collapse = graph->addAction(icon("view-list-details", "collapse"), tr("&Collapse All"), m_graph,
                                         &GraphWidget::collapseAll);
    graph->addSeparator();
    // The graph view has its own toolbar with these toggles: the menu flips them, it keeps no state.
    QAction* inlined = graph->addAction(icon("format-indent-less", "inline"), tr("Toggle &Inlined View"),
                                        this, [this] { m_graph->setInlinedMode(!m_graph->isInlinedMode()); });
    inlined->setShortcut(Qt::CTRL | Qt::Key_I);
    QAction* raw = graph->addAction(icon("code-context", "raw"), tr("Toggle &Raw Nodes"), this,
                                    [this] { m_graph->setRawMode(!m_graph->isRawMode()); });
    QAction* focus = graph->addAction(tr("Toggle &Focus on Data Flow"), this,
                                      [this] { m_graph->setFocusMode(!m_graph->isFocusMode()); });
    graph->addSeparator();
    m_firstNonFiniteAction = graph->addAction(tr("Go to First &NaN/Inf"), this, &MainWindow::goToFirstNonFinite);
    m_firstNonFiniteAction->setObjectName(QStringLiteral("firstNonFiniteAction"));
    m_firstNonFiniteAction->setEnabled(false);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : std::as_const(m_docks))
        m_viewMenu->addAction(dock->toggleViewAction());

    QMenu* settings = menuBar()->addMenu(tr("&Settings"));
    settings->addAction(tr("&Preferences…"), this, &MainWindow::editSettings);
    settings->addAction(tr("&Load Library Now…"), this, &MainWindow::loadLibraryDialog);
    settings->addSeparator();
    settings->addAction(tr("&Restart Worker"), this, [this] {
        const QString path = m_controller->isOpen() ? m_controller->path() : QString();
        m_controller->closeModel();
        m_controller->startWorker();
        if (!path.isEmpty())
            openFile(path);
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* start = help->addAction(tr("&Getting Started"), this, [this] {
        helppages::showMarkdown(this, QStringLiteral("gettingStartedDialog"), tr("Getting Started"),
                                helppages::gettingStartedMarkdown());
    });
    start->setShortcut(QKeySequence::HelpContents);
    start->setObjectName(QStringLiteral("gettingStartedAction"));
    help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
            helppages::showMarkdown(this, QStringLiteral("shortcutsDialog"), tr("Keyboard Shortcuts"),
                                    helppages::shortcutsMarkdown(this));
        })->setObjectName(QStringLiteral("shortcutsAction"));
    help->addSeparator();
    help->addAction(tr("&About JitScope"), this, [this] {
        const protocol::Hello& hello = m_controller->session()->hello();
        QMessageBox::about(
            this, tr("About JitScope"),
            tr("<h3>JitScope %1</h3><p>Inspect, draw and run TorchScript models.</p>"
               "<p>Worker: jitscope-cli %2, LibTorch %3<br/>Qt %4</p>")
                .arg(QStringLiteral(JITSCOPE_VERSION), qs(hello.jitscope.empty() ? "?" : hello.jitscope),
                     qs(hello.libtorch.empty() ? "?" : hello.libtorch), QLatin1String(qVersion())));
    });

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setIconSize(QSize(18, 18));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(open);
    bar->addAction(reload);
    bar->addSeparator();
    m_methodActions << bar->addWidget(new QLabel(tr(" Method ")));
    m_methodCombo = new QComboBox;
    m_methodCombo->setObjectName(QStringLiteral("methodCombo"));
    m_methodCombo->setToolTip(tr("Which method of the root module the graph shows"));
    m_methodCombo->setMinimumContentsLength(10);
    m_methodActions << bar->addWidget(m_methodCombo);
    connect(m_methodCombo, &QComboBox::textActivated, this, &MainWindow::requestRootGraph);
    m_modelActions = {reload, close, svg, png, dot, fit, expand, collapse, inlined, raw, focus};
}

void MainWindow::updateActions()
{
    const bool model = currentPage() == Page::Model;
    for (QAction* action : std::as_const(m_modelActions))
        action->setEnabled(model);
    if (!m_modelActions.isEmpty())
        m_modelActions.first()->setEnabled(!m_controller->path().isEmpty()); // reload
    m_methodCombo->setEnabled(model && m_methodCombo->count() > 1);
    for (QAction* action : std::as_const(m_methodActions))
        action->setVisible(model);
}

void MainWindow::openDialog()
{
    if (m_remote->openRemoteDialog()) // a remote worker: browse its files instead
        return;
    QSettings settings;
    const QString dir = openDialogDirectory();
    const QStringList paths =
        QFileDialog::getOpenFileNames(this, tr("Open TorchScript Files"), dir,
                                      tr("TorchScript files (*.pt *.pth *.ptl *.zip *.torchscript);;"
                                         "All files (*)"));
    if (paths.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastDirectory"), QFileInfo(paths.first()).absolutePath());
    openInWindows(paths, this); // the first here, each other one in a window of its own
}

// The folder of the model shown (or last opened) first: the next file is usually its neighbour.
QString MainWindow::openDialogDirectory() const
{
    const QString last = !m_controller->path().isEmpty() ? m_controller->path()
                         : !m_recentFiles.isEmpty()      ? m_recentFiles.first()
                                                         : QString();
    if (!last.isEmpty() && QFileInfo(last).absoluteDir().exists())
        return QFileInfo(last).absolutePath();
    return QSettings().value(QStringLiteral("lastDirectory")).toString();
}

void MainWindow::addLibrary(const QString& path)
{
    QStringList libraries = m_controller->libraries();
    if (!libraries.contains(path))
        libraries << path;
    m_controller->setLibraries(libraries);
    SettingsDialog::storeLibraries(libraries);
}

void MainWindow::loadLibraryDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Custom-Op Library"), {},
                                                      tr("Shared libraries (*.so *.so.*);;All files (*)"));
    if (path.isEmpty())
        return;
    addLibrary(path);
    // A failed open is retried with the library; otherwise it is loaded into the running worker.
    if (currentPage() == Page::Message && !m_controller->path().isEmpty())
        reload();
    else
        m_controller->loadLibrary(path);
}

void MainWindow::editSettings()
{
    SettingsDialog dialog(m_controller->libraries(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_controller->setLibraries(dialog.libraries());
    SettingsDialog::storeLibraries(dialog.libraries());
    m_controller->worker()->setServeArguments(SettingsDialog::workerArguments()); // from the next start
#ifdef JITSCOPE_HAVE_RUN_PANEL
    static_cast<RunPanel*>(m_runPanel)->setTimeLimit(SettingsDialog::storedRunTimeLimit());
#endif
}

void MainWindow::addRecentFile(const QString& path)
{
    m_recentFiles.removeAll(path);
    m_recentFiles.prepend(path);
    while (m_recentFiles.size() > kMaxRecentFiles)
        m_recentFiles.removeLast();
    updateRecentFiles();
    saveRecentFiles();
}

// Writing the settings file syncs it to disk: 10–50 ms measured here, too long for the UI thread while a
// model opens. QSettings is reentrant and its cache is shared within the process, so a thread can write it.
void MainWindow::saveRecentFiles()
{
    // One writer thread: writes land in the order they were made.
    if (!m_settingsWriter) {
        m_settingsWriter = new QThreadPool(this);
        m_settingsWriter->setMaxThreadCount(1);
    }
    m_settingsWriter->start([files = m_recentFiles] {
        QSettings settings;
        if (files.isEmpty())
            settings.remove(QStringLiteral("recentFiles"));
        else
            settings.setValue(QStringLiteral("recentFiles"), files);
    });
}

void MainWindow::updateRecentFiles()
{
    m_recentMenu->clear();
    for (const QString& file : std::as_const(m_recentFiles))
        m_recentMenu
            ->addAction(QFileInfo(file).fileName(), this,
                        [this, file] {
                            m_remote->switchToWorkerOf(file); // on the worker it was opened on
                            openFile(file);
                        })
            ->setToolTip(file);
    if (!m_recentFiles.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            m_recentFiles.clear();
            updateRecentFiles();
            saveRecentFiles();
        });
    }
    m_recentMenu->setEnabled(!m_recentFiles.isEmpty());
    m_start->setRecentFiles(m_recentFiles);
}

void MainWindow::exportGraph(const QString& format)
{
    const QString base = QFileInfo(m_controller->path()).completeBaseName();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Graph"), base + QLatin1Char('.') + format,
                                     tr("%1 files (*.%2)").arg(format.toUpper(), format));
    if (path.isEmpty())
        return;
    if (format == QLatin1String("svg"))
        m_graph->exportSvg(path);
    else if (format == QLatin1String("png"))
        m_graph->exportPng(path);
    else
        m_graph->exportDot(path);
    statusBar()->showMessage(tr("Exported %1").arg(path), 8000);
}

} // namespace jitscope::ui
