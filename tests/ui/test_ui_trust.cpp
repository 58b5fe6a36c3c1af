// Stop on a call that never returns (forever.pt): the window restarts the worker, reopens the model, puts
// the view back and says what happened in the Run tab; the next run works.
#include "graph/graphwidget.h"
#include "hungcallrestarter.h"
#include "mainwindow.h"
#include "modelcontroller.h"
#include "moduletreemodel.h"
#include "runpanel.h"
#include "settingsdialog.h"
#include "uitestsupport.h"
#include "workerclient.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace jitscope;
using namespace jitscope::ui;

class TestUiTrust : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stopOnAHungRunRestartsTheWorkerAndKeepsTheView()
    {
        MainWindow window;
        window.show();
        auto* panel = qobject_cast<RunPanel*>(window.runPanel());
        QVERIFY(panel);
        QVERIFY(test::openAndWait(window, test::fixture("forever.pt")));
        QVERIFY(test::waitForViews(window));
        window.selectModule(QString());
        const QString module =
            window.moduleView()->currentIndex().data(ModuleTreeModel::ModulePathRole).toString();
        const double zoom = window.graphWidget()->viewState().zoom;
        QTRY_VERIFY_WITH_TIMEOUT(panel->findChild<QLineEdit*>(QStringLiteral("input_x")), 30000);
        panel->setInputText(QStringLiteral("x"), QStringLiteral("ones:2x3"));
        const qint64 pidBefore = window.controller()->worker()->processId();

        panel->run();
        QVERIFY(panel->isBusy());
        QTest::qWait(300); // the worker is in the endless loop now
        auto* restarter = window.findChild<HungCallRestarter*>(QStringLiteral("hungCallRestarter"));
        QVERIFY(restarter);
        QSignalSpy restarted(restarter, &HungCallRestarter::restarted);
        QElapsedTimer clock;
        clock.start();
        panel->stop();
        QVERIFY2(restarted.wait(30000), qPrintable(panel->statusText()));
        const qint64 tookMs = clock.elapsed();
        QVERIFY2(tookMs >= HungCallRestarter::kGraceMs && tookMs < 20000,
                 qPrintable(QString::number(tookMs)));
        QVERIFY2(panel->statusText().contains(QStringLiteral(
                     "forward() did not stop within 2 s; the worker was restarted and the model "
                     "reopened")),
                 qPrintable(panel->statusText()));
        QVERIFY(!panel->isBusy());
        QVERIFY(window.controller()->isOpen());
        QVERIFY(window.currentPage() == MainWindow::Page::Model);
        // The Run tab, with that message, is in front again (the model page comes back with Code in front).
        QTRY_VERIFY_WITH_TIMEOUT(!panel->visibleRegion().isEmpty(), 5000);
        QVERIFY(window.controller()->worker()->processId() != pidBefore);
        QCOMPARE(window.moduleView()->currentIndex().data(ModuleTreeModel::ModulePathRole).toString(),
                 module);
        QCOMPARE(window.rootMethod(), QStringLiteral("forward"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->findChild<QLineEdit*>(QStringLiteral("input_x")), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(panel->inputText(QStringLiteral("x")), QStringLiteral("ones:2x3"), 10000);
        if (zoom > 0)
            QTRY_VERIFY_WITH_TIMEOUT(qAbs(window.graphWidget()->viewState().zoom - zoom) < 1e-6, 30000);

        // The fresh worker runs the next model normally.
        QVERIFY(test::openAndWait(window, test::fixture("tiny_linear.pt")));
        QTRY_VERIFY_WITH_TIMEOUT(panel->findChild<QLineEdit*>(QStringLiteral("input_input")), 30000);
        panel->setInputText(QStringLiteral("input"), QStringLiteral("randn:4x3"));
        panel->run();
        QTRY_VERIFY2_WITH_TIMEOUT(panel->outputsTree()->topLevelItemCount() > 0,
                                  qPrintable(panel->statusText()), 60000);
    }

    // Settings › Preferences: the worker starts with the memory limit (default 80 % of RAM) and a run over
    // the time limit is abandoned like a Stop.
    void settingsLimitTheWorkerAndTheRun()
    {
        QSettings().setValue(QStringLiteral("runTimeLimit"), 1.0);
        MainWindow window;
        window.show();
        auto* panel = qobject_cast<RunPanel*>(window.runPanel());
        QVERIFY(panel);
        QCOMPARE(panel->timeLimit(), 1.0);
        QVERIFY(test::openAndWait(window, test::fixture("forever.pt")));
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(window.controller()->worker()->processId()));
        QVERIFY(cmdline.open(QIODevice::ReadOnly));
        const QList<QByteArray> argv = cmdline.readAll().split('\0');
        const int at = argv.indexOf("--max-memory");
        QVERIFY2(at > 0 && at + 1 < argv.size(), cmdline.fileName().toUtf8().constData());
        QCOMPARE(argv[at + 1].toDouble(), SettingsDialog::defaultWorkerMemoryGb());
        QVERIFY(SettingsDialog::defaultWorkerMemoryGb() > 0);

        QTRY_VERIFY_WITH_TIMEOUT(panel->findChild<QLineEdit*>(QStringLiteral("input_x")), 30000);
        panel->setInputText(QStringLiteral("x"), QStringLiteral("ones:2"));
        auto* restarter = window.findChild<HungCallRestarter*>(QStringLiteral("hungCallRestarter"));
        QSignalSpy restarted(restarter, &HungCallRestarter::restarted);
        panel->run();
        QVERIFY2(restarted.wait(30000), qPrintable(panel->statusText()));
        QVERIFY2(panel->statusText().contains(QStringLiteral("forward() did not return within 1 s")),
                 qPrintable(panel->statusText()));
        QVERIFY(window.controller()->isOpen());
        QSettings().remove(QStringLiteral("runTimeLimit"));
    }
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    TestUiTrust test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_trust.moc"
