// Chaos: the worker is killed (SIGKILL) at random but seeded moments while the window opens a model, fetches
// a graph, expands calls, runs or benchmarks, 50 times. After each kill the window must settle by itself in a
// consistent state (the crash page, or the model page if the call had ended), with nothing left busy, and the
// next open must work.
#include "graph/graphstore.h"
#include "graph/graphwidget.h"
#include "mainwindow.h"
#include "messagepage.h"
#include "modelcontroller.h"
#include "runpanel.h"
#include "uitestsupport.h"
#include "workerclient.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTest>

#include <csignal>
#include <random>

using namespace jitscope;
using namespace jitscope::ui;

namespace {
constexpr int kKills = 50;
constexpr unsigned kSeed = 1313;
const char* const kActions[] = {"open", "graph", "expand", "run", "bench"};
} // namespace

class TestUiChaos : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killsAtRandomMomentsLeaveAConsistentWindow()
    {
        MainWindow window;
        window.show();
        auto* panel = qobject_cast<RunPanel*>(window.runPanel());
        QVERIFY(panel);
        QProgressBar* progress = window.statusBar()->findChild<QProgressBar*>();
        std::mt19937 random(kSeed);
        const QString model = test::fixture("small_traced.pt");
        QElapsedTimer clock;
        clock.start();
        int pages[2] = {0, 0}; // crash page, model page
        int kills = 0;         // the worker was running at the chosen moment
        for (int kill = 0; kill < kKills; ++kill) {
            const QString action = QString::fromLatin1(kActions[random() % 5]);
            const int delayMs = static_cast<int>(random() % 400);
            const QString where =
                QStringLiteral("kill %1 (%2, after %3 ms)").arg(kill).arg(action).arg(delayMs);
            if (action != QLatin1String("open")) {
                QVERIFY2(test::openAndWait(window, model, 60000), qPrintable(where));
                QTRY_VERIFY_WITH_TIMEOUT(panel->findChild<QLineEdit*>(QStringLiteral("input_x")), 30000);
            }
            const ModuleInfo* child = window.controller()->info().modules.size() > 1
                                          ? &window.controller()->info().modules[1]
                                          : nullptr;
            if (action == QLatin1String("open")) {
                window.openFile(model);
            } else if (action == QLatin1String("graph")) {
                window.controller()->graphs()->request(GraphRef::method("", "forward", true));
            } else if (action == QLatin1String("expand")) {
                QVERIFY(child);
                window.controller()->graphs()->request(GraphRef::method(child->path, "forward"));
                window.graphWidget()->expandAll();
            } else if (action == QLatin1String("run")) {
                panel->setInputText(QStringLiteral("x"), QStringLiteral("randn:1x3x10x10"));
                panel->run();
            } else {
                panel->setInputText(QStringLiteral("x"), QStringLiteral("randn:1x3x10x10"));
                panel->findChild<QSpinBox*>(QStringLiteral("warmup"))->setValue(0);
                panel->findChild<QSpinBox*>(QStringLiteral("iters"))->setValue(1000000);
                panel->benchmark();
            }
            QTest::qWait(delayMs);
            WorkerClient* worker = window.controller()->worker();
            const qint64 pid = worker->processId();
            QSignalSpy crashed(worker, &WorkerClient::crashed);
            if (pid > 0 && worker->isRunning()) {
                ::kill(static_cast<pid_t>(pid), SIGKILL);
                ++kills;
                // Judged once the window has seen the worker die (a few ms later, through QProcess): an
                // open sent in between would go to the dead process and rightly end on the crash page.
                QTRY_VERIFY2_WITH_TIMEOUT(crashed.count() > 0, qPrintable(where), 10000);
            }

            // Settles by itself: nothing loading or running, no progress shown, a page that fits.
            QTRY_VERIFY2_WITH_TIMEOUT(!window.controller()->isLoading() && !panel->isBusy(),
                                      qPrintable(where), 30000);
            QTRY_VERIFY2_WITH_TIMEOUT(!progress || !progress->isVisible(), qPrintable(where), 10000);
            const bool crashPage = window.currentPage() == MainWindow::Page::Message &&
                                   window.messagePage()->mode() == MessagePage::Mode::Crash;
            const bool modelPage =
                window.currentPage() == MainWindow::Page::Model && window.controller()->isOpen();
            QVERIFY2(crashPage || modelPage, qPrintable(where + QStringLiteral(": page %1, mode %2")
                                                                    .arg(int(window.currentPage()))
                                                                    .arg(int(window.messagePage()->mode()))));
            ++pages[modelPage ? 1 : 0];
            // A following open works (the controller restarts the worker when it is not running).
            QVERIFY2(test::openAndWait(window, model, 60000), qPrintable(where + QStringLiteral(": reopen")));
            QVERIFY(window.controller()->isOpen());
        }
        qInfo("%d rounds, %d kills in %.1f s: %d crash pages, %d model pages", kKills, kills,
              clock.elapsed() / 1000.0, pages[0], pages[1]);
    }
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    TestUiChaos test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_chaos.moc"
