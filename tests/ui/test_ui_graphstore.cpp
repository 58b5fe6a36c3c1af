// GraphStore (ui/graph/graphstore.h) against the real `jitscope-cli serve` through the ModelController's
// fetcher: one request per GraphRef however often it is asked for, answers that say which graph they are,
// answers for a replaced model dropped, refusals remembered.
#include "graph/graphstore.h"
#include "modelcontroller.h"
#include "testsupport.h"
#include "uitestsupport.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>

#include <vector>

using namespace jitscope;
using namespace jitscope::ui;

class TestUiGraphStore : public QObject
{
    Q_OBJECT

    // Opens resnet18 in a fresh worker; the store is empty afterwards.
    static bool open(ModelController& controller)
    {
        QSignalSpy opened(&controller, &ModelController::opened);
        controller.open(test::fixture("resnet18_scripted.pt"));
        return opened.wait(120000);
    }

    // Every graphArrived()/graphFailed() of `store`, in order.
    struct Heard
    {
        std::vector<GraphRef> arrived, failed;
        std::vector<Error> errors;
    };
    static void listen(GraphStore* store, Heard& heard)
    {
        QObject::connect(store, &GraphStore::graphArrived, store,
                         [&heard](const GraphRef& ref) { heard.arrived.push_back(ref); });
        QObject::connect(store, &GraphStore::graphFailed, store, [&heard](const GraphRef& ref, const Error& error) {
            heard.failed.push_back(ref);
            heard.errors.push_back(error);
        });
    }

private Q_SLOTS:
    void duplicateRequestsAreCoalescedAndTheAnswerSaysWhichGraph()
    {
        ModelController controller;
        QVERIFY(open(controller));
        GraphStore* store = controller.graphs();
        QCOMPARE(store->graphs().size(), size_t(0));
        Heard heard;
        listen(store, heard);
        const GraphRef layer1 = GraphRef::method("layer1", "forward");
        const GraphRef inlined = GraphRef::method("", "forward", true);
        // Three views asking for the same graph in one turn: one request, one arrival.
        QVERIFY(!store->request(layer1));
        QVERIFY(!store->request(layer1));
        QVERIFY(!store->request(inlined));
        QVERIFY(!store->request(layer1));
        QCOMPARE(store->pendingCount(), 2);
        QVERIFY(store->isPending(layer1));
        QTRY_VERIFY_WITH_TIMEOUT(store->pendingCount() == 0, 60000);
        QTest::qWait(300); // nothing else on its way
        QCOMPARE(heard.arrived.size(), size_t(2));
        QVERIFY(std::count(heard.arrived.begin(), heard.arrived.end(), layer1) == 1);
        QVERIFY(std::count(heard.arrived.begin(), heard.arrived.end(), inlined) == 1);
        // Each is the graph its ref names (the store keys by the answer's `ref`).
        auto graph = store->graph(layer1);
        QVERIFY(graph);
        QCOMPARE(QString::fromStdString(graph->module_path), QStringLiteral("layer1"));
        QCOMPARE(QString::fromStdString(graph->method), QStringLiteral("forward"));
        QVERIFY(!graph->inlined);
        QVERIFY(store->graph(inlined)->inlined);
        QVERIFY(recursiveNodeCount(*store->graph(inlined)) > recursiveNodeCount(*graph));
        // Held: asking again is answered from the store, the same shared graph, nothing sent.
        QVERIFY(store->request(layer1));
        QCOMPARE(store->pendingCount(), 0);
        QCOMPARE(store->graph(layer1).get(), graph.get());
        QTest::qWait(200);
        QCOMPARE(heard.arrived.size(), size_t(2));
    }

    void answersForAReplacedModelAreDropped()
    {
        ModelController controller;
        QVERIFY(open(controller));
        GraphStore* store = controller.graphs();
        Heard heard;
        listen(store, heard);
        const GraphRef layer2 = GraphRef::method("layer2", "forward");
        const quint64 before = store->generation();
        store->request(layer2);
        store->reset(); // another model, before the answer is back
        QVERIFY(store->generation() != before);
        QCOMPARE(store->pendingCount(), 0);
        QTest::qWait(3000); // the worker answers meanwhile
        QVERIFY(heard.arrived.empty());
        QVERIFY(!store->contains(layer2));
        // A late answer or refusal of the old generation is ignored too.
        store->deliver(before, layer2, std::make_shared<const Graph>());
        store->fail(before, layer2, Error{});
        QVERIFY(heard.arrived.empty() && heard.failed.empty());
        QVERIFY(!store->contains(layer2) && !store->isUnavailable(layer2));
        // Opening a model empties the store: what was held belongs to the old model.
        QVERIFY(!store->request(layer2));
        QTRY_VERIFY_WITH_TIMEOUT(store->contains(layer2), 60000);
        QVERIFY(open(controller));
        QVERIFY(!store->contains(layer2));
        QCOMPARE(store->graphs().size(), size_t(0));
    }

    void refusedGraphsAreNotAskedForAgain()
    {
        ModelController controller;
        QVERIFY(open(controller));
        GraphStore* store = controller.graphs();
        Heard heard;
        listen(store, heard);
        const GraphRef missing = GraphRef::method("layer9", "forward");
        store->request(missing);
        QTRY_VERIFY_WITH_TIMEOUT(!heard.failed.empty(), 60000);
        QCOMPARE(heard.failed.front(), missing);
        QVERIFY(heard.errors.front().code == ErrorCode::NotFound);
        QVERIFY(store->isUnavailable(missing));
        QVERIFY(!store->request(missing));
        QCOMPARE(store->pendingCount(), 0);
        QTest::qWait(200);
        QCOMPARE(heard.failed.size(), size_t(1));
        QVERIFY(heard.arrived.empty());
    }
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    TestUiGraphStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_graphstore.moc"
