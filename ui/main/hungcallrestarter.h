// Stop on a call that does not return, and the time limit of Settings › Preferences. The TorchScript
// interpreter cannot be interrupted, so when a run is still going a short while after Stop (or when it
// overruns the limit), the window kills the worker, starts a new one, reopens the model, puts the view back
// as it was (module, method, expansion, zoom; the Run tab keeps its inputs) and says so in the Run tab.
#pragma once

#include "viewstate.h"

#include <QObject>
#include <QString>
#include <QTimer>

namespace jitscope::ui {

class MainWindow;
class RunPanel;

class HungCallRestarter : public QObject
{
    Q_OBJECT
public:
    static constexpr int kGraceMs = 2000;

    // Create after MainWindow::connectController(): the window must have shown the reopened model before
    // its view is restored.
    HungCallRestarter(MainWindow* window, RunPanel* panel);
    bool isRestarting() const { return m_restarting; }

Q_SIGNALS:
    void restarted(const QString& message); // the model is open again in a fresh worker

private:
    void onStopRequested(const QString& method);
    void onBusyChanged(bool busy);
    void restart(const QString& message);
    void onWorkerCrashed();
    void onOpened();

    MainWindow* m_window;
    RunPanel* m_panel;
    ViewStateKeeper* m_keeper;
    QTimer m_grace; // from Stop
    QTimer m_limit; // from the start of a call, when there is a time limit
    QString m_method;
    QString m_message;         // what the Run tab says once the model is open again
    bool m_restarting = false; // from the kill until the model is open again (or failed to open)
    QString m_path;
    WindowViewState m_state;
};

} // namespace jitscope::ui
