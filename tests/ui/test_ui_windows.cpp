// Several files at once (`jitscope a.pt b.pt`, a file manager's multi-select): each opens in a window of its
// own, with its own worker and the file name in the title; a checkpoint among them gets the friendly page.
#include "mainwindow.h"
#include "messagepage.h"
#include "modelcontroller.h"
#include "testsupport.h"
#include "uitestsupport.h"
#include "windowopener.h"
#include "workerclient.h"

#include <QApplication>
#include <QFileInfo>
#include <QPointer>
#include <QTest>

#include <algorithm>

using namespace jitscope;
using namespace jitscope::ui;

namespace {
bool settled(const MainWindow* window)
{
    return window->currentPage() == MainWindow::Page::Model ||
           (window->currentPage() == MainWindow::Page::Message &&
            window->messagePage()->mode() != MessagePage::Mode::Loading);
}
} // namespace

class TestUiWindows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eachFileInItsOwnWindow()
    {
        const QStringList files = {test::fixture("tiny_linear.pt"), test::fixture("small_scripted.pt"),
                                   test::fixture("state_dict.pt")};
        const QList<MainWindow*> windows = openInWindows(files);
        QCOMPARE(windows.size(), files.size());
        QList<QPointer<MainWindow>> guards(windows.begin(), windows.end());
        for (MainWindow* window : windows) {
            QVERIFY(window->isVisible());
            QVERIFY(window->testAttribute(Qt::WA_DeleteOnClose));
        }
        QVERIFY(QTest::qWaitFor(
            [&] { return std::all_of(windows.begin(), windows.end(), [](auto* w) { return settled(w); }); },
            120000));
        for (int i = 0; i < files.size(); ++i)
            QCOMPARE(windows[i]->windowTitle(),
                     QStringLiteral("%1 — JitScope").arg(QFileInfo(files[i]).fileName()));
        QCOMPARE(windows[0]->currentPage(), MainWindow::Page::Model);
        QCOMPARE(windows[1]->currentPage(), MainWindow::Page::Model);
        QCOMPARE(qlonglong(windows[0]->controller()->info().summary.param_count),
                 test::expectation("tiny_linear")["param_count"].get<qlonglong>());
        QCOMPARE(qlonglong(windows[1]->controller()->info().summary.param_count),
                 test::expectation("small_scripted")["param_count"].get<qlonglong>());
        // Each window has a worker of its own.
        QVERIFY(windows[0]->controller()->worker()->processId() !=
                windows[1]->controller()->worker()->processId());
        // The torch.save checkpoint: the same page as when opened alone.
        MessagePage* page = windows[2]->messagePage();
        QCOMPARE(windows[2]->currentPage(), MainWindow::Page::Message);
        QCOMPARE(page->mode(), MessagePage::Mode::Error);
        QVERIFY2(page->title().contains(QStringLiteral("state_dict.pt")), qPrintable(page->title()));
        // Kept in a variable: a range-for over a member of a temporary reads freed memory (ASan).
        const Json expected = test::expectation("state_dict");
        for (const Json& part : expected["message_contains"]) {
            const QString text = QString::fromStdString(part.get<std::string>());
            QVERIFY2(page->message().contains(text, Qt::CaseInsensitive) ||
                         page->detail().contains(text, Qt::CaseInsensitive),
                     qPrintable(page->message() + QStringLiteral(" lacks ") + text));
        }
        // Cascaded, not stacked exactly on top of each other.
        QVERIFY(windows[1]->pos() != windows[0]->pos());
        for (MainWindow* window : windows)
            window->close();
        QVERIFY(QTest::qWaitFor(
            [&] { return std::none_of(guards.begin(), guards.end(), [](auto& g) { return bool(g); }); },
            10000));
    }

    void firstFileReusesTheGivenWindow()
    {
        auto* window = new MainWindow;
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->show();
        const QList<MainWindow*> windows =
            openInWindows({test::fixture("tiny_linear.pt"), test::fixture("small_traced.pt")}, window);
        QCOMPARE(windows.size(), 2);
        QCOMPARE(windows[0], window);
        QVERIFY(windows[1] != window);
        QVERIFY(QTest::qWaitFor([&] { return settled(windows[0]) && settled(windows[1]); }, 120000));
        QCOMPARE(windows[1]->windowTitle(), QStringLiteral("small_traced.pt — JitScope"));
        test::saveScreenshot(windows[1], QStringLiteral("second_window"));
        for (MainWindow* w : windows)
            w->close();
    }
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    app.setQuitOnLastWindowClosed(false); // the windows are closed between the tests
    TestUiWindows test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_windows.moc"
