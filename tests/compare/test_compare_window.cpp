// The compare view through the real worker, offscreen: verdict, control flow click → code line, the
// parameter table (QAbstractItemModelTester, sorting by difference), module tree, graphs, export;
// screenshots for review.
#include "compareview.h"
#include "graph/graphstore.h"
#include "graphwidget.h"
#include "parameterdiffmodel.h"
#include "testsupport.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace jitscope;
using namespace jitscope::ui;

class TestCompareWindow : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<CompareView> m_view;

    bool compareAndWait(const std::string& a, const std::string& b, const std::string& inputs)
    {
        m_view = std::make_unique<CompareView>();
        m_view->resize(1500, 950);
        m_view->show();
        QSignalSpy ready(m_view.get(), &CompareView::reportReady);
        CompareRequest request;
        request.a = test::fixture(a);
        request.b = test::fixture(b);
        request.inputsFile = test::fixture(inputs);
        request.iters = 10;
        m_view->start(request);
        return ready.wait(180000);
    }

private Q_SLOTS:
    void branchPairDiverges()
    {
        QVERIFY(compareAndWait("cmp_branch_traced.pt", "cmp_branch_scripted.pt", "cmp_branch.inputs.pt"));
        const CompareReport& r = *m_view->report();
        QCOMPARE(QString::fromStdString(r.verdict), QStringLiteral("diverges"));
        QVERIFY(m_view->verdictLabel()->text().contains(QStringLiteral("diverges")));
        test::saveScreenshot(m_view.get(), QStringLiteral("compare_summary"));

        // Control flow only in B: clicking it shows its code line (saved and original Python).
        QTreeWidget* flow = m_view->controlFlowTree();
        QCOMPARE(flow->topLevelItemCount(), 1);
        QCOMPARE(flow->topLevelItem(0)->text(0), QStringLiteral("B only"));
        m_view->tabs()->setCurrentIndex(1);
        flow->setCurrentItem(flow->topLevelItem(0));
        Q_EMIT flow->itemClicked(flow->topLevelItem(0), 0);
        QVERIFY2(m_view->codeLine()->text().contains(QStringLiteral("x.sum() &gt; 0")), qPrintable(m_view->codeLine()->text()));
        test::saveScreenshot(m_view.get(), QStringLiteral("compare_control_flow"));

        // Modules in step: `gate` is marked as the first divergence.
        QList<QTreeWidgetItem*> gate = m_view->moduleTree()->findItems(QStringLiteral("gate"), Qt::MatchRecursive | Qt::MatchExactly);
        QCOMPARE(gate.size(), 1);
        QVERIFY(gate[0]->text(3).contains(QStringLiteral("first divergence")));

        // Both graphs arrive; "show in both graphs" selects the gate's nodes.
        QTRY_VERIFY_WITH_TIMEOUT(m_view->graph(0)->sceneNodeCount() > 0 && m_view->graph(1)->sceneNodeCount() > 0, 60000);
        QVERIFY(m_view->graph(0)->isInlinedMode());
        m_view->showDivergenceInGraphs();
        QTRY_VERIFY_WITH_TIMEOUT(!m_view->graph(1)->isLayoutPending(), 30000);
        QTest::qWait(500);
        test::saveScreenshot(m_view.get(), QStringLiteral("compare_graphs"));
        m_view->tabs()->setCurrentIndex(m_view->tabs()->count() - 1);
        QTest::qWait(300);
        test::saveScreenshot(m_view.get(), QStringLiteral("compare_timing"));

        QTemporaryDir dir;
        QVERIFY(m_view->exportMachineReadable(dir.filePath(QStringLiteral("r.json"))));
        QVERIFY(m_view->exportMarkdown(dir.filePath(QStringLiteral("r.md"))));
        QFile json(dir.filePath(QStringLiteral("r.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QVERIFY(Json::parse(json.readAll().toStdString())["verdict"] == "diverges");
        QFile md(dir.filePath(QStringLiteral("r.md")));
        QVERIFY(md.open(QIODevice::ReadOnly));
        QVERIFY(md.readAll().startsWith("# Verdict: diverges"));
    }

    // Each side's graph widget reads that side's GraphStore, which the controller fills from that side's
    // model: a call expanded out of the inlined view arrives through it, and a free function's graph is
    // asked of the worker too (the widget's own store left those requests unanswered).
    void graphCallsExpandThroughSideStores()
    {
        QVERIFY(compareAndWait("cmp_branch_traced.pt", "cmp_branch_scripted.pt", "cmp_branch.inputs.pt"));
        GraphWidget* graph = m_view->graph(1);
        GraphStore* store = graph->store();
        for (int side = 0; side < 2; ++side)
            QCOMPARE(m_view->graph(side)->store(), m_view->controller()->graphs(side));
        m_view->tabs()->setCurrentIndex(m_view->tabs()->count() - 2); // Graphs
        QTRY_VERIFY_WITH_TIMEOUT(
            graph->isInlinedMode() && graph->sceneNodeCount() > 0 && !graph->isLayoutPending(), 60000);
        QVERIFY(store->contains(GraphRef::method("", "forward", true)));

        graph->setInlinedMode(false);
        graph->collapseAll();
        QTRY_VERIFY_WITH_TIMEOUT(!graph->isLayoutPending(), 30000);
        const int collapsed = graph->visibleNodeCount();
        const GraphRef gate = GraphRef::method("gate", "forward");
        QVERIFY(graph->expandCall(QStringLiteral("gate"), QStringLiteral("forward")));
        QTRY_VERIFY_WITH_TIMEOUT(store->contains(gate), 30000);
        QVERIFY(!m_view->controller()->graphs(0)->isPending(gate)); // asked of B's model alone
        QTRY_VERIFY_WITH_TIMEOUT(!graph->isLayoutPending() && graph->visibleNodeCount() > collapsed, 30000);
        // B's gate holds the If a trace of A cannot have.
        bool hasIf = false;
        forEachNode(store->graph(gate)->nodes,
                    [&](const Node& n, int) { hasIf = hasIf || n.kind == "prim::If"; });
        QVERIFY(hasIf);
        test::saveScreenshot(m_view.get(), QStringLiteral("compare_graphs_expanded"));

        // A function's graph is asked of the worker by qualified name; this one is not in the model: refused.
        const GraphRef missing = GraphRef::function("__torch__.no_such_function");
        QSignalSpy refused(store, &GraphStore::graphFailed);
        QVERIFY(!store->request(missing));
        QTRY_VERIFY_WITH_TIMEOUT(store->isUnavailable(missing), 30000);
        QCOMPARE(refused.size(), 1);
    }

    void checkpointsParameterTable()
    {
        QVERIFY(compareAndWait("cmp_ckpt1.pt", "cmp_ckpt2.pt", "cmp_ckpts.inputs.pt"));
        QSortFilterProxyModel* proxy = m_view->parameterProxy();
        QAbstractItemModelTester tester(proxy->sourceModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(proxy->rowCount(), 9);
        proxy->sort(ParameterDiffModel::MaxAbsDiff, Qt::DescendingOrder);
        const double first = proxy->index(0, ParameterDiffModel::MaxAbsDiff).data(ParameterDiffModel::SortRole).toDouble();
        QCOMPARE(first, m_view->report()->parameters.max_abs_diff);
        for (int row = 1; row < proxy->rowCount(); ++row)
            QVERIFY(proxy->index(row, ParameterDiffModel::MaxAbsDiff).data(ParameterDiffModel::SortRole).toDouble() <=
                    proxy->index(row - 1, ParameterDiffModel::MaxAbsDiff).data(ParameterDiffModel::SortRole).toDouble());
        m_view->tabs()->setCurrentIndex(3);
        QTest::qWait(200);
        test::saveScreenshot(m_view.get(), QStringLiteral("compare_parameters"));
    }

    void stopEndsIt()
    {
        m_view = std::make_unique<CompareView>();
        QSignalSpy failed(m_view.get(), &CompareView::failed);
        CompareRequest request;
        request.a = test::fixture("cmp_plain_traced.pt");
        request.b = test::fixture("cmp_plain_scripted.pt");
        request.inputsFile = test::fixture("cmp_plain.inputs.pt");
        request.iters = 1000000;
        m_view->start(request);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->controller()->isRunning(), 60000);
        QTest::qWait(500);
        m_view->stop();
        QVERIFY(failed.wait(30000));
        QCOMPARE(failed.first().first().toString(), QStringLiteral("Stopped."));
    }

    void cleanupTestCase() { m_view.reset(); }
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    TestCompareWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_compare_window.moc"
