// jitscope: the desktop application. `jitscope [FILE]...` opens each FILE in a window of its own; with
// none, the start page.
#include "mainwindow.h"
#include "windowopener.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv)
{
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
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QStringLiteral("TorchScript files to open, each in a window of its own"),
                                 QStringLiteral("[file...]"));
    parser.process(app);

    auto* window = new jitscope::ui::MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    jitscope::ui::openInWindows(parser.positionalArguments(), window);
    return app.exec();
}
