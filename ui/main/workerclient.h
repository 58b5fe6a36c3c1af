// The GUI side of docs/protocol.md: one `jitscope-cli serve` child process spoken to asynchronously.
#pragma once

#include "model/error.h"
#include "model/json.h"

#include <QHash>
#include <QObject>
#include <QProcess>
#include <QStringList>

#include <functional>
#include <memory>

class QThread;

namespace jitscope::ui {

// Requests go out as JSON lines on the worker's stdin; responses come back on its stdout and are parsed
// on a helper thread (a Faster R-CNN graph is tens of megabytes) so the UI thread never parses JSON.
// Every request belongs to a *generation*: opening another model starts a new one, and answers to the
// older requests are dropped on arrival instead of reaching views that already show something else.
class WorkerClient : public QObject
{
    Q_OBJECT
public:
    using ResultFn = std::function<void(Json result)>;
    using ErrorFn = std::function<void(const jitscope::Error& error)>;
    using ProgressFn = std::function<void(const QString& stage, double fraction)>;
    struct Callbacks
    {
        ResultFn onResult;
        ErrorFn onError;
        ProgressFn onProgress;
    };

    explicit WorkerClient(QObject* parent = nullptr);
    ~WorkerClient() override;

    // $JITSCOPE_CLI, then jitscope-cli next to the running executable (installed and build tree), then PATH.
    static QString findWorkerProgram();
    void setProgram(const QString& program) { m_program = program; }
    QString program() const { return m_program; }

    void start(); // starts a fresh worker; a running one is killed first
    void stop();  // closes stdin (the worker exits on EOF), kills it if it lingers
    bool isRunning() const;
    bool isReady() const { return m_ready; } // the worker said hello
    qint64 processId() const;
    const Json& hello() const { return m_hello; }

    // Sends a request and returns its id. Callbacks run on the UI thread, at most one of onResult/onError,
    // and only while the request's generation is current and the process that got it is alive.
    int request(const QString& method, const Json& params = Json::object(), Callbacks callbacks = {});
    void cancel(int id);

    int generation() const { return m_generation; }
    int nextGeneration(); // forgets every pending callback
    bool isPending(int id) const { return m_pending.contains(id); }
    int pendingCount() const { return m_pending.size(); }
    // "open /data/model.pt": the oldest unanswered request (of the current generation if there is one),
    // or the last one sent when none is pending.
    QString currentRequestDescription() const;
    QString stderrTail() const { return m_stderrTail.join(QLatin1Char('\n')); }

Q_SIGNALS:
    void ready(); // hello received
    void notificationReceived(const QString& method, const jitscope::Json& params);
    // The process ended without stop(): a crash, a kill, an exit, or it could not start at all.
    void crashed(const QString& description);
    void pendingCountChanged(int count);

private:
    struct Pending
    {
        QString description;
        int generation = 0;
        Callbacks callbacks;
    };

    void onStdout();
    void onStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError error);
    void handleLine(int serial, const std::shared_ptr<Json>& message, const QString& parseError);
    void handleProgress(const Json& params);
    void failAll();
    static QString describe(const QString& method, const Json& params);

    QProcess* m_process = nullptr;
    int m_serial = 0; // which process lines belong to; bumped on every start
    qint64 m_pid = 0;
    QThread* m_parserThread = nullptr;
    QObject* m_parserContext = nullptr; // lives on m_parserThread
    QByteArray m_buffer;
    QHash<int, Pending> m_pending;
    int m_nextId = 1;
    int m_generation = 0;
    bool m_ready = false;
    bool m_stopping = false;
    Json m_hello;
    QString m_program;
    QString m_lastRequest;
    QStringList m_stderrTail;
};

} // namespace jitscope::ui
