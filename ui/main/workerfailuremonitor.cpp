#include "workerfailuremonitor.h"

#include "qtstring.h"
#include "version.h"
#include "workercommand.h"

#include <QFileInfo>

#include <csignal>
#include <cstring>

namespace jitscope::ui {

namespace {

QString signalName(int signal)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
    if (const char* abbrev = sigabbrev_np(signal))
        return QStringLiteral("SIG") + QLatin1String(abbrev);
#endif
    return QString::fromLocal8Bit(strsignal(signal));
}

// ssh's chatter that says nothing about the failure.
bool isNoise(const QString& line)
{
    return line.startsWith(QLatin1String("Warning: Permanently added")) ||
           line.startsWith(QLatin1String("Pseudo-terminal will not be allocated"));
}

} // namespace

void WorkerFailureMonitor::reset()
{
    m_failure = WorkerFailure::None;
    m_helloSeen = false;
    m_stderrTail.clear();
}

void WorkerFailureMonitor::addStderr(const QByteArray& text)
{
    for (const QString& line : QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        m_stderrTail << line;
    while (m_stderrTail.size() > kStderrLines)
        m_stderrTail.removeFirst();
}

QString WorkerFailureMonitor::refusal(const protocol::Payload& payload, int minProtocol, int maxProtocol)
{
    const Json& hello = payload.json;
    const auto protocol = hello.find("protocol");
    const int version = protocol != hello.end() && protocol->is_number_integer() ? protocol->get<int>() : 0;
    if (version >= minProtocol && version <= maxProtocol)
        return {};
    m_failure = WorkerFailure::Incompatible;
    return incompatibleMessage(payload, version, maxProtocol);
}

QString WorkerFailureMonitor::incompatibleMessage(const protocol::Payload& hello, int workerProtocol,
                                                  int windowProtocol) const
{
    const auto jitscope = hello.json.find("jitscope");
    const QString release =
        jitscope != hello.json.end() && jitscope->is_string() && !jitscope->get<std::string>().empty()
            ? qs(jitscope->get<std::string>())
            : tr("of an unknown version");
    const bool remote = m_command.isRemote();
    const QString host = m_command.hostName(hello);
    const QString where = remote ? tr("on %1").arg(host) : tr("here (%1)").arg(m_command.program());
    const QString worker =
        tr("The worker %1 is JitScope %2 (protocol %3); this window is JitScope %4 (protocol %5)")
            .arg(where, release)
            .arg(workerProtocol)
            .arg(QStringLiteral(JITSCOPE_VERSION))
            .arg(windowProtocol);
    if (workerProtocol > windowProtocol)
        return tr("%1: update JitScope on this machine, or use jitscope-cli %2 on %3.")
            .arg(worker, QStringLiteral(JITSCOPE_VERSION), remote ? host : tr("this machine"));
    if (remote)
        return tr("%1: update jitscope-cli on %2.").arg(worker, host);
    return tr("%1: install this version's jitscope-cli, or set JITSCOPE_CLI to one.").arg(worker);
}

QString WorkerFailureMonitor::exited(int exitCode, QProcess::ExitStatus status, qint64 pid,
                                     const QString& request, const protocol::Payload& hello)
{
    QStringList said;
    for (const QString& line : std::as_const(m_stderrTail))
        if (!isNoise(line))
            said << line;
    const QString log = said.mid(std::max<qsizetype>(0, said.size() - 6)).join(QLatin1Char('\n'));
    const QString what = status == QProcess::CrashExit
                             ? tr("was killed by signal %1 (%2)").arg(exitCode).arg(signalName(exitCode))
                             : tr("exited with code %1").arg(exitCode);
    if (!m_command.isRemote()) {
        m_failure = WorkerFailure::Crashed;
        QString description = tr("The worker process (pid %1) %2").arg(pid).arg(what);
        if (!request.isEmpty())
            description += tr(" while handling “%1”").arg(request);
        return description + QLatin1Char('.');
    }
    const QString host = m_command.hostName(hello);
    const QString command = m_command.command();
    const QStringList argv = QProcess::splitCommand(command);
    const bool ssh = m_command.isSsh();
    if (!m_helloSeen) {
        const bool missing = status == QProcess::NormalExit &&
                             (exitCode == 127 || log.contains(QLatin1String("command not found")) ||
                              log.contains(QLatin1String("executable file not found")));
        if (missing) {
            m_failure = WorkerFailure::CommandNotFound;
            return tr("jitscope-cli not found on %1: the worker command “%2” could not run it there. Install "
                      "JitScope on %1 or put the full path of jitscope-cli in the worker command.\n%3")
                .arg(host, command, log)
                .trimmed();
        }
        m_failure = WorkerFailure::CouldNotConnect;
        if (ssh && status == QProcess::NormalExit && exitCode == 255)
            return tr("Could not connect to %1 (ssh exited with code 255):\n%2")
                .arg(host, log.isEmpty() ? tr("ssh said nothing.") : log);
        return tr("The worker command “%1” %2 before the worker started:\n%3")
            .arg(command, what, log)
            .trimmed();
    }
    m_failure = WorkerFailure::ConnectionLost;
    QString description = tr("The connection to the worker on %1 was lost: “%2” %3")
                              .arg(host, ssh ? QStringLiteral("ssh") : argv.value(0), what);
    if (!request.isEmpty())
        description += tr(" while handling “%1”").arg(request);
    description += QLatin1Char('.');
    if (!log.isEmpty())
        description += QLatin1Char('\n') + log;
    return description;
}

QString WorkerFailureMonitor::couldNotStart(const QString& error)
{
    m_failure = WorkerFailure::CouldNotStart;
    if (m_command.isRemote())
        return tr("Could not start the worker command “%1”: %2.").arg(m_command.command(), error);
    return tr("Could not start the worker “%1”: %2. Set JITSCOPE_CLI to the jitscope-cli binary.")
        .arg(m_command.program(), error);
}

} // namespace jitscope::ui
