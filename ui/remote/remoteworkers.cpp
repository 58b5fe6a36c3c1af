#include "remoteworkers.h"

#include "downloader.h"
#include "graph/graphwidget.h"
#include "mainwindow.h"
#include "messagepage.h"
#include "modelcontroller.h"
#include "remotefiledialog.h"
#include "uploader.h"
#include "workerclient.h"
#include "workersettingsdialog.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>

namespace jitscope::ui {

namespace {
QString g_initialCommand;
const QString kSuffixMark = QStringLiteral(" — on ");
} // namespace

void RemoteWorkers::setInitialCommand(const QString& command)
{
    g_initialCommand = command.trimmed();
}

RemoteWorkers::RemoteWorkers(MainWindow* window)
    : QObject(window), m_window(window), m_profiles(WorkerProfiles::load()), m_keeper(new ViewStateKeeper(window))
{
    setObjectName(QStringLiteral("remoteWorkers"));
    if (!g_initialCommand.isEmpty()) {
        // Named by where it runs ("gpu-box"), the whole command in the tooltip.
        const QStringList argv = QProcess::splitCommand(g_initialCommand);
        QString name = WorkerClient::destinationOf(argv);
        if (name.isEmpty())
            name = argv.isEmpty() ? g_initialCommand : QFileInfo(argv.first()).fileName();
        m_current = {tr("%1 (--worker)").arg(name), g_initialCommand};
        for (const WorkerProfile& profile : std::as_const(m_profiles))
            if (profile.command == g_initialCommand)
                m_current = profile;
    } else {
        m_current = WorkerProfiles::find(m_profiles, WorkerProfiles::currentName());
    }
    window->controller()->worker()->setCommand(m_current.command);

    if (auto* bar = window->findChild<QToolBar*>(QStringLiteral("mainToolBar"))) {
        bar->addSeparator();
        bar->addWidget(new QLabel(tr(" Worker ")));
        m_box = new QComboBox;
        m_box->setObjectName(QStringLiteral("workerBox"));
        m_box->setToolTip(tr("Where models are loaded and run (Settings › Workers…)"));
        m_box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        m_box->setMinimumContentsLength(16);
        bar->addWidget(m_box);
        connect(m_box, &QComboBox::activated, this, [this](int index) {
            const QString name = m_box->itemData(index).toString();
            if (name == QLatin1String("\x01" "edit")) {
                fillBox(); // back to the current one
                editWorkers();
                return;
            }
            for (const WorkerProfile& profile : std::as_const(m_profiles))
                if (profile.name == name && !(profile == m_current))
                    useProfile(profile);
        });
    }
    fillBox();
    addMenuEntries();
    window->installEventFilter(this);

    ModelController* controller = window->controller();
    connect(controller, &ModelController::workerReady, this, [this] { updateTitle(); });
    connect(controller, &ModelController::loadingStarted, this, [this](const QString& path) {
        WorkerProfiles::setWorkerOfPath(path, m_current.name);
        m_keeper->cancel(); // a view still being restored belongs to the model shown before
        m_restoreInlined = false;
        if (path != m_restore.path)
            m_restore = {}; // another model than the one Reconnect reopens
    });
    connect(controller, &ModelController::workerCrashed, this, &RemoteWorkers::onCrashed);
    connect(window, &MainWindow::viewsClearing, this, &RemoteWorkers::rememberView);
    connect(window, &MainWindow::modelShown, this, &RemoteWorkers::restoreView);
    // After the keeper's own handler (made first, in the initialiser): the expansion is set when this runs.
    connect(window, &MainWindow::rootGraphShown, this, &RemoteWorkers::restoreInlined);
    connect(window->messagePage(), &MessagePage::reopenRequested, this, [this](const QString& path) {
        if (path.isEmpty() && isRemote()) // Reconnect with no model to reopen
            m_window->controller()->startWorker();
    });
    updateTitle();
}

QLabel* RemoteWorkers::workerLabel() const
{
    return m_window->findChild<QLabel*>(QStringLiteral("workerLabel"));
}

bool RemoteWorkers::isRemote() const
{
    return !m_current.isLocal();
}

void RemoteWorkers::fillBox()
{
    if (!m_box)
        return;
    const QSignalBlocker blocker(m_box);
    m_box->clear();
    if (!m_profiles.contains(m_current)) // a --worker command that is not in the list
        m_profiles << m_current;
    for (const WorkerProfile& profile : std::as_const(m_profiles)) {
        m_box->addItem(profile.name, profile.name);
        m_box->setItemData(m_box->count() - 1,
                           profile.isLocal() ? tr("jitscope-cli serve on this machine") : profile.command,
                           Qt::ToolTipRole);
    }
    m_box->insertSeparator(m_box->count());
    m_box->addItem(tr("Edit Workers…"), QStringLiteral("\x01" "edit"));
    m_box->setCurrentIndex(m_box->findData(m_current.name));
}

void RemoteWorkers::addMenuEntries()
{
    QMenu* file = nullptr;
    QMenu* settings = nullptr;
    for (QAction* action : m_window->menuBar()->actions()) {
        if (!action->menu())
            continue;
        const QString title = action->menu()->title().remove(QLatin1Char('&'));
        if (title == QLatin1String("File"))
            file = action->menu();
        else if (title == QLatin1String("Settings"))
            settings = action->menu();
    }
    if (file) {
        QAction* send = new QAction(tr("Send a Local File to the Worker…"), this);
        send->setObjectName(QStringLiteral("uploadAction"));
        send->setToolTip(tr("Copy a model from this machine to the worker's and open it there"));
        connect(send, &QAction::triggered, this, [this] {
            const QString path = QFileDialog::getOpenFileName(
                m_window, tr("Send a Local File to %1").arg(m_window->controller()->worker()->hostName()),
                QSettings().value(QStringLiteral("lastDirectory")).toString(),
                tr("TorchScript files (*.pt *.pth *.ptl *.zip *.torchscript);;All files (*)"));
            if (!path.isEmpty())
                uploadAndOpen(path);
        });
        const QList<QAction*> actions = file->actions();
        file->insertAction(actions.size() > 2 ? actions[2] : nullptr, send);
        connect(this, &RemoteWorkers::workerChanged, send, [this, send] { send->setVisible(isRemote()); });
        send->setVisible(isRemote());
    }
    QMenu* target = settings ? settings : file;
    if (target) {
        target->addSeparator();
        target->addAction(tr("&Workers…"), this, &RemoteWorkers::editWorkers)
            ->setObjectName(QStringLiteral("workersAction"));
    }
}

QString RemoteWorkers::titleSuffix() const
{
    return isRemote() ? kSuffixMark + m_window->controller()->worker()->hostName() : QString();
}

void RemoteWorkers::updateTitle()
{
    // The window sets its title in several places; the suffix is put back after each (eventFilter).
    QString title = m_window->windowTitle();
    const int mark = title.indexOf(kSuffixMark);
    if (mark >= 0)
        title.truncate(mark);
    title += titleSuffix();
    if (title != m_window->windowTitle()) {
        m_settingTitle = true;
        m_window->setWindowTitle(title);
        m_settingTitle = false;
    }
}

bool RemoteWorkers::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::WindowTitleChange && !m_settingTitle)
        updateTitle();
    return QObject::eventFilter(watched, event);
}

void RemoteWorkers::useProfile(const WorkerProfile& profile)
{
    m_current = profile;
    if (!profile.name.endsWith(QLatin1String(" (--worker)"))) // a named worker, not the command line's
        WorkerProfiles::setCurrentName(profile.name);
    ModelController* controller = m_window->controller();
    controller->closeModel();
    controller->worker()->setCommand(profile.command);
    if (QLabel* label = workerLabel())
        label->setText(profile.isLocal() ? tr("Starting worker…")
                                         : tr("Connecting to %1…").arg(controller->worker()->hostName()));
    controller->startWorker();
    fillBox();
    updateTitle();
    Q_EMIT workerChanged(profile.name);
}

void RemoteWorkers::editWorkers()
{
    WorkerSettingsDialog dialog(m_profiles, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_profiles = dialog.profiles();
    WorkerProfiles::save(m_profiles);
    // The chosen worker may have been renamed, edited or removed.
    const WorkerProfile now = WorkerProfiles::find(m_profiles, m_current.name);
    if (!(now == m_current))
        useProfile(now);
    else
        fillBox();
}

bool RemoteWorkers::openRemoteDialog()
{
    if (!isRemote())
        return false;
    WorkerClient* worker = m_window->controller()->worker();
    if (!worker->isRunning())
        m_window->controller()->startWorker();
    RemoteFileDialog dialog(worker, worker->hostName(), WorkerProfiles::lastFolder(m_current.name), m_window);
    connect(&dialog, &RemoteFileDialog::listed, this,
            [this](const QString& folder) { WorkerProfiles::setLastFolder(m_current.name, folder); });
    if (dialog.exec() == QDialog::Accepted && !dialog.selectedPath().isEmpty())
        m_window->openFile(dialog.selectedPath());
    return true;
}

void RemoteWorkers::switchToWorkerOf(const QString& path)
{
    const QString remembered = WorkerProfiles::workerOfPath(path);
    if (remembered.isEmpty() || remembered == m_current.name)
        return;
    for (const WorkerProfile& profile : std::as_const(m_profiles))
        if (profile.name == remembered)
            useProfile(profile);
}

QString RemoteWorkers::prepareOpen(const QString& path)
{
    // A remote path is the worker's: it is not made absolute against this machine's folders.
    return isRemote() ? path : QFileInfo(path).absoluteFilePath();
}

void RemoteWorkers::uploadAndOpen(const QString& localPath)
{
    if (!isRemote()) {
        m_window->openFile(localPath);
        return;
    }
    if (m_uploader)
        m_uploader->deleteLater();
    m_uploader = new Uploader(m_window->controller()->worker(), this);
    auto* progress = new QProgressDialog(
        tr("Sending %1 to %2…")
            .arg(QFileInfo(localPath).fileName(), m_window->controller()->worker()->hostName()),
        tr("Cancel"), 0, 1000, m_window);
    progress->setObjectName(QStringLiteral("uploadProgress"));
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    Uploader* uploader = m_uploader;
    connect(uploader, &Uploader::progress, progress, [progress](qint64 done, qint64 total) {
        progress->setValue(total > 0 ? static_cast<int>(1000 * done / total) : 1000);
    });
    connect(progress, &QProgressDialog::canceled, uploader, &Uploader::cancel);
    connect(uploader, &Uploader::finished, this, [this, progress](const QString& remotePath) {
        progress->close();
        Q_EMIT uploadFinished(remotePath);
        m_window->openFile(remotePath);
    });
    connect(uploader, &Uploader::failed, this, [this, progress, localPath](const QString& message) {
        progress->close();
        m_window->statusBar()->showMessage(
            tr("Could not send %1: %2").arg(QFileInfo(localPath).fileName(), message), 15000);
        Q_EMIT uploadFailed(message);
    });
    uploader->start(localPath);
}

void RemoteWorkers::download(const QString& remotePath, const QString& localPath, std::function<void()> done,
                             std::function<void(const QString& message)> failed)
{
    if (m_downloader)
        m_downloader->deleteLater(); // one at a time: the Run panel saves one file at a time anyway
    m_downloader = new Downloader(m_window->controller()->worker(), this);
    Downloader* downloader = m_downloader;
    auto* progress = new QProgressDialog(
        tr("Fetching %1 from %2…")
            .arg(QFileInfo(localPath).fileName(), m_window->controller()->worker()->hostName()),
        tr("Cancel"), 0, 1000, m_window);
    progress->setObjectName(QStringLiteral("downloadProgress"));
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(downloader, &Downloader::progress, progress, [progress](qint64 done, qint64 total) {
        progress->setValue(total > 0 ? static_cast<int>(1000 * done / total) : 1000);
    });
    connect(progress, &QProgressDialog::canceled, downloader, [downloader, failed] {
        if (!downloader->isRunning())
            return; // closing the dialog says "canceled" too, also after the end
        downloader->cancel();
        if (failed)
            failed(tr("Cancelled."));
    });
    connect(downloader, &Downloader::finished, this, [this, progress, done](const QString& path) {
        progress->close();
        Q_EMIT downloadFinished(path);
        if (done)
            done();
    });
    connect(downloader, &Downloader::failed, this, [progress, failed](const QString& message) {
        progress->close();
        if (failed)
            failed(message);
    });
    downloader->start(remotePath, localPath);
}

void RemoteWorkers::rememberView()
{
    // Called for every model the window lets go of (another file, a reload, a crash): only the last one
    // matters, and only when it was shown.
    ModelController* controller = m_window->controller();
    if (m_window->currentPage() != MainWindow::Page::Model || controller->path().isEmpty()) {
        m_last = {};
        return;
    }
    GraphWidget* graph = m_window->graphWidget();
    m_last = {controller->path(), m_keeper->capture(), graph->isInlinedMode(), graph->isRawMode()};
}

void RemoteWorkers::onCrashed(const QString& description, const QString&, const QString& lost)
{
    Q_UNUSED(description);
    WorkerClient* worker = m_window->controller()->worker();
    if (!isRemote())
        return;
    MessagePage* page = m_window->messagePage();
    const QString host = worker->hostName();
    QString title;
    switch (worker->lastFailure()) {
    case WorkerClient::Failure::CouldNotConnect:
    case WorkerClient::Failure::CouldNotStart:
        title = tr("Could not connect to %1").arg(host);
        break;
    case WorkerClient::Failure::CommandNotFound:
        title = tr("jitscope-cli not found on %1").arg(host);
        break;
    case WorkerClient::Failure::Incompatible:
        title = tr("The worker on %1 is another JitScope version").arg(host);
        break;
    default:
        title = tr("The connection to %1 was lost").arg(host);
    }
    const bool reopen = !lost.isEmpty();
    page->setCrashTexts(title,
                        reopen ? tr("The window keeps what it knows; Reconnect starts the worker on %1 again "
                                    "and reopens the model where you were.")
                                     .arg(host)
                               : tr("Fix the worker command in Settings › Workers, or try again."),
                        reopen ? tr("Reconnect and Reopen %1").arg(QFileInfo(lost).fileName())
                               : tr("Try Again"));
    if (QLabel* label = workerLabel())
        label->setText(tr("Not connected to %1").arg(host));
    m_restore = reopen && m_last.path == lost ? m_last : Snapshot{};
}

void RemoteWorkers::restoreView(const QString& path)
{
    if (m_restore.path.isEmpty() || m_restore.path != path)
        return;
    const Snapshot state = m_restore;
    m_restore = {};
    GraphWidget* graph = m_window->graphWidget();
    graph->setRawMode(state.raw);
    // Inlined mode outlives the crash in the graph view, but the new model's inlined graph is asked for
    // only when the mode is switched on: done once the root graph is there.
    m_restoreInlined = state.inlined;
    if (state.inlined)
        graph->setInlinedMode(false);
    m_keeper->restore(state.view); // tree, module, method now; expansion, zoom and centre with the graph
}

void RemoteWorkers::restoreInlined()
{
    if (!m_restoreInlined)
        return;
    m_restoreInlined = false;
    m_window->graphWidget()->setInlinedMode(true);
}

} // namespace jitscope::ui
