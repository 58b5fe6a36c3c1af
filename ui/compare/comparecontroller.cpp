#include "comparecontroller.h"

#include "workerclient.h"

namespace jitscope::ui {

CompareController::CompareController(QObject* parent) : QObject(parent), m_worker(new WorkerClient(this))
{
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
        m_worker->cancel(m_compareId);
}

void CompareController::openSide(int side)
{
    const QString path = side == 0 ? m_request.a : m_request.b;
    WorkerClient::Callbacks callbacks;
    callbacks.onResult = [this, side](Json result) {
        m_handles[side] = result.value("handle", 0);
        Q_EMIT opened(side, result["info"].get<ModelInfo>());
        if (side == 0)
            openSide(1);
        else
            runCompare();
    };
    callbacks.onError = [this, side](const Error& error) {
        if (side == 1 && error.code == ErrorCode::Checkpoint) { // maybe a state_dict: compare() decides
            m_bIsStateDict = true;
            runCompare();
            return;
        }
        Q_EMIT failed(QStringLiteral("%1: %2").arg(side == 0 ? QStringLiteral("A") : QStringLiteral("B"),
                                                    QString::fromStdString(error.message)));
    };
    m_worker->request(QStringLiteral("open"), Json{{"path", path.toStdString()}}, callbacks);
}

void CompareController::runCompare()
{
    Json params{{"a_handle", m_handles[0]},
                {"method_name", m_request.method.toStdString()},
                {"inputs", m_request.inputs},
                {"inputs_file", m_request.inputsFile.toStdString()},
                {"probes", m_request.probes ? "auto" : "none"},
                {"rtol", m_request.rtol},
                {"atol", m_request.atol},
                {"iters", m_request.iters}};
    if (m_bIsStateDict)
        params["b_path"] = m_request.b.toStdString();
    else
        params["b_handle"] = m_handles[1];
    WorkerClient::Callbacks callbacks;
    callbacks.onProgress = [this](const QString& stage, double fraction) { Q_EMIT progress(stage, fraction); };
    callbacks.onResult = [this](Json result) {
        m_compareId = 0;
        CompareReport report;
        try {
            report = result.get<CompareReport>();
        } catch (const std::exception& e) {
            Q_EMIT failed(tr("Cannot read the comparison: %1").arg(QString::fromUtf8(e.what())));
            return;
        }
        Q_EMIT finished(report);
        if (report.outputs) // models on both sides: draw them
            for (int side = 0; side < 2; ++side)
                requestGraph(side, {}, m_request.method, false); // the view asks for the inlined one
    };
    callbacks.onError = [this](const Error& error) {
        m_compareId = 0;
        Q_EMIT failed(error.code == ErrorCode::Cancelled ? tr("Stopped.") : QString::fromStdString(error.message));
    };
    m_compareId = m_worker->request(QStringLiteral("compare"), params, callbacks);
}

void CompareController::requestGraph(int side, const QString& modulePath, const QString& method, bool inlined)
{
    if (m_handles[side] == 0)
        return;
    WorkerClient::Callbacks callbacks;
    callbacks.onResult = [this, side](Json result) { Q_EMIT graphArrived(side, result.get<Graph>()); };
    callbacks.onError = [this, side, modulePath, method](const Error&) { Q_EMIT graphFailed(side, modulePath, method); };
    m_worker->request(QStringLiteral("graph"),
                      Json{{"handle", m_handles[side]},
                           {"module_path", modulePath.toStdString()},
                           {"method", method.toStdString()},
                           {"inlined", inlined}},
                      callbacks);
}

} // namespace jitscope::ui
