// The real window with its worker behind a real OpenSSH server on loopback: title and status name the
// host, a fixture opens by its remote path, the remote Open dialog browses, a local file is sent, run and
// bench work, a killed remote worker leaves the window up with Reconnect, and ssh's failures read plainly.
#include "askpassdialog.h"
#include "filterproxy.h"
#include "graph/graphcanvas.h"
#include "graph/graphwidget.h"
#include "inputuploader.h"
#include "mainwindow.h"
#include "messagepage.h"
#include "modelcontroller.h"
#include "moduletreemodel.h"
#include "remotefiledialog.h"
#include "remotefilemodel.h"
#include "remoteworkers.h"
#include "runclient.h"
#include "sshserver.h"
#include "testsupport.h"
#include "uitestsupport.h"
#include "version.h"
#include "workerclient.h"
#include "workersettingsdialog.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <csignal>
#include <memory>
#include <unistd.h>

using namespace jitscope;
using namespace jitscope::ui;

class TestRemoteWindow : public QObject
{
    Q_OBJECT
public:
    QString command(const std::string& remote = {}, const std::string& key = {}, bool batch = true) const
    {
        return QString::fromStdString(
            m_server.sshCommand(remote.empty() ? test::cliPath() + " serve" : remote, key, batch));
    }

    std::unique_ptr<MainWindow> window(const QString& workerCommand)
    {
        RemoteWorkers::setInitialCommand(workerCommand);
        auto window = std::make_unique<MainWindow>();
        window->show();
        return window;
    }

    static QString hostName()
    {
        char host[256] = {};
        gethostname(host, sizeof(host) - 1);
        return QString::fromLocal8Bit(host);
    }

    static QString workerLabel(MainWindow& window)
    {
        auto* label = window.findChild<QLabel*>(QStringLiteral("workerLabel"));
        return label ? label->text() : QString();
    }

    static bool waitForCrashPage(MainWindow& window, int timeoutMs = 30000)
    {
        return QTest::qWaitFor(
            [&] {
                return window.currentPage() == MainWindow::Page::Message &&
                       window.messagePage()->mode() == MessagePage::Mode::Crash;
            },
            timeoutMs);
    }

    static bool waitForGraph(GraphWidget* graph)
    {
        return QTest::qWaitFor(
            [&] {
                return graph->sceneNodeCount() > 0 && !graph->isLayoutPending() && !graph->hasPendingGraphs() &&
                       !graph->isRestoringView();
            },
            60000);
    }

    static QModelIndex treeIndex(MainWindow& window, const QString& module)
    {
        return window.moduleProxy()->mapFromSource(window.moduleModel()->indexForPath(module));
    }

private Q_SLOTS:
    void initTestCase()
    {
        std::string why;
        if (!m_server.start(&why))
            QSKIP(qPrintable(QStringLiteral("sshd could not start on a loopback port: ") +
                             QString::fromStdString(why)));
    }

    void titleAndStatusNameTheHost()
    {
        auto w = window(command());
        QTRY_VERIFY_WITH_TIMEOUT(w->controller()->worker()->isReady(), 30000);
        const QString host = hostName();
        QVERIFY2(w->windowTitle().endsWith(QStringLiteral(" — on ") + host), qPrintable(w->windowTitle()));
        const QString label = workerLabel(*w);
        QVERIFY2(label.contains(QStringLiteral("Worker on ") + host) &&
                     label.contains(QStringLiteral("LibTorch")) && label.contains(QStringLiteral("no CUDA")),
                 qPrintable(label));
        auto* box = w->findChild<QComboBox*>(QStringLiteral("workerBox"));
        QVERIFY(box);
        QCOMPARE(box->currentText(),
                 QStringLiteral("127.0.0.1 (--worker)")); // not a saved worker: named by host
        QCOMPARE(box->currentData(Qt::ToolTipRole).toString(), command());
    }

    void openByRemotePathRunAndBench()
    {
        auto w = window(command());
        QVERIFY(test::openAndWait(*w, test::fixture("resnet18_scripted.pt")));
        QVERIFY(test::waitForViews(*w));
        QVERIFY(w->windowTitle().startsWith(QStringLiteral("resnet18_scripted.pt — JitScope — on ")));
        QCOMPARE(w->moduleModel()->moduleCount(),
                 int(test::expectation("resnet18_scripted")["modules"].size()));
        const Json exp = test::expectation("tiny_linear");
        QVERIFY(test::openAndWait(*w, test::fixture("tiny_linear.pt")));
        WorkerClient* worker = w->controller()->worker();
        Json run, bench;
        const Json inputs{{"handle", w->controller()->handle()},
                          {"inputs_file", test::fixturePath(exp["run"]["inputs_file"].get<std::string>())}};
        worker->request(QStringLiteral("run"), protocol::Payload{inputs}, {[&](protocol::Payload r) { run = r.json; }, {}, {}});
        Json benchParams = inputs;
        benchParams["warmup"] = 2;
        benchParams["iters"] = 30;
        int samples = 0;
        connect(worker, &WorkerClient::notificationReceived, this, [&](const QString& method, const protocol::Payload&) {
            samples += method == QLatin1String("bench_sample");
        });
        worker->request(QStringLiteral("bench"), protocol::Payload{benchParams},
                        {[&](protocol::Payload r) { bench = r.json; }, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(!run.is_null() && !bench.is_null(), 60000);
        QCOMPARE(run["outputs"].size(), exp["run"]["outputs"].size());
        QVERIFY(std::abs(run["outputs"][0]["sum"].get<double>() -
                         exp["run"]["outputs"][0]["sum"].get<double>()) < 1e-4);
        QCOMPARE(bench["iters"].get<int>(), 30);
        QVERIFY(samples > 0); // live samples arrive through ssh too
    }

    void browseRemoteFolder()
    {
        auto w = window(command());
        WorkerClient* worker = w->controller()->worker();
        QTRY_VERIFY_WITH_TIMEOUT(worker->isReady(), 30000);
        const QString dir = QString::fromStdString(test::fixtureDir());
        RemoteFileDialog dialog(worker, worker->hostName(), dir);
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy listed(&dialog, &RemoteFileDialog::listed);
        QVERIFY(listed.wait(20000));
        QCOMPARE(listed.last().at(0).toString(), QDir::cleanPath(dir));
        QVERIFY(dialog.model()->rowOf(QStringLiteral("resnet18_scripted.pt")) >= 0);
        QCOMPARE(dialog.model()->rowOf(QStringLiteral("index.json")), -1); // filtered to models
        dialog.modelsOnlyBox()->setChecked(false);
        QVERIFY(listed.wait(20000));
        QVERIFY(dialog.model()->rowOf(QStringLiteral("index.json")) >= 0);
        const int row = dialog.model()->rowOf(QStringLiteral("resnet18_scripted.pt"));
        QCOMPARE(dialog.model()
                     ->data(dialog.model()->index(row, RemoteFileModel::SizeColumn))
                     .toString()
                     .isEmpty(),
                 false);
        // Up goes to the parent folder; a typed folder is browsed, a typed file chosen.
        dialog.pathEdit()->setText(dir + QStringLiteral("/.."));
        QTest::keyClick(dialog.pathEdit(), Qt::Key_Return);
        QVERIFY(listed.wait(20000));
        QCOMPARE(dialog.currentFolder(), QFileInfo(dir).absolutePath());
        dialog.pathEdit()->setText(test::fixture("tiny_linear.pt"));
        QTest::keyClick(dialog.pathEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 20000);
        QCOMPARE(dialog.selectedPath(), test::fixture("tiny_linear.pt"));
    }

    void fileOpenUsesRemoteDialogAndRemembersFolderAndWorker()
    {
        auto w = window(command());
        QTRY_VERIFY_WITH_TIMEOUT(w->controller()->worker()->isReady(), 30000);
        const QString dir = QString::fromStdString(test::fixtureDir());
        // File › Open shows the remote dialog (modal): drive it from a timer.
        bool driven = false;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<RemoteFileDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            QVERIFY(QTest::qWaitFor([&] { return !dialog->isBusy(); }, 20000));
            dialog->pathEdit()->setText(dir);
            QTest::keyClick(dialog->pathEdit(), Qt::Key_Return);
            QVERIFY(QTest::qWaitFor(
                [&] { return !dialog->isBusy() && dialog->currentFolder() == QDir::cleanPath(dir); }, 20000));
            const int row = dialog->model()->rowOf(QStringLiteral("tiny_linear.pt"));
            QVERIFY(row >= 0);
            dialog->view()->setCurrentIndex(dialog->model()->index(row, 0));
            QTest::keyClick(dialog->view(), Qt::Key_Return);
            driven = true;
        });
        QSignalSpy shown(w.get(), &MainWindow::modelShown);
        QVERIFY(w->remoteWorkers()->openRemoteDialog());
        QVERIFY(driven);
        QVERIFY(shown.wait(60000));
        QCOMPARE(w->controller()->path(), test::fixture("tiny_linear.pt"));
        const QString worker = w->remoteWorkers()->current().name;
        QCOMPARE(WorkerProfiles::lastFolder(worker), QDir::cleanPath(dir));
        QCOMPARE(WorkerProfiles::workerOfPath(test::fixture("tiny_linear.pt")), worker);
    }

    void uploadLocalFileAndOpen()
    {
        auto w = window(command());
        QTRY_VERIFY_WITH_TIMEOUT(w->controller()->worker()->isReady(), 30000);
        QTemporaryDir local;
        const QString copy = local.filePath(QStringLiteral("my local model.pt"));
        QVERIFY(QFile::copy(test::fixture("resnet18_scripted.pt"), copy)); // 45 MB: 45 chunks
        QSignalSpy uploaded(w->remoteWorkers(), &RemoteWorkers::uploadFinished);
        QSignalSpy shown(w.get(), &MainWindow::modelShown);
        w->remoteWorkers()->uploadAndOpen(copy);
        QVERIFY(uploaded.wait(120000));
        const QString remote = uploaded.first().at(0).toString();
        QVERIFY2(remote.contains(QStringLiteral("/jitscope-upload-")) &&
                     remote.endsWith(QStringLiteral("/my local model.pt")),
                 qPrintable(remote));
        QVERIFY(shown.wait(60000));
        QCOMPARE(w->controller()->path(), remote);
        QCOMPARE(w->moduleModel()->moduleCount(),
                 int(test::expectation("resnet18_scripted")["modules"].size()));
        QVERIFY(QFile::exists(remote)); // loopback: the worker's side is this machine
        const QString folder = QFileInfo(remote).absolutePath();
        w.reset();                                               // the window closes its worker …
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(folder), 10000); // … which removes what was sent
    }

    void localInputFilesAreSentWithTheRequest()
    {
        // What the Run panel sends names files of this machine; they reach the worker before the request.
        const QHash<QString, QString> remoteOf{{QStringLiteral("/a/b.npy"), QStringLiteral("/r/u1/b.npy")},
                                               {QStringLiteral("/a/c.png"), QStringLiteral("/r/u2/c.png")}};
        const Json rewritten =
            InputUploader::rewrite(
                protocol::Payload{Json{{"inputs", Json::array({"file:/a/b.npy", "randn:2x3",
                                                               Json::array({"image:/a/c.png:224:imagenet"})})},
                                       {"named", {{"x", "file:/a/b.npy"}}}}},
                remoteOf)
                .json;
        QCOMPARE(rewritten["inputs"][0].get<std::string>(), std::string("file:/r/u1/b.npy"));
        QCOMPARE(rewritten["inputs"][1].get<std::string>(), std::string("randn:2x3"));
        QCOMPARE(rewritten["inputs"][2][0].get<std::string>(), std::string("image:/r/u2/c.png:224:imagenet"));
        QCOMPARE(rewritten["named"]["x"].get<std::string>(), std::string("file:/r/u1/b.npy"));

        auto w = window(command());
        QVERIFY(test::openAndWait(*w, test::fixture("tiny_linear.pt")));
        const Json exp = test::expectation("tiny_linear");
        QTemporaryDir local;
        const QString inputs = local.filePath(QStringLiteral("inputs from here.pt"));
        QVERIFY(QFile::copy(test::fixture(exp["run"]["inputs_file"].get<std::string>()), inputs));
        const Json params{{"handle", w->controller()->handle()}, {"inputs_file", inputs.toStdString()}};
        QCOMPARE(InputUploader::localFiles(protocol::Payload{params}), QStringList{inputs});
        InputUploader uploader(w->controller()->worker());
        Json run;
        Error error;
        const int id = uploader.request(
            QStringLiteral("run"), protocol::Payload{params},
            {[&](protocol::Payload r) { run = r.json; }, [&](const Error& e) { error = e; }, {}});
        QVERIFY(id > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!run.is_null() || !error.message.empty(), 60000);
        QVERIFY2(error.message.empty(), error.message.c_str());
        QVERIFY(std::abs(run["outputs"][0]["sum"].get<double>() -
                         exp["run"]["outputs"][0]["sum"].get<double>()) < 1e-4);
        bool copied = false; // loopback: the worker's temp folder is on this machine
        for (const QFileInfo& session :
             QDir(QStringLiteral("/tmp")).entryInfoList({QStringLiteral("jitscope-upload-*")}))
            for (const QFileInfo& upload :
                 QDir(session.filePath()).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
                copied |=
                    QFile::exists(QDir(upload.filePath()).filePath(QStringLiteral("inputs from here.pt")));
        QVERIFY(copied);
    }

    void saveOutputsDownloads()
    {
        // Save outputs on a remote worker: the path is this machine's; the worker writes into its session
        // folder and the window fetches the file, checked, to that path.
        auto w = window(command());
        QVERIFY(test::openAndWait(*w, test::fixture("tiny_linear.pt")));
        RunClient* client = nullptr; // the panel's, over the window's session (SessionRunClient, ui/main/sessionrunclient.cpp)
        for (QObject* child : w->runPanel()->children())
            if (auto* found = dynamic_cast<RunClient*>(child))
                client = found;
        QVERIFY(client);
        const Json exp = test::expectation("tiny_linear");
        protocol::RunRequest run;
        run.handle = w->controller()->handle();
        run.inputs_file = test::fixturePath(exp["run"]["inputs_file"].get<std::string>());
        bool ran = false;
        Error error;
        client->run(run, [&](const protocol::RunReply&) { ran = true; }, [&](const Error& e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(ran || !error.message.empty(), 60000);
        QVERIFY2(error.message.empty(), error.message.c_str());

        QTemporaryDir local;
        const QString path = local.filePath(QStringLiteral("outputs from there.pt"));
        QSignalSpy fetched(w->remoteWorkers(), &RemoteWorkers::downloadFinished);
        QString saved;
        client->saveOutputs({run.handle, path.toStdString()},
                            [&](const protocol::SaveOutputsResult& r) { saved = QString::fromStdString(r.path); },
                            [&](const Error& e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(!saved.isEmpty() || !error.message.empty(), 60000);
        QVERIFY2(error.message.empty(), error.message.c_str());
        QCOMPARE(saved, path);
        QCOMPARE(fetched.count(), 1);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.size() > 0);
        // Loopback: the worker's copy is on this machine too, in its session folder, byte for byte the same.
        bool same = false;
        for (const QFileInfo& session :
             QDir(QStringLiteral("/tmp")).entryInfoList({QStringLiteral("jitscope-upload-*")}))
            for (const QFileInfo& folder : QDir(session.filePath()).entryInfoList({QStringLiteral("w*")})) {
                QFile remote(QDir(folder.filePath()).filePath(QStringLiteral("outputs.pt")));
                same |= remote.open(QIODevice::ReadOnly) && remote.readAll() == bytes;
            }
        QVERIFY(same);
        QCOMPARE(QDir(local.path()).entryList(QDir::Files), QStringList{QFileInfo(path).fileName()}); // no leftovers
    }

    void damagedDownloadIsRefused()
    {
        // A worker whose digest does not match the bytes it sends: the local file is not written.
        QTemporaryDir dir;
        const QString script = dir.filePath(QStringLiteral("bad-worker.py"));
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"(import json, sys
print(json.dumps({"method": "hello", "params": {"protocol": 4, "jitscope": "0.2.0", "host": "bad-box"}}), flush=True)
for line in sys.stdin:
    request = json.loads(line)
    result = {"path": "/x/outputs.pt", "size": 3, "offset": 0, "data": "YWJj", "sha256": "0" * 64}
    print(json.dumps({"id": request["id"], "result": result}), flush=True)
)");
        file.close();
        auto w = window(QStringLiteral("python3 ") + script);
        QTRY_VERIFY_WITH_TIMEOUT(w->controller()->worker()->isReady(), 30000);
        const QString path = dir.filePath(QStringLiteral("out.pt"));
        bool done = false;
        QString failure;
        w->remoteWorkers()->download(
            QStringLiteral("/x/outputs.pt"), path, [&] { done = true; }, [&](const QString& m) { failure = m; });
        QTRY_VERIFY_WITH_TIMEOUT(done || !failure.isEmpty(), 20000);
        QVERIFY(!done);
        QVERIFY2(failure.contains(QStringLiteral("SHA-256")), qPrintable(failure));
        QVERIFY(!QFile::exists(path));
    }

    void killedMidRunKeepsWindowAndReconnects()
    {
        auto w = window(command());
        QVERIFY(test::openAndWait(*w, test::fixture("resnet18_scripted.pt")));
        QVERIFY(test::waitForViews(*w));
        // A view of one's own: layer2's call opened in the graph, layer1 and layer3 open in the tree,
        // layer2 selected, zoomed in.
        GraphWidget* graph = w->graphWidget();
        QVERIFY(waitForGraph(graph));
        QVERIFY(graph->expandCall(QStringLiteral("layer2"), QStringLiteral("forward")));
        QVERIFY(waitForGraph(graph));
        for (const char* module : {"layer1", "layer3"})
            w->moduleView()->expand(treeIndex(*w, QLatin1String(module)));
        w->selectModule(QStringLiteral("layer2"));
        QVERIFY(waitForGraph(graph));
        graph->canvas()->zoomBy(1.7);
        const double zoom = graph->canvas()->zoom();
        const std::set<std::string> expanded = graph->viewState().expanded;
        QVERIFY(graph->isExpanded(QString::fromStdString(*expanded.rbegin())));
        QVERIFY(expanded.size() >= 2); // _forward_impl (the default view) and layer2
        WorkerClient* worker = w->controller()->worker();
        const int remotePid = worker->hello().json.value("pid", 0);
        QVERIFY(remotePid > 0);
        bool started = false;
        connect(worker, &WorkerClient::notificationReceived, this, [&](const QString& method, const protocol::Payload&) {
            started |= method == QLatin1String("bench_sample");
        });
        worker->request(QStringLiteral("bench"), protocol::Payload{Json{{"handle", w->controller()->handle()},
                                                                        {"inputs", Json::array({"randn:1x3x224x224"})},
                                                                        {"seconds", 60.0}}});
        QTRY_VERIFY_WITH_TIMEOUT(started, 60000); // mid-run
        ::kill(remotePid, SIGKILL);
        QVERIFY(waitForCrashPage(*w));
        QVERIFY(w->isVisible());
        QVERIFY2(w->messagePage()->title().contains(QStringLiteral("connection to ")) &&
                     w->messagePage()->title().contains(QStringLiteral("was lost")),
                 qPrintable(w->messagePage()->title()));
        QVERIFY2(w->messagePage()->message().contains(QStringLiteral("bench")),
                 qPrintable(w->messagePage()->message()));
        QVERIFY(workerLabel(*w).startsWith(QStringLiteral("Not connected")));
        QVERIFY(!worker->isRunning()); // not restarted behind the user's back
        QPushButton* reconnect = w->messagePage()->button(QStringLiteral("reopenButton"));
        QVERIFY(reconnect->isVisible());
        QVERIFY2(reconnect->text().startsWith(QStringLiteral("Reconnect")), qPrintable(reconnect->text()));
        QSignalSpy shown(w.get(), &MainWindow::rootGraphShown);
        reconnect->click();
        QVERIFY(shown.wait(60000));
        QTRY_COMPARE_WITH_TIMEOUT(
            w->moduleView()->currentIndex().data(ModuleTreeModel::ModulePathRole).toString(),
            QStringLiteral("layer2"), 10000); // the view is back where it was
        QVERIFY(waitForGraph(graph));
        QCOMPARE(graph->viewState().expanded, expanded);
        for (const std::string& instance : expanded)
            QVERIFY(graph->isExpanded(QString::fromStdString(instance)));
        for (const char* module : {"layer1", "layer3"})
            QVERIFY2(w->moduleView()->isExpanded(treeIndex(*w, QLatin1String(module))), module);
        QVERIFY2(qAbs(graph->canvas()->zoom() - zoom) < 1e-6,
                 qPrintable(QStringLiteral("zoom %1, was %2").arg(graph->canvas()->zoom()).arg(zoom)));
        QVERIFY(workerLabel(*w).startsWith(QStringLiteral("Worker on ")));
        test::saveScreenshot(w.get(), QStringLiteral("remote_reconnected"));
    }

    void wrongKeyShowsSshsMessage()
    {
        auto w = window(command({}, m_server.wrongKey()));
        QVERIFY(waitForCrashPage(*w));
        const QString message = w->messagePage()->message();
        QVERIFY2(message.contains(QStringLiteral("Permission denied")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("code 255")), qPrintable(message));
        QCOMPARE(w->messagePage()->title(), QStringLiteral("Could not connect to 127.0.0.1"));
        QVERIFY(w->controller()->worker()->lastFailure() == WorkerClient::Failure::CouldNotConnect);
        QTest::qWait(500);
        QVERIFY(!w->controller()->worker()->isRunning()); // no retry loop against a refusing server
        test::saveScreenshot(w.get(), QStringLiteral("remote_wrong_key"));
    }

    void missingRemoteCommand()
    {
        auto w = window(command("/nonexistent/jitscope-cli serve"));
        QVERIFY(waitForCrashPage(*w));
        QCOMPARE(w->messagePage()->title(), QStringLiteral("jitscope-cli not found on 127.0.0.1"));
        QVERIFY2(
            w->messagePage()->message().startsWith(QStringLiteral("jitscope-cli not found on 127.0.0.1")),
            qPrintable(w->messagePage()->message()));
        QVERIFY(w->controller()->worker()->lastFailure() == WorkerClient::Failure::CommandNotFound);
    }

    static QString versionedWorker(const QTemporaryDir& dir, int protocol, const char* version)
    {
        const QString script = dir.filePath(QStringLiteral("worker-%1.sh").arg(protocol));
        QFile file(script);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(QStringLiteral("echo '{\"method\": \"hello\", \"params\": {\"protocol\": %1, \"jitscope\": "
                                  "\"%2\", \"host\": \"old-box\"}}'\nexec cat >/dev/null\n")
                       .arg(protocol)
                       .arg(QLatin1String(version))
                       .toUtf8());
        return script;
    }

    void olderWorkerIsRefused()
    {
        QTemporaryDir dir;
        auto w = window(QStringLiteral("sh ") + versionedWorker(dir, 1, "0.0.9"));
        QVERIFY(waitForCrashPage(*w));
        const QString message = w->messagePage()->message();
        QVERIFY2(message.startsWith(QStringLiteral("The worker on old-box is JitScope 0.0.9 (protocol 1); this "
                                                   "window is JitScope " JITSCOPE_VERSION
                                                   " (protocol 4): update jitscope-cli on old-box.")),
                 qPrintable(message));
        QCOMPARE(w->messagePage()->title(), QStringLiteral("The worker on old-box is another JitScope version"));
        QVERIFY(w->controller()->worker()->lastFailure() == WorkerClient::Failure::Incompatible);
    }

    void newerWorkerIsRefused()
    {
        QTemporaryDir dir;
        auto w = window(QStringLiteral("sh ") + versionedWorker(dir, 5, "0.9.0"));
        QVERIFY(waitForCrashPage(*w));
        const QString message = w->messagePage()->message();
        QVERIFY2(message.startsWith(QStringLiteral("The worker on old-box is JitScope 0.9.0 (protocol 5); this "
                                                   "window is JitScope " JITSCOPE_VERSION
                                                   " (protocol 4): update JitScope on this machine, or use "
                                                   "jitscope-cli " JITSCOPE_VERSION " on old-box.")),
                 qPrintable(message));
        QVERIFY(!w->controller()->worker()->isRunning());
    }

    void passphraseGoesThroughAskpass()
    {
        QTemporaryDir dir;
        const QString prompts = dir.filePath(QStringLiteral("prompts.txt"));
        const QString askpass = dir.filePath(QStringLiteral("askpass.sh"));
        QFile file(askpass);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("#!/bin/sh\necho \"$1\" >> '%1'\necho '%2'\n")
                       .arg(prompts, QLatin1String(test::SshServer::passphrase()))
                       .toUtf8());
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("JITSCOPE_ASKPASS", askpass.toLocal8Bit());
        auto w = window(command({}, m_server.passphraseKey(), false));
        const bool ready = QTest::qWaitFor([&] { return w->controller()->worker()->isReady(); }, 30000);
        qunsetenv("JITSCOPE_ASKPASS");
        QVERIFY2(ready, qPrintable(w->messagePage()->message()));
        QFile asked(prompts);
        QVERIFY(asked.open(QIODevice::ReadOnly));
        QVERIFY(asked.readAll().contains("passphrase"));
    }

    void askpassDialog()
    {
        AskpassDialog secret(QStringLiteral("Enter passphrase for key '/root/.ssh/id_ed25519': "));
        QCOMPARE(secret.edit()->echoMode(), QLineEdit::Password);
        QTest::keyClicks(secret.edit(), QStringLiteral("s3cret"));
        QCOMPARE(secret.answer(), QStringLiteral("s3cret"));
        AskpassDialog question(
            QStringLiteral("Are you sure you want to continue connecting (yes/no/[fingerprint])?"));
        QCOMPARE(question.edit()->echoMode(), QLineEdit::Normal);
    }

    void workersAreNamedAndChosen()
    {
        WorkerSettingsDialog dialog(WorkerProfiles::load());
        QCOMPARE(dialog.table()->rowCount(), 1); // Local only
        for (const WorkerProfile& profile : WorkerProfiles::templates())
            dialog.addProfile(profile);
        dialog.addProfile({QStringLiteral("loopback"), command()});
        const QList<WorkerProfile> profiles = dialog.profiles();
        QCOMPARE(profiles.size(), 2 + WorkerProfiles::templates().size());
        QVERIFY(profiles.first().isLocal());
        WorkerProfiles::save(profiles);
        QVERIFY(WorkerProfiles::load() == profiles);
        WorkerProfiles::setCurrentName(QStringLiteral("loopback"));

        auto w = window(QString()); // no --worker: the stored choice
        auto* box = w->findChild<QComboBox*>(QStringLiteral("workerBox"));
        QCOMPARE(box->currentText(), QStringLiteral("loopback"));
        QTRY_VERIFY_WITH_TIMEOUT(w->controller()->worker()->isReady(), 30000);
        QVERIFY(w->windowTitle().contains(QStringLiteral(" — on ")));
        QVERIFY(test::openAndWait(*w, test::fixture("tiny_linear.pt")));
        // Choosing Local restarts the worker here; the title loses its suffix.
        box->setCurrentIndex(box->findText(WorkerProfiles::localName()));
        Q_EMIT box->activated(box->currentIndex());
        QTRY_VERIFY_WITH_TIMEOUT(w->controller()->worker()->isReady(), 30000);
        QVERIFY(!w->controller()->worker()->isRemote());
        QVERIFY(!w->windowTitle().contains(QStringLiteral(" — on ")));
        QCOMPARE(WorkerProfiles::currentName(), WorkerProfiles::localName());
        // A recent file opens on the worker it was opened on.
        w->remoteWorkers()->switchToWorkerOf(test::fixture("tiny_linear.pt"));
        QCOMPARE(w->remoteWorkers()->current().name, QStringLiteral("loopback"));
        QVERIFY(w->controller()->worker()->isRemote());
        WorkerProfiles::save({});
        WorkerProfiles::setCurrentName(WorkerProfiles::localName());
    }

    void screenshotOfARemoteWindow()
    {
        auto w = window(command());
        w->resize(1400, 860);
        QVERIFY(test::openAndWait(*w, test::fixture("resnet18_scripted.pt")));
        QVERIFY(test::waitForViews(*w));
        QTRY_VERIFY_WITH_TIMEOUT(!w->graphWidget()->isLayoutPending(), 30000);
        QTest::qWait(300);
        const QString path = test::saveScreenshot(w.get(), QStringLiteral("remote_window"));
        if (!path.isEmpty())
            qInfo("screenshot: %s", qPrintable(path));
    }

private:
    test::SshServer m_server;
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    TestRemoteWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_remote_window.moc"
