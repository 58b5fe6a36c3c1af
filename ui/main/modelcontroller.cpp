#include "modelcontroller.h"

#include "format.h"
#include "graph/graphstore.h"
#include "graphfetch.h"
#include "protocol/model.h"

namespace jitscope::ui {

namespace {
std::vector<std::string> librariesOf(const QStringList& libraries)
{
    std::vector<std::string> result;
    for (const QString& library : libraries)
        result.push_back(library.toStdString());
    return result;
}
} // namespace

using namespace protocol;

ModelController::ModelController(QObject* parent)
    : QObject(parent), m_worker(new WorkerClient(this)), m_session(new WorkerSession(m_worker, this)),
      m_graphs(new GraphStore(this))
{
    // One `graph` request per GraphRef for the open model; the store drops answers for a model since replaced.
    m_graphs->setFetcher([this](const GraphRef& ref, quint64 generation) {
        if (!isOpen()) {
            m_graphs->fail(generation, ref, Error{ErrorCode::UnknownHandle, "No model is open.", {}, {}});
            return;
        }
        // The view waits for the graph it asked for: it hears of a failure to fetch or decode it.
        fetchGraphInto(*m_session, m_handle, ref, m_graphs, generation,
                       failure(tr("Graph of %1").arg(qs(ref.label()))));
    });
    connect(m_session, &WorkerSession::ready, this, [this] {
        m_startsWithoutHello = 0;
        Q_EMIT workerReady(workerDescription(*m_worker));
    });
    // A worker of another protocol version would misread requests: stop it and say why, without the
    // restart a crash gets (it would only say the same again).
    connect(m_session, &WorkerSession::incompatible, this, [this](const QString& reason) {
        const QString lost = (isOpen() || isLoading()) ? m_path : QString();
        const QString log = m_worker->stderrTail();
        m_worker->stop();
        m_handle = -1;
        m_graphs->reset();
        m_openRequest = -1;
        m_info = {};
        Q_EMIT workerCrashed(reason, log, lost);
    });
    connect(m_worker, &WorkerClient::crashed, this, &ModelController::onWorkerCrashed);
}

QString ModelController::workerDescription(const WorkerClient& worker)
{
    // Where models run: the host (for a remote worker), versions, and the GPUs the worker can use.
    const Json& hello = worker.hello().json;
    auto text = [&hello](const char* key) {
        const auto it = hello.find(key);
        return it != hello.end() && it->is_string() ? qs(it->get<std::string>()) : QStringLiteral("?");
    };
    const auto cudaIt = hello.find("cuda_devices");
    const int cuda = cudaIt != hello.end() && cudaIt->is_number_integer() ? cudaIt->get<int>() : 0;
    const QString gpus = cuda == 0 ? tr("no CUDA") : tr("%n CUDA device(s)", nullptr, cuda);
    const QString versions =
        tr("jitscope-cli %1 · LibTorch %2 · %3").arg(text("jitscope"), text("libtorch"), gpus);
    if (worker.isRemote())
        return tr("Worker on %1 · %2").arg(worker.hostName(), versions);
    return tr("%1 · pid %2").arg(versions).arg(worker.processId());
}

ModelController::~ModelController() = default;

void ModelController::startWorker()
{
    ++m_startsWithoutHello;
    m_worker->start();
}

WorkerSession::ErrorFn ModelController::failure(const QString& what)
{
    return [this, what](const Error& error) { Q_EMIT requestFailed(what, error); };
}

void ModelController::open(const QString& path)
{
    closeModel();
    m_worker->nextGeneration();
    if (!m_worker->isRunning())
        startWorker();
    m_path = path;
    OpenRequest request;
    request.path = path.toStdString();
    request.libraries = librariesOf(m_libraries);
    Q_EMIT loadingStarted(path);
    // The ModelInfo is decoded off the UI thread after the request itself has ended: loading lasts until
    // it is shown: m_openRequest stays set until then.
    m_openRequest = m_session->request(
        request,
        [this](OpenResult result) {
            if (m_openRequest < 0) { // closed while the answer was being decoded
                m_session->request(CloseRequest{result.handle}, {});
                return;
            }
            m_openRequest = -1;
            m_handle = result.handle;
            m_graphs->reset();
            m_info = std::move(result.info);
            Q_EMIT opened(m_info);
        },
        [this, path](const Error& error) {
            m_openRequest = -1;
            Q_EMIT openFailed(path, error);
        },
        [this](const QString& stage, double fraction) { Q_EMIT loadingProgress(stage, fraction); });
}

void ModelController::reload()
{
    if (!m_path.isEmpty())
        open(m_path);
}

void ModelController::cancelLoading()
{
    if (m_openRequest >= 0)
        m_session->cancel(m_openRequest);
}

void ModelController::closeModel()
{
    dropReopen();
    dropPrevious();
    if (m_handle >= 0 && m_worker->isRunning())
        m_session->request(CloseRequest{m_handle}, {});
    if (m_openRequest >= 0)
        m_session->cancel(m_openRequest);
    m_handle = -1;
    m_graphs->reset();
    m_openRequest = -1;
    m_info = {};
}

void ModelController::loadLibrary(const QString& path)
{
    if (!m_worker->isRunning())
        startWorker();
    m_session->request(
        LoadLibraryRequest{path.toStdString()},
        [this](const LoadLibraryResult& result) { Q_EMIT libraryLoaded(qs(result.path)); },
        failure(tr("Loading library %1").arg(path)));
}

void ModelController::requestCode()
{
    if (!isOpen())
        return;
    m_session->request(
        CodeRequest{m_handle, {}}, [this](const CodeResult& result) { Q_EMIT codeReady(result.entries); },
        failure(tr("Code")));
}

void ModelController::requestStats(const QStringList& names)
{
    if (!isOpen())
        return;
    ParamStatsRequest request{m_handle, {}};
    for (const QString& name : names)
        request.names.push_back(name.toStdString());
    m_session->request(
        request, [this](const ParamStatsResult& result) { Q_EMIT statsReady(result.stats); },
        failure(tr("Value statistics")));
}

void ModelController::requestExtraFile(const QString& name)
{
    if (!isOpen())
        return;
    m_session->request(
        ExtraFileRequest{m_handle, name.toStdString()},
        [this](const ExtraFileResult& result) { Q_EMIT extraFileReady(qs(result.name), qs(result.text)); },
        failure(tr("Extra file %1").arg(name)));
}

void ModelController::onWorkerCrashed(const QString& description)
{
    const QString lost = (isOpen() || isLoading()) ? m_path : QString();
    const QString log = m_worker->stderrTail(); // start() forgets it
    m_handle = -1;
    m_graphs->reset();
    m_openRequest = -1;
    m_info = {};
    ++m_reopenSerial; // the dead worker's handles are gone with it
    m_reopenRequest = m_pendingHandle = m_previousHandle = -1;
    m_decodingReopen = false;
    m_pendingInfo = m_previousInfo = {};
    // Replace the worker at once unless it cannot even say hello (missing binary, broken install):
    // restarting that in a loop would only hide the message.
    // A remote worker is not restarted on its own: that could ask for a password again, or loop on a
    // link that is down; the window offers Reconnect instead. Nor is one that was refused as too old.
    const bool retry =
        !m_worker->isRemote() && m_worker->lastFailure() != WorkerClient::Failure::Incompatible;
    if (retry && m_startsWithoutHello < 2)
        startWorker();
    Q_EMIT workerCrashed(description, log, lost);
}

void ModelController::reopen()
{
    if (!isOpen() || isLoading())
        return;
    dropReopen();
    const int serial = m_reopenSerial;
    OpenRequest request;
    request.path = m_path.toStdString();
    request.libraries = librariesOf(m_libraries);
    // The ModelInfo is decoded off the UI thread (WorkerSession); the request lasts until it is.
    m_reopenRequest = m_session->request(
        request,
        [this, serial](OpenResult result) {
            if (serial != m_reopenSerial) {
                closeHandle(result.handle);
                return;
            }
            m_reopenRequest = -1;
            m_decodingReopen = false;
            m_pendingHandle = result.handle;
            m_pendingInfo = std::move(result.info);
            Q_EMIT reopenReady();
        },
        [this, serial](const Error& error) {
            if (serial != m_reopenSerial)
                return;
            m_reopenRequest = -1;
            Q_EMIT reopenFailed(error);
        });
}

void ModelController::commitReopen()
{
    if (m_pendingHandle < 0)
        return;
    dropPrevious();
    m_previousHandle = m_handle;
    m_previousInfo = std::move(m_info);
    const int handle = m_pendingHandle;
    m_pendingHandle = -1;
    swapIn(handle, std::move(m_pendingInfo));
    m_pendingInfo = {};
}

void ModelController::restorePrevious()
{
    if (m_previousHandle < 0)
        return;
    dropReopen();
    closeHandle(m_handle);
    const int handle = m_previousHandle;
    m_previousHandle = -1;
    swapIn(handle, std::move(m_previousInfo));
    m_previousInfo = {};
}

void ModelController::dropPrevious()
{
    closeHandle(m_previousHandle);
    m_previousHandle = -1;
    m_previousInfo = {};
}

void ModelController::dropReopen()
{
    ++m_reopenSerial;
    if (m_reopenRequest >= 0)
        m_session->cancel(m_reopenRequest);
    m_reopenRequest = -1;
    m_decodingReopen = false;
    closeHandle(m_pendingHandle);
    m_pendingHandle = -1;
    m_pendingInfo = {};
}

void ModelController::swapIn(int handle, ModelInfo info)
{
    // Answers still on their way for the model being replaced must not reach the views of the new one.
    m_worker->nextGeneration();
    m_handle = handle;
    m_graphs->reset();
    m_info = std::move(info);
    Q_EMIT replacing(m_path);
    Q_EMIT opened(m_info);
}

void ModelController::closeHandle(int handle)
{
    if (handle >= 0 && m_worker->isRunning())
        m_session->request(CloseRequest{handle}, {});
}

} // namespace jitscope::ui
