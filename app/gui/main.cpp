// jitscope: the desktop application. `jitscope [FILE]` opens FILE; with none, the start page.
#include "mainwindow.h"
#include "version.h"

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
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("TorchScript file to open"),
                                 QStringLiteral("[file]"));
    parser.process(app);

    jitscope::ui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().constFirst());
    return app.exec();
}
