// Where the worker runs and how it is started: the local jitscope-cli serve, or a launcher command line
// (ssh, srun, docker exec …) that runs it elsewhere.
#pragma once

#include "protocol/protocol.h"

#include <QString>
#include <QStringList>

class QProcess;

namespace jitscope::ui {

class WorkerCommand
{
public:
    WorkerCommand();

    // $JITSCOPE_CLI, then jitscope-cli next to the running executable (installed and build tree), then PATH.
    static QString findWorkerProgram();
    void setProgram(const QString& program) { m_program = program; }
    QString program() const { return m_program; }
    // A worker command line such as "ssh gpu-box jitscope-cli serve", split like a shell would
    // (QProcess::splitCommand) but never run through one. Empty: the local jitscope-cli serve.
    void setCommand(const QString& commandLine) { m_command = commandLine.trimmed(); }
    QString command() const { return m_command; }
    bool isRemote() const { return !m_command.isEmpty(); }
    bool isSsh() const; // the launcher is ssh (its exit code 255 means it could not connect)
    // Options after `serve` for a local worker (e.g. --max-memory 12.8).
    void setServeArguments(const QStringList& arguments) { m_serveArguments = arguments; }
    QStringList serveArguments() const { return m_serveArguments; }
    // The program ssh runs for passwords and passphrases (SSH_ASKPASS): $JITSCOPE_ASKPASS, else a
    // `jitscope-askpass` link to the jitscope executable ("jitscope --askpass PROMPT").
    void setAskpassProgram(const QString& program) { m_askpass = program; }
    static QString defaultAskpassProgram();

    // Where the worker runs, for the title and messages: hello's host, else the ssh destination or the
    // command's program before hello.
    QString hostName(const protocol::Payload& hello) const;
    static QString destinationOf(const QStringList& argv); // "gpu-box" for ssh … user@gpu-box …

    void start(QProcess* process) const;

private:
    QString m_program;
    QString m_command;
    QStringList m_serveArguments;
    QString m_askpass;
};

} // namespace jitscope::ui
