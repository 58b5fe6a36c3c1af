// Screenshots of the main window for review: start page, three models, a load error, a worker crash.
#include "detailspanel.h"
#include "graph/graphwidget.h"
#include "mainwindow.h"
#include "messagepage.h"
#include "modelcontroller.h"
#include "parametertablemodel.h"
#include "parameterview.h"
#include "sourceindex.h"
#include "stallprobe.h"
#include "testsupport.h"
#include "uitestsupport.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace jitscope;
using namespace jitscope::ui;

class TestUiScreenshots : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> m_window;

    void settle(int ms = 300)
    {
        QTest::qWait(ms);
        QCoreApplication::processEvents();
    }

    void shootModel(const std::string& file, const QString& module)
    {
        QSignalSpy drawn(m_window->graphWidget(), &GraphWidget::layoutFinished);
        QVERIFY(test::openAndWait(*m_window, test::fixture(file)));
        QVERIFY(test::waitForViews(*m_window));
        if (drawn.isEmpty())
            drawn.wait(60000);
        if (!module.isEmpty())
            m_window->selectModule(module);
        // Show a node's details, as after a click in the graph.
        for (const auto& graph : m_window->sources().graphs()) {
            const Node* chosen = nullptr;
            forEachNode(graph->nodes, [&](const Node& node, int) {
                if (!chosen && node.source.valid() && node.kind.rfind("aten::", 0) == 0)
                    chosen = &node;
            });
            if (chosen) {
                Q_EMIT m_window->graphWidget()->nodeSelected(*chosen,
                                                             QString::fromStdString(chosen->module_path));
                break;
            }
        }
        settle(800);
        const QString path = test::saveScreenshot(
            m_window.get(),
            QStringLiteral("window_") + QString::fromStdString(file).section(QLatin1Char('.'), 0, 0));
        qInfo("screenshot %s (open to graph: %.0f ms)", qPrintable(path), m_window->openToGraphMs());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->worker()->isReady(), 30000);
    }

    void startPage()
    {
        settle();
        test::saveScreenshot(m_window.get(), QStringLiteral("window_start"));
    }

    void resnet18()
    {
        shootModel("resnet18_scripted.pt", QStringLiteral("layer2.0"));
        // The parameters tab with statistics for everything, and the IR tab.
        auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("parametersDock"));
        dock->raise();
        ParameterView* parameters = m_window->parameterView();
        parameters->findChild<QPushButton*>(QStringLiteral("computeStats"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(parameters->model()->hasStats(0), 60000);
        settle();
        test::saveScreenshot(m_window.get(), QStringLiteral("window_resnet18_parameters"));
        m_window->findChild<QDockWidget*>(QStringLiteral("fileInfoDock"))->raise();
        settle();
        test::saveScreenshot(m_window.get(), QStringLiteral("window_resnet18_fileinfo"));
        m_window->findChild<QDockWidget*>(QStringLiteral("codeDock"))->raise();
    }
    void controlFlow() { shootModel("control_flow.pt", QString()); }
    void mobilenet() { shootModel("mobilenet_v3_small_scripted.pt", QStringLiteral("features.1")); }

    // The largest fixture: how long until its graph is drawn, and the longest the event loop stalled
    // meanwhile (bench::StallProbe: the biggest gap between the ticks of a 5 ms timer).
    void fasterrcnnResponsiveness()
    {
        QElapsedTimer clock;
        QSignalSpy drawn(m_window->graphWidget(), &GraphWidget::layoutFinished);
        clock.start();
        bench::StallProbe probe;
        QVERIFY(test::openAndWait(*m_window, test::fixture("fasterrcnn_scripted.pt"), 300000));
        QVERIFY(test::waitForViews(*m_window, 300000));
        QVERIFY(drawn.count() > 0 || drawn.wait(300000));
        const qint64 total = clock.elapsed();
        m_window->selectModule(QStringLiteral("backbone.body.1"));
        settle(500);
        const double worst = probe.longestMs();
        qInfo("fasterrcnn: open to first drawn graph %.0f ms (%lld ms with code and views), longest UI stall "
              "%.0f ms",
              m_window->openToGraphMs(), total, worst);
        test::saveScreenshot(m_window.get(), QStringLiteral("window_fasterrcnn_scripted"));
        QVERIFY2(worst < 3000, "the UI thread blocked for seconds");
    }

    void loadError()
    {
        QVERIFY(!test::openAndWait(*m_window, test::fixture("unknown_op.pt")));
        settle();
        test::saveScreenshot(m_window.get(), QStringLiteral("window_error_unknown_op"));
    }

    void crash()
    {
        QVERIFY(test::openAndWait(*m_window, test::fixture("tiny_linear.pt")));
        ::kill(static_cast<pid_t>(m_window->controller()->worker()->processId()), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->messagePage()->mode() == MessagePage::Mode::Crash, 30000);
        settle();
        test::saveScreenshot(m_window.get(), QStringLiteral("window_worker_crash"));
    }

    void cleanupTestCase() { m_window.reset(); }
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    TestUiScreenshots test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_screenshots.moc"
