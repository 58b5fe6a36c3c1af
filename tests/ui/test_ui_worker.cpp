// WorkerClient against the real `jitscope-cli serve`: hello, answers, errors, stale generations, crashes.
#include "modelcontroller.h"
#include "testsupport.h"
#include "uitestsupport.h"
#include "workerclient.h"

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace jitscope;
using namespace jitscope::ui;

class TestUiWorker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void helloAndPing()
    {
        WorkerClient client;
        QSignalSpy ready(&client, &WorkerClient::ready);
        client.start();
        QVERIFY(ready.wait(30000));
        QCOMPARE(client.hello().json.value("protocol", 0), WorkerClient::kMinProtocol);
        bool answered = false;
        client.request(QStringLiteral("ping"), protocol::Payload{}, {[&](protocol::Payload) { answered = true; }, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
        QCOMPARE(client.pendingCount(), 0);
    }

    void openGivesModelInfo()
    {
        WorkerClient client;
        client.start();
        const auto expect = test::expectation("resnet18_scripted");
        ModelInfo info;
        bool done = false, progressed = false;
        WorkerClient::Callbacks callbacks;
        callbacks.onResult = [&](protocol::Payload result) {
            info = result.json["info"].get<ModelInfo>();
            done = true;
        };
        callbacks.onError = [&](const Error& e) { QFAIL(e.message.c_str()); };
        callbacks.onProgress = [&](const QString&, double) { progressed = true; };
        client.request(QStringLiteral("open"), protocol::Payload{Json{{"path", test::fixturePath("resnet18_scripted.pt")}}},
                       callbacks);
        QTRY_VERIFY_WITH_TIMEOUT(done, 60000);
        QCOMPARE(int(info.modules.size()), int(expect["modules"].size()));
        QCOMPARE(info.summary.param_count, expect["param_count"].get<int64_t>());
        QVERIFY(progressed);
    }

    void errorsArriveTyped()
    {
        WorkerClient client;
        client.start();
        Error error;
        bool failed = false;
        client.request(QStringLiteral("open"), protocol::Payload{Json{{"path", "/nonexistent/model.pt"}}},
                       {[](protocol::Payload) { QFAIL("a missing file opened"); },
                        [&](const Error& e) {
                            error = e;
                            failed = true;
                        },
                        {}});
        QTRY_VERIFY_WITH_TIMEOUT(failed, 30000);
        QCOMPARE(toString(error.code), std::string("file_not_found"));
        QVERIFY(!error.message.empty());
    }

    void staleGenerationIsDropped()
    {
        WorkerClient client;
        client.start();
        bool stale = false, fresh = false;
        client.request(QStringLiteral("open"), protocol::Payload{Json{{"path", test::fixturePath("tiny_linear.pt")}}},
                       {[&](protocol::Payload) { stale = true; }, [&](const Error&) { stale = true; }, {}});
        client.nextGeneration(); // another model was opened meanwhile
        client.request(QStringLiteral("ping"), protocol::Payload{}, {[&](protocol::Payload) { fresh = true; }, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(fresh, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(client.pendingCount(), 0, 30000);
        QVERIFY(!stale);
    }

    void killedWorkerIsReported()
    {
        WorkerClient client;
        QSignalSpy ready(&client, &WorkerClient::ready);
        QSignalSpy crashed(&client, &WorkerClient::crashed);
        client.start();
        QVERIFY(ready.wait(30000));
        bool called = false;
        client.request(QStringLiteral("open"), protocol::Payload{Json{{"path", test::fixturePath("resnet18_scripted.pt")}}},
                       {[&](protocol::Payload) { called = true; }, [&](const Error&) { called = true; }, {}});
        ::kill(static_cast<pid_t>(client.processId()), SIGKILL);
        QVERIFY(crashed.wait(30000));
        const QString description = crashed.first().first().toString();
        QVERIFY2(description.contains(QStringLiteral("signal 9")), qPrintable(description));
        QVERIFY2(description.contains(QStringLiteral("open")), qPrintable(description));
        QVERIFY(!called);
        QCOMPARE(client.pendingCount(), 0);
        // A fresh one works again.
        client.start();
        QVERIFY(ready.wait(30000));
    }

    void missingBinaryIsReported()
    {
        WorkerClient client;
        QSignalSpy crashed(&client, &WorkerClient::crashed);
        client.setProgram(QStringLiteral("/nonexistent/jitscope-cli"));
        client.start();
        QVERIFY(crashed.wait(10000));
        QVERIFY(crashed.first().first().toString().contains(QStringLiteral("Could not start")));
    }

    // A worker that says hello, then writes a non-JSON line, a malformed progress note and `answer` to the
    // first request (the open), and hangs.
    static QString fakeWorker(const QTemporaryDir& dir, const QByteArray& answer, int protocol = WorkerClient::kMinProtocol)
    {
        const QString script = dir.filePath(QStringLiteral("fake-worker"));
        QFile file(script);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write("#!/bin/sh\n"
                   "echo '{\"method\":\"hello\",\"params\":{\"protocol\":" +
                   QByteArray::number(protocol) +
                   ",\"jitscope\":\"fake\"}}'\n"
                   "read line\n"
                   "echo 'this is not json'\n"
                   "echo '{\"method\":\"progress\",\"params\":{\"id\":1,\"stage\":7}}'\n"
                   "echo '" +
                   answer +
                   "'\n"
                   "sleep 30\n");
        file.close();
        file.setPermissions(file.permissions() | QFileDevice::ExeOwner);
        return script;
    }

    // Garbage and an answer of the wrong shape (a handle that is no number, or a ModelInfo that cannot be
    // decoded): the open fails with a message, nothing throws through the event loop, nothing stays loading.
    void garbageFromTheWorkerIsSurvived_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("bad handle") << QByteArray(R"({"id":1,"result":{"handle":"oops","info":5}})");
        QTest::newRow("bad info") << QByteArray(R"({"id":1,"result":{"handle":3,"info":5}})");
    }

    void garbageFromTheWorkerIsSurvived()
    {
        QFETCH(QByteArray, answer);
        QTemporaryDir dir;
        const QString script = fakeWorker(dir, answer);
        QVERIFY(!script.isEmpty());
        ModelController controller;
        controller.worker()->setProgram(script);
        QSignalSpy failed(&controller, &ModelController::openFailed);
        controller.startWorker();
        controller.open(QStringLiteral("/some/model.pt"));
        QVERIFY(failed.wait(10000));
        QVERIFY(!controller.isOpen());
        QVERIFY(!controller.isLoading());
    }

    // A worker of another protocol version is refused with a message, not half understood.
    void incompatibleWorkerIsRefused()
    {
        QTemporaryDir dir;
        const QString script = fakeWorker(dir, QByteArray(R"({"id":1,"result":{}})"), 1);
        ModelController controller;
        controller.worker()->setProgram(script);
        QSignalSpy crashed(&controller, &ModelController::workerCrashed);
        controller.startWorker();
        QVERIFY(crashed.wait(10000));
        const QString message = crashed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("is JitScope fake (protocol 1); this window is JitScope ")) &&
                     message.contains(QStringLiteral("(protocol 4)")),
                 qPrintable(message));
        QVERIFY(!controller.worker()->isRunning());
    }

    void controllerRestartsAfterCrash()
    {
        ModelController controller;
        QSignalSpy ready(&controller, &ModelController::workerReady);
        QSignalSpy crashed(&controller, &ModelController::workerCrashed);
        QSignalSpy opened(&controller, &ModelController::opened);
        controller.startWorker();
        QVERIFY(ready.wait(30000));
        controller.open(test::fixture("tiny_linear.pt"));
        QVERIFY(opened.wait(60000));
        ::kill(static_cast<pid_t>(controller.worker()->processId()), SIGKILL);
        QVERIFY(crashed.wait(30000));
        QCOMPARE(crashed.first().at(2).toString(), test::fixture("tiny_linear.pt"));
        QVERIFY(ready.wait(30000)); // restarted on its own
        controller.open(test::fixture("tiny_linear.pt"));
        QVERIFY(opened.wait(60000));
    }
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    TestUiWorker test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_worker.moc"
