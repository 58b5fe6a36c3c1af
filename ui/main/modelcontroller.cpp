#include "modelcontroller.h"

#include "format.h"

namespace jitscope::ui {

namespace {
Json librariesJson(const QStringList& libraries)
{
    Json result = Json::array();
    for (const QString& library : libraries)
        result.push_back(library.toStdString());
    return result;
}
} // namespace

ModelController::ModelController(QObject* parent) : QObject(parent), m_worker(new WorkerClient(this))
{
    m_pool.setMaxThreadCount(2);
    connect(m_worker, &WorkerClient::ready, this, [this] {
        m_startsWithoutHello = 0;
        Q_EMIT workerReady(workerDescription(*m_worker));
    });
    connect(m_worker, &WorkerClient::crashed, this, &ModelController::onWorkerCrashed);
}

QString ModelController::workerDescription(const WorkerClient& worker)
{
    // Where models run: the host (for a remote worker), versions, and the GPUs the worker can use.
    const Json& hello = worker.hello();
    auto text = [&hello](const char* key) {
        const auto it = hello.find(key);
        return it != hello.end() && it->is_string() ? qs(it->get<std::string>()) : QStringLiteral("?");
    };
    const auto cudaIt = hello.find("cuda_devices");
    const int cuda = cudaIt != hello.end() && cudaIt->is_number_integer() ? cudaIt->get<int>() : 0;
    const QString gpus = cuda == 0 ? tr("no CUDA") : tr("%n CUDA device(s)", nullptr, cuda);
    const QString versions = tr("jitscope-cli %1 · LibTorch %2 · %3").arg(text("jitscope"), text("libtorch"), gpus);
    if (worker.isRemote())
        return tr("Worker on %1 · %2").arg(worker.hostName(), versions);
    return tr("%1 · pid %2").arg(versions).arg(worker.processId());
}

ModelController::~ModelController()
{
    m_pool.waitForDone();
}

void ModelController::startWorker()
{
    ++m_startsWithoutHello;
    m_worker->start();
}

// Decodes on the pool; `done` runs on the UI thread unless another model was opened meanwhile.
template<class T, class Done>
void ModelController::decodeAsync(Json result, Done done, WorkerClient::ErrorFn fail)
{
    auto input = std::make_shared<Json>(std::move(result));
    const int generation = m_worker->generation();
    if (!fail)
        fail = failure(tr("Decoding the worker's answer"));
    m_pool.start([this, input, generation, done, fail] {
        auto value = std::make_shared<T>();
        QString error;
        try {
            *value = input->get<T>();
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, value, error, generation, done, fail] {
                if (generation != m_worker->generation())
                    return;
                if (!error.isEmpty()) {
                    fail({ErrorCode::Internal,
                          "Cannot decode the worker's answer: " + error.toStdString(),
                          {},
                          {}});
                    return;
                }
                done(*value);
            },
            Qt::QueuedConnection);
    });
}

WorkerClient::ErrorFn ModelController::failure(const QString& what)
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
    const Json libraries = librariesJson(m_libraries);
    Q_EMIT loadingStarted(path);
    WorkerClient::Callbacks callbacks;
    callbacks.onProgress = [this](const QString& stage, double fraction) {
        Q_EMIT loadingProgress(stage, fraction);
    };
    callbacks.onResult = [this, path](Json result) {
        m_openRequest = -1;
        m_handle = result.value("handle", -1); // throws on a malformed answer: onError runs instead
        m_decodingOpen = true;
        decodeAsync<ModelInfo>(
            std::move(result["info"]),
            [this](const ModelInfo& info) {
                m_decodingOpen = false;
                m_info = info;
                Q_EMIT opened(m_info);
            },
            [this, path](const Error& error) {
                closeModel(); // the worker's handle is of no use without its ModelInfo
                Q_EMIT openFailed(path, error);
            });
    };
    callbacks.onError = [this, path](const Error& error) {
        m_openRequest = -1;
        Q_EMIT openFailed(path, error);
    };
    m_openRequest =
        m_worker->request(QStringLiteral("open"),
                          Json{{"path", path.toStdString()}, {"libraries", libraries}}, std::move(callbacks));
}

void ModelController::reload()
{
    if (!m_path.isEmpty())
        open(m_path);
}

void ModelController::cancelLoading()
{
    if (m_openRequest >= 0)
        m_worker->cancel(m_openRequest);
}

void ModelController::closeModel()
{
    dropReopen();
    dropPrevious();
    if (m_handle >= 0 && m_worker->isRunning())
        m_worker->request(QStringLiteral("close"), Json{{"handle", m_handle}});
    if (m_openRequest >= 0)
        m_worker->cancel(m_openRequest);
    m_handle = -1;
    m_openRequest = -1;
    m_decodingOpen = false;
    m_info = {};
}

void ModelController::loadLibrary(const QString& path)
{
    if (!m_worker->isRunning())
        startWorker();
    m_worker->request(QStringLiteral("load_library"), Json{{"path", path.toStdString()}},
                      {[this](Json result) { Q_EMIT libraryLoaded(qs(result.value("path", std::string()))); },
                       failure(tr("Loading library %1").arg(path)),
                       {}});
}

void ModelController::requestGraph(const QString& modulePath, const QString& method, bool inlined)
{
    if (!isOpen())
        return;
    const Json params{{"handle", m_handle},
                      {"module_path", modulePath.toStdString()},
                      {"method", method.toStdString()},
                      {"inlined", inlined}};
    // The view waits for the graph it asked for: it hears of a failure to fetch or to decode it alike.
    WorkerClient::ErrorFn failed = [this, modulePath, method](const Error& error) {
        Q_EMIT graphFailed(modulePath, method, QString(), error);
        failure(tr("Graph of %1.%2").arg(modulePath.isEmpty() ? tr("<root>") : modulePath, method))(error);
    };
    m_worker->request(QStringLiteral("graph"), params,
                      {[this, failed](Json result) {
                           decodeAsync<Graph>(
                               std::move(result), [this](const Graph& graph) { Q_EMIT graphReady(graph); },
                               failed);
                       },
                       failed,
                       {}});
}

void ModelController::requestFunctionGraph(const QString& qualifiedName)
{
    if (!isOpen())
        return;
    WorkerClient::ErrorFn failed = [this, qualifiedName](const Error& error) {
        Q_EMIT graphFailed(QString(), QString(), qualifiedName, error);
        failure(tr("Graph of function %1").arg(qualifiedName))(error);
    };
    m_worker->request(
        QStringLiteral("graph"), Json{{"handle", m_handle}, {"function", qualifiedName.toStdString()}},
        {[this, failed](Json result) {
             decodeAsync<Graph>(
                 std::move(result), [this](const Graph& graph) { Q_EMIT graphReady(graph); }, failed);
         },
         failed,
         {}});
}

void ModelController::requestCode()
{
    if (!isOpen())
        return;
    m_worker->request(QStringLiteral("code"), Json{{"handle", m_handle}},
                      {[this](Json result) {
                           decodeAsync<std::vector<CodeEntry>>(
                               std::move(result["entries"]),
                               [this](const std::vector<CodeEntry>& entries) { Q_EMIT codeReady(entries); });
                       },
                       failure(tr("Code")),
                       {}});
}

void ModelController::requestStats(const QStringList& names)
{
    if (!isOpen())
        return;
    Json params{{"handle", m_handle}};
    if (!names.isEmpty()) {
        params["names"] = Json::array();
        for (const QString& name : names)
            params["names"].push_back(name.toStdString());
    }
    m_worker->request(QStringLiteral("param_stats"), params,
                      {[this](Json result) {
                           Q_EMIT statsReady(
                               result.value("stats", Json::array()).get<std::vector<TensorStats>>());
                       },
                       failure(tr("Value statistics")),
                       {}});
}

void ModelController::requestExtraFile(const QString& name)
{
    if (!isOpen())
        return;
    m_worker->request(QStringLiteral("extra_file"), Json{{"handle", m_handle}, {"name", name.toStdString()}},
                      {[this](Json result) {
                           Q_EMIT extraFileReady(qs(result.value("name", std::string())),
                                                 qs(result.value("text", std::string())));
                       },
                       failure(tr("Extra file %1").arg(name)),
                       {}});
}

void ModelController::onWorkerCrashed(const QString& description)
{
    const QString lost = (isOpen() || isLoading()) ? m_path : QString();
    const QString log = m_worker->stderrTail(); // start() forgets it
    m_handle = -1;
    m_openRequest = -1;
    m_decodingOpen = false;
    m_info = {};
    ++m_reopenSerial; // the dead worker's handles are gone with it
    m_reopenRequest = m_pendingHandle = m_previousHandle = -1;
    m_decodingReopen = false;
    m_pendingInfo = m_previousInfo = {};
    // Replace the worker at once unless it cannot even say hello (missing binary, broken install):
    // restarting that in a loop would only hide the message.
    // A remote worker is not restarted on its own: that could ask for a password again, or loop on a
    // link that is down; the window offers Reconnect instead. Nor is one that was refused as too old.
    const bool retry = !m_worker->isRemote() && m_worker->lastFailure() != WorkerClient::Failure::Incompatible;
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
    WorkerClient::Callbacks callbacks;
    callbacks.onResult = [this, serial](Json result) {
        const int handle = result.value("handle", -1);
        if (serial != m_reopenSerial) {
            closeHandle(handle);
            return;
        }
        m_reopenRequest = -1;
        m_decodingReopen = true;
        decodeAsync<ModelInfo>(
            std::move(result["info"]),
            [this, serial, handle](const ModelInfo& info) {
                if (serial != m_reopenSerial) {
                    closeHandle(handle);
                    return;
                }
                m_decodingReopen = false;
                m_pendingHandle = handle;
                m_pendingInfo = info;
                Q_EMIT reopenReady();
            },
            [this, serial, handle](const Error& error) {
                closeHandle(handle);
                if (serial != m_reopenSerial)
                    return;
                m_decodingReopen = false;
                Q_EMIT reopenFailed(error);
            });
    };
    callbacks.onError = [this, serial](const Error& error) {
        if (serial != m_reopenSerial)
            return;
        m_reopenRequest = -1;
        Q_EMIT reopenFailed(error);
    };
    m_reopenRequest =
        m_worker->request(QStringLiteral("open"),
                          Json{{"path", m_path.toStdString()}, {"libraries", librariesJson(m_libraries)}},
                          std::move(callbacks));
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
        m_worker->cancel(m_reopenRequest);
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
    m_info = std::move(info);
    Q_EMIT replacing(m_path);
    Q_EMIT opened(m_info);
}

void ModelController::closeHandle(int handle)
{
    if (handle >= 0 && m_worker->isRunning())
        m_worker->request(QStringLiteral("close"), Json{{"handle", handle}});
}

} // namespace jitscope::ui
