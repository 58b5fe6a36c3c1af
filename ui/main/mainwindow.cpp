#include "mainwindow.h"

#include "autoreloader.h"
#include "codeview.h"
#include "detailspanel.h"
#include "docklayout.h"
#include "fileinfoview.h"
#include "format.h"
#include "graph/graphstore.h"
#include "graph/graphwidget.h"
#include "integritybar.h"
#include "irview.h"
#include "messagepage.h"
#include "modelcontroller.h"
#include "modulespane.h"
#include "parameterview.h"
#include "passescoordinator.h"
#include "recentfiles.h"
#include "remoteworkers.h"
#include "runcoordinator.h"
#include "selectionsync.h"
#include "settingsdialog.h"
#include "startpage.h"
#include "windowactions.h"
#include "windowopener.h"
#ifdef JITSCOPE_HAVE_RUN_PANEL
#include "hungcallrestarter.h"
#include "runpanel.h"
#endif

#include <QCloseEvent>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

// The icons live in the static `ui` library, whose resource initializer the linker would drop.
static void initResources()
{
    Q_INIT_RESOURCE(jitscope);
}

namespace jitscope::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_controller((initResources(), new ModelController(this))),
      m_stack(new QStackedWidget), m_start(new StartPage), m_message(new MessagePage),
      m_graph(new GraphWidget), m_integrityBar(new IntegrityBar), m_modelPage(new QWidget),
      m_modules(new ModulesPane), m_details(new DetailsPanel), m_code(new CodeView),
      m_parameters(new ParameterView), m_ir(new IrView), m_fileInfo(new FileInfoView),
      m_workerLabel(new QLabel), m_modelLabel(new QLabel), m_progress(new QProgressBar)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("JitScope"));
    setWindowIcon(QIcon(QStringLiteral(":/jitscope/icons/jitscope.svg")));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    m_graph->setObjectName(QStringLiteral("graphWidget"));
    m_stack->addWidget(m_start);
    m_stack->addWidget(m_message);
    auto* modelLayout = new QVBoxLayout(m_modelPage);
    modelLayout->setContentsMargins(0, 0, 0, 0);
    modelLayout->setSpacing(0);
    modelLayout->addWidget(m_integrityBar);
    modelLayout->addWidget(m_graph, 1);
    m_stack->addWidget(m_modelPage);
    setCentralWidget(m_stack);

    // In this order: each connects to the controller's signals before the next, and the window's own
    // handlers (connectController) run after theirs.
    m_dockLayout = new DockLayout(this);
    m_dockLayout->createDocks(m_modules, m_details, m_code, m_parameters, m_ir, m_fileInfo);
    m_actions = new WindowActions(this, m_dockLayout);
    connect(m_actions, &WindowActions::closeRequested, this, &MainWindow::closeModel);
    // Before the passes coordinator's handler: the passes are requested for the method chosen.
    connect(m_actions, &WindowActions::methodChosen, this, &MainWindow::requestRootGraph);
    connect(m_actions->recentFiles(), &RecentFiles::fileChosen, this, &MainWindow::openRecent);
    m_selection = new SelectionSync(this, m_modules, m_dockLayout);
    m_run = new RunCoordinator(this, m_dockLayout, m_selection, m_actions->firstNonFiniteAction());
    new PassesCoordinator(this, m_actions); // the toolbar's Pass box, after methodChosen's handler above
    m_workerLabel->setObjectName(QStringLiteral("workerLabel"));
    connectController();
    connectViews();
    new AutoReloader(this); // watches the open file; after connectController(): views refill first
#ifdef JITSCOPE_HAVE_RUN_PANEL
    new HungCallRestarter(this, static_cast<RunPanel*>(m_run->panel())); // likewise
#endif
    m_remote = new RemoteWorkers(this); // after the window's own handlers: it adjusts what they show

    m_progress->setMaximumWidth(160);
    m_progress->setMaximumHeight(14);
    m_progress->setTextVisible(false);
    m_progress->setVisible(false);
    statusBar()->addPermanentWidget(m_modelLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_workerLabel);
    m_workerLabel->setText(tr("Starting worker…"));

    m_controller->setLibraries(SettingsDialog::storedLibraries());
    m_start->setSamplePath(samplePath());
    m_actions->recentFiles()->load();
    m_dockLayout->restore();
    showPage(Page::Start);
    m_controller->worker()->setServeArguments(SettingsDialog::workerArguments());
    m_controller->startWorker();
}

MainWindow::~MainWindow() = default;

QString MainWindow::samplePath()
{
    const QString fromEnv = qEnvironmentVariable("JITSCOPE_SAMPLE");
    const QString relocated =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/jitscope/sample.pt"));
    QStringList candidates{fromEnv, QDir::cleanPath(relocated), QStringLiteral(JITSCOPE_INSTALLED_SAMPLE)};
#ifdef JITSCOPE_SOURCE_SAMPLE
    candidates << QStringLiteral(JITSCOPE_SOURCE_SAMPLE);
#endif
    for (const QString& candidate : candidates) {
        if (!candidate.isEmpty() && QFileInfo(candidate).isFile())
            return candidate;
    }
    return {};
}

void MainWindow::connectController()
{
    ModelController* c = m_controller;
    connect(c, &ModelController::workerReady, m_workerLabel, &QLabel::setText);
    connect(c, &ModelController::loadingStarted, this, [this](const QString& path) {
        clearViews();
        m_openTimer.start();
        m_openToGraphMs = -1;
        m_message->showLoading(path);
        showPage(Page::Message);
        m_progress->setRange(0, 0);
        m_progress->setVisible(true);
        setWindowTitle(tr("%1 — JitScope").arg(QFileInfo(path).fileName()));
    });
    connect(c, &ModelController::loadingProgress, this, [this](const QString& stage, double fraction) {
        m_message->setProgress(stage, fraction);
        if (fraction >= 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(static_cast<int>(fraction * 1000));
        }
    });
    connect(c, &ModelController::replacing, this, &MainWindow::clearViews); // a reload in place
    connect(c, &ModelController::opened, this, &MainWindow::onOpened);
    connect(c, &ModelController::openFailed, this, [this](const QString& path, const Error& error) {
        m_progress->setVisible(false);
        m_message->showError(path, error);
        showPage(Page::Message);
        // The page says why; the status bar only names the file (saying it all again would repeat it).
        statusBar()->showMessage(tr("Could not open %1").arg(QFileInfo(path).fileName()), 8000);
        m_actions->recentFiles()->add(path); // so that it can be retried from the start page after a fix
    });
    // The model's graphs live in the controller's store: the graph view, the IR tab and the code links read
    // them there as they arrive.
    m_graph->setStore(c->graphs());
    m_ir->setStore(c->graphs());
    connect(c->graphs(), &GraphStore::graphArrived, this, [this](const GraphRef& ref) {
        m_sources.addGraph(ref, m_controller->graphs()->graph(ref));
        m_code->setNodeLines(m_sources.linesWithNodes());
    });
    connect(c, &ModelController::codeReady, this, [this](const std::vector<CodeEntry>& entries) {
        m_code->setEntries(entries);
        m_code->setNodeLines(m_sources.linesWithNodes());
        m_code->showEntry(qs(m_controller->info().summary.root_type), m_rootMethod);
        Q_EMIT codeShown();
    });
    connect(c, &ModelController::statsReady, m_parameters, &ParameterView::setStats);
    connect(c, &ModelController::extraFileReady, m_fileInfo, &FileInfoView::showExtraFile);
    connect(c, &ModelController::libraryLoaded, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Loaded library %1").arg(path), 8000);
    });
    connect(c, &ModelController::requestFailed, this, [this](const QString& what, const Error& error) {
        statusBar()->showMessage(tr("%1 failed: %2").arg(what, qs(error.message)), 15000);
    });
    connect(c, &ModelController::workerCrashed, this,
            [this](const QString& description, const QString& log, const QString& lost) {
                clearViews();
                m_progress->setVisible(false);
                m_message->showCrash(description, log, lost);
                showPage(Page::Message);
                m_workerLabel->setText(tr("Restarting worker…"));
                statusBar()->showMessage(description);
            });
}

void MainWindow::connectViews()
{
    connect(m_graph, &GraphWidget::rootShown, this, &MainWindow::rootGraphShown);
    connect(m_graph, &GraphWidget::layoutFinished, this, [this](double milliseconds) {
        if (m_openToGraphMs < 0 && m_openTimer.isValid()) {
            m_openToGraphMs = static_cast<double>(m_openTimer.elapsed());
            statusBar()->showMessage(tr("Opened and drawn in %1 (layout %2)")
                                         .arg(formatDuration(m_openToGraphMs), formatDuration(milliseconds)),
                                     10000);
        }
    });
    connect(m_parameters, &ParameterView::statsRequested, m_controller, &ModelController::requestStats);
    connect(m_fileInfo, &FileInfoView::extraFileRequested, m_controller, &ModelController::requestExtraFile);
    connect(m_start, &StartPage::openRequested, m_actions, &WindowActions::openDialog);
    connect(m_start, &StartPage::fileRequested, this, &MainWindow::openRecent);
    connect(m_message, &MessagePage::cancelRequested, m_controller, &ModelController::cancelLoading);
    connect(m_message, &MessagePage::retryRequested, this, &MainWindow::reload);
    connect(m_message, &MessagePage::reopenRequested, this, &MainWindow::openFile);
    connect(m_message, &MessagePage::openRequested, m_actions, &WindowActions::openDialog);
    connect(m_message, &MessagePage::loadLibraryRequested, m_actions, &WindowActions::loadLibraryDialog);
}

void MainWindow::openFile(const QString& path)
{
    if (path.isEmpty())
        return;
    m_controller->open(m_remote->prepareOpen(path));
}

void MainWindow::openRecent(const QString& path)
{
    m_remote->switchToWorkerOf(path); // a recent file opens on the worker it was opened on
    openFile(path);
}

void MainWindow::reload()
{
    m_controller->reload();
}

void MainWindow::selectModule(const QString& modulePath)
{
    m_modules->selectModule(modulePath);
}

void MainWindow::addLibrary(const QString& path)
{
    QStringList libraries = m_controller->libraries();
    if (!libraries.contains(path))
        libraries << path;
    m_controller->setLibraries(libraries);
    SettingsDialog::storeLibraries(libraries);
}

QString MainWindow::openDialogDirectory() const
{
    return m_actions->openDialogDirectory();
}

QDockWidget* MainWindow::addBottomPanel(QWidget* panel, const QString& title, const QString& objectName)
{
    return m_dockLayout->addBottomPanel(panel, title, objectName);
}

MainWindow::Page MainWindow::currentPage() const
{
    if (m_stack->currentWidget() == m_start)
        return Page::Start;
    return m_stack->currentWidget() == m_message ? Page::Message : Page::Model;
}

void MainWindow::showPage(Page page)
{
    const bool model = page == Page::Model;
    m_stack->setCurrentWidget(page == Page::Start ? static_cast<QWidget*>(m_start)
                              : model             ? m_modelPage
                                                  : static_cast<QWidget*>(m_message));
    // The docks describe a model: without one they would be empty frames around the message.
    m_dockLayout->showForModel(model);
    m_actions->update(model);
}

void MainWindow::clearViews()
{
    Q_EMIT viewsClearing();
    m_sources.clear();
    m_modules->clear();
    m_parameters->clear();
    m_code->clear();
    m_ir->clear();
    m_fileInfo->clear();
    m_details->clear();
    m_graph->clear();
    m_integrityBar->setIntegrity({});
    m_modelLabel->clear();
}

void MainWindow::onOpened(const ModelInfo& info)
{
    const ModelSummary& s = info.summary;
    m_progress->setVisible(false);
    m_modules->setModelInfo(info);
    m_parameters->setModelInfo(info);
    m_integrityBar->setIntegrity(info.integrity);
    m_fileInfo->setModelInfo(info);
    m_graph->setModelInfo(info);
    QComboBox* methods = m_actions->methodCombo();
    methods->clear();
    const QSignalBlocker blocker(methods); // filling it is not the user picking a method
    for (const MethodInfo& m : s.methods)
        methods->addItem(qs(m.name));
    QString method = QStringLiteral("forward");
    if (methods->findText(method) < 0 && methods->count() > 0)
        method = methods->itemText(0);
    methods->setCurrentText(method);
    requestRootGraph(method);
    m_controller->requestCode();
    showPage(Page::Model);
    m_actions->recentFiles()->add(m_controller->path());
    if (!info.modules.empty())
        m_details->showModule(info.modules.front()); // the whole model until something is picked
    m_modelLabel->setText(
        tr("%1 modules · %2 parameters · %3")
            .arg(formatCount(s.module_count), formatCount(s.param_count), formatBytes(s.param_bytes)));
    statusBar()->showMessage(
        tr("Loaded %1 in %2").arg(QFileInfo(qs(s.path)).fileName(), formatDuration(s.load_ms)), 8000);
    Q_EMIT modelShown(m_controller->path());
}

void MainWindow::showMethod(const QString& method)
{
    m_actions->methodCombo()->setCurrentText(method);
    requestRootGraph(method);
}

void MainWindow::requestRootGraph(const QString& method)
{
    m_rootMethod = method;
    m_graph->showRoot(GraphRef::method(std::string(), method.toStdString()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowSettings();
    m_controller->worker()->stop();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveWindowSettings()
{
    m_dockLayout->save(currentPage() ==
                       Page::Model); // with hidden docks the state would remember them hidden
}

void MainWindow::closeModel()
{
    m_controller->closeModel();
    clearViews();
    setWindowTitle(QStringLiteral("JitScope"));
    showPage(Page::Start);
}

QString MainWindow::contentHash(const ModelInfo& info)
{
    return RunCoordinator::contentHash(info);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList files; // each in a window of its own, the first in this one
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            files << url.toLocalFile();
    if (!files.isEmpty()) {
        event->acceptProposedAction();
        openInWindows(files, this);
    }
}

} // namespace jitscope::ui
