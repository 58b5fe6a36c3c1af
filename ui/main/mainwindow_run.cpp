// MainWindow and the Run & Benchmark panel of ui/run, when that library is built.
#include "mainwindow.h"

#include "format.h"
#include "graph/graphwidget.h"
#include "model/runresult.h"
#include "modelcontroller.h"

#include <QCryptographicHash>
#include <QDockWidget>

#ifdef JITSCOPE_HAVE_RUN_PANEL
#include "runpanel.h"
#include "workersession.h"
#endif

namespace jitscope::ui {

#ifdef JITSCOPE_HAVE_RUN_PANEL
namespace {
// The Run panel's requests over the window's WorkerSession; a child of the panel, so it lives as long.
class SessionRunClient : public QObject, public RunClient
{
public:
    SessionRunClient(WorkerSession* session, QObject* parent) : QObject(parent), m_session(session) {}
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
        return m_session->request(request, std::move(done), std::move(fail));
    }
    int saveOutputs(const protocol::SaveOutputsRequest& request, DoneFn<protocol::SaveOutputsRequest> done,
                    ErrorFn fail) override
    {
        return m_session->request(request, std::move(done), std::move(fail));
    }
    int bench(const protocol::BenchRequest& request, DoneFn<protocol::BenchRequest> done,
              ErrorFn fail) override
    {
        return m_session->request(request, std::move(done), std::move(fail));
    }
    void cancel(int id) override { m_session->cancel(id); }

private:
    WorkerSession* m_session;
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
    WorkerSession* session = m_controller->session();
    panel->setClient(new SessionRunClient(session, panel));
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
    connect(panel, &RunPanel::errorLocation, this,
            [this](const QString& file, int line) { showCodeLocation(file, line, {}); });
    // A profile colours the graph by self time until the next one or another model.
    connect(panel, &RunPanel::profileReady, m_graph,
            [this](const OpProfile& profile) { m_graph->setHeat(profile.ops); });
    connect(m_controller, &ModelController::loadingStarted, m_graph, &GraphWidget::clearHeat);
    m_runPanel = panel;
#endif
}

} // namespace jitscope::ui
