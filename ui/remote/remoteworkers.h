// The main window's side of remote workers: the toolbar's worker box, "— on HOST" in the title, the
// remote Open dialog, sending a local file, Recent files that remember their worker, and Reconnect after
// a dropped link (reopening the model where the view was). The window only calls the hooks below.
#pragma once

#include "viewstate.h"
#include "workerprofiles.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QComboBox;
class QLabel;

namespace jitscope::ui {

class MainWindow;
class Downloader;
class Uploader;

class RemoteWorkers : public QObject
{
    Q_OBJECT
public:
    explicit RemoteWorkers(MainWindow* window); // applies the chosen worker; the window starts it
    // `jitscope --worker CMD`: used instead of the stored choice by the next window, not saved.
    static void setInitialCommand(const QString& command);

    bool isRemote() const;
    WorkerProfile current() const { return m_current; }
    QList<WorkerProfile> profiles() const { return m_profiles; }
    QComboBox* workerBox() const { return m_box; }
    QString titleSuffix() const; // " — on gpu-box", "" for the local worker

    // Hooks of the window.
    bool openRemoteDialog();                      // File › Open; false on the local worker
    QString prepareOpen(const QString& path);     // the path to send: local ones made absolute
    void switchToWorkerOf(const QString& path);   // Recent files: the worker the path was opened on
    void uploadAndOpen(const QString& localPath); // "the model is here, the GPU is there"
    // Brings a file the worker wrote (Save outputs) to localPath, with a progress dialog; exactly one of
    // done/failed runs.
    void download(const QString& remotePath, const QString& localPath, std::function<void()> done,
                  std::function<void(const QString& message)> failed);

    void useProfile(const WorkerProfile& profile); // restarts the worker; saved as the choice if named
    void editWorkers();

Q_SIGNALS:
    void workerChanged(const QString& name);
    void uploadFinished(const QString& remotePath);
    void uploadFailed(const QString& message);
    void downloadFinished(const QString& localPath);

private:
    QLabel* workerLabel() const; // the window's status bar label
    void addMenuEntries();
    void fillBox();
    void updateTitle();
    void onCrashed(const QString& description, const QString& log, const QString& lost);
    void rememberView(); // just before the window empties its views
    void restoreView(const QString& path);
    void restoreInlined(); // when the root graph is back
    bool eventFilter(QObject* watched, QEvent* event) override;

    MainWindow* m_window;
    QList<WorkerProfile> m_profiles;
    WorkerProfile m_current;
    QComboBox* m_box = nullptr;
    QPointer<Uploader> m_uploader;
    QPointer<Downloader> m_downloader;
    bool m_settingTitle = false;
    // The view to restore after Reconnect: taken when the window empties its views (a crash does that before
    // anyone else hears of it), put back by the ViewStateKeeper that auto-reload uses too.
    struct Snapshot
    {
        QString path;
        WindowViewState view; // module, method, expanded modules, the graph's expansion, zoom and centre
        bool inlined = false, raw = false;
    };
    ViewStateKeeper* m_keeper;
    Snapshot m_last;
    Snapshot m_restore; // set by Reconnect, applied when that model is shown again
    bool m_restoreInlined = false;
};

} // namespace jitscope::ui
