// MainWindow and the Run & Benchmark panel of ui/run, when that library is built.
#include "mainwindow.h"

#include "codeview.h"
#include "detailspanel.h"
#include "format.h"
#include "graph/graphwidget.h"
#include "inputuploader.h"
#include "types/runresult.h"
#include "modelcontroller.h"
#include "remoteworkers.h"
#include "settingsdialog.h"

#include <QAction>
#include <QCryptographicHash>
#include <QDockWidget>
#include <QFileDialog>
#include <QSet>
#include <QStatusBar>

#ifdef JITSCOPE_HAVE_RUN_PANEL
#include "protocol/values.h"
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
    // Brings a file the remote worker wrote here: RemoteWorkers::download.
    using Fetch = std::function<void(const QString& remotePath, const QString& localPath, std::function<void()>,
                                     std::function<void(const QString&)>)>;

    SessionRunClient(WorkerSession* session, InputUploader* inputs, Fetch fetch, QObject* parent)
        : QObject(parent), m_session(session), m_inputs(inputs), m_fetch(std::move(fetch))
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
        if (!m_session->client()->isRemote())
            return m_session->request(request, std::move(done), std::move(fail));
        // The path was chosen on this machine: the worker writes into its session folder (no path), and the
        // file is fetched from there and checked.
        const QString local = qs(request.path);
        return m_session->request(
            protocol::SaveOutputsRequest{request.handle, {}},
            [this, local, done, fail](const protocol::SaveOutputsResult& saved) {
                m_fetch(
                    qs(saved.path), local,
                    [local, done] {
                        if (done)
                            done({local.toStdString()});
                    },
                    [fail](const QString& message) {
                        if (fail)
                            fail({ErrorCode::Internal, message.toStdString(), {}, {}});
                    });
            },
            fail);
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
        const auto params = protocol::Payload::of(request);
        if (!m_session->client()->isRemote() || InputUploader::localFiles(params).isEmpty())
            return m_session->request(request, std::move(done), std::move(fail));
        WorkerClient::Callbacks callbacks;
        callbacks.onResult = [done, fail](protocol::Payload result) {
            auto decoded = protocol::decodeResult<typename R::Result>(result.json);
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
    Fetch m_fetch;
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
    auto fetch = [this](const QString& remote, const QString& local, std::function<void()> done,
                        std::function<void(const QString&)> failed) {
        m_remote->download(remote, local, std::move(done), std::move(failed));
    };
    panel->setClient(new SessionRunClient(session, inputs, fetch, panel));
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
    // Recorded values live on the graph until the inputs, the method or the model change.
    connect(panel, &RunPanel::valuesRecorded, this, [this](std::shared_ptr<const ValueTable> values) {
        m_firstNonFiniteAction->setEnabled(values->first_nonfinite.has_value());
        m_graph->setValues(std::move(values));
    });
    connect(panel, &RunPanel::valuesDropped, this, [this] {
        m_firstNonFiniteAction->setEnabled(false);
        m_graph->clearValues();
    });
    connect(m_controller, &ModelController::loadingStarted, this, [this] {
        m_firstNonFiniteAction->setEnabled(false);
        m_graph->clearValues();
    });
    connect(panel, &RunPanel::firstNonFiniteRequested, this, &MainWindow::goToFirstNonFinite);
    connect(m_graph, &GraphWidget::saveValueRequested, this, &MainWindow::saveValue);
    connect(m_details, &DetailsPanel::saveValueRequested, this, &MainWindow::saveValue);
    m_runPanel = panel;
#endif
}

void MainWindow::goToFirstNonFinite()
{
    const ValueTable* table = m_graph->valueOverlayTable();
    if (!table || !table->first_nonfinite || !m_graph->goToFirstNonFinite())
        return;
    const SourceLocation& source = table->first_nonfinite->source;
    if (source.valid())
        showCodeLocation(qs(source.file), source.line, qs(source.text));
}

// The worker runs the last inputs again and saves that one value (.pt for torch.load, .npy for numpy).
void MainWindow::saveValue(qint64 value, const QString& element)
{
#ifdef JITSCOPE_HAVE_RUN_PANEL
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Value"), QStringLiteral("value_%1.pt").arg(value),
                                                      tr("PyTorch (*.pt);;NumPy (*.npy)"), &selected);
    if (path.isEmpty())
        return;
    protocol::SaveValueRequest request;
    request.handle = m_controller->handle();
    request.value = value;
    request.element = element.toStdString();
    request.path = path.toStdString();
    m_controller->session()->request(
        request,
        [this](const protocol::SaveValueResult& result) {
            statusBar()->showMessage(tr("Saved the value to %1").arg(qs(result.path)), 5000);
        },
        [this](const Error& error) {
            statusBar()->showMessage(tr("Could not save the value: %1").arg(qs(error.message)), 8000);
        });
#else
    Q_UNUSED(value);
    Q_UNUSED(element);
#endif
}

} // namespace jitscope::ui
