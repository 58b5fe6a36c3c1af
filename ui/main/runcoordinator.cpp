#include "runcoordinator.h"

#include "codeview.h"
#include "detailspanel.h"
#include "docklayout.h"
#include "graph/graphwidget.h"
#include "mainwindow.h"
#include "modelcontroller.h"
#include "qtstring.h"
#include "selectionsync.h"
#include "types/runresult.h"

#include <QAction>
#include <QCryptographicHash>
#include <QFileDialog>
#include <QStatusBar>

#ifdef JITSCOPE_HAVE_RUN_PANEL
#include "inputuploader.h"
#include "protocol/values.h"
#include "remoteworkers.h"
#include "runpanel.h"
#include "sessionrunclient.h"
#include "settingsdialog.h"
#include "workersession.h"
#endif

namespace jitscope::ui {

RunCoordinator::RunCoordinator(MainWindow* window, DockLayout* docks, SelectionSync* selection,
                               QAction* firstNonFinite)
    : QObject(window), m_window(window), m_selection(selection), m_firstNonFinite(firstNonFinite)
{
    connect(m_firstNonFinite, &QAction::triggered, this, &RunCoordinator::goToFirstNonFinite);
    createPanel(docks);
}

// Hashing the file itself would read hundreds of megabytes on the UI thread; what the worker already told
// about it tells files apart well enough.
QString RunCoordinator::contentHash(const ModelInfo& info)
{
    const ModelSummary& s = info.summary;
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(QByteArray::number(qlonglong(s.bytes)));
    hash.addData(QByteArray::fromStdString(s.root_type));
    hash.addData(QByteArray::number(qlonglong(s.param_count)));
    hash.addData(QByteArray::number(qlonglong(s.buffer_count)));
    for (const MethodInfo& method : s.methods)
        hash.addData(QByteArray::fromStdString(method.schema));
    return QString::fromLatin1(hash.result().toHex().left(16));
}

void RunCoordinator::createPanel(DockLayout* docks)
{
#ifdef JITSCOPE_HAVE_RUN_PANEL
    ModelController* controller = m_window->controller();
    GraphWidget* graph = m_window->graphWidget();
    auto* panel = new RunPanel;
    panel->setObjectName(QStringLiteral("runPanel"));
    panel->setTimeLimit(SettingsDialog::storedRunTimeLimit());
    WorkerSession* session = controller->session();
    // On a remote worker, input files from this machine are sent to it before the request (ui/remote).
    auto* inputs = new InputUploader(controller->worker(), m_window);
    // RemoteWorkers is made after this (it adjusts what the window shows): looked up when a file is fetched.
    auto fetch = [this](const QString& remote, const QString& local, std::function<void()> done,
                        std::function<void(const QString&)> failed) {
        m_window->remoteWorkers()->download(remote, local, std::move(done), std::move(failed));
    };
    panel->setClient(new SessionRunClient(session, inputs, fetch, panel));
    docks->addBottomPanel(panel, tr("Run"), QStringLiteral("runDock"));

    session->onNotification<protocol::BenchSample>(
        panel, [panel](const protocol::BenchSample& sample) { panel->handleBenchSample(sample); });
    connect(controller, &ModelController::loadingStarted, panel, &RunPanel::clearModel);
    connect(controller, &ModelController::opened, panel, [controller, panel](const ModelInfo& info) {
        QStringList methods;
        for (const MethodInfo& method : info.summary.methods)
            methods << qs(method.name);
        panel->setModel(controller->handle(), controller->path(), contentHash(info), methods);
    });
    connect(controller, &ModelController::workerCrashed, panel,
            [panel](const QString& description, const QString&, const QString&) {
                panel->workerLost(description);
            });
    // A failed run keeps the Run tab in front (its message is what the user needs): the code view moves to
    // the failing line quietly, and the panel's link raises it.
    connect(panel, &RunPanel::errorLocation, this,
            [this](const QString& file, int line) { m_window->codeView()->showLocation(file, line, {}); });
    connect(panel, &RunPanel::codeLineRequested, this,
            [this](const QString& file, int line) { m_selection->showCodeLocation(file, line, {}); });
    // A profile colours the graph by self time until the next one or another model.
    connect(panel, &RunPanel::profileReady, graph,
            [graph](const OpProfile& profile) { graph->setHeat(profile.ops); });
    connect(controller, &ModelController::loadingStarted, graph, &GraphWidget::clearHeat);
    // Recorded values live on the graph until the inputs, the method or the model change.
    connect(panel, &RunPanel::valuesRecorded, this, [this, graph](std::shared_ptr<const ValueTable> values) {
        m_firstNonFinite->setEnabled(values->first_nonfinite.has_value());
        graph->setValues(std::move(values));
    });
    connect(panel, &RunPanel::valuesDropped, this, [this, graph] {
        m_firstNonFinite->setEnabled(false);
        graph->clearValues();
    });
    connect(controller, &ModelController::loadingStarted, this, [this, graph] {
        m_firstNonFinite->setEnabled(false);
        graph->clearValues();
    });
    connect(panel, &RunPanel::firstNonFiniteRequested, this, &RunCoordinator::goToFirstNonFinite);
    connect(graph, &GraphWidget::saveValueRequested, this, &RunCoordinator::saveValue);
    connect(m_window->detailsPanel(), &DetailsPanel::saveValueRequested, this, &RunCoordinator::saveValue);
    m_panel = panel;
#else
    Q_UNUSED(docks);
#endif
}

void RunCoordinator::goToFirstNonFinite()
{
    GraphWidget* graph = m_window->graphWidget();
    const ValueTable* table = graph->valueOverlayTable();
    if (!table || !table->first_nonfinite || !graph->goToFirstNonFinite())
        return;
    const SourceLocation& source = table->first_nonfinite->source;
    if (source.valid())
        m_selection->showCodeLocation(qs(source.file), source.line, qs(source.text));
}

// The worker runs the last inputs again and saves that one value (.pt for torch.load, .npy for numpy).
void RunCoordinator::saveValue(qint64 value, const QString& element)
{
#ifdef JITSCOPE_HAVE_RUN_PANEL
    QString selected;
    const QString path =
        QFileDialog::getSaveFileName(m_window, tr("Save Value"), QStringLiteral("value_%1.pt").arg(value),
                                     tr("PyTorch (*.pt);;NumPy (*.npy)"), &selected);
    if (path.isEmpty())
        return;
    ModelController* controller = m_window->controller();
    protocol::SaveValueRequest request;
    request.handle = controller->handle();
    request.value = value;
    request.element = element.toStdString();
    request.path = path.toStdString();
    controller->session()->request(
        request,
        [this](const protocol::SaveValueResult& result) {
            m_window->statusBar()->showMessage(tr("Saved the value to %1").arg(qs(result.path)), 5000);
        },
        [this](const Error& error) {
            m_window->statusBar()->showMessage(tr("Could not save the value: %1").arg(qs(error.message)),
                                               8000);
        });
#else
    Q_UNUSED(value);
    Q_UNUSED(element);
#endif
}

} // namespace jitscope::ui
