// The model a window shows, as the worker knows it: open/reload/close and typed fetches of its parts.
#pragma once

#include "types/error.h"
#include "types/graph.h"
#include "types/modelinfo.h"
#include "workerclient.h"
#include "workersession.h"

#include <QObject>
#include <QStringList>

#include <vector>

namespace jitscope::ui {

class GraphStore;

// Owns the WorkerClient and its WorkerSession. Views never see JSON: answers are decoded into the core
// value types off the UI thread (large graphs take a while) and arrive as signals on the UI thread. A crashed
// worker is replaced at once; what was open is reported so the window can offer to reopen it.
class ModelController : public QObject
{
    Q_OBJECT
public:
    explicit ModelController(QObject* parent = nullptr);
    ~ModelController() override;

    WorkerClient* worker() const { return m_worker; }
    // "Worker on gpu-box · jitscope-cli 0.1.0 · LibTorch 1.13.1 · 1 CUDA device": what workerReady says.
    static QString workerDescription(const WorkerClient& worker);
    WorkerSession* session() const { return m_session; }
    void startWorker();

    void open(const QString& path);
    void reload();
    void cancelLoading();
    void closeModel();

    // Reloading in place (AutoReloader): reopen() loads the file again as a second model while the open
    // one stays shown; reopenReady() or reopenFailed() says how it went, and nothing changes until
    // commitReopen() makes the new model the current one (replacing(), then opened()). The replaced model
    // stays open in the worker as the previous one until dropPrevious(); restorePrevious() brings it back.
    void reopen();
    bool isReopening() const { return m_reopenRequest >= 0 || m_decodingReopen; }
    void commitReopen();
    bool hasPrevious() const { return m_previousHandle >= 0; }
    void restorePrevious();
    void dropPrevious();

    QString path() const { return m_path; }
    int handle() const { return m_handle; }
    bool isOpen() const { return m_handle >= 0; }
    // From open() until the model is shown or has failed: the worker's answer is decoded off the UI thread
    // after the request itself has ended.
    bool isLoading() const { return m_openRequest >= 0; }
    const jitscope::ModelInfo& info() const { return m_info; }

    // Custom-op libraries sent with every `open`.
    void setLibraries(const QStringList& libraries) { m_libraries = libraries; }
    QStringList libraries() const { return m_libraries; }
    void loadLibrary(const QString& path);

    // The open model's graphs, fetched from the worker on demand (one request per GraphRef); emptied
    // whenever the model changes.
    GraphStore* graphs() const { return m_graphs; }
    void requestCode();
    void requestStats(const QStringList& names);
    void requestExtraFile(const QString& name);

Q_SIGNALS:
    void workerReady(const QString& description);
    void loadingStarted(const QString& path);
    void loadingProgress(const QString& stage, double fraction);
    void opened(const jitscope::ModelInfo& info);
    void reopenReady();
    void reopenFailed(const jitscope::Error& error);
    void replacing(const QString& path); // the views must let go of the current model: opened() follows
    void openFailed(const QString& path, const jitscope::Error& error);
    void codeReady(const std::vector<jitscope::CodeEntry>& entries);
    void statsReady(const std::vector<jitscope::TensorStats>& stats);
    void extraFileReady(const QString& name, const QString& text);
    void libraryLoaded(const QString& path);
    void requestFailed(const QString& what, const jitscope::Error& error);
    // workerLog: the dead worker's last stderr lines; lostPath: the model that was open or loading.
    void workerCrashed(const QString& description, const QString& workerLog, const QString& lostPath);

private:
    void onWorkerCrashed(const QString& description);
    WorkerSession::ErrorFn failure(const QString& what);
    void closeHandle(int handle);
    void dropReopen();
    void swapIn(int handle, jitscope::ModelInfo info); // replacing(), then opened()

    WorkerClient* m_worker;
    WorkerSession* m_session;
    GraphStore* m_graphs;
    QString m_path;
    int m_handle = -1;
    int m_openRequest = -1;
    jitscope::ModelInfo m_info;
    int m_reopenRequest = -1;
    int m_reopenSerial = 0; // answers to a reopen() given up on are dropped (and their handle closed)
    bool m_decodingReopen = false;
    int m_pendingHandle = -1; // reopen() loaded it; commitReopen() shows it
    jitscope::ModelInfo m_pendingInfo;
    int m_previousHandle = -1; // what commitReopen() replaced, still open in the worker
    jitscope::ModelInfo m_previousInfo;
    QStringList m_libraries;
    int m_startsWithoutHello = 0;
};

} // namespace jitscope::ui
