#include "modelcontroller.h"

#include "format.h"
#include "protocol/model.h"

namespace jitscope::ui {

using namespace protocol;

ModelController::ModelController(QObject* parent)
    : QObject(parent), m_worker(new WorkerClient(this)), m_session(new WorkerSession(m_worker, this))
{
    connect(m_session, &WorkerSession::ready, this, [this] {
        m_startsWithoutHello = 0;
        const Hello& hello = m_session->hello();
        Q_EMIT workerReady(tr("jitscope-cli %1 · LibTorch %2 · pid %3")
                               .arg(qs(hello.jitscope), qs(hello.libtorch))
                               .arg(m_worker->processId()));
    });
    // A worker of another protocol version would misread requests: stop it and say why, without the
    // restart a crash gets (it would only say the same again).
    connect(m_session, &WorkerSession::incompatible, this, [this](const QString& reason) {
        const QString lost = (isOpen() || isLoading()) ? m_path : QString();
        const QString log = m_worker->stderrTail();
        m_worker->stop();
        m_handle = -1;
        m_openRequest = -1;
        m_info = {};
        Q_EMIT workerCrashed(reason, log, lost);
    });
    connect(m_worker, &WorkerClient::crashed, this, &ModelController::onWorkerCrashed);
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
    for (const QString& library : m_libraries)
        request.libraries.push_back(library.toStdString());
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
    if (m_handle >= 0 && m_worker->isRunning())
        m_session->request(CloseRequest{m_handle}, {});
    if (m_openRequest >= 0)
        m_session->cancel(m_openRequest);
    m_handle = -1;
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

void ModelController::requestGraph(const QString& modulePath, const QString& method, bool inlined)
{
    if (!isOpen())
        return;
    GraphRequest request;
    request.handle = m_handle;
    request.module_path = modulePath.toStdString();
    request.method = method.toStdString();
    request.inlined = inlined;
    // The view waits for the graph it asked for: it hears of a failure to fetch or to decode it alike.
    m_session->request(
        request, [this](const Graph& graph) { Q_EMIT graphReady(graph); },
        [this, modulePath, method](const Error& error) {
            Q_EMIT graphFailed(modulePath, method, QString(), error);
            failure(tr("Graph of %1.%2").arg(modulePath.isEmpty() ? tr("<root>") : modulePath, method))(
                error);
        });
}

void ModelController::requestFunctionGraph(const QString& qualifiedName)
{
    if (!isOpen())
        return;
    GraphRequest request;
    request.handle = m_handle;
    request.function = qualifiedName.toStdString();
    m_session->request(
        request, [this](const Graph& graph) { Q_EMIT graphReady(graph); },
        [this, qualifiedName](const Error& error) {
            Q_EMIT graphFailed(QString(), QString(), qualifiedName, error);
            failure(tr("Graph of function %1").arg(qualifiedName))(error);
        });
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
    m_openRequest = -1;
    m_info = {};
    // Replace the worker at once unless it cannot even say hello (missing binary, broken install):
    // restarting that in a loop would only hide the message.
    if (m_startsWithoutHello < 2)
        startWorker();
    Q_EMIT workerCrashed(description, log, lost);
}

} // namespace jitscope::ui
