// MainWindow and the Run & Benchmark panel of ui/run, when that library is built.
#include "mainwindow.h"

#include "codeview.h"
#include "format.h"
#include "graph/graphwidget.h"
#include "inputuploader.h"
#include "model/runresult.h"
#include "modelcontroller.h"

#include <QCryptographicHash>
#include <QDockWidget>

#ifdef JITSCOPE_HAVE_RUN_PANEL
#include "runpanel.h"
#endif

namespace jitscope::ui {

// What the run panel remembers inputs by. Hashing the file itself would read hundreds of megabytes on
// the UI thread; what the worker already told about it tells files apart well enough.
QString MainWindow::contentHash(const ModelInfo& info)
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

void MainWindow::createRunPanel()
{
#ifdef JITSCOPE_HAVE_RUN_PANEL
    auto* panel = new RunPanel;
    panel->setObjectName(QStringLiteral("runPanel"));
    WorkerClient* worker = m_controller->worker();
    // On a remote worker, input files from this machine are sent to it before the request (ui/remote).
    auto* inputs = new InputUploader(worker, this);
    RunTransport transport;
    transport.request = [inputs](const QString& method, const Json& params, RunTransport::ResultFn onResult,
                                 RunTransport::ErrorFn onError) {
        return inputs->request(method, params, {std::move(onResult), std::move(onError), {}});
    };
    transport.cancel = [inputs](int id) { inputs->cancel(id); };
    panel->setTransport(std::move(transport));
    addBottomPanel(panel, tr("Run"), QStringLiteral("runDock"));

    connect(worker, &WorkerClient::notificationReceived, panel, &RunPanel::handleNotification);
    connect(m_controller, &ModelController::loadingStarted, panel, &RunPanel::clearModel);
    connect(m_controller, &ModelController::opened, panel, [this, panel](const ModelInfo& info) {
        QStringList methods;
        for (const MethodInfo& method : info.summary.methods)
            methods << qs(method.name);
        panel->setModel(m_controller->handle(), m_controller->path(), contentHash(info), methods);
    });
    connect(m_controller, &ModelController::workerCrashed, panel,
            [panel](const QString& description, const QString&, const QString&) {
                panel->workerLost(description);
            });
    // A failed run keeps the Run tab in front (its message is what the user needs): the code view moves to the
    // failing line quietly, and the panel's link raises it.
    connect(panel, &RunPanel::errorLocation, this,
            [this](const QString& file, int line) { m_code->showLocation(file, line, {}); });
    connect(panel, &RunPanel::codeLineRequested, this,
            [this](const QString& file, int line) { showCodeLocation(file, line, {}); });
    // A profile colours the graph by self time until the next one or another model.
    connect(panel, &RunPanel::profileReady, m_graph, [this](const Json& profile) {
        try {
            m_graph->setHeat(profile.get<OpProfile>().ops);
        } catch (const std::exception&) {
            m_graph->clearHeat(); // not an OpProfile: show none rather than a stale one
        }
    });
    connect(m_controller, &ModelController::loadingStarted, m_graph, &GraphWidget::clearHeat);
    m_runPanel = panel;
#endif
}

} // namespace jitscope::ui
