// MainWindow and the Run & Benchmark panel of ui/run, when that library is built.
#include "mainwindow.h"

#include "codeview.h"
#include "format.h"
#include "graph/graphwidget.h"
#include "inputuploader.h"
#include "model/runresult.h"
#include "modelcontroller.h"
#include "settingsdialog.h"

#include <QCryptographicHash>
#include <QDockWidget>
#include <QSet>

#ifdef JITSCOPE_HAVE_RUN_PANEL
#include "runpanel.h"
#include "workersession.h"
#endif

namespace jitscope::ui {

#ifdef JITSCOPE_HAVE_RUN_PANEL
namespace {
// The Run panel's requests over the window's WorkerSession; a child of the panel, so it lives as long.
// Run and bench go through the InputUploader: on a remote worker, input files of this machine are sent to
// it first (ui/remote); otherwise, and for the other requests, straight to the session.
class SessionRunClient : public QObject, public RunClient
{
public:
    SessionRunClient(WorkerSession* session, InputUploader* inputs, QObject* parent)
        : QObject(parent), m_session(session), m_inputs(inputs)
    {
    }
    int devices(DoneFn<protocol::DevicesRequest> done, ErrorFn fail) override
    {
        return m_session->request(protocol::DevicesRequest{}, std::move(done), std::move(fail));
    }
    int arguments(const protocol::ArgumentsRequest& request, DoneFn<protocol::ArgumentsRequest> done,
                  ErrorFn fail) override
    {
        return m_session->request(request, std::move(done), std::move(fail));
    }
    int run(const protocol::RunRequest& request, DoneFn<protocol::RunRequest> done, ErrorFn fail) override
    {
        return send(request, std::move(done), std::move(fail));
    }
    int saveOutputs(const protocol::SaveOutputsRequest& request, DoneFn<protocol::SaveOutputsRequest> done,
                    ErrorFn fail) override
    {
        return m_session->request(request, std::move(done), std::move(fail));
    }
    int bench(const protocol::BenchRequest& request, DoneFn<protocol::BenchRequest> done,
              ErrorFn fail) override
    {
        return send(request, std::move(done), std::move(fail));
    }
    void cancel(int id) override
    {
        if (m_uploading.remove(id))
            m_inputs->cancel(id);
        else
            m_session->cancel(id);
    }

private:
    template<class R> int send(const R& request, DoneFn<R> done, ErrorFn fail)
    {
        const Json params = request;
        if (!m_session->client()->isRemote() || InputUploader::localFiles(params).isEmpty())
            return m_session->request(request, std::move(done), std::move(fail));
        WorkerClient::Callbacks callbacks;
        callbacks.onResult = [done, fail](Json result) {
            auto decoded = protocol::decodeResult<typename R::Result>(result);
            if (!decoded) {
                if (fail)
                    fail(decoded.error());
                return;
            }
            if (done)
                done(std::move(decoded).value());
        };
        callbacks.onError = [fail](const Error& error) {
            if (fail)
                fail(error);
        };
        const int id = m_inputs->request(QString::fromLatin1(protocol::methodOf<R>()), params, std::move(callbacks));
        m_uploading.insert(id);
        return id;
    }

    WorkerSession* m_session;
    InputUploader* m_inputs;
    QSet<int> m_uploading;
};
} // namespace
#endif

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
    panel->setTimeLimit(SettingsDialog::storedRunTimeLimit());
    WorkerSession* session = m_controller->session();
    // On a remote worker, input files from this machine are sent to it before the request (ui/remote).
    auto* inputs = new InputUploader(m_controller->worker(), this);
    panel->setClient(new SessionRunClient(session, inputs, panel));
    addBottomPanel(panel, tr("Run"), QStringLiteral("runDock"));

    session->onNotification<protocol::BenchSample>(
        panel, [panel](const protocol::BenchSample& sample) { panel->handleBenchSample(sample); });
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
    connect(panel, &RunPanel::profileReady, m_graph,
            [this](const OpProfile& profile) { m_graph->setHeat(profile.ops); });
    connect(m_controller, &ModelController::loadingStarted, m_graph, &GraphWidget::clearHeat);
    m_runPanel = panel;
#endif
}

} // namespace jitscope::ui
