// End to end through the real askpass: a window whose worker command is ssh with a passphrase key and no
// terminal. ssh runs SSH_ASKPASS, a `jitscope-askpass` link to the real jitscope executable, which shows its
// dialog on the X display (Xvfb, under_xvfb.sh; the window is there too); xdotool types the passphrase into it as a user would, and the
// remote model opens. Skips with a message when sshd cannot start or there is no display.
#include "mainwindow.h"
#include "modelcontroller.h"
#include "moduletreemodel.h"
#include "remoteworkers.h"
#include "sshserver.h"
#include "testsupport.h"
#include "uitestsupport.h"
#include "workerclient.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace jitscope;
using namespace jitscope::ui;

class TestRemoteAskpass : public QObject
{
    Q_OBJECT

    // Runs a program to its end (at most timeoutMs); its stdout, or nothing when it failed.
    static std::optional<QString> run(const QString& program, const QStringList& arguments, int timeoutMs = 30000)
    {
        QProcess process;
        process.start(program, arguments);
        if (!process.waitForFinished(timeoutMs) || process.exitCode() != 0) {
            qWarning("%s %s: exit %d, %s", qPrintable(program), qPrintable(arguments.join(QLatin1Char(' '))),
                     process.exitCode(), process.readAllStandardError().constData());
            process.kill();
            process.waitForFinished(1000);
            return std::nullopt;
        }
        return QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QSKIP("no X display: run through under_xvfb.sh (ctest does)");
        std::string why;
        if (!m_server.start(&why))
            QSKIP(qPrintable(QStringLiteral("sshd could not start on a loopback port: ") +
                             QString::fromStdString(why)));
    }

    void passphraseTypedIntoTheRealAskpassDialog()
    {
        // What WorkerClient::defaultAskpassProgram makes next to an installed jitscope: a link named
        // jitscope-askpass to the jitscope executable (this test is not that executable, so it makes the link).
        QTemporaryDir dir;
        const QString link = dir.filePath(QStringLiteral("jitscope-askpass"));
        QVERIFY(QFile::link(QStringLiteral(JITSCOPE_GUI_PATH), link));
        qputenv("JITSCOPE_ASKPASS", link.toLocal8Bit());
        RemoteWorkers::setInitialCommand(QString::fromStdString(
            m_server.sshCommand(test::cliPath() + " serve", m_server.passphraseKey(), false)));
        auto window = std::make_unique<MainWindow>();
        window->show();
        qunsetenv("JITSCOPE_ASKPASS");

        // The dialog appears once ssh has read the key; find it by its title, as a user's eyes would.
        const QString id = run(QStringLiteral("xdotool"),
                               {QStringLiteral("search"), QStringLiteral("--sync"), QStringLiteral("--name"),
                                QStringLiteral("ssh asks")},
                               60000)
                               .value_or(QString())
                               .section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(!id.isEmpty(), "the askpass dialog never appeared");
        QVERIFY(!window->controller()->worker()->isReady()); // ssh is waiting for the passphrase
        QTest::qWait(500); // mapped and painted
        const QString shots = qEnvironmentVariable("JITSCOPE_SCREENSHOT_DIR");
        if (!shots.isEmpty() && QDir().mkpath(shots))
            run(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"),
                                           QDir(shots).filePath(QStringLiteral("remote_askpass.png"))});
        // Focus, then type (which takes every argument after it as text), then Enter: three calls.
        const QString xdotool = QStringLiteral("xdotool");
        QVERIFY(run(xdotool, {QStringLiteral("windowfocus"), QStringLiteral("--sync"), id}).has_value());
        QVERIFY(run(xdotool, {QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("20"),
                              QString::fromLatin1(test::SshServer::passphrase())})
                    .has_value());
        QVERIFY(run(xdotool, {QStringLiteral("key"), QStringLiteral("Return")}).has_value());

        QTRY_VERIFY_WITH_TIMEOUT(window->controller()->worker()->isReady(), 30000);
        QVERIFY(test::openAndWait(*window, test::fixture("resnet18_scripted.pt")));
        QCOMPARE(window->moduleModel()->moduleCount(),
                 int(test::expectation("resnet18_scripted")["modules"].size()));
        QVERIFY(window->windowTitle().contains(QStringLiteral(" — on ")));
    }

private:
    test::SshServer m_server;
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    TestRemoteAskpass test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_remote_askpass.moc"
