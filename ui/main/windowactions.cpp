#include "windowactions.h"

#include "compare/compareview.h"
#include "docklayout.h"
#include "graph/graphwidget.h"
#include "helppages.h"
#include "mainwindow.h"
#include "modelcontroller.h"
#include "qtstring.h"
#include "recentfiles.h"
#include "remoteworkers.h"
#include "settingsdialog.h"
#include "version.h"
#include "windowopener.h"
#include "workersession.h"
#ifdef JITSCOPE_HAVE_RUN_PANEL
#include "runpanel.h"
#endif

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>

namespace jitscope::ui {

namespace {
QIcon icon(const char* theme, const char* resource)
{
    return QIcon::fromTheme(QLatin1String(theme),
                            QIcon(QStringLiteral(":/jitscope/icons/%1.svg").arg(QLatin1String(resource))));
}
} // namespace

WindowActions::WindowActions(MainWindow* window, DockLayout* docks) : QObject(window), m_window(window)
{
    createFileMenu();
    createGraphMenu();
    docks->setViewMenu(window->menuBar()->addMenu(tr("&View")));
    createSettingsMenu();
    createHelpMenu();
    createToolBar();
}

void WindowActions::createFileMenu()
{
    QMenu* file = m_window->menuBar()->addMenu(tr("&File"));
    m_open = file->addAction(icon("document-open", "open"), tr("&Open…"), this, &WindowActions::openDialog);
    m_open->setShortcut(QKeySequence::Open);
    QMenu* recent = file->addMenu(tr("Open &Recent"));
    recent->setObjectName(QStringLiteral("recentMenu"));
    m_recent = new RecentFiles(recent, m_window->startPage(), this);
    QAction* sample = file->addAction(tr("Open the &Sample Model"), this,
                                      [this] { m_window->openFile(MainWindow::samplePath()); });
    sample->setEnabled(!MainWindow::samplePath().isEmpty());
    file->addAction(tr("Compare &With…"), this, [this] {
        ModelController* controller = m_window->controller();
        compareWithDialog(controller->isOpen() ? controller->path() : QString(), m_window);
    });
    m_reload = file->addAction(icon("view-refresh", "reload"), tr("&Reload"), m_window, &MainWindow::reload);
    m_reload->setShortcut(QKeySequence(Qt::Key_F5));
    m_reload->setObjectName(QStringLiteral("reloadAction"));
    QAction* close = file->addAction(tr("&Close"), this, [this] { Q_EMIT closeRequested(); });
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
    m_modelActions << m_reload << close << svg << png << dot;
}

void WindowActions::createGraphMenu()
{
    GraphWidget* widget = m_window->graphWidget();
    QMenu* graph = m_window->menuBar()->addMenu(tr("&Graph"));
    QAction* fit =
        graph->addAction(icon("zoom-fit-best", "fit"), tr("&Fit to View"), widget, &GraphWidget::fitToView);
    fit->setShortcut(Qt::CTRL | Qt::Key_0);
    QAction* expand = graph->addAction(icon("view-list-tree", "expand"), tr("&Expand All"), widget,
                                       &GraphWidget::expandAll);
    QAction* collapse = graph->addAction(icon("view-list-details", "collapse"), tr("&Collapse All"), widget,
                                         &GraphWidget::collapseAll);
    graph->addSeparator();
    // The graph view has its own toolbar with these toggles: the menu flips them, it keeps no state.
    QAction* inlined = graph->addAction(icon("format-indent-less", "inline"), tr("Toggle &Inlined View"),
                                        this, [widget] { widget->setInlinedMode(!widget->isInlinedMode()); });
    inlined->setShortcut(Qt::CTRL | Qt::Key_I);
    QAction* raw = graph->addAction(icon("code-context", "raw"), tr("Toggle &Raw Nodes"), this,
                                    [widget] { widget->setRawMode(!widget->isRawMode()); });
    QAction* focus = graph->addAction(tr("Toggle &Focus on Data Flow"), this,
                                      [widget] { widget->setFocusMode(!widget->isFocusMode()); });
    graph->addSeparator();
    // Triggered: the run coordinator goes there (it knows the recorded values).
    m_firstNonFiniteAction = graph->addAction(tr("Go to First &NaN/Inf"));
    m_firstNonFiniteAction->setObjectName(QStringLiteral("firstNonFiniteAction"));
    m_firstNonFiniteAction->setEnabled(false);
    m_modelActions << fit << expand << collapse << inlined << raw << focus;
}

void WindowActions::createSettingsMenu()
{
    QMenu* settings = m_window->menuBar()->addMenu(tr("&Settings"));
    settings->addAction(tr("&Preferences…"), this, &WindowActions::editSettings);
    settings->addAction(tr("&Load Library Now…"), this, &WindowActions::loadLibraryDialog);
    settings->addSeparator();
    settings->addAction(tr("&Restart Worker"), this, [this] {
        ModelController* controller = m_window->controller();
        const QString path = controller->isOpen() ? controller->path() : QString();
        controller->closeModel();
        controller->startWorker();
        if (!path.isEmpty())
            m_window->openFile(path);
    });
}

void WindowActions::createHelpMenu()
{
    QMenu* help = m_window->menuBar()->addMenu(tr("&Help"));
    QAction* start = help->addAction(tr("&Getting Started"), this, [this] {
        helppages::showMarkdown(m_window, QStringLiteral("gettingStartedDialog"), tr("Getting Started"),
                                helppages::gettingStartedMarkdown());
    });
    start->setShortcut(QKeySequence::HelpContents);
    start->setObjectName(QStringLiteral("gettingStartedAction"));
    help->addAction(tr("&Keyboard Shortcuts"), this,
                    [this] {
                        helppages::showMarkdown(m_window, QStringLiteral("shortcutsDialog"),
                                                tr("Keyboard Shortcuts"),
                                                helppages::shortcutsMarkdown(m_window));
                    })
        ->setObjectName(QStringLiteral("shortcutsAction"));
    help->addSeparator();
    help->addAction(tr("&About JitScope"), this, [this] {
        const protocol::Hello& hello = m_window->controller()->session()->hello();
        QMessageBox::about(
            m_window, tr("About JitScope"),
            tr("<h3>JitScope %1</h3><p>Inspect, draw and run TorchScript models.</p>"
               "<p>Worker: jitscope-cli %2, LibTorch %3<br/>Qt %4</p>")
                .arg(QStringLiteral(JITSCOPE_VERSION), qs(hello.jitscope.empty() ? "?" : hello.jitscope),
                     qs(hello.libtorch.empty() ? "?" : hello.libtorch), QLatin1String(qVersion())));
    });
}

void WindowActions::createToolBar()
{
    m_toolBar = m_window->addToolBar(tr("Main"));
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setIconSize(QSize(18, 18));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_open);
    m_toolBar->addAction(m_reload);
    m_toolBar->addSeparator();
    m_methodCombo = new QComboBox;
    m_methodCombo->setObjectName(QStringLiteral("methodCombo"));
    m_methodCombo->setToolTip(tr("Which method of the root module the graph shows"));
    m_methodCombo->setMinimumContentsLength(10);
    addModelToolWidget(new QLabel(tr(" Method ")));
    addModelToolWidget(m_methodCombo);
    connect(m_methodCombo, &QComboBox::textActivated, this, &WindowActions::methodChosen);
}

void WindowActions::addModelToolWidget(QWidget* widget)
{
    m_methodActions << m_toolBar->addWidget(widget);
}

void WindowActions::update(bool modelShown)
{
    for (QAction* action : std::as_const(m_modelActions))
        action->setEnabled(modelShown);
    m_reload->setEnabled(!m_window->controller()->path().isEmpty());
    m_methodCombo->setEnabled(modelShown && m_methodCombo->count() > 1);
    for (QAction* action : std::as_const(m_methodActions))
        action->setVisible(modelShown);
}

void WindowActions::openDialog()
{
    if (m_window->remoteWorkers()->openRemoteDialog()) // a remote worker: browse its files instead
        return;
    QSettings settings;
    const QString dir = openDialogDirectory();
    const QStringList paths =
        QFileDialog::getOpenFileNames(m_window, tr("Open TorchScript Files"), dir,
                                      tr("TorchScript files (*.pt *.pth *.ptl *.zip *.torchscript);;"
                                         "All files (*)"));
    if (paths.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastDirectory"), QFileInfo(paths.first()).absolutePath());
    openInWindows(paths, m_window); // the first here, each other one in a window of its own
}

QString WindowActions::openDialogDirectory() const
{
    const QString path = m_window->controller()->path();
    const QStringList recent = m_recent->files();
    const QString last = !path.isEmpty() ? path : !recent.isEmpty() ? recent.first() : QString();
    if (!last.isEmpty() && QFileInfo(last).absoluteDir().exists())
        return QFileInfo(last).absolutePath();
    return QSettings().value(QStringLiteral("lastDirectory")).toString();
}

void WindowActions::loadLibraryDialog()
{
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Load Custom-Op Library"), {},
                                                      tr("Shared libraries (*.so *.so.*);;All files (*)"));
    if (path.isEmpty())
        return;
    m_window->addLibrary(path);
    // A failed open is retried with the library; otherwise it is loaded into the running worker.
    ModelController* controller = m_window->controller();
    if (m_window->currentPage() == MainWindow::Page::Message && !controller->path().isEmpty())
        m_window->reload();
    else
        controller->loadLibrary(path);
}

void WindowActions::editSettings()
{
    ModelController* controller = m_window->controller();
    SettingsDialog dialog(controller->libraries(), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    controller->setLibraries(dialog.libraries());
    SettingsDialog::storeLibraries(dialog.libraries());
    controller->worker()->setServeArguments(SettingsDialog::workerArguments()); // from the next start
#ifdef JITSCOPE_HAVE_RUN_PANEL
    static_cast<RunPanel*>(m_window->runPanel())->setTimeLimit(SettingsDialog::storedRunTimeLimit());
#endif
}

void WindowActions::exportGraph(const QString& format)
{
    const QString base = QFileInfo(m_window->controller()->path()).completeBaseName();
    const QString path =
        QFileDialog::getSaveFileName(m_window, tr("Export Graph"), base + QLatin1Char('.') + format,
                                     tr("%1 files (*.%2)").arg(format.toUpper(), format));
    if (path.isEmpty())
        return;
    GraphWidget* graph = m_window->graphWidget();
    if (format == QLatin1String("svg"))
        graph->exportSvg(path);
    else if (format == QLatin1String("png"))
        graph->exportPng(path);
    else
        graph->exportDot(path);
    m_window->statusBar()->showMessage(tr("Exported %1").arg(path), 8000);
}

} // namespace jitscope::ui
