// A file that changes on disk under an open window: reloaded in place with the view kept, a half-written
// file never shows an error page, the setting turns it off, Undo brings the previous model back. Real worker,
// real models made by PyTorch (make_reload_models.py: one structure, two widths).
#include "autoreloader.h"
#include "filewatcher.h"
#include "graph/graphcanvas.h"
#include "graph/graphwidget.h"
#include "mainwindow.h"
#include "messagepage.h"
#include "modelcontroller.h"
#include "moduletreemodel.h"
#include "settingsdialog.h"
#include "testsupport.h"
#include "uitestsupport.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFrame>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <cstdio>

using namespace jitscope;
using namespace jitscope::ui;

class TestUiReload : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QByteArray m_narrow, m_wide; // the two versions' bytes
    qlonglong m_narrowCount = 0, m_wideCount = 0;
    std::unique_ptr<MainWindow> m_window;
    QString m_path; // the file the window shows

    AutoReloader* reloader() const { return m_window->findChild<AutoReloader*>(); }
    qlonglong shownCount() const { return qlonglong(m_window->controller()->info().summary.param_count); }
    GraphWidget* graph() const { return m_window->graphWidget(); }

    bool waitForGraph()
    {
        return QTest::qWaitFor(
            [&] {
                return graph()->sceneNodeCount() > 0 && !graph()->isLayoutPending() &&
                       !graph()->isRestoringView();
            },
            60000);
    }

    // Rewrites the file the way torch.jit.save and editors do: a temp file renamed over it.
    void replaceFile(const QByteArray& bytes)
    {
        const QString temp = m_path + QStringLiteral(".tmp");
        QFile out(temp);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QCOMPARE(out.write(bytes), bytes.size());
        out.close();
        QVERIFY(::rename(QFile::encodeName(temp).constData(), QFile::encodeName(m_path).constData()) == 0);
    }

    // Waits `ms` while checking that the window never shows the error (or loading) page.
    bool staysOnModelPage(int ms)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < ms) {
            if (m_window->currentPage() != MainWindow::Page::Model)
                return false;
            QTest::qWait(10);
        }
        return true;
    }

    bool reloadTo(qlonglong count)
    {
        return QTest::qWaitFor(
                   [&] { return shownCount() == count && !m_window->controller()->isReopening(); }, 30000) &&
               waitForGraph();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QProcess python;
        python.start(QStringLiteral(JITSCOPE_PYTHON), {QStringLiteral(JITSCOPE_RELOAD_MODELS), m_dir.path()});
        QVERIFY(python.waitForFinished(120000));
        QCOMPARE(python.exitCode(), 0);
        const QJsonObject counts = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
        m_narrowCount = counts.value(QStringLiteral("narrow")).toInteger();
        m_wideCount = counts.value(QStringLiteral("wide")).toInteger();
        QVERIFY(m_narrowCount > 0 && m_wideCount > m_narrowCount);
        for (auto [name, bytes] : {std::pair{"narrow", &m_narrow}, std::pair{"wide", &m_wide}}) {
            QFile file(m_dir.filePath(QLatin1String(name) + QStringLiteral(".pt")));
            QVERIFY(file.open(QIODevice::ReadOnly));
            *bytes = file.readAll();
        }
        m_path = m_dir.filePath(QStringLiteral("model.pt"));
        QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("narrow.pt")), m_path));

        SettingsDialog::storeReloadOnChange(true);
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(test::openAndWait(*m_window, m_path));
        QVERIFY(test::waitForViews(*m_window));
        QVERIFY(waitForGraph());
        QCOMPARE(shownCount(), m_narrowCount);
        QVERIFY(reloader());
    }

    void reloadKeepsTheView()
    {
        // The small model opens fully expanded: collapse it, then open body and its second block only,
        // select a module, zoom in.
        graph()->collapseAll();
        QVERIFY(waitForGraph());
        QVERIFY(graph()->expandCall(QStringLiteral("body"), QStringLiteral("forward")));
        QVERIFY(waitForGraph());
        QVERIFY(graph()->expandCall(QStringLiteral("body.1"), QStringLiteral("forward")));
        QVERIFY(waitForGraph());
        m_window->selectModule(QStringLiteral("body.1.fc"));
        QVERIFY(waitForGraph());
        const std::set<std::string> expanded = graph()->viewState().expanded;
        QVERIFY(expanded.size() >= 2);
        graph()->canvas()->zoomBy(1.7);
        const double zoom = graph()->canvas()->zoom();

        QSignalSpy reloaded(reloader(), &AutoReloader::reloaded);
        replaceFile(m_wide);
        QVERIFY(reloaded.wait(20000));
        QVERIFY(reloadTo(m_wideCount));
        QCOMPARE(m_window->currentPage(), MainWindow::Page::Model);
        QCOMPARE(graph()->viewState().expanded, expanded);
        for (const std::string& instance : expanded)
            QVERIFY(graph()->isExpanded(QString::fromStdString(instance)));
        QCOMPARE(m_window->moduleView()->currentIndex().data(ModuleTreeModel::ModulePathRole).toString(),
                 QStringLiteral("body.1.fc"));
        QVERIFY2(qAbs(graph()->canvas()->zoom() - zoom) < 1e-6,
                 qPrintable(QStringLiteral("%1 vs %2").arg(graph()->canvas()->zoom()).arg(zoom)));
        QCOMPARE(m_window->rootMethod(), QStringLiteral("forward"));
        QVERIFY(reloader()->isNoticeShown());
        QVERIFY(m_window->controller()->hasPrevious());
        test::saveScreenshot(m_window.get(), QStringLiteral("reload_notice"));
    }

    void undoRestoresThePreviousModel()
    {
        QVERIFY(reloader()->isNoticeShown());
        const std::set<std::string> expanded = graph()->viewState().expanded;
        auto* undo = reloader()->notice()->findChild<QToolButton*>(QStringLiteral("reloadUndo"));
        QVERIFY(undo);
        QSignalSpy undone(reloader(), &AutoReloader::undone);
        QTest::mouseClick(undo, Qt::LeftButton);
        QCOMPARE(undone.count(), 1);
        QVERIFY(reloadTo(m_narrowCount));
        QVERIFY(!reloader()->isNoticeShown());
        QVERIFY(!m_window->controller()->hasPrevious());
        QCOMPARE(graph()->viewState().expanded, expanded);
        // The file on disk is still the wide one, and is not reloaded again until it changes.
        QVERIFY(staysOnModelPage(1200));
        QCOMPARE(shownCount(), m_narrowCount);
    }

    void slowInPlaceWriteEndsLoaded()
    {
        // The same inode rewritten in 8 pieces, 120 ms apart: never settled long enough to be loaded half
        // way; the window keeps the old model until the new one is whole.
        QSignalSpy reloaded(reloader(), &AutoReloader::reloaded);
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        const QByteArray& bytes = m_wide;
        const qsizetype piece = bytes.size() / 8 + 1;
        for (qsizetype at = 0; at < bytes.size(); at += piece) {
            file.write(bytes.mid(at, piece));
            file.flush();
            QVERIFY(staysOnModelPage(120));
        }
        file.close();
        QVERIFY(reloaded.wait(20000));
        QVERIFY(reloadTo(m_wideCount));
        QCOMPARE(m_window->currentPage(), MainWindow::Page::Model);
        reloader()->dismiss();
        QVERIFY(!m_window->controller()->hasPrevious());
    }

    void halfWrittenFileShowsNoErrorPage()
    {
        // A writer that stops half way for longer than the settle time: the half file is loaded, fails,
        // and is retried; the window keeps the old model, and shows the new one once it is complete.
        QSignalSpy reloaded(reloader(), &AutoReloader::reloaded);
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        const QByteArray& bytes = m_narrow;
        file.write(bytes.left(bytes.size() * 6 / 10));
        file.flush();
        QVERIFY(staysOnModelPage(1500));
        QVERIFY2(reloader()->failedAttempts() > 0, "the half-written file was never tried");
        QCOMPARE(reloaded.count(), 0);
        QCOMPARE(shownCount(), m_wideCount);
        file.write(bytes.mid(bytes.size() * 6 / 10));
        file.close();
        QVERIFY(reloaded.wait(20000));
        QVERIFY(reloadTo(m_narrowCount));
        QCOMPARE(m_window->currentPage(), MainWindow::Page::Model);
        QCOMPARE(reloader()->failedAttempts(), 0);
    }

    void methodIsKept()
    {
        QSignalSpy shown(m_window.get(), &MainWindow::rootGraphShown);
        m_window->showMethod(QStringLiteral("embed"));
        QVERIFY(shown.wait(30000));
        QVERIFY(waitForGraph());
        graph()->collapseAll();
        QVERIFY(waitForGraph());
        QVERIFY(graph()->expandCall(QStringLiteral("body"), QStringLiteral("forward")));
        QVERIFY(waitForGraph());
        const std::set<std::string> expanded = graph()->viewState().expanded;
        QCOMPARE(expanded.size(), size_t(1));
        QSignalSpy reloaded(reloader(), &AutoReloader::reloaded);
        replaceFile(m_wide);
        QVERIFY(reloaded.wait(20000));
        QVERIFY(reloadTo(m_wideCount));
        QCOMPARE(m_window->rootMethod(), QStringLiteral("embed"));
        QCOMPARE(graph()->viewState().expanded, expanded);
        reloader()->dismiss();
    }

    void settingOffMeansNoReload()
    {
        SettingsDialog::storeReloadOnChange(false);
        QSignalSpy reloaded(reloader(), &AutoReloader::reloaded);
        replaceFile(m_narrow);
        QVERIFY(staysOnModelPage(2000));
        QCOMPARE(reloaded.count(), 0);
        QCOMPARE(shownCount(), m_wideCount);
        SettingsDialog::storeReloadOnChange(true);
    }

    void brokenFileEndsOnTheErrorPage()
    {
        // A change that never becomes loadable is retried, then reported the ordinary way.
        reloader()->setRetryDelays({100, 200});
        replaceFile(QByteArray("not a zip at all"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return m_window->currentPage() == MainWindow::Page::Message &&
                       m_window->messagePage()->mode() == MessagePage::Mode::Error;
            },
            20000));
        // … and a fixed file is opened again without asking.
        replaceFile(m_wide);
        QVERIFY(QTest::qWaitFor([&] { return m_window->currentPage() == MainWindow::Page::Model; }, 30000));
        QCOMPARE(shownCount(), m_wideCount);
    }

    void cleanupTestCase() { m_window.reset(); }
};

int main(int argc, char** argv)
{
    jitscope::test::prepareUiEnvironment();
    QApplication app(argc, argv);
    TestUiReload test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_reload.moc"
