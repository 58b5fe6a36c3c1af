// Opening several files at once: each in a window of its own.
#pragma once

#include <QList>
#include <QStringList>

namespace jitscope::ui {

class MainWindow;

// `jitscope a.pt b.pt`, a file manager's multi-select "Open with" (Exec=jitscope %F), several files dropped
// or picked in the open dialog: the first file opens in `first` when given, every other one in a new window
// (its own worker) placed a little below and right of the previous one. New windows delete themselves when
// closed. Returns the windows showing the files, in the order given.
QList<MainWindow*> openInWindows(const QStringList& files, MainWindow* first = nullptr);

} // namespace jitscope::ui
