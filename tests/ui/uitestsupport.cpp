#include "uitestsupport.h"

#include "codeview.h"
#include "irview.h"
#include "mainwindow.h"
#include "messagepage.h"
#include "modelcontroller.h"
#include "testsupport.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace jitscope::test {

void prepareUiEnvironment()
{
    static QTemporaryDir config(QDir::tempPath() + QStringLiteral("/jitscope-ui-test-XXXXXX"));
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    qputenv("JITSCOPE_CLI", QByteArray::fromStdString(cliPath()));
    QCoreApplication::setOrganizationName(QStringLiteral("JitScopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("JitScopeTests"));
}

QString fixture(const std::string& file)
{
    return QString::fromStdString(fixturePath(file));
}

bool openAndWait(ui::MainWindow& window, const QString& path, int timeoutMs)
{
    window.openFile(path);
    using Page = ui::MainWindow::Page;
    const bool settled = QTest::qWaitFor(
        [&] {
            return window.currentPage() == Page::Model ||
                   (window.currentPage() == Page::Message &&
                    window.messagePage()->mode() != ui::MessagePage::Mode::Loading);
        },
        timeoutMs);
    return settled && window.currentPage() == Page::Model;
}

bool waitForViews(ui::MainWindow& window, int timeoutMs)
{
    return QTest::qWaitFor(
        [&] { return window.irView()->graphCount() > 0 && window.codeView()->entryCount() > 0; }, timeoutMs);
}

int recursiveRowCount(const QAbstractItemModel* model, const QModelIndex& parent)
{
    int count = 0;
    for (int row = 0; row < model->rowCount(parent); ++row)
        count += 1 + recursiveRowCount(model, model->index(row, 0, parent));
    return count;
}

QString saveScreenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("JITSCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return {};
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
    widget->grab().save(path);
    return path;
}

} // namespace jitscope::test
