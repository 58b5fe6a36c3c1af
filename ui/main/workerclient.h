// The GUI side of docs/protocol.md: one `jitscope-cli serve` child process spoken to asynchronously.
#pragma once

#include "protocol/protocol.h"
#include "types/error.h"
#include "workercommand.h"
#include "workerfailuremonitor.h"

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
// Where the worker runs is a WorkerCommand; how its end is told, a WorkerFailureMonitor.
class WorkerClient : public QObject
{
    Q_OBJECT
public:
    using ResultFn = std::function<void(protocol::Payload result)>;
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

    using Failure = WorkerFailure;         // how the last worker process ended
    // list_dir, stat, upload (2); GraphResult.ref (3); Node::call_sites, which the value map needs (4)
    static constexpr int kMinProtocol = 4;
    static constexpr int kMaxProtocol = 4; // this window's (protocol::kVersion): a newer worker is refused too
    // Why a worker whose hello says another protocol version is refused, naming both JitScope versions
    // and what to update where ("the worker on gpu-box is JitScope 0.1.0 (protocol 1); this window is …").
    QString incompatibleMessage(int workerProtocol, int windowProtocol) const
    {
        return m_failures.incompatibleMessage(m_hello, workerProtocol, windowProtocol);
    }

    // $JITSCOPE_CLI, then jitscope-cli next to the running executable (installed and build tree), then PATH.
    static QString findWorkerProgram() { return WorkerCommand::findWorkerProgram(); }
    void setProgram(const QString& program) { m_command.setProgram(program); }
    QString program() const { return m_command.program(); }
    // A worker command line such as "ssh gpu-box jitscope-cli serve", split like a shell would
    // (QProcess::splitCommand) but never run through one. Empty: the local jitscope-cli serve.
    // Takes effect at the next start().
    void setCommand(const QString& commandLine) { m_command.setCommand(commandLine); }
    // Options after `serve` for a local worker (e.g. --max-memory 12.8); take effect at the next start().
    void setServeArguments(const QStringList& arguments) { m_command.setServeArguments(arguments); }
    QStringList serveArguments() const { return m_command.serveArguments(); }
    QString command() const { return m_command.command(); }
    bool isRemote() const { return m_command.isRemote(); }
    // Where the worker runs, for the title and messages: hello's host, else the ssh destination or the
    // command's program before hello.
    QString hostName() const { return m_command.hostName(m_hello); }
    static QString destinationOf(const QStringList& argv) { return WorkerCommand::destinationOf(argv); }
    Failure lastFailure() const { return m_failures.failure(); }
    // The program ssh runs for passwords and passphrases (SSH_ASKPASS): $JITSCOPE_ASKPASS, else a
    // `jitscope-askpass` link to the jitscope executable ("jitscope --askpass PROMPT").
    void setAskpassProgram(const QString& program) { m_command.setAskpassProgram(program); }
    static QString defaultAskpassProgram() { return WorkerCommand::defaultAskpassProgram(); }

    void start(); // starts a fresh worker; a running one is killed first
    void stop();  // closes stdin (the worker exits on EOF), kills it if it lingers
    bool isRunning() const;
    bool isReady() const { return m_ready; } // the worker said hello
    qint64 processId() const;
    // The hello notification as sent (WorkerSession decodes it: protocol::Hello).
    const protocol::Payload& hello() const { return m_hello; }

    // Sends a request and returns its id. Callbacks run on the UI thread, at most one of onResult/onError,
    // and only while the request's generation is current and the process that got it is alive.
    // `params` null: no parameters ({}).
    int request(const QString& method, const protocol::Payload& params = {}, Callbacks callbacks = {});
    // An id for a request sent later (after its input files reached a remote worker), so that the caller
    // can match notifications and cancel by it from the start; pass it to sendReserved().
    int reserveId() { return m_nextId++; }
    void sendReserved(int id, const QString& method, const protocol::Payload& params, Callbacks callbacks);
    void cancel(int id);

    int generation() const { return m_generation; }
    int nextGeneration(); // forgets every pending callback
    bool isPending(int id) const { return m_pending.contains(id); }
    int pendingCount() const { return m_pending.size(); }
    // "open /data/model.pt": the oldest unanswered request (of the current generation if there is one),
    // or the last one sent when none is pending.
    QString currentRequestDescription() const;
    QString stderrTail() const { return m_failures.stderrTail(); }

Q_SIGNALS:
    void ready(); // hello received
    void notificationReceived(const QString& method, const jitscope::protocol::Payload& params);
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
    bool checkHello(const protocol::Payload& hello); // false: incompatible, already reported
    void handleLine(int serial, const std::shared_ptr<protocol::Payload>& message, const QString& parseError);
    void handleProgress(const protocol::Payload& params);
    void failAll();
    static QString describe(const QString& method, const protocol::Payload& params);

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
    protocol::Payload m_hello;
    WorkerCommand m_command;
    WorkerFailureMonitor m_failures{m_command};
    QString m_lastRequest;
};

} // namespace jitscope::ui
