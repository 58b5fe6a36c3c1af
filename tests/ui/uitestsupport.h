// Helpers shared by the UI tests: an isolated settings dir, the real worker, waiting on the window.
#pragma once

#include "types/json.h"

#include <QString>

#include <functional>

class QAbstractItemModel;
class QModelIndex;
class QWidget;

namespace jitscope::ui {
class MainWindow;
}

namespace jitscope::test {

// Call before constructing QApplication: settings go to a fresh temp dir, the worker is the CLI built
// with the tests (JITSCOPE_CLI).
void prepareUiEnvironment();
QString fixture(const std::string& file);

// Opens `path` and waits until the model page or an error/crash page shows. True on the model page.
bool openAndWait(ui::MainWindow& window, const QString& path, int timeoutMs = 120000);
// Waits until the root graph and the code have arrived too.
bool waitForViews(ui::MainWindow& window, int timeoutMs = 60000);
// Rows of a tree model, at every depth.
int recursiveRowCount(const QAbstractItemModel* model, const QModelIndex& parent);
// Saves a grab of `widget` as $JITSCOPE_SCREENSHOT_DIR/<name>.png; returns the path ("" without the env).
QString saveScreenshot(QWidget* widget, const QString& name);

} // namespace jitscope::test
