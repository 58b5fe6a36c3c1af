#include "workercommand.h"

#include "qtstring.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>

#include <unistd.h>

namespace jitscope::ui {

WorkerCommand::WorkerCommand() : m_program(findWorkerProgram()) {}

QString WorkerCommand::findWorkerProgram()
{
    const QString fromEnv = qEnvironmentVariable("JITSCOPE_CLI");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QDir appDir(QCoreApplication::applicationDirPath());
    // Installed side by side, or the build tree's app/gui next to app/cli.
    for (const QString& candidate : {appDir.filePath(QStringLiteral("jitscope-cli")),
                                     appDir.filePath(QStringLiteral("../cli/jitscope-cli"))}) {
        if (QFileInfo(candidate).isExecutable())
            return QDir::cleanPath(candidate);
    }
#ifdef JITSCOPE_BUILD_CLI
    if (QFileInfo(QStringLiteral(JITSCOPE_BUILD_CLI)).isExecutable())
        return QStringLiteral(JITSCOPE_BUILD_CLI);
#endif
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("jitscope-cli"));
    return onPath.isEmpty() ? QStringLiteral("jitscope-cli") : onPath;
}

bool WorkerCommand::isSsh() const
{
    const QStringList argv = QProcess::splitCommand(m_command);
    return !argv.isEmpty() && QFileInfo(argv.first()).fileName() == QLatin1String("ssh");
}

QString WorkerCommand::destinationOf(const QStringList& argv)
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

QString WorkerCommand::hostName(const protocol::Payload& hello) const
{
    const auto host = hello.json.find("host");
    if (host != hello.json.end() && host->is_string() && !host->get<std::string>().empty())
        return qs(host->get<std::string>());
    if (!isRemote())
        return QSysInfo::machineHostName();
    const QStringList argv = QProcess::splitCommand(m_command);
    const QString destination = destinationOf(argv);
    if (!destination.isEmpty())
        return destination;
    return argv.isEmpty() ? m_command : QFileInfo(argv.first()).fileName();
}

QString WorkerCommand::defaultAskpassProgram()
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

void WorkerCommand::start(QProcess* process) const
{
    if (m_command.isEmpty()) {
        process->start(m_program, QStringList{QStringLiteral("serve")} + m_serveArguments);
        return;
    }
    // A launcher (ssh, srun, docker exec …): its own session, so ssh has no terminal to ask a password
    // on (stdin is the protocol pipe) and asks through SSH_ASKPASS instead; DISPLAY stays.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString askpass = m_askpass.isEmpty() ? defaultAskpassProgram() : m_askpass;
    if (!askpass.isEmpty()) {
        environment.insert(QStringLiteral("SSH_ASKPASS"), askpass);
        environment.insert(QStringLiteral("SSH_ASKPASS_REQUIRE"), QStringLiteral("force"));
    }
    process->setProcessEnvironment(environment);
    process->setChildProcessModifier([] { ::setsid(); });
    QStringList argv = QProcess::splitCommand(m_command);
    const QString program = argv.isEmpty() ? QString() : argv.takeFirst();
    process->start(program, argv);
}

} // namespace jitscope::ui
