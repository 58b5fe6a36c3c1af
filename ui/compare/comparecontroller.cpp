#include "comparecontroller.h"

#include "graph/graphstore.h"
#include "graphfetch.h"
#include "protocol/compare.h"
#include "protocol/model.h"
#include "workerclient.h"
#include "workersession.h"

namespace jitscope::ui {

CompareController::CompareController(QObject* parent)
    : QObject(parent), m_worker(new WorkerClient(this)),
      m_session(new WorkerSession(m_worker, this)), m_graphs{new GraphStore(this), new GraphStore(this)}
{
    for (int side = 0; side < 2; ++side)
        m_graphs[side]->setFetcher(
            [this, side](const GraphRef& ref, quint64 generation) { fetchGraph(side, ref, generation); });
    connect(m_worker, &WorkerClient::crashed, this, [this](const QString& description) {
        m_compareId = 0;
        Q_EMIT failed(tr("The worker stopped: %1").arg(description));
    });
}

CompareController::~CompareController()
{
    m_worker->stop();
}

void CompareController::start(const CompareRequest& request)
{
    m_request = request;
    m_handles[0] = m_handles[1] = 0;
    m_bIsStateDict = false;
    m_compareId = 0;
    for (GraphStore* store : m_graphs)
        store->reset(); // the previous comparison's models
    if (m_worker->program().isEmpty())
        m_worker->setProgram(WorkerClient::findWorkerProgram());
    m_worker->start(); // a fresh worker: the previous comparison's models and answers go with it
    m_worker->nextGeneration();
    Q_EMIT progress(tr("opening"), 0.0);
    openSide(0);
}

void CompareController::stop()
{
    if (m_compareId != 0)
        m_session->cancel(m_compareId);
}

void CompareController::openSide(int side)
{
    const QString path = side == 0 ? m_request.a : m_request.b;
    auto opened = [this, side](const protocol::OpenResult& result) {
        m_handles[side] = result.handle;
        Q_EMIT this->opened(side, result.info);
        if (side == 0)
            openSide(1);
        else
            runCompare();
    };
    auto failedToOpen = [this, side](const Error& error) {
        if (side == 1 && error.code == ErrorCode::Checkpoint) { // maybe a state_dict: compare() decides
            m_bIsStateDict = true;
            runCompare();
            return;
        }
        Q_EMIT failed(QStringLiteral("%1: %2").arg(side == 0 ? QStringLiteral("A") : QStringLiteral("B"),
                                                   QString::fromStdString(error.message)));
    };
    m_session->request(protocol::OpenRequest{path.toStdString(), {}}, std::move(opened),
                       std::move(failedToOpen));
}

void CompareController::runCompare()
{
    protocol::CompareRequest request;
    request.a_handle = m_handles[0];
    request.method_name = m_request.method.toStdString();
    request.inputs = Json::array();
    for (const QString& spec : m_request.inputs)
        request.inputs.push_back(spec.toStdString()); // a spec string, as the protocol's inputs
    request.inputs_file = m_request.inputsFile.toStdString();
    request.probes = m_request.probes ? "auto" : "none";
    request.rtol = m_request.rtol;
    request.atol = m_request.atol;
    request.iters = m_request.iters;
    if (m_bIsStateDict)
        request.b_path = m_request.b.toStdString();
    else
        request.b_handle = m_handles[1];
    auto done = [this](const CompareReport& report) {
        m_compareId = 0;
        Q_EMIT finished(report);
    };
    auto fail = [this](const Error& error) {
        m_compareId = 0;
        Q_EMIT failed(error.code == ErrorCode::Cancelled ? tr("Stopped.")
                                                         : QString::fromStdString(error.message));
    };
    auto progressed = [this](const QString& stage, double fraction) { Q_EMIT progress(stage, fraction); };
    m_compareId = m_session->request(request, std::move(done), std::move(fail), std::move(progressed));
}

// One `graph` request per GraphRef (the request names a method or a free function); the answer goes to the
// store that asked, unless it has been reset for another comparison since.
void CompareController::fetchGraph(int side, const GraphRef& ref, quint64 generation)
{
    GraphStore* store = m_graphs[side];
    if (m_handles[side] == 0) {
        store->fail(generation, ref,
                    Error{ErrorCode::UnknownHandle, "No model is open on this side.", {}, {}});
        return;
    }
    fetchGraphInto(*m_session, m_handles[side], ref, store, generation);
}

} // namespace jitscope::ui
