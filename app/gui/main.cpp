// jitscope: the desktop application. `jitscope [--worker CMD] [FILE]...` opens each FILE in a window of its
// own; with none, the start page. `jitscope --askpass PROMPT` (or the jitscope-askpass link) is the password
// dialog for ssh (SSH_ASKPASS).
#include "askpassdialog.h"
#include "mainwindow.h"
#include "compare/compareview.h"
#include "remoteworkers.h"
#include "windowopener.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

#include <cstring>

int main(int argc, char** argv)
{
    // ssh runs SSH_ASKPASS with the prompt as its only argument: answer it before anything else.
    const bool askpassLink =
        QFileInfo(QString::fromLocal8Bit(argv[0])).fileName() == QLatin1String("jitscope-askpass");
    if (askpassLink || (argc >= 2 && std::strcmp(argv[1], "--askpass") == 0)) {
        QApplication app(argc, argv);
        const int promptIndex = askpassLink ? 1 : 2;
        return jitscope::ui::AskpassDialog::run(promptIndex < argc ? QString::fromLocal8Bit(argv[promptIndex])
                                                                   : QString());
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("JitScope"));
    QApplication::setOrganizationName(QStringLiteral("JitScope"));
    QApplication::setApplicationVersion(QStringLiteral(JITSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("jitscope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/jitscope/icons/jitscope.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Inspect, draw and run TorchScript models"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption worker(
        QStringLiteral("worker"),
        QStringLiteral("Run models through this worker command, e.g. \"ssh gpu-box jitscope-cli serve\" "
                       "(split into words, never run through a shell); FILE is then a path on that machine."),
        QStringLiteral("command"));
    parser.addOption(worker);
    parser.addOption({QStringLiteral("askpass"), QStringLiteral("Ask for a password for ssh and print it."),
                      QStringLiteral("prompt")});
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QStringLiteral("TorchScript files to open, each in a window of its own"),
                                 QStringLiteral("[file...]"));
    const QCommandLineOption compare(QStringLiteral("compare"),
                                     QStringLiteral("Compare A with the file given as argument B"), QStringLiteral("A"));
    const QCommandLineOption input(QStringLiteral("input"), QStringLiteral("An example input spec for --compare"),
                                   QStringLiteral("SPEC"));
    parser.addOptions({compare, input});
    parser.process(app);
    if (parser.isSet(worker))
        jitscope::ui::RemoteWorkers::setInitialCommand(parser.value(worker));
    if (parser.isSet(compare)) { // jitscope --compare A B [--input SPEC]…: the compare window alone
        if (parser.positionalArguments().isEmpty())
            parser.showHelp(2);
        jitscope::ui::openCompareWindow(parser.value(compare), parser.positionalArguments().constFirst(),
                                        parser.values(input));
        return app.exec();
    }

    auto* window = new jitscope::ui::MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    jitscope::ui::openInWindows(parser.positionalArguments(), window);
    return app.exec();
}
