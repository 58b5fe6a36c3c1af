// Reloads a window's model in place when its file changes on disk, and offers to undo it.
#pragma once

#include "types/error.h"
#include "viewstate.h"

#include <QList>
#include <QObject>
#include <QTimer>

class QFrame;
class QLabel;

namespace jitscope::ui {

class FileWatcher;
class MainWindow;

// The window's file is watched (FileWatcher) from the moment it is opened. When it changes and has
// settled, the file is loaded again *next to* the model shown (ModelController::reopen), so a file that
// cannot be loaded yet — still being written, or broken — leaves the window as it was: the load is
// retried with backoff, and only when every retry failed is the file opened the ordinary way, which shows
// the error page. A successful load replaces the model keeping the view (ViewStateKeeper) and shows a
// notice in the status bar; until it is dismissed (or times out) the old model stays open in the worker and
// Undo brings it back — the file on disk may already be gone, so there is nothing else to go back to.
// A file that failed to open is opened again when it changes. Settings › "Reload when the file changes"
// (SettingsDialog::storedReloadOnChange) turns all of it off.
class AutoReloader : public QObject
{
    Q_OBJECT
public:
    explicit AutoReloader(MainWindow* window);

    FileWatcher* watcher() const { return m_watcher; }
    // Waits between the failed loads of a changed file before giving up (for tests; default 0.5, 1, 2, 4 s).
    void setRetryDelays(const QList<int>& ms) { m_retryDelays = ms; }
    void setNoticeTimeoutMs(int ms) { m_noticeTimeoutMs = ms; } // default 30 s
    bool isNoticeShown() const;
    QFrame* notice() const { return m_notice; }
    int failedAttempts() const { return m_attempt; }

public Q_SLOTS:
    void undo();    // show the model as it was before the last reload
    void dismiss(); // keep the reloaded model; the old one is closed

Q_SIGNALS:
    void reloaded(const QString& path); // the changed file is shown (its graph view still restoring)
    void undone();

private:
    void buildNotice();
    void onChanged(const QString& path);
    void startReopen();
    void onReopenReady();
    void onReopenFailed(const jitscope::Error& error);
    void reset(); // another file, a close, a crash: forget retries and the notice
    void hideNotice();

    MainWindow* m_window;
    FileWatcher* m_watcher;
    ViewStateKeeper* m_keeper;
    QTimer m_retry;
    QTimer m_noticeTimer;
    QList<int> m_retryDelays{500, 1000, 2000, 4000};
    int m_attempt = 0;
    int m_noticeTimeoutMs = 30000;
    bool m_changedWhileLoading = false;
    QFrame* m_notice = nullptr;
    QLabel* m_noticeText = nullptr;
};

} // namespace jitscope::ui
