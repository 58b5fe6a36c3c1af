// Every bad fixture through the GUI path gives its message and leaves a usable window; a worker killed
// mid-load is reported and replaced, and the model reopens with one click.
#include "integritybar.h"
#include "mainwindow.h"
#include "messagepage.h"
#include "modelcontroller.h"
#include "moduletreemodel.h"
#include "parametertablemodel.h"
#include "testsupport.h"
#include "uitestsupport.h"
#include "workerclient.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include <csignal>

using namespace jitscope;
using namespace jitscope::ui;

class TestUiErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // torchvision's ops are a Suggests of the .deb: the page names the package that provides them.
    void torchvisionOpHintNamesThePackage()
    {
        Error error;
        error.code = ErrorCode::UnknownOp;
        error.op = "torchvision::nms";
        const QString hint = MessagePage::hint(error);
        QVERIFY2(hint.contains(QStringLiteral("python3-torchvision")), qPrintable(hint));
        QVERIFY2(hint.contains(QStringLiteral("torchvision::nms")), qPrintable(hint));
        error.op = "my_ops::fused";
        QVERIFY(!MessagePage::hint(error).contains(QStringLiteral("python3-torchvision")));
    }

    void badFixturesShowTheirMessage_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("code");
        int count = 0;
        const Json index = test::fixtureIndex(); // a range-for over a temporary's member would dangle
        for (const Json& entry : index["fixtures"]) {
            if (entry["kind"] != "error")
                continue;
            const std::string name = entry["name"].get<std::string>();
            QTest::newRow(name.c_str()) << test::fixture(entry["file"].get<std::string>())
                                        << QString::fromStdString(entry["error"].get<std::string>());
            ++count;
        }
        QVERIFY(count >= 11);
    }

    void badFixturesShowTheirMessage()
    {
        QFETCH(QString, file);
        QFETCH(QString, code);
        MainWindow& window = this->window();
        QVERIFY(!test::openAndWait(window, file));
        QCOMPARE(window.currentPage(), MainWindow::Page::Message);
        MessagePage* page = window.messagePage();
        QCOMPARE(page->mode(), MessagePage::Mode::Error);
        QVERIFY2(page->title().contains(QFileInfo(file).fileName()), qPrintable(page->title()));
        QVERIFY2(page->message().size() > 10, qPrintable(page->message()));
        QVERIFY(!page->message().contains(QLatin1Char('\n')) || page->message().size() < 400);
        const std::string name = QFileInfo(file).completeBaseName().toStdString();
        // Kept in a variable: a range-for over a member of a temporary reads freed memory (ASan).
        const Json expected = test::expectation(name);
        for (const Json& part : expected["message_contains"]) {
            const QString text = QString::fromStdString(part.get<std::string>());
            QVERIFY2(page->message().contains(text, Qt::CaseInsensitive) ||
                         page->detail().contains(text, Qt::CaseInsensitive),
                     qPrintable(page->message() + QStringLiteral(" lacks ") + text));
        }
        // The detail is there but folded away until asked for.
        auto* toggle = page->findChild<QToolButton*>(QStringLiteral("detailToggle"));
        QVERIFY(!page->isDetailVisible());
        if (toggle->isVisible()) {
            toggle->click();
            QVERIFY(page->isDetailVisible());
        }
        QCOMPARE(page->button(QStringLiteral("loadLibraryButton"))->isVisible(),
                 code == QLatin1String("unknown_op"));
        // "Try Again" only where trying again can help; the hint never repeats the message.
        QCOMPARE(page->button(QStringLiteral("retryButton"))->isVisible(),
                 MessagePage::retryCanHelp(errorCodeFromString(code.toStdString())));
        QCOMPARE(MessagePage::unsaid(page->hintText(), page->message()), page->hintText());
        QVERIFY2(!page->message().contains(page->hintText()) || page->hintText().isEmpty(),
                 qPrintable(page->hintText()));
    }

    // A file whose weights were damaged after saving opens (LibTorch loads it silently), with a warning bar
    // above the graph and the damaged tensors marked in the parameter table; an intact file shows no bar.
    void damagedWeightsShowTheBarAndMarkTheTensors()
    {
        MainWindow& window = this->window();
        const Json expect = test::expectation("trust_fixtures")["damaged_weights"];
        QVERIFY(test::openAndWait(window, test::fixture(expect["file"].get<std::string>())));
        auto* bar = window.findChild<IntegrityBar*>(QStringLiteral("integrityBar"));
        QVERIFY(bar);
        QVERIFY(!bar->isHidden());
        QVERIFY2(bar->text().contains(QString::fromStdString(expect["record"].get<std::string>())),
                 qPrintable(bar->text()));
        auto* table = window.findChild<ParameterTableModel*>();
        QVERIFY(table);
        QAbstractItemModelTester tester(table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSet<QString> damaged;
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->index(row, 0).data(ParameterTableModel::IsDamagedRole).toBool())
                damaged.insert(table->nameAt(row));
        QSet<QString> expected;
        for (const Json& name : expect["tensors"])
            expected.insert(QString::fromStdString(name.get<std::string>()));
        QCOMPARE(damaged, expected);
        test::saveScreenshot(&window, QStringLiteral("integrity_bar"));

        QVERIFY(test::openAndWait(window, test::fixture("small_traced.pt")));
        QVERIFY(bar->isHidden());
    }

    void windowStaysUsable()
    {
        MainWindow& window = this->window();
        QVERIFY(test::openAndWait(window, test::fixture("tiny_linear.pt")));
        QCOMPARE(window.moduleModel()->moduleCount(),
                 int(test::expectation("tiny_linear")["modules"].size()));
    }

    void workerKilledMidLoad()
    {
        MainWindow& window = this->window();
        WorkerClient* worker = window.controller()->worker();
        QTRY_VERIFY_WITH_TIMEOUT(worker->isReady(), 30000);
        QSignalSpy ready(window.controller(), &ModelController::workerReady);
        const QString path = test::fixture("resnet18_scripted.pt");
        window.openFile(path);
        QVERIFY(window.controller()->isLoading());
        // The request is written; the answer cannot have been read yet: the worker dies mid-load.
        ::kill(static_cast<pid_t>(worker->processId()), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(window.messagePage()->mode() == MessagePage::Mode::Crash, 30000);
        QCOMPARE(window.currentPage(), MainWindow::Page::Message);
        const QString message = window.messagePage()->message();
        QVERIFY2(message.contains(QStringLiteral("signal 9")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("open")) &&
                     message.contains(QStringLiteral("resnet18_scripted.pt")),
                 qPrintable(message));
        QVERIFY(ready.wait(30000)); // a fresh worker
        QPushButton* reopen = window.messagePage()->button(QStringLiteral("reopenButton"));
        QVERIFY(reopen->isVisible());
        QVERIFY(reopen->text().contains(QStringLiteral("resnet18_scripted.pt")));
        QSignalSpy shown(&window, &MainWindow::modelShown);
        reopen->click();
        QVERIFY(shown.wait(60000));
        QCOMPARE(window.moduleModel()->moduleCount(),
                 int(test::expectation("resnet18_scripted")["modules"].size()));
    }

    void workerKilledWhileShowingAModel()
    {
        MainWindow& window = this->window();
        QVERIFY(test::openAndWait(window, test::fixture("tiny_linear.pt")));
        ::kill(static_cast<pid_t>(window.controller()->worker()->processId()), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(window.messagePage()->mode() == MessagePage::Mode::Crash, 30000);
        QVERIFY(window.messagePage()->button(QStringLiteral("reopenButton"))->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(window.controller()->worker()->isReady(), 30000);
        window.messagePage()->button(QStringLiteral("reopenButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(window.currentPage(), MainWindow::Page::Model, 60000);
    }

    void libraryFailureOffersToFixIt()
    {
        MainWindow& window = this->window();
        window.addLibrary(QStringLiteral("/nonexistent/libmissing_ops.so"));
        QVERIFY(window.controller()->libraries().contains(QStringLiteral("/nonexistent/libmissing_ops.so")));
        QVERIFY(!test::openAndWait(window, test::fixture("tiny_linear.pt")));
        MessagePage* page = window.messagePage();
        QCOMPARE(page->mode(), MessagePage::Mode::Error);
        QVERIFY2(page->message().contains(QStringLiteral("libmissing_ops.so")), qPrintable(page->message()));
        QVERIFY(page->button(QStringLiteral("loadLibraryButton"))->isVisible());
        // Removing it from the settings makes the same file open again.
        window.controller()->setLibraries({});
        page->button(QStringLiteral("retryButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(window.currentPage(), MainWindow::Page::Model, 60000);
    }

    void cancelWhileLoading()
    {
        MainWindow& window = this->window();
        window.openFile(test::fixture("fasterrcnn_scripted.pt"));
        QVERIFY(window.controller()->isLoading());
        window.messagePage()->button(QStringLiteral("cancelButton"))->click();
        // Either the worker stopped it or it had finished already: both leave a usable window.
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isLoading(), 120000);
        QVERIFY(window.currentPage() == MainWindow::Page::Model ||
                window.messagePage()->mode() == MessagePage::Mode::Error);
        QVERIFY(test::openAndWait(window, test::fixture("tiny_linear.pt")));
    }

    void cleanupTestCase() { m_window.reset(); }

private:
    MainWindow& window()
    {
        if (!m_window) {
            m_window = std::make_unique<MainWindow>();
            m_window->show();
        }
        return *m_window;
    }
    std::unique_ptr<MainWindow> m_window;
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    TestUiErrors test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_errors.moc"
