// The window as a new user meets it at 1600×1000 (issue 12): the graph gets the room and opens readable,
// Fit fits, expand/collapse keep what was acted on in sight, the minimap hides nothing, Details follows
// clicks, errors are said once and stay where the user acted, the benchmark view fits docked, Help helps.
#include "codeview.h"
#include "detailspanel.h"
#include "graph/graphcanvas.h"
#include "graph/graphitems.h"
#include "graph/graphstyle.h"
#include "graph/graphwidget.h"
#include "mainwindow.h"
#include "modelcontroller.h"
#include "moduletreemodel.h"
#include "parametertablemodel.h"
#include "parameterview.h"
#ifdef JITSCOPE_HAVE_RUN_PANEL
#include "runpanel.h"
#endif
#include "testsupport.h"
#include "uitestsupport.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>

#include <algorithm>
#include <optional>

using namespace jitscope;
using namespace jitscope::ui;

class TestUiLivedIn : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> m_window;

    GraphWidget* graph() const { return m_window->graphWidget(); }
    GraphCanvas* canvas() const { return graph()->canvas(); }

    void settle(int ms = 200)
    {
        QTest::qWait(ms);
        QCoreApplication::processEvents();
    }

    // Waits until no layout is pending or being drawn.
    bool waitForLayout(int timeoutMs = 60000)
    {
        settle(50);
        return QTest::qWaitFor([&] { return !graph()->isLayoutPending() && !graph()->hasPendingGraphs(); },
                               timeoutMs);
    }

    QList<NodeItem*> nodeItems() const
    {
        QList<NodeItem*> nodes;
        for (QGraphicsItem* item : graph()->scene()->items())
            if (item->type() == NodeItem::Type)
                nodes << static_cast<NodeItem*>(item);
        return nodes;
    }

    QRectF nodesBounds() const
    {
        QRectF bounds;
        for (NodeItem* node : nodeItems())
            bounds |= node->sceneBoundingRect();
        return bounds;
    }

    int visibleNodes() const
    {
        const QRectF visible = canvas()->visibleSceneRect();
        int count = 0;
        for (NodeItem* node : nodeItems())
            count += visible.contains(node->sceneBoundingRect()) ? 1 : 0;
        return count;
    }

    NodeItem* expandableCall() const
    {
        NodeItem* best = nullptr;
        for (NodeItem* node : nodeItems())
            if (node->sceneNode().expandable && node->sceneNode().get().node &&
                (!best || node->sceneBoundingRect().top() < best->sceneBoundingRect().top()))
                best = node;
        return best;
    }

    QDockWidget* dock(const char* name) const
    {
        return m_window->findChild<QDockWidget*>(QLatin1String(name));
    }

    static double area(const QWidget* widget) { return double(widget->width()) * widget->height(); }

    void moduleColumnsAreNotCutOff() // at open (called by graphGetsTheLargestArea)
    {
        QTreeView* tree = m_window->moduleView();
        QVERIFY2(tree->header()->length() <= tree->viewport()->width() + 1,
                 qPrintable(QStringLiteral("columns %1 px in a %2 px view")
                                .arg(tree->header()->length())
                                .arg(tree->viewport()->width())));
        for (int column = 0; column < ModuleTreeModel::ColumnCount; ++column)
            QVERIFY(tree->columnWidth(column) >= tree->header()->sectionSizeHint(column) ||
                    column == ModuleTreeModel::NameColumn || column == ModuleTreeModel::TypeColumn);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(test::openAndWait(*m_window, test::fixture("resnet18_scripted.pt")));
        QVERIFY(test::waitForViews(*m_window));
        QVERIFY(waitForLayout());
        settle(300);
    }

    void graphGetsTheLargestArea()
    {
        const double graphArea = area(graph());
        for (const char* name : {"modulesDock", "detailsDock", "codeDock"})
            QVERIFY2(graphArea > area(dock(name)),
                     qPrintable(QStringLiteral("%1 is %2x%3, the graph %4x%5")
                                    .arg(QLatin1String(name))
                                    .arg(dock(name)->width())
                                    .arg(dock(name)->height())
                                    .arg(graph()->width())
                                    .arg(graph()->height())));
        QVERIFY2(graph()->width() >= m_window->width() * 45 / 100, qPrintable(QString::number(graph()->width())));
        QVERIFY2(graph()->height() >= m_window->height() * 50 / 100, qPrintable(QString::number(graph()->height())));
        test::saveScreenshot(m_window.get(), QStringLiteral("livedin_resnet18_at_open"));
        moduleColumnsAreNotCutOff();
    }

    void moduleAttributeValuesAreInView()
    {
        // The root's Details at the default dock width: "training  False  bool", the value not scrolled away
        // behind a long name and type (_is_full_backward_hook  Optional[bool]).
        m_window->selectModule(QString());
        auto* browser = m_window->detailsPanel()->findChild<QTextBrowser*>(QStringLiteral("detailsBrowser"));
        QVERIFY(browser);
        const QTextCursor value = browser->document()->find(QStringLiteral("False"));
        QVERIFY2(!value.isNull(), qPrintable(browser->toPlainText()));
        // Beside the name, before the type: what is cut when the dock is narrow (1500 px windows) is the
        // type.
        const QTextCursor type = browser->document()->find(QStringLiteral("bool"));
        QVERIFY(!type.isNull());
        QVERIFY2(browser->cursorRect(value).x() < browser->cursorRect(type).x(),
                 qPrintable(browser->toPlainText()));
        const int right = browser->cursorRect(value).right();
        QVERIFY2(right <= browser->viewport()->width(),
                 qPrintable(
                     QStringLiteral("False ends at %1 of %2").arg(right).arg(browser->viewport()->width())));
    }

    void opensReadableAnchoredOnTheEntry()
    {
        // The box titles are at least 10 px tall on screen, and the graph's first nodes are in view.
        const double titlePixels = QFontMetricsF(graphstyle::titleFont()).ascent() * canvas()->zoom();
        QVERIFY2(titlePixels >= GraphCanvas::kReadablePixels - 0.01, qPrintable(QString::number(titlePixels)));
        QVERIFY2(visibleNodes() >= 3, qPrintable(QString::number(visibleNodes())));
        const QRectF visible = canvas()->visibleSceneRect();
        const QRectF bounds = nodesBounds();
        // Anchored where the graph starts: its top is in view.
        QVERIFY2(visible.top() <= bounds.top() + 1, "the graph's start is scrolled away");
    }

    void fitReallyFitsAndAvoidsTheMinimap()
    {
        canvas()->zoomBy(3);
        graph()->fitToView();
        const QRectF visible = canvas()->visibleSceneRect();
        const QRectF bounds = nodesBounds();
        QVERIFY2(visible.contains(bounds), "Fit left part of the graph outside the view");
        const QRectF map = canvas()->minimapSceneRect();
        QVERIFY2(!map.isEmpty(), "the minimap is shown by default");
        for (NodeItem* node : nodeItems())
            QVERIFY2(!map.intersects(node->sceneBoundingRect()), "the minimap covers a node after Fit");
    }

    void minimapIsHideable()
    {
        auto* button = graph()->findChild<QToolButton*>(QStringLiteral("minimapButton"));
        QVERIFY(button && button->isChecked());
        button->click();
        QVERIFY(!canvas()->minimap()->isVisible());
        QVERIFY(canvas()->minimapSceneRect().isEmpty());
        button->click();
        QVERIFY(canvas()->minimap()->isVisible());
    }

    void expandAndCollapseKeepTheNodeInView()
    {
        graph()->fitToView();
        NodeItem* call = expandableCall();
        QVERIFY(call);
        const std::string instance = call->sceneNode().instance;
        const int64_t id = call->sceneNode().get().node->id;
        const std::string child = layout::childInstance(instance, id);
        canvas()->centreOnItem(call);
        Q_EMIT canvas()->nodeActivated(call);
        QVERIFY(waitForLayout());
        QVERIFY(graph()->isExpanded(QString::fromStdString(child)));
        bool found = false;
        for (QGraphicsItem* item : graph()->scene()->items())
            if (item->type() == ClusterItem::Type &&
                static_cast<ClusterItem*>(item)->cluster().instance == child) {
                found = true;
                const QRectF frame = item->sceneBoundingRect();
                const QRectF visible = canvas()->visibleSceneRect();
                // The frame's header (its top left) is on screen.
                QVERIFY2(visible.contains(frame.topLeft() + QPointF(4, 4)), "the expanded module is out of view");
            }
        QVERIFY(found);

        Q_EMIT canvas()->clusterActivated(QString::fromStdString(child));
        QVERIFY(waitForLayout());
        QVERIFY(!graph()->isExpanded(QString::fromStdString(child)));
        found = false;
        for (NodeItem* node : nodeItems())
            if (node->sceneNode().instance == instance && node->sceneNode().get().node &&
                node->sceneNode().get().node->id == id) {
                found = true;
                QVERIFY2(canvas()->visibleSceneRect().contains(node->sceneBoundingRect()),
                         "the collapsed call is out of view");
            }
        QVERIFY(found);
    }

    void expandAllAndCollapseAllShowNodes()
    {
        graph()->scene()->clearSelection();
        graph()->expandAll();
        QVERIFY(waitForLayout(120000));
        QVERIFY2(visibleNodes() >= 3, "Expand all left the view on empty canvas");
        graph()->collapseAll();
        QVERIFY(waitForLayout());
        QVERIFY2(visibleNodes() >= 3, "Collapse all left the view on empty canvas");
    }

    void detailsRefreshOnReclickAndForgetsRemovedNodes()
    {
        DetailsPanel* details = m_window->detailsPanel();
        NodeItem* call = expandableCall();
        QVERIFY(call);
        const std::string child = layout::childInstance(call->sceneNode().instance, call->sceneNode().get().node->id);
        canvas()->centreOnItem(call);
        settle(50);
        const QPoint at = canvas()->mapFromScene(call->sceneBoundingRect().center());
        QTest::mouseClick(canvas()->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(details->subject(), DetailsPanel::Subject::Node);
        details->showPlaceholder(QStringLiteral("something else"));
        // A second click on the selected node shows it again (not so soon that it makes a double-click).
        QTest::qWait(QApplication::doubleClickInterval() + 100);
        QTest::mouseClick(canvas()->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(details->subject(), DetailsPanel::Subject::Node);

        // A node inside an expanded module, then Collapse all: the details do not keep showing it.
        QVERIFY(waitForLayout());
        call = expandableCall();
        const std::string opened = layout::childInstance(call->sceneNode().instance, call->sceneNode().get().node->id);
        Q_EMIT canvas()->nodeActivated(call);
        QVERIFY(waitForLayout());
        NodeItem* inside = nullptr;
        for (NodeItem* node : nodeItems())
            if (node->sceneNode().instance == opened && node->sceneNode().get().node)
                inside = node;
        QVERIFY(inside);
        graph()->scene()->clearSelection();
        inside->setSelected(true);
        QTRY_COMPARE(details->subject(), DetailsPanel::Subject::Node);
        graph()->collapseAll();
        QVERIFY(waitForLayout());
        QTRY_COMPARE(details->subject(), DetailsPanel::Subject::None);
        // Lines break between words, never inside one.
        QCOMPARE(details->browser()->wordWrapMode(), QTextOption::WordWrap);
    }

    void helpMenuHasGettingStartedAndShortcuts()
    {
        auto* start = m_window->findChild<QAction*>(QStringLiteral("gettingStartedAction"));
        auto* keys = m_window->findChild<QAction*>(QStringLiteral("shortcutsAction"));
        QVERIFY(start && keys);
        start->trigger();
        auto* dialog = m_window->findChild<QDialog*>(QStringLiteral("gettingStartedDialog"));
        QVERIFY(dialog);
        const QString text = dialog->findChild<QTextBrowser*>()->toPlainText();
        // Drawn from the README's "Using the window", not a copy that could drift.
        QVERIFY2(text.contains(QStringLiteral("Modules")) && text.contains(QStringLiteral("Collapse all")),
                 qPrintable(text.left(300)));
        QVERIFY(!text.contains(QStringLiteral("jitscope-cli reference")));
        dialog->close();
        keys->trigger();
        dialog = m_window->findChild<QDialog*>(QStringLiteral("shortcutsDialog"));
        QVERIFY(dialog);
        const QString shortcuts = dialog->findChild<QTextBrowser*>()->toPlainText();
        QVERIFY2(shortcuts.contains(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)),
                 qPrintable(shortcuts));
        QVERIFY(shortcuts.contains(QStringLiteral("minimap")));
        dialog->close();
    }

    void openDialogStartsInTheModelsFolder()
    {
        QCOMPARE(m_window->openDialogDirectory(),
                 QFileInfo(test::fixture("resnet18_scripted.pt")).absolutePath());
    }

    void modulesForwardNeverCallsAreMarked()
    {
        QVERIFY(test::openAndWait(*m_window, test::fixture("window_traced_branchy.pt")));
        QVERIFY(test::waitForViews(*m_window));
        const Json expected = test::expectation("window_traced_branchy")["not_called_by_forward"];
        ModuleTreeModel* model = m_window->moduleModel();
        for (const ModuleInfo& module : m_window->controller()->info().modules) {
            const bool notCalled =
                std::find(expected.begin(), expected.end(), Json(module.path)) != expected.end();
            QCOMPARE(module.called_by_forward, !notCalled);
            const QString name = model->indexForPath(QString::fromStdString(module.path)).data().toString();
            QCOMPARE(name.contains(QStringLiteral("not called by forward")), notCalled);
        }
        m_window->selectModule(QStringLiteral("large"));
        const QString text = m_window->detailsPanel()->plainText();
        QVERIFY2(text.contains(QStringLiteral("Not called by forward")) &&
                     text.contains(QStringLiteral("branch the trace did not take")),
                 qPrintable(text));
        m_window->selectModule(QStringLiteral("small"));
        QVERIFY(!m_window->detailsPanel()->plainText().contains(QStringLiteral("Not called")));
    }

    QStringList drawnKinds() const
    {
        QStringList kinds;
        for (NodeItem* node : nodeItems())
            if (const Node* ir = node->sceneNode().get().node)
                kinds << QString::fromStdString(ir->kind);
        return kinds;
    }

    void focusOnDataFlowFoldsChecksAndTrainingBranches()
    {
        QVERIFY(test::openAndWait(*m_window, test::fixture("window_mini_rcnn.pt")));
        QVERIFY(test::waitForViews(*m_window));
        QVERIFY(waitForLayout());
        QVERIFY(graph()->isFocusMode()); // on by default
        // The training raise, the assert in the loop (and the loop left empty), the dim check.
        QVERIFY2(graph()->foldedChecks() >= 3, qPrintable(QString::number(graph()->foldedChecks())));
        QVERIFY2(graph()->foldedNodes() >= 10, qPrintable(QString::number(graph()->foldedNodes())));
        const QStringList kinds = drawnKinds();
        for (const char* hidden : {"prim::RaiseException", "prim::If", "prim::Loop", "aten::mul"})
            QVERIFY2(!kinds.contains(QLatin1String(hidden)), hidden);
        // The stages are the main chain, top to bottom.
        double lastY = -1e9;
        // Kept in a variable: a range-for over a member of a temporary reads freed memory (ASan).
        const Json expected = test::expectation("window_mini_rcnn");
        for (const Json& stage : expected["chain"]) {
            const std::string name = stage.get<std::string>();
            std::optional<double> y;
            for (QGraphicsItem* item : graph()->scene()->items()) {
                if (item->type() == NodeItem::Type &&
                    static_cast<NodeItem*>(item)->sceneNode().get().title == name)
                    y = item->sceneBoundingRect().top();
                if (item->type() == ClusterItem::Type && static_cast<ClusterItem*>(item)->cluster().title == name)
                    y = item->sceneBoundingRect().top();
            }
            QVERIFY2(y.has_value(), name.c_str());
            QVERIFY2(*y > lastY, name.c_str());
            lastY = *y;
        }
        // The count is said where the node count is.
        const QString status = graph()->findChild<QLabel*>(QStringLiteral("graphStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("folded")), qPrintable(status));
        // And each check is a badge on the node drawn where it was (its tooltip says so): they add up.
        int badges = 0;
        for (NodeItem* node : nodeItems()) {
            const int checks = node->sceneNode().get().checks;
            badges += checks;
            if (checks > 0)
                QVERIFY2(node->toolTipText().contains(QStringLiteral("folded here")),
                         qPrintable(node->toolTipText()));
        }
        QCOMPARE(badges, graph()->foldedChecks());
        // Raw IR still shows everything; without focus the checks are back.
        graph()->setRawMode(true);
        QVERIFY(waitForLayout());
        QVERIFY(drawnKinds().contains(QStringLiteral("prim::RaiseException")));
        graph()->setRawMode(false);
        graph()->setFocusMode(false);
        QVERIFY(waitForLayout());
        QVERIFY(drawnKinds().contains(QStringLiteral("prim::If")));
        QCOMPARE(graph()->foldedNodes(), 0);
        graph()->setFocusMode(true);
        QVERIFY(waitForLayout());
        QVERIFY(!drawnKinds().contains(QStringLiteral("prim::If")));
    }

    // Issue 12: on a detection model at the default window size (92 % of a 1600×1000 screen) the Modules
    // and Parameters views show their numbers — "Size" last — whole, without scrolling sideways.
    void sizeColumnsAreVisibleOnADetectionModel()
    {
        m_window->resize(1472, 920);
        QVERIFY(test::openAndWait(*m_window, test::fixture("fasterrcnn_scripted.pt"), 300000));
        QVERIFY(test::waitForViews(*m_window, 300000));
        settle(300);
        moduleColumnsAreNotCutOff();
        QTreeView* tree = m_window->moduleView();
        const int sizeRight = tree->header()->sectionViewportPosition(ModuleTreeModel::BytesColumn) +
                              tree->header()->sectionSize(ModuleTreeModel::BytesColumn);
        QVERIFY2(sizeRight <= tree->viewport()->width() + 1,
                 qPrintable(
                     QStringLiteral("Size ends at %1 of %2").arg(sizeRight).arg(tree->viewport()->width())));
        dock("parametersDock")->raise();
        settle(300);
        QTreeView* table = m_window->parameterView()->view();
        QVERIFY(table->isVisible());
        test::saveScreenshot(m_window.get(), QStringLiteral("livedin_fasterrcnn_parameters"));
        const int size = table->header()->sectionViewportPosition(ParameterTableModel::BytesColumn) +
                         table->header()->sectionSize(ParameterTableModel::BytesColumn);
        QVERIFY2(
            size <= table->viewport()->width() + 1,
            qPrintable(QStringLiteral("Size ends at %1 of %2").arg(size).arg(table->viewport()->width())));
        QVERIFY2(table->header()->sectionSize(ParameterTableModel::NameColumn) >= 120,
                 qPrintable(QString::number(table->header()->sectionSize(ParameterTableModel::NameColumn))));
        dock("codeDock")->raise();
        m_window->resize(1600, 1000);
        settle(300);
    }

    // GeneralizedRCNN.forward's validation (tests/fixtures/fixtures_window.py RcnnChecks): with focus on, no
    // cluster is left (the image-size loop is one node), the stages run top to bottom, checks are badges.
    void focusOnRcnnValidationLeavesTheStageChain()
    {
        QVERIFY(test::openAndWait(*m_window, test::fixture("window_rcnn_checks.pt")));
        QVERIFY(test::waitForViews(*m_window));
        QVERIFY(waitForLayout());
        QVERIFY(graph()->isFocusMode());
        graph()->collapseAll();
        QVERIFY(waitForLayout());
        for (QGraphicsItem* item : graph()->scene()->items())
            QVERIFY2(item->type() != ClusterItem::Type, "a cluster is drawn");
        const QStringList kinds = drawnKinds();
        for (const char* hidden : {"prim::RaiseException", "prim::If", "aten::warn", "prim::unchecked_cast"})
            QVERIFY2(!kinds.contains(QLatin1String(hidden)), hidden);
        double lastY = -1e9;
        // Kept in a variable: a range-for over a member of a temporary reads freed memory (ASan).
        const Json expected = test::expectation("window_rcnn_checks");
        for (const Json& stage : expected["chain"]) {
            const std::string name = stage.get<std::string>();
            std::optional<double> y;
            for (NodeItem* node : nodeItems())
                if (node->sceneNode().get().title == name)
                    y = node->sceneBoundingRect().top();
            QVERIFY2(y.has_value(), name.c_str());
            QVERIFY2(*y > lastY, name.c_str());
            lastY = *y;
        }
        int badges = 0;
        for (NodeItem* node : nodeItems())
            badges += node->sceneNode().get().checks;
        QCOMPARE(badges, 4); // test_graph's FocusOnDataFlow counts them in the IR
        QCOMPARE(graph()->foldedChecks(), 4);
        QTest::qWait(300);
        test::saveScreenshot(m_window.get(), QStringLiteral("focus_rcnn_checks"));
    }

#ifdef JITSCOPE_HAVE_RUN_PANEL
    void dictInputsStartWithTheKeysTheGraphReads()
    {
        QVERIFY(test::openAndWait(*m_window, test::fixture("window_dict_keys.pt")));
        QVERIFY(test::waitForViews(*m_window));
        auto* panel = qobject_cast<RunPanel*>(m_window->runPanel());
        QTRY_VERIFY(panel->argumentRow(QStringLiteral("d")) != nullptr);
        const QString spec = panel->inputText(QStringLiteral("d"));
        QVERIFY2(spec.contains(QStringLiteral("\"img\"")) && spec.contains(QStringLiteral("\"txt\"")) &&
                     !spec.contains(QStringLiteral("\"x\"")),
                 qPrintable(spec));
        // … and the model runs with them as they are.
        panel->run();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 60000);
        QVERIFY2(!panel->statusText().contains(QStringLiteral("c62828")), qPrintable(panel->statusText()));
    }

    void failedRunStaysOnTheRunTab()
    {
        QVERIFY(test::openAndWait(*m_window, test::fixture("tiny_linear.pt")));
        QVERIFY(test::waitForViews(*m_window));
        auto* panel = qobject_cast<RunPanel*>(m_window->runPanel());
        QDockWidget* run = dock("runDock");
        run->raise();
        QTRY_VERIFY(panel->argumentRow(QStringLiteral("input")) != nullptr);
        panel->setInputText(QStringLiteral("input"), QStringLiteral("randn:1x5")); // Linear(3, 2) wants 3
        panel->run();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 60000);
        settle(300);
        QVERIFY2(panel->statusText().contains(QStringLiteral("c62828")), qPrintable(panel->statusText()));
        // The Run tab is still in front with its message; the code line is a link away.
        QVERIFY(!panel->visibleRegion().isEmpty());
        QVERIFY(m_window->codeView()->visibleRegion().isEmpty());
        QLabel* link = panel->errorLink();
        QVERIFY(link->isVisible());
        QVERIFY2(link->text().contains(QStringLiteral("in Code")), qPrintable(link->text()));
        test::saveScreenshot(m_window.get(), QStringLiteral("livedin_failed_run"));
        const QString href = link->text().section(QLatin1Char('\''), 1, 1);
        Q_EMIT link->linkActivated(href);
        settle(100);
        QVERIFY(!m_window->codeView()->visibleRegion().isEmpty());
        run->raise();
    }

    void benchmarkFitsDocked()
    {
        auto* panel = qobject_cast<RunPanel*>(m_window->runPanel());
        dock("runDock")->raise();
        panel->setInputText(QStringLiteral("input"), QStringLiteral("randn:1x3"));
        // The settings are in the button row, beside Benchmark.
        QWidget* options = panel->benchOptions();
        QVERIFY(options->isVisible());
        QPushButton* benchButton = nullptr;
        for (QPushButton* button : panel->findChildren<QPushButton*>())
            if (button->text() == tr("Benchmark"))
                benchButton = button;
        QVERIFY(benchButton);
        QVERIFY(std::abs(options->mapTo(panel, QPoint(0, options->height() / 2)).y() -
                         benchButton->mapTo(panel, QPoint(0, benchButton->height() / 2)).y()) < 12);
        options->findChild<QSpinBox*>(QStringLiteral("warmup"))->setValue(2);
        options->findChild<QSpinBox*>(QStringLiteral("iters"))->setValue(60);
        panel->benchmark();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 60000);
        auto* outer = panel->findChild<QTabWidget*>();
        for (int i = 0; i < outer->count(); ++i)
            if (outer->tabText(i) == tr("Benchmark"))
                outer->setCurrentIndex(i);
        settle(400);
        // The two charts side by side, each at least its minimum, not overlapping.
        const QList<QChartView*> charts = panel->findChildren<QChartView*>();
        QCOMPARE(charts.size(), 2);
        const QRect a(charts[0]->mapTo(panel, QPoint()), charts[0]->size());
        const QRect b(charts[1]->mapTo(panel, QPoint()), charts[1]->size());
        QVERIFY(!a.intersects(b));
        QVERIFY(charts[0]->height() >= 200 && charts[1]->width() >= 300);
        // A few readable histogram labels, not thirty "…".
        const QStringList labels = panel->histogramLabels();
        QVERIFY2(labels.size() >= 2 && labels.size() <= 5, qPrintable(labels.join(QLatin1Char(' '))));
        for (const QString& label : labels) {
            bool ok = false;
            label.toDouble(&ok);
            QVERIFY2(ok, qPrintable(label));
        }
        test::saveScreenshot(m_window.get(), QStringLiteral("livedin_benchmark_docked"));
    }

    // At 1600×1000 the Run dock is narrower than its controls in one row (issues 11/12): they wrap, so the
    // dock never scrolls sideways and Device is in view; the benchmark's charts fit the dock's height.
    void runDockFitsWithoutScrolling()
    {
        auto* panel = qobject_cast<RunPanel*>(m_window->runPanel());
        dock("runDock")->raise();
        auto* scroll = qobject_cast<QScrollArea*>(dock("runDock")->widget());
        QVERIFY(scroll);
        QTabWidget* tabs = panel->benchViews();
        tabs->setCurrentIndex(0);
        settle(300);
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        const int right = scroll->viewport()->width();
        QWidget* device = panel->findChild<QComboBox*>(QStringLiteral("runDevice"));
        for (QWidget* w : {device, panel->benchOptions()}) {
            QVERIFY(w && w->isVisible());
            const int x = w->mapTo(scroll->viewport(), QPoint()).x();
            QVERIFY2(x >= 0 && x + w->width() <= right,
                     qPrintable(QStringLiteral("%1 at x %2, %3 wide, in %4")
                                    .arg(w->objectName())
                                    .arg(x)
                                    .arg(w->width())
                                    .arg(right)));
        }
        for (QPushButton* button : panel->findChildren<QPushButton*>())
            if (button->isVisible())
                QVERIFY2(button->mapTo(scroll->viewport(), QPoint(button->width(), 0)).x() <= right,
                         qPrintable(button->text()));
        for (int i = 0; i < tabs->count(); ++i)
            if (tabs->tabText(i) == tr("Benchmark"))
                tabs->setCurrentIndex(i);
        settle(300);
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        QVERIFY2(!scroll->verticalScrollBar()->isVisible(),
                 qPrintable(QStringLiteral("panel %1 px high in a %2 px dock")
                                .arg(panel->minimumSizeHint().height())
                                .arg(scroll->viewport()->height())));
        for (QChartView* chart : panel->findChildren<QChartView*>()) {
            const QRect r(chart->mapTo(scroll->viewport(), QPoint()), chart->size());
            QVERIFY(scroll->viewport()->rect().contains(r));
        }
        test::saveScreenshot(m_window.get(), QStringLiteral("livedin_run_dock_benchmark"));
        tabs->setCurrentIndex(0);
        settle(100);
        test::saveScreenshot(m_window.get(), QStringLiteral("livedin_run_dock_run"));
    }
#endif

    void cleanupTestCase()
    {
        m_window.reset();
    }
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    TestUiLivedIn test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_livedin.moc"
