// WorkerClient: where the worker runs and how its end is told to the user. A remote worker fails in ways
// a local one cannot (ssh cannot connect, jitscope-cli is missing there, an older JitScope, a dropped
// link); each gets its own plain sentence instead of "exited with code 255".
#include "version.h"
#include "workerclient.h"

#include "format.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <QTemporaryDir>

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

QString WorkerClient::destinationOf(const QStringList& argv)
{
    if (argv.isEmpty())
        return {};
    const QString program = QFileInfo(argv.first()).fileName();
    if (program == QLatin1String("ssh")) {
        // ssh's options that take a value (ssh(1)); the first other word is the destination.
        static const QString withValue = QStringLiteral("BbcDEeFIiJLlmOoPpQRSWw");
        for (int i = 1; i < argv.size(); ++i) {
            const QString& word = argv[i];
            if (word.startsWith(QLatin1Char('-')) && word.size() >= 2) {
                if (word.size() == 2 && withValue.contains(word[1]))
                    ++i;
                continue;
            }
            QString host = word;
            if (host.startsWith(QLatin1String("ssh://")))
                host = host.mid(6).section(QLatin1Char(':'), 0, 0);
            return host.section(QLatin1Char('@'), -1);
        }
        return {};
    }
    // docker/podman/kubectl exec [options] TARGET …
    const int exec = argv.indexOf(QStringLiteral("exec"));
    if (exec > 0) {
        static const QStringList withValue{QStringLiteral("-e"),          QStringLiteral("-u"),
                                           QStringLiteral("-w"),          QStringLiteral("-c"),
                                           QStringLiteral("-n"),          QStringLiteral("--env"),
                                           QStringLiteral("--user"),      QStringLiteral("--workdir"),
                                           QStringLiteral("--container"), QStringLiteral("--namespace")};
        for (int i = exec + 1; i < argv.size(); ++i) {
            if (withValue.contains(argv[i])) {
                ++i;
                continue;
            }
            if (!argv[i].startsWith(QLatin1Char('-')))
                return argv[i];
        }
    }
    return {};
}

QString WorkerClient::hostName() const
{
    const auto host = m_hello.json.find("host");
    if (host != m_hello.json.end() && host->is_string() && !host->get<std::string>().empty())
        return qs(host->get<std::string>());
    if (!isRemote())
        return QSysInfo::machineHostName();
    const QStringList argv = QProcess::splitCommand(m_command);
    const QString destination = destinationOf(argv);
    if (!destination.isEmpty())
        return destination;
    return argv.isEmpty() ? m_command : QFileInfo(argv.first()).fileName();
}

QString WorkerClient::defaultAskpassProgram()
{
    if (qEnvironmentVariableIsSet("JITSCOPE_ASKPASS"))
        return qEnvironmentVariable("JITSCOPE_ASKPASS");
    // SSH_ASKPASS is a program run with the prompt as its only argument: a link named jitscope-askpass
    // makes the jitscope executable start as the password dialog (app/gui/main.cpp).
    const QDir appDir(QCoreApplication::applicationDirPath());
    QString gui;
    if (QFileInfo(QCoreApplication::applicationFilePath()).fileName() == QLatin1String("jitscope"))
        gui = QCoreApplication::applicationFilePath();
    else if (QFileInfo(appDir.filePath(QStringLiteral("jitscope"))).isExecutable())
        gui = appDir.filePath(QStringLiteral("jitscope"));
    if (gui.isEmpty())
        return {};
    static QTemporaryDir linkDir(QDir::tempPath() + QStringLiteral("/jitscope-askpass-XXXXXX"));
    const QString link = linkDir.filePath(QStringLiteral("jitscope-askpass"));
    if (!QFileInfo::exists(link) && !QFile::link(gui, link))
        return {};
    return link;
}

bool WorkerClient::checkHello(const protocol::Payload& payload)
{
    const Json& hello = payload.json;
    const auto protocol = hello.find("protocol");
    const int version = protocol != hello.end() && protocol->is_number_integer() ? protocol->get<int>() : 0;
    if (version >= kMinProtocol && version <= kMaxProtocol)
        return true;
    m_failure = Failure::Incompatible;
    const QString description = incompatibleMessage(version, kMaxProtocol);
    m_stopping = true; // its end is not a crash: it was refused
    m_ready = false;
    failAll();
    m_process->kill();
    m_process->waitForFinished(2000); // isRunning() is false once the refusal is reported
    Q_EMIT crashed(description);
    return false;
}

QString WorkerClient::incompatibleMessage(int workerProtocol, int windowProtocol) const
{
    const auto jitscope = m_hello.json.find("jitscope");
    const QString release = jitscope != m_hello.json.end() && jitscope->is_string() && !jitscope->get<std::string>().empty()
                                ? qs(jitscope->get<std::string>())
                                : tr("of an unknown version");
    const QString host = hostName();
    const QString where = isRemote() ? tr("on %1").arg(host) : tr("here (%1)").arg(m_program);
    const QString worker = tr("The worker %1 is JitScope %2 (protocol %3); this window is JitScope %4 (protocol %5)")
                               .arg(where, release)
                               .arg(workerProtocol)
                               .arg(QStringLiteral(JITSCOPE_VERSION))
                               .arg(windowProtocol);
    if (workerProtocol > windowProtocol)
        return tr("%1: update JitScope on this machine, or use jitscope-cli %2 on %3.")
            .arg(worker, QStringLiteral(JITSCOPE_VERSION), isRemote() ? host : tr("this machine"));
    if (isRemote())
        return tr("%1: update jitscope-cli on %2.").arg(worker, host);
    return tr("%1: install this version's jitscope-cli, or set JITSCOPE_CLI to one.").arg(worker);
}

QString WorkerClient::describeExit(int exitCode, QProcess::ExitStatus status)
{
    const QString request = currentRequestDescription();
    QStringList said;
    for (const QString& line : std::as_const(m_stderrTail))
        if (!isNoise(line))
            said << line;
    const QString log = said.mid(std::max<qsizetype>(0, said.size() - 6)).join(QLatin1Char('\n'));
    const QString what = status == QProcess::CrashExit
                             ? tr("was killed by signal %1 (%2)").arg(exitCode).arg(signalName(exitCode))
                             : tr("exited with code %1").arg(exitCode);
    if (!isRemote()) {
        m_failure = Failure::Crashed;
        QString description = tr("The worker process (pid %1) %2").arg(m_pid).arg(what);
        if (!request.isEmpty())
            description += tr(" while handling “%1”").arg(request);
        return description + QLatin1Char('.');
    }
    const QString host = hostName();
    const QStringList argv = QProcess::splitCommand(m_command);
    const bool ssh = !argv.isEmpty() && QFileInfo(argv.first()).fileName() == QLatin1String("ssh");
    if (!m_helloSeen) {
        const bool missing = status == QProcess::NormalExit &&
                             (exitCode == 127 || log.contains(QLatin1String("command not found")) ||
                              log.contains(QLatin1String("executable file not found")));
        if (missing) {
            m_failure = Failure::CommandNotFound;
            return tr("jitscope-cli not found on %1: the worker command “%2” could not run it there. Install "
                      "JitScope on %1 or put the full path of jitscope-cli in the worker command.\n%3")
                .arg(host, m_command, log)
                .trimmed();
        }
        m_failure = Failure::CouldNotConnect;
        if (ssh && status == QProcess::NormalExit && exitCode == 255)
            return tr("Could not connect to %1 (ssh exited with code 255):\n%2")
                .arg(host, log.isEmpty() ? tr("ssh said nothing.") : log);
        return tr("The worker command “%1” %2 before the worker started:\n%3")
            .arg(m_command, what, log)
            .trimmed();
    }
    m_failure = Failure::ConnectionLost;
    QString description = tr("The connection to the worker on %1 was lost: “%2” %3")
                              .arg(host, ssh ? QStringLiteral("ssh") : argv.value(0), what);
    if (!request.isEmpty())
        description += tr(" while handling “%1”").arg(request);
    description += QLatin1Char('.');
    if (!log.isEmpty())
        description += QLatin1Char('\n') + log;
    return description;
}

} // namespace jitscope::ui
