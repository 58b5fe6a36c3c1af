// The main window's views on resnet18_scripted (and friends), opened through the real worker.
#include "codeview.h"
#include "detailspanel.h"
#include "fileinfoview.h"
#include "filterproxy.h"
#include "graph/graphstore.h"
#include "graph/graphwidget.h"
#include "irview.h"
#include "mainwindow.h"
#include "modelcontroller.h"
#include "moduletreemodel.h"
#include "parametertablemodel.h"
#include "parameterview.h"
#include "qsci.h"
#ifdef JITSCOPE_HAVE_RUN_PANEL
#include "runpanel.h"
#endif
#include "startpage.h"
#include "testsupport.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace jitscope;
using namespace jitscope::ui;
using Tester = QAbstractItemModelTester;

class TestUiWindow : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> m_window;

    static QString pathOf(const QModelIndex& index)
    {
        return index.data(ModuleTreeModel::ModulePathRole).toString();
    }

    // A node with a source line whose text is on that line of the code view.
    const Node* nodeWithSource(const Graph& graph)
    {
        const Node* found = nullptr;
        forEachNode(graph.nodes, [&](const Node& node, int) {
            if (!found && node.source.valid() && node.kind == "prim::CallMethod")
                found = &node;
        });
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QCOMPARE(m_window->currentPage(), MainWindow::Page::Start);
        QVERIFY(test::openAndWait(*m_window, test::fixture("resnet18_scripted.pt")));
        QVERIFY(test::waitForViews(*m_window));
    }

    void modelsPassTheModelTester()
    {
        // Each tester checks the model's consistency now and on every later change (filtering, resets).
        Tester t1(m_window->moduleModel(), Tester::FailureReportingMode::QtTest);
        Tester t2(m_window->moduleProxy(), Tester::FailureReportingMode::QtTest);
        Tester t3(m_window->parameterView()->model(), Tester::FailureReportingMode::QtTest);
        Tester t4(m_window->parameterView()->proxy(), Tester::FailureReportingMode::QtTest);
        Tester t5(m_window->codeView()->outlineProxy(), Tester::FailureReportingMode::QtTest);
        m_window->moduleFilter()->setText(QStringLiteral("conv"));
        m_window->parameterView()->setFilterText(QStringLiteral("bn"));
        m_window->moduleView()->sortByColumn(ModuleTreeModel::ParamsColumn, Qt::DescendingOrder);
        m_window->parameterView()->view()->sortByColumn(ParameterTableModel::BytesColumn, Qt::AscendingOrder);
        m_window->moduleFilter()->clear();
        m_window->parameterView()->setFilterText({});
        m_window->moduleView()->sortByColumn(-1, Qt::AscendingOrder);
        m_window->parameterView()->view()->sortByColumn(-1, Qt::AscendingOrder);
    }

    void moduleTreeHasEveryModule()
    {
        const Json expect = test::expectation("resnet18_scripted");
        const int modules = int(expect["modules"].size());
        QCOMPARE(m_window->moduleModel()->moduleCount(), modules);
        QCOMPARE(test::recursiveRowCount(m_window->moduleModel(), {}), modules);
        QCOMPARE(test::recursiveRowCount(m_window->moduleProxy(), {}), modules);
        // Every expected path is in the tree with its type.
        for (const Json& module : expect["modules"]) {
            const QString path = QString::fromStdString(module["path"].get<std::string>());
            const QModelIndex index = m_window->moduleModel()->indexForPath(path);
            QVERIFY2(index.isValid(), qPrintable(path));
            QCOMPARE(pathOf(index), path);
        }
        // The root's parameter column holds the model's total.
        const QModelIndex root = m_window->moduleModel()->index(0, ModuleTreeModel::ParamsColumn);
        QCOMPARE(root.data(SortRole).toLongLong(), expect["param_count"].get<qlonglong>());
    }

    void filterNarrowsTheTree()
    {
        const int all = test::recursiveRowCount(m_window->moduleProxy(), {});
        m_window->moduleFilter()->setText(QStringLiteral("layer2.1"));
        const int some = test::recursiveRowCount(m_window->moduleProxy(), {});
        QVERIFY2(some > 0 && some < all, qPrintable(QStringLiteral("%1 of %2").arg(some).arg(all)));
        // Recursive: the ancestors stay so the matches keep their place in the tree.
        QVERIFY(m_window->moduleProxy()
                    ->mapFromSource(m_window->moduleModel()->indexForPath(QString()))
                    .isValid());
        QVERIFY(m_window->moduleProxy()
                    ->mapFromSource(m_window->moduleModel()->indexForPath(QStringLiteral("layer2")))
                    .isValid());
        QVERIFY(m_window->moduleProxy()
                    ->mapFromSource(m_window->moduleModel()->indexForPath(QStringLiteral("layer2.1.conv1")))
                    .isValid());
        QVERIFY(!m_window->moduleProxy()
                     ->mapFromSource(m_window->moduleModel()->indexForPath(QStringLiteral("layer1")))
                     .isValid());
        // Terms combine, and types match too.
        m_window->moduleFilter()->setText(QStringLiteral("layer3 BatchNorm2d"));
        const int bn = test::recursiveRowCount(m_window->moduleProxy(), {});
        QVERIFY(bn > 0 && bn < some + 10);
        m_window->moduleFilter()->setText(QStringLiteral("no-such-module"));
        QCOMPARE(test::recursiveRowCount(m_window->moduleProxy(), {}), 0);
        m_window->moduleFilter()->clear();
        QCOMPARE(test::recursiveRowCount(m_window->moduleProxy(), {}), all);
    }

    void parameterTotalsMatchTheEngine()
    {
        const Json expect = test::expectation("resnet18_scripted");
        const ParameterTableModel::Totals totals = m_window->parameterView()->model()->totals();
        QCOMPARE(totals.parameters, int64_t(expect["parameters"].size()));
        QCOMPARE(totals.parameterValues, expect["param_count"].get<int64_t>());
        QCOMPARE(totals.parameterBytes, expect["param_bytes"].get<int64_t>());
        QCOMPARE(totals.buffers, int64_t(expect["buffers"].size()));
        QCOMPARE(totals.bufferValues, expect["buffer_count"].get<int64_t>());
        QCOMPARE(totals.bufferBytes, expect["buffer_bytes"].get<int64_t>());
        QCOMPARE(m_window->parameterView()->model()->rowCount(),
                 int(expect["parameters"].size() + expect["buffers"].size()));
        const QString label = m_window->parameterView()->totalsLabel()->text();
        QVERIFY2(label.contains(QLocale().toString(expect["param_count"].get<qlonglong>())),
                 qPrintable(label));

        m_window->parameterView()->setFilterText(QStringLiteral("fc."));
        QCOMPARE(m_window->parameterView()->proxy()->rowCount(), 2); // fc.weight, fc.bias
        QVERIFY(m_window->parameterView()->totalsLabel()->text().contains(QStringLiteral("shown: 2 of")));
        m_window->parameterView()->setFilterText({});
    }

    void statisticsOnDemand()
    {
        ParameterView* view = m_window->parameterView();
        view->setFilterText(QStringLiteral("fc."));
        const QStringList names = view->statsCandidates();
        QCOMPARE(names.size(), 2);
        view->findChild<QPushButton*>(QStringLiteral("computeStats"))->click();
        const int row = view->proxy()->mapToSource(view->proxy()->index(0, 0)).row();
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->hasStats(row), 30000);
        const QModelIndex mean = view->model()->index(row, ParameterTableModel::MeanColumn);
        QVERIFY(!mean.data().toString().isEmpty());
        view->setFilterText({});
    }

    void selectingANodeFillsTheDetails()
    {
        const auto graphs = m_window->sources().graphs();
        QVERIFY(!graphs.empty());
        const Node* node = nodeWithSource(*graphs.front());
        QVERIFY(node);
        Q_EMIT m_window->graphWidget()->nodeSelected(*node, QString::fromStdString(node->module_path));
        const QString details = m_window->detailsPanel()->plainText();
        QVERIFY2(details.contains(QString::fromStdString(node->kind)), qPrintable(details));
        const QString line =
            QString::fromStdString(node->source.text).section(QLatin1Char('\n'), 0, 0).trimmed();
        QVERIFY2(details.contains(line), qPrintable(details + QStringLiteral("\n---\n") + line));
        QVERIFY(details.contains(
            QStringLiteral("%1:%2").arg(QString::fromStdString(node->source.file)).arg(node->source.line)));
        // The code view followed to the node's line.
        CodeView* code = m_window->codeView();
        QCOMPARE(code->currentFile(), normalizedCodeFile(QString::fromStdString(node->source.file)));
        QVERIFY2(code->editor()->text(code->currentLine() - 1).contains(line),
                 qPrintable(code->editor()->text(code->currentLine() - 1)));
        // The saved-code link jumps there too.
        QVERIFY(m_window->detailsPanel()->linkCount() > 0);
    }

    void clickingACodeLineListsItsNodes()
    {
        const auto graphs = m_window->sources().graphs();
        const Node* node = nodeWithSource(*graphs.front());
        QVERIFY(node);
        QSignalSpy spy(m_window->codeView(), &CodeView::lineActivated);
        m_window->codeView()->showLocation(QString::fromStdString(node->source.file), 1);
        // A user click moves the cursor: that is what selects the nodes of the line.
        m_window->codeView()->editor()->setCursorPosition(node->source.line - 1, 2);
        QTRY_COMPARE(spy.count(), 1); // QScintilla reports cursor moves on its next UI update
        const QString details = m_window->detailsPanel()->plainText();
        QVERIFY2(details.contains(QString::fromStdString(node->kind)), qPrintable(details));
        QVERIFY(!m_window->sources()
                     .nodesAt(QString::fromStdString(node->source.file), node->source.line)
                     .empty());
    }

    void selectingAModuleShowsItsCode()
    {
        m_window->selectModule(QStringLiteral("layer1.0.conv1"));
        const QString details = m_window->detailsPanel()->plainText();
        QVERIFY2(details.contains(QStringLiteral("layer1.0.conv1")), qPrintable(details));
        QVERIFY(details.contains(QStringLiteral("Conv2d")));
        QVERIFY(m_window->codeView()->editor()->text().contains(QStringLiteral("class Conv2d")));
    }

    void fileInfoAndIr()
    {
        const Json expect = test::expectation("resnet18_scripted");
        const QString summary = m_window->fileInfoView()->summaryText();
        QVERIFY(summary.contains(QStringLiteral("resnet18_scripted.pt")));
        QVERIFY(summary.contains(QStringLiteral("forward")));
        QVERIFY(m_window->irView()->currentText().contains(QStringLiteral("graph(")));
        QCOMPARE(m_window->findChild<QComboBox*>(QStringLiteral("methodCombo"))->currentText(),
                 QStringLiteral("forward"));
    }

    void extraFilesAreViewable()
    {
        MainWindow window;
        QVERIFY(test::openAndWait(window, test::fixture("extra_files.pt")));
        QListWidget* list = window.fileInfoView()->extraFiles();
        QVERIFY(list->count() > 0);
        list->setCurrentRow(0);
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.fileInfoView()->extraFileText().startsWith(QStringLiteral("Loading")), 30000);
        QVERIFY(!window.fileInfoView()->extraFileText().isEmpty());
    }

    void multipleMethodsAreOffered()
    {
        MainWindow window;
        QVERIFY(test::openAndWait(window, test::fixture("multi_method.pt")));
        QVERIFY(test::waitForViews(window));
        auto* combo = window.findChild<QComboBox*>(QStringLiteral("methodCombo"));
        QCOMPARE(combo->count(), int(test::expectation("multi_method")["methods"].size()));
    }

    void recentFilesAndReload()
    {
        // The menu is updated at once, the settings by a background thread.
        auto* recentMenu = m_window->findChild<QMenu*>(QStringLiteral("recentMenu"));
        QVERIFY(recentMenu);
        QStringList inMenu;
        for (QAction* action : recentMenu->actions())
            inMenu << action->toolTip();
        QVERIFY(inMenu.contains(test::fixture("resnet18_scripted.pt")));
        QTRY_VERIFY(QSettings()
                        .value(QStringLiteral("recentFiles"))
                        .toStringList()
                        .contains(test::fixture("resnet18_scripted.pt")));
        QSignalSpy shown(m_window.get(), &MainWindow::modelShown);
        m_window->reload();
        QVERIFY(shown.wait(60000));
        QCOMPARE(m_window->currentPage(), MainWindow::Page::Model);
        QVERIFY(test::waitForViews(*m_window));
    }

    // A dock the user closed stays closed when the next model opens, and in the next session; the View
    // menu brings it back.
    void closedDocksStayClosed()
    {
        auto* details = m_window->findChild<QDockWidget*>(QStringLiteral("detailsDock"));
        QVERIFY(details && details->isVisible());
        details->close();
        QVERIFY(!details->isVisible());
        QSignalSpy shown(m_window.get(), &MainWindow::modelShown);
        m_window->reload();
        QVERIFY(shown.wait(60000));
        QVERIFY(test::waitForViews(*m_window));
        QVERIFY(!details->isVisible());
        QVERIFY(m_window->findChild<QDockWidget*>(QStringLiteral("modulesDock"))->isVisible());
        {
            m_window->saveWindowSettings();
            MainWindow next;
            next.show();
            QVERIFY(test::openAndWait(next, test::fixture("tiny_linear.pt")));
            QVERIFY(!next.findChild<QDockWidget*>(QStringLiteral("detailsDock"))->isVisible());
            QVERIFY(next.findChild<QDockWidget*>(QStringLiteral("modulesDock"))->isVisible());
        }
        details->toggleViewAction()->trigger();
        QVERIFY(details->isVisible());
        m_window->reload();
        QVERIFY(shown.wait(60000));
        QVERIFY(details->isVisible());
    }

    void dropOpensTheFile()
    {
        MainWindow window;
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(test::fixture("tiny_linear.pt"))});
        QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy shown(&window, &MainWindow::modelShown);
        QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(shown.wait(60000));
        QCOMPARE(shown.first().first().toString(), test::fixture("tiny_linear.pt"));
    }

    void startPageOffersTheSample()
    {
        MainWindow window;
        QCOMPARE(window.currentPage(), MainWindow::Page::Start);
        auto* sample = window.startPage()->findChild<QPushButton*>(QStringLiteral("startSample"));
        QCOMPARE(sample->isEnabled(), !MainWindow::samplePath().isEmpty());
        if (MainWindow::samplePath().isEmpty())
            QSKIP("resources/sample/sample.pt is not there");
        QSignalSpy shown(&window, &MainWindow::modelShown);
        sample->click();
        QVERIFY(shown.wait(60000));
        QVERIFY(window.moduleModel()->moduleCount() > 1);
    }

    void runPanelRunsTheModel()
    {
#ifdef JITSCOPE_HAVE_RUN_PANEL
        MainWindow window;
        auto* panel = qobject_cast<RunPanel*>(window.runPanel());
        QVERIFY(panel);
        QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("runDock")));
        QVERIFY(test::openAndWait(window, test::fixture("tiny_linear.pt")));
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 30000);
        // The argument editors arrive from the worker; tiny_linear is Linear(3, 2).
        QTRY_VERIFY_WITH_TIMEOUT(panel->findChild<QLineEdit*>(QStringLiteral("input_input")), 30000);
        panel->setInputText(QStringLiteral("input"), QStringLiteral("randn:4x3"));
        panel->run();
        QTRY_VERIFY2_WITH_TIMEOUT(panel->outputsTree()->topLevelItemCount() > 0,
                                  qPrintable(panel->statusText()), 60000);
#else
        QSKIP("ui/run is not built");
#endif
    }

    // A benchmark with the per-op profile colours the graph: the convolutions of traced resnet18 take most
    // of its time, so the conv1 call is hot and the window shows it.
    void profileColoursTheGraph()
    {
#ifdef JITSCOPE_HAVE_RUN_PANEL
        QVERIFY(test::openAndWait(*m_window, test::fixture("resnet18_traced.pt")));
        QVERIFY(test::waitForViews(*m_window));
        auto* panel = qobject_cast<RunPanel*>(m_window->runPanel());
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->findChild<QLineEdit*>(QStringLiteral("input_x")), 30000);
        panel->setInputText(QStringLiteral("x"), QStringLiteral("randn:1x3x224x224"));
        panel->findChild<QSpinBox*>(QStringLiteral("warmup"))->setValue(1);
        panel->findChild<QSpinBox*>(QStringLiteral("iters"))->setValue(3);
        panel->findChild<QCheckBox*>(QStringLiteral("profile"))->setChecked(true);
        m_window->findChild<QDockWidget*>(QStringLiteral("runDock"))->raise();
        GraphWidget* graph = m_window->graphWidget();
        QVERIFY(!graph->isHeatShown());
        panel->benchmark();
        QTRY_VERIFY2_WITH_TIMEOUT(panel->profileTable()->rowCount() > 0, qPrintable(panel->statusText()),
                                  120000);
        QTRY_VERIFY_WITH_TIMEOUT(graph->isHeatShown(), 10000);
        // The root graph's conv1 call: its share is every op recorded under module "conv1".
        double hottest = 0;
        for (const auto& g : m_window->sources().graphs()) {
            if (!g->module_path.empty() || g->method != "forward" || g->inlined)
                continue;
            forEachNode(g->nodes, [&](const Node& node, int) {
                if (node.callee && node.callee->module_path == "conv1")
                    hottest = graph->heatOf(QString(), node.id);
            });
        }
        QVERIFY2(hottest > 0.02, qPrintable(QString::number(hottest)));
        QTest::qWait(500);
        test::saveScreenshot(m_window.get(), QStringLiteral("window_resnet18_heat"));
#else
        QSKIP("ui/run is not built");
#endif
    }

    void freeFunctionGraphsComeFromTheWorker()
    {
        // fasterrcnn's rpn.forward calls the free function concat_box_prediction_layers: when the graph view
        // asks for it, the window fetches it with the worker's `graph {"function": …}` request.
        MainWindow window;
        window.show();
        QVERIFY(test::openAndWait(window, test::fixture("fasterrcnn_scripted.pt")));
        GraphStore* store = window.controller()->graphs();
        QSignalSpy spy(store, &GraphStore::graphArrived);
        const QString function =
            QStringLiteral("__torch__.torchvision.models.detection.rpn.concat_box_prediction_layers");
        const GraphRef ref = GraphRef::function(function.toStdString());
        store->request(ref);
        QVERIFY(store->isPending(ref) || store->contains(ref));
        QTRY_VERIFY_WITH_TIMEOUT(store->contains(ref), 60000);
        const Graph graph = *store->graph(ref);
        QCOMPARE(QString::fromStdString(graph.method), function);
        QVERIFY(graph.module_path.empty());
        QCOMPARE(graph.inputs.size(), size_t(2)); // box_cls, box_regression
        QVERIFY(recursiveNodeCount(graph) > 10);
    }

    void cleanupTestCase()
    {
        m_window.reset();
    }
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    TestUiWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_window.moc"
