// Issue 11 in the window: a run with "Record values" through the real worker labels the graph's edges with
// shapes (nested and inlined views), marks the NaN node red, finds it, shows statistics on hover, and
// drops the values when the inputs change. Expectations are PyTorch's (tests/fixtures/fixtures_values.py).
#include "codeview.h"
#include "detailspanel.h"
#include "graph/graphitems.h"
#include "graph/graphwidget.h"
#include "graph/passesview.h"
#include "graph/passkindsmodel.h"
#include "graph/valueoverlay.h"
#include "mainwindow.h"
#include "modelcontroller.h"
#include "protocol/values.h"
#include "workersession.h"
#include "sourceindex.h"
#ifdef JITSCOPE_HAVE_RUN_PANEL
#include "runpanel.h"
#endif
#include "testsupport.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QGraphicsScene>
#include <QHeaderView>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

#include <fstream>

using namespace jitscope;
using namespace jitscope::ui;
using jitscope::test::cliPath;
using jitscope::test::fixturePath;
using jitscope::test::runProcess;

namespace {

Json expectation(const std::string& name)
{
    std::ifstream in(fixturePath(name + ".values.json"));
    return Json::parse(in);
}

std::string quoted(const std::string& s)
{
    return "'" + s + "'";
}

// "%g" with 5 digits, as the tooltip writes numbers.
QString number(double v)
{
    return QString::number(v, 'g', 5);
}

} // namespace

class TestUiValues : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> m_window;
#ifdef JITSCOPE_HAVE_RUN_PANEL
    RunPanel* panel() const { return qobject_cast<RunPanel*>(m_window->runPanel()); }
#endif
    GraphWidget* graph() const { return m_window->graphWidget(); }

    // The (last) drawn box of an IR node of this kind; null when none is drawn.
    NodeItem* drawnNodeOfKind(const std::string& kind) const
    {
        NodeItem* found = nullptr;
        for (QGraphicsItem* item : graph()->scene()->items())
            if (item->type() == NodeItem::Type && static_cast<NodeItem*>(item)->sceneNode().get().node &&
                static_cast<NodeItem*>(item)->sceneNode().get().node->kind == kind)
                found = static_cast<NodeItem*>(item);
        return found;
    }

    std::shared_ptr<const Graph> rootGraph() const
    {
        for (const auto& g : m_window->sources().graphs())
            if (g->module_path.empty() && g->method == "forward" && !g->inlined)
                return g;
        return nullptr;
    }

    QStringList valueLabels() const
    {
        QStringList labels;
        for (EdgeItem* edge : graph()->edgeItems())
            if (edge->hasValue())
                labels << edge->label();
        return labels;
    }

    bool settled() const { return !graph()->isLayoutPending() && !graph()->hasPendingGraphs(); }

    // Opens `name`.pt, runs it with its fixture's inputs and "Record values" on.
    void openAndRecord(const std::string& name)
    {
#ifdef JITSCOPE_HAVE_RUN_PANEL
        const Json e = expectation(name);
        QVERIFY(test::openAndWait(*m_window, test::fixture(e["file"].get<std::string>())));
        QVERIFY(test::waitForViews(*m_window));
        RunPanel* p = panel();
        QTRY_VERIFY_WITH_TIMEOUT(!p->isBusy(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(p->findChild<QLineEdit*>(QStringLiteral("input_x")), 30000);
        p->setInputText(QStringLiteral("x"), QString::fromStdString(e["inputs"][0].get<std::string>()));
        p->recordValuesBox()->setChecked(true);
        m_window->findChild<QDockWidget*>(QStringLiteral("runDock"))->raise();
        p->run();
        QTRY_VERIFY2_WITH_TIMEOUT(p->hasValues(), qPrintable(p->statusText()), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(graph()->hasValues() && settled(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!valueLabels().isEmpty(), 30000);
#else
        Q_UNUSED(name);
#endif
    }

private Q_SLOTS:
    void initTestCase()
    {
#ifndef JITSCOPE_HAVE_RUN_PANEL
        QSKIP("ui/run is not built");
#endif
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1500, 950);
        m_window->show();
    }

    void edgesShowShapesAndTheNanNodeIsRed()
    {
        openAndRecord("values_nan");
        if (QTest::currentTestFailed())
            return;
        // NanMiddle: fc1 (2×16) → log (2×16, NaN) → fc2 (2×4): all drawn in the root graph, calls collapsed.
        const QStringList labels = valueLabels();
        QVERIFY2(labels.contains(QStringLiteral("2×16")), qPrintable(labels.join(QLatin1Char('|'))));
        QVERIFY2(labels.contains(QStringLiteral("2×8")), qPrintable(labels.join(QLatin1Char('|'))));
        auto root = rootGraph();
        QVERIFY(root);
        // The small model opens expanded: fc2's linear is red inside its module, fc1's is not.
        int64_t logId = -1, fc1Call = -1, fc2Call = -1;
        for (const Node& node : root->nodes) {
            if (node.kind == "aten::log")
                logId = node.id;
            if (node.callee && node.callee->module_path == "fc1")
                fc1Call = node.id;
            if (node.callee && node.callee->module_path == "fc2")
                fc2Call = node.id;
        }
        QVERIFY(logId >= 0 && fc1Call >= 0 && fc2Call >= 0);
        QVERIFY(graph()->isNonFiniteNode(QString(), logId));
        auto linearOf = [this](const std::string& module) {
            for (const auto& g : m_window->sources().graphs())
                if (g->module_path == module && g->method == "forward" && !g->inlined)
                    for (const Node& node : g->nodes)
                        if (node.kind == "aten::linear")
                            return node.id;
            return int64_t(-1);
        };
        if (graph()->isExpanded(QString::number(fc2Call))) {
            QVERIFY(graph()->isNonFiniteNode(QString::number(fc2Call), linearOf("fc2")));
            QVERIFY(!graph()->isNonFiniteNode(QString::number(fc1Call), linearOf("fc1")));
        }
        QTest::qWait(300);
        test::saveScreenshot(m_window.get(), QStringLiteral("values_nan_nested"));
        test::saveScreenshot(graph(), QStringLiteral("values_nan_graph")); // README: docs/images/values_nan.png
        // Collapsed, the modules' boxes carry it: fc2's output is all NaN, fc1's is finite.
        graph()->collapseAll();
        QTRY_VERIFY_WITH_TIMEOUT(settled() && !graph()->isExpanded(QString::number(fc2Call)), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(graph()->isNonFiniteNode(QString(), fc2Call), 10000);
        QVERIFY(!graph()->isNonFiniteNode(QString(), fc1Call));
        QVERIFY2(valueLabels().contains(QStringLiteral("2×4")), qPrintable(valueLabels().join(QLatin1Char('|'))));
        QTest::qWait(300);
        test::saveScreenshot(m_window.get(), QStringLiteral("values_nan_collapsed"));
        graph()->expandAll();
        QTRY_VERIFY_WITH_TIMEOUT(settled() && graph()->isExpanded(QString::number(fc2Call)), 30000);
    }

    void hoverShowsPyTorchsStatistics()
    {
        const Json log = expectation("values_nan")["log"];
        QString tip;
        for (EdgeItem* edge : graph()->edgeItems())
            if (edge->hasValue() && edge->valueToolTip().contains(QStringLiteral("aten::log")))
                tip = edge->valueToolTip();
        QVERIFY(!tip.isEmpty());
        QVERIFY2(tip.contains(QStringLiteral("min ") + number(log["min"].get<double>())), qPrintable(tip.left(400)));
        QVERIFY2(tip.contains(QStringLiteral("max ") + number(log["max"].get<double>())), qPrintable(tip.left(400)));
        QVERIFY(tip.contains(QStringLiteral("NaN %1").arg(log["nans"].get<int>())));
        QVERIFY(tip.contains(QStringLiteral("data:image/png;base64,"))); // the histogram
        // What the tooltip shows, rendered the way QToolTip's label renders rich text.
        QTextDocument document;
        document.setHtml(tip);
        document.setTextWidth(260);
        QImage image(document.size().toSize(), QImage::Format_ARGB32);
        image.fill(QColor(0xff, 0xff, 0xe8));
        QPainter painter(&image);
        document.drawContents(&painter);
        painter.end();
        int bars = 0; // the histogram's blue
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                bars += image.pixelColor(x, y) == QColor(0x4a, 0x7b, 0xd0);
        QVERIFY2(bars > 50, qPrintable(QString::number(bars)));
        if (const QString dir = qEnvironmentVariable("JITSCOPE_SCREENSHOT_DIR"); !dir.isEmpty())
            image.save(dir + QStringLiteral("/values_tooltip.png"));
    }

    void goToFirstNanSelectsTheLogAndShowsItsLine()
    {
#ifdef JITSCOPE_HAVE_RUN_PANEL
        QVERIFY(panel()->firstNonFiniteButton()->isEnabled());
        m_window->graphWidget()->scene()->clearSelection();
        panel()->firstNonFiniteButton()->click();
        auto selectedKind = [this] {
            for (QGraphicsItem* item : graph()->scene()->selectedItems())
                if (item->type() == NodeItem::Type && static_cast<NodeItem*>(item)->sceneNode().get().node)
                    return QString::fromStdString(static_cast<NodeItem*>(item)->sceneNode().get().node->kind);
            return QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(selectedKind(), QStringLiteral("aten::log"), 10000);
        const FirstNonFinite& first = *graph()->valueOverlayTable()->first_nonfinite;
        QCOMPARE(m_window->findChild<CodeView*>()->currentLine(), first.source.line);
#endif
    }

    // Selecting the log node lists its input's and output's values in the Details dock, each with Save….
    void detailsListTheSelectedNodesValues()
    {
        NodeItem* log = drawnNodeOfKind("aten::log");
        QVERIFY(log);
        graph()->scene()->clearSelection();
        log->setSelected(true);
        DetailsPanel* details = m_window->detailsPanel();
        QTRY_VERIFY_WITH_TIMEOUT(details->plainText().contains(QStringLiteral("Values (recorded run)")), 5000);
        const QString text = details->plainText();
        QVERIFY2(text.contains(QStringLiteral("2×16 float32")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("NaN 11")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Save…")));
    }

    // What Save value… sends: the typed save_value request; numpy reads back the log's 2×16 with its NaNs.
    void saveValueWritesTheTensor()
    {
        const FirstNonFinite& first = *graph()->valueOverlayTable()->first_nonfinite;
        QTemporaryDir dir;
        protocol::SaveValueRequest request;
        request.handle = m_window->controller()->handle();
        request.value = first.value;
        request.path = dir.filePath(QStringLiteral("log.npy")).toStdString();
        bool done = false;
        QString failure;
        m_window->controller()->session()->request(
            request, [&](const protocol::SaveValueResult&) { done = true; },
            [&](const Error& e) { failure = QString::fromStdString(e.message); });
        QTRY_VERIFY2_WITH_TIMEOUT(done || !failure.isEmpty(), qPrintable(failure), 60000);
        QVERIFY2(done, qPrintable(failure));
        auto r = runProcess(std::string(JITSCOPE_PYTHON) + " -c \"import numpy; a = numpy.load('" + request.path +
                            "'); print(list(a.shape), int(numpy.isnan(a).sum()))\"");
        QCOMPARE(QString::fromStdString(r.out).trimmed(), QStringLiteral("[2, 16] 11"));
    }

    void inlinedViewShowsTheSameValues()
    {
        graph()->setInlinedMode(true);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && !valueLabels().isEmpty(), 30000);
        QVERIFY(valueLabels().contains(QStringLiteral("2×16")));
        const FirstNonFinite& first = *graph()->valueOverlayTable()->first_nonfinite;
        QVERIFY(graph()->isNonFiniteNode(QString(), first.node));
        QVERIFY(graph()->goToFirstNonFinite());
        QTRY_VERIFY_WITH_TIMEOUT(!graph()->scene()->selectedItems().isEmpty(), 10000);
        QTest::qWait(300);
        test::saveScreenshot(m_window.get(), QStringLiteral("values_nan_inlined"));
        graph()->setInlinedMode(false);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && !valueLabels().isEmpty(), 30000);
    }

    void valuesAreDroppedWhenTheInputsChange()
    {
#ifdef JITSCOPE_HAVE_RUN_PANEL
        QVERIFY(graph()->hasValues());
        panel()->setInputText(QStringLiteral("x"), QStringLiteral("randn:2x8"));
        QVERIFY(!graph()->hasValues());
        QVERIFY(!panel()->firstNonFiniteButton()->isEnabled());
        QVERIFY(valueLabels().isEmpty());
        for (QGraphicsItem* item : graph()->scene()->items())
            if (item->type() == NodeItem::Type)
                QVERIFY(!static_cast<NodeItem*>(item)->isNonFinite());
#endif
    }

    // Issue 11: the node selected before the run gets its values in Details when they arrive, and loses them
    // when they are dropped, without being clicked again.
    void detailsFollowValuesRecordedAfterSelection()
    {
#ifdef JITSCOPE_HAVE_RUN_PANEL
        QVERIFY(!graph()->hasValues());
        NodeItem* log = drawnNodeOfKind("aten::log");
        QVERIFY(log);
        graph()->scene()->clearSelection();
        log->setSelected(true);
        DetailsPanel* details = m_window->detailsPanel();
        QTRY_VERIFY_WITH_TIMEOUT(details->plainText().contains(QStringLiteral("aten::log")), 5000);
        QVERIFY(!details->plainText().contains(QStringLiteral("Values (recorded run)")));
        const Json e = expectation("values_nan");
        panel()->setInputText(QStringLiteral("x"), QString::fromStdString(e["inputs"][0].get<std::string>()));
        QVERIFY(panel()->recordValuesBox()->isChecked());
        panel()->run();
        QTRY_VERIFY2_WITH_TIMEOUT(panel()->hasValues(), qPrintable(panel()->statusText()), 60000);
        QTRY_VERIFY2_WITH_TIMEOUT(details->plainText().contains(QStringLiteral("Values (recorded run)")),
                                  qPrintable(details->plainText()), 30000);
        QVERIFY2(details->plainText().contains(QStringLiteral("NaN 11")), qPrintable(details->plainText()));
        QVERIFY(details->plainText().contains(QStringLiteral("aten::log")));
        panel()->setInputText(QStringLiteral("x"), QStringLiteral("randn:2x8"));
        QTRY_VERIFY_WITH_TIMEOUT(!details->plainText().contains(QStringLiteral("Values (recorded run)")),
                                 5000);
        QVERIFY(details->plainText().contains(QStringLiteral("aten::log")));
#endif
    }

    // resnet18: the collapsed layers' edges carry their outputs' shapes; expanding layer1 shows its blocks'.
    void classifierEdgesInTheNestedView()
    {
        openAndRecord("values_classifier");
        if (QTest::currentTestFailed())
            return;
        QStringList labels = valueLabels();
        for (const char* shape : {"1×3×64×64", "1×64×32×32", "1×64×16×16", "1×128×8×8", "1×512×2×2", "1×10"})
            QVERIFY2(labels.contains(QString::fromUtf8(shape)), qPrintable(labels.join(QLatin1Char('|')) + QString::fromUtf8(shape)));
        QVERIFY(graph()->expandCall(QStringLiteral("layer1"), QStringLiteral("forward")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 30000);
        QTest::qWait(300);
        test::saveScreenshot(m_window.get(), QStringLiteral("values_classifier_edges"));
        // No value is non-finite: nothing red.
        for (QGraphicsItem* item : graph()->scene()->items())
            if (item->type() == NodeItem::Type)
                QVERIFY(!static_cast<NodeItem*>(item)->isNonFinite());
    }

    // The Pass box: inlined beside frozen, with the node counts `graph --pass P --format json` gives.
    void passesSideBySide()
    {
        auto* combo = m_window->findChild<QComboBox*>(QStringLiteral("passCombo"));
        auto* passes = m_window->findChild<PassesView*>(QStringLiteral("passesView"));
        QVERIFY(combo && passes);
        QAbstractItemModelTester tester(passes->kindsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // A 1600×1000 screen: two passes side by side must not widen the window nor squeeze the docks.
        m_window->resize(1600, 1000);
        QTest::qWait(200);
        auto* modulesDock = m_window->findChild<QDockWidget*>(QStringLiteral("modulesDock"));
        auto* detailsDock = m_window->findChild<QDockWidget*>(QStringLiteral("detailsDock"));
        QVERIFY(modulesDock && detailsDock);
        const int modulesWidth = modulesDock->width(), detailsWidth = detailsDock->width();
        QVERIFY2(modulesWidth >= 200 && detailsWidth >= 200,
                 qPrintable(QStringLiteral("%1 %2").arg(modulesWidth).arg(detailsWidth)));
        combo->setCurrentText(QStringLiteral("inlined"));
        Q_EMIT combo->textActivated(QStringLiteral("inlined"));
        QVERIFY(passes->isVisible());
        QVERIFY(!graph()->isVisible());
        passes->rightChooser()->setCurrentIndex(passes->rightChooser()->findData(QStringLiteral("frozen")));
        PassKindsModel* kinds = passes->kindsModel();
        QTRY_VERIFY_WITH_TIMEOUT(kinds->count(QStringLiteral("inlined"), {}) > 0 &&
                                     kinds->count(QStringLiteral("frozen"), {}) > 0 &&
                                     kinds->count(QStringLiteral("saved"), {}) > 0,
                                 60000);
        const std::string file = quoted(fixturePath("values_classifier.pt"));
        for (const char* pass : {"saved", "inlined", "frozen"}) {
            auto r = runProcess(quoted(cliPath()) + " graph " + file + " --pass " + pass + " --format json");
            QCOMPARE(r.exitCode, 0);
            QCOMPARE(kinds->count(QString::fromLatin1(pass), {}), Json::parse(r.out)["node_count"].get<int>());
        }
        QCOMPARE(kinds->count(QStringLiteral("frozen"), QStringLiteral("prim::GetAttr")), 0); // freezing folds them
        QVERIFY(kinds->count(QStringLiteral("inlined"), QStringLiteral("prim::GetAttr")) > 0);
        QTRY_VERIFY_WITH_TIMEOUT(passes->pane(0)->sceneNodeCount() > 0 && passes->pane(1)->sceneNodeCount() > 0 &&
                                     !passes->pane(0)->isLayoutPending() && !passes->pane(1)->isLayoutPending(),
                                 60000);
        QTest::qWait(300);
        test::saveScreenshot(m_window.get(), QStringLiteral("passes_side_by_side"));
        QVERIFY2(m_window->width() <= 1600, qPrintable(QString::number(m_window->width())));
        QVERIFY2(std::abs(modulesDock->width() - modulesWidth) <= 2 &&
                     std::abs(detailsDock->width() - detailsWidth) <= 2,
                 qPrintable(
                     QStringLiteral("modules %1 → %2, details %3 → %4 (passes view needs %5: panes %6 + %7)")
                         .arg(modulesWidth)
                         .arg(modulesDock->width())
                         .arg(detailsWidth)
                         .arg(detailsDock->width())
                         .arg(passes->minimumSizeHint().width())
                         .arg(passes->pane(0)->minimumSizeHint().width())
                         .arg(passes->pane(1)->minimumSizeHint().width())));
        for (int i = 0; i < 2; ++i) // both panes' graphs get a usable width
            QVERIFY2(passes->pane(i)->width() >= 250, qPrintable(QString::number(passes->pane(i)->width())));
        // The op-kind table, in its tab, shows every column whole.
        auto* table = passes->findChild<QTableView*>(QStringLiteral("passKinds"));
        QVERIFY(table);
        passes->tabs()->setCurrentWidget(table);
        QTest::qWait(100);
        QCOMPARE(table->model()->columnCount(), 4); // Op kind, saved, inlined, frozen
        QVERIFY2(table->horizontalHeader()->length() <= table->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2")
                                .arg(table->horizontalHeader()->length())
                                .arg(table->viewport()->width())));
        QVERIFY(passes->tabs()->tabText(1).contains(QStringLiteral("frozen")));
        test::saveScreenshot(m_window.get(), QStringLiteral("passes_op_kinds"));
        passes->tabs()->setCurrentIndex(0);
        // Back to the saved graph: the graph view returns.
        passes->rightChooser()->setCurrentIndex(0);
        combo->setCurrentText(QStringLiteral("saved"));
        Q_EMIT combo->textActivated(QStringLiteral("saved"));
        QVERIFY(graph()->isVisible());
        QVERIFY(!passes->isVisible());
    }

    // A pass that cannot be made says why in its pane: executed before any run of a freshly opened model.
    void aFailedPassShowsItsReason()
    {
        QVERIFY(test::openAndWait(*m_window, test::fixture("values_list.pt")));
        QVERIFY(test::waitForViews(*m_window));
        auto* combo = m_window->findChild<QComboBox*>(QStringLiteral("passCombo"));
        auto* passes = m_window->findChild<PassesView*>(QStringLiteral("passesView"));
        combo->setCurrentText(QStringLiteral("executed"));
        Q_EMIT combo->textActivated(QStringLiteral("executed"));
        QTRY_VERIFY_WITH_TIMEOUT(passes->paneMessage(0).contains(QStringLiteral("run the model first")), 30000);
        QVERIFY(passes->paneMessage(0).contains(QStringLiteral("executed pass failed")));
    }

    // Last: it loads another model than the pass tests above expect.
    // One code run as several copies (block.act inside both block calls and once directly in between; cube
    // called twice from one unrolled call site): expanded, every copy's result is on an edge, with the
    // statistics PyTorch computed for that call.
    void nestedCopiesShowTheirOwnValues()
    {
        openAndRecord("values_nesting");
        if (QTest::currentTestFailed())
            return;
        graph()->expandAll();
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 30000);
        QTest::qWait(300);
        test::saveScreenshot(m_window.get(), QStringLiteral("values_nesting_expanded"));
        QStringList tips;
        for (EdgeItem* edge : graph()->edgeItems())
            if (edge->hasValue())
                tips << edge->valueToolTip();
        const Json calls = expectation("values_nesting")["calls"];
        for (const char* name : {"block.act", "cube", "square", "layers.0", "layers.1"})
            for (const Json& stats : calls[name]) {
                const QString mean = number(stats["mean"].get<double>());
                QVERIFY2(!tips.filter(mean).isEmpty(), qPrintable(QString::fromUtf8(name) + QStringLiteral(" mean ") + mean));
            }
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
    TestUiValues test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_values.moc"
