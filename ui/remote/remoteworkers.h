// The main window's side of remote workers: the toolbar's worker box, "— on HOST" in the title, the
// remote Open dialog, sending a local file, Recent files that remember their worker, and Reconnect after
// a dropped link (reopening the model where the view was). The window only calls the hooks below.
#pragma once

#include "workerprofiles.h"

#include <QObject>
#include <QPointer>

class QComboBox;
class QLabel;

namespace jitscope::ui {

class MainWindow;
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

    void useProfile(const WorkerProfile& profile); // restarts the worker; saved as the choice if named
    void editWorkers();

Q_SIGNALS:
    void workerChanged(const QString& name);
    void uploadFinished(const QString& remotePath);
    void uploadFailed(const QString& message);

private:
    QLabel* workerLabel() const; // the window's status bar label
    void addMenuEntries();
    void fillBox();
    void updateTitle();
    void onCrashed(const QString& description, const QString& log, const QString& lost);
    void rememberView();
    void restoreView();      // method and modes, when the root graph is back
    void restoreSelection(); // the selected module, when the view has settled
    bool eventFilter(QObject* watched, QEvent* event) override;

    MainWindow* m_window;
    QList<WorkerProfile> m_profiles;
    WorkerProfile m_current;
    QComboBox* m_box = nullptr;
    QPointer<Uploader> m_uploader;
    bool m_settingTitle = false;
    // The view to restore after Reconnect: kept up to date while a model is shown, because the window
    // clears its views before anyone else hears of the crash.
    struct ViewState
    {
        QString path, method, module;
        bool inlined = false, raw = false;
    };
    ViewState m_view;
    ViewState m_restore; // set by Reconnect, applied when that model is shown again
    QString m_restoreModule;
};

} // namespace jitscope::ui
