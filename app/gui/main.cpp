// jitscope: the desktop application. `jitscope [FILE]` opens FILE; with none, the start page.
#include "mainwindow.h"
#include "compare/compareview.h"

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
    const QCommandLineOption compare(QStringLiteral("compare"),
                                     QStringLiteral("Compare A with the file given as argument B"), QStringLiteral("A"));
    const QCommandLineOption input(QStringLiteral("input"), QStringLiteral("An example input spec for --compare"),
                                   QStringLiteral("SPEC"));
    parser.addOptions({compare, input});
    parser.process(app);
    if (parser.isSet(compare)) { // jitscope --compare A B [--input SPEC]…: the compare window alone
        if (parser.positionalArguments().isEmpty())
            parser.showHelp(2);
        jitscope::ui::openCompareWindow(parser.value(compare), parser.positionalArguments().constFirst(),
                                        parser.values(input));
        return app.exec();
    }

    jitscope::ui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().constFirst());
    return app.exec();
}
