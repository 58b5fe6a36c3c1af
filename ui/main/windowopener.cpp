#include "windowopener.h"

#include "mainwindow.h"

namespace jitscope::ui {

QList<MainWindow*> openInWindows(const QStringList& files, MainWindow* first)
{
    // Every window restores the same saved geometry: cascade them so that none hides another.
    constexpr int kCascade = 32;
    QList<MainWindow*> windows;
    MainWindow* previous = first;
    for (const QString& file : files) {
        MainWindow* window = windows.isEmpty() && first ? first : nullptr;
        if (!window) {
            window = new MainWindow;
            window->setAttribute(Qt::WA_DeleteOnClose);
            if (previous)
                window->move(previous->pos() + QPoint(kCascade, kCascade));
            window->show();
        }
        window->openFile(file);
        windows << window;
        previous = window;
    }
    return windows;
}

} // namespace jitscope::ui
