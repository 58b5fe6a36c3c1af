// How a worker process ended, told to the user. A remote worker fails in ways a local one cannot (ssh
// cannot connect, jitscope-cli is missing there, an older JitScope, a dropped link); each gets its own
// plain sentence instead of "exited with code 255", and a kind the window decides what to offer by.
#pragma once

#include "protocol/protocol.h"

#include <QCoreApplication>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace jitscope::ui {

class WorkerCommand;

// How the last worker process ended, for the owner to decide what to offer (restart, reconnect, fix).
enum class WorkerFailure
{
    None,
    Crashed,         // a local worker died (crash, kill, exit)
    CouldNotStart,   // the program could not be executed
    CouldNotConnect, // ssh (or another launcher) failed before the worker said hello
    CommandNotFound, // the launcher ran, but jitscope-cli is not there (exit 127, "command not found")
    Incompatible,    // the worker speaks an older (or newer) protocol
    ConnectionLost,  // a remote worker said hello, then its connection or process ended
};

// Watches one worker process at a time (reset() for the next): what it said on stderr, whether it said
// hello; and when it ends, says why in a sentence and remembers the kind of failure.
class WorkerFailureMonitor
{
    Q_DECLARE_TR_FUNCTIONS(WorkerFailureMonitor)
public:
    static constexpr int kStderrLines = 40;

    explicit WorkerFailureMonitor(const WorkerCommand& command) : m_command(command) {}

    void reset(); // a new process
    void addStderr(const QByteArray& text);
    void helloSeen() { m_helloSeen = true; }
    WorkerFailure failure() const { return m_failure; }
    QString stderrTail() const { return m_stderrTail.join(QLatin1Char('\n')); }

    // Empty when the hello's protocol version is one this window speaks; else why the worker is refused
    // (the failure becomes Incompatible).
    QString refusal(const protocol::Payload& hello, int minProtocol, int maxProtocol);
    // Names both JitScope versions and what to update where ("the worker on gpu-box is JitScope 0.1.0
    // (protocol 1); this window is …").
    QString incompatibleMessage(const protocol::Payload& hello, int workerProtocol, int windowProtocol) const;
    // The process ended (`request`: what it was busy with, may be empty).
    QString exited(int exitCode, QProcess::ExitStatus status, qint64 pid, const QString& request,
                   const protocol::Payload& hello);
    QString couldNotStart(const QString& error);

private:
    const WorkerCommand& m_command;
    WorkerFailure m_failure = WorkerFailure::None;
    bool m_helloSeen = false; // by the current process
    QStringList m_stderrTail;
};

} // namespace jitscope::ui
