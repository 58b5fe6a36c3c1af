#include "hungcallrestarter.h"

#include "mainwindow.h"
#include "modelcontroller.h"
#include "runpanel.h"
#include "workerclient.h"

#include <QDockWidget>
#include <QStatusBar>

#include <csignal>
#include <sys/types.h>

namespace jitscope::ui {

HungCallRestarter::HungCallRestarter(MainWindow* window, RunPanel* panel)
    : QObject(window), m_window(window), m_panel(panel), m_keeper(new ViewStateKeeper(window))
{
    setObjectName(QStringLiteral("hungCallRestarter"));
    m_grace.setSingleShot(true);
    m_grace.setInterval(kGraceMs);
    m_limit.setSingleShot(true);
    connect(&m_grace, &QTimer::timeout, this, [this] {
        if (m_panel->isBusy())
            restart(tr("%1() did not stop within %2 s; the worker was restarted and the model reopened")
                        .arg(m_method)
                        .arg(kGraceMs / 1000));
    });
    connect(&m_limit, &QTimer::timeout, this, [this] {
        if (m_panel->isBusy())
            restart(
                tr("%1() did not return within %2 s (the time limit in Settings › Preferences); the worker "
                   "was restarted and the model reopened")
                    .arg(m_method)
                    .arg(m_panel->timeLimit()));
    });
    connect(panel, &RunPanel::stopRequested, this, &HungCallRestarter::onStopRequested);
    connect(panel, &RunPanel::busyChanged, this, &HungCallRestarter::onBusyChanged);
    ModelController* c = window->controller();
    connect(c, &ModelController::workerCrashed, this, &HungCallRestarter::onWorkerCrashed);
    connect(c, &ModelController::opened, this, &HungCallRestarter::onOpened);
    connect(c, &ModelController::openFailed, this, [this] { m_restarting = false; });
    connect(c, &ModelController::loadingStarted, this, [this](const QString& path) {
        if (m_restarting && path != m_path) { // the user opened another file meanwhile
            m_restarting = false;
            m_keeper->cancel();
        }
    });
}

void HungCallRestarter::onStopRequested(const QString& method)
{
    m_method = method.isEmpty() ? QStringLiteral("forward") : method;
    m_grace.start();
}

void HungCallRestarter::onBusyChanged(bool busy)
{
    if (!busy) { // it returned (or a bench stopped between calls) in time
        m_grace.stop();
        m_limit.stop();
        return;
    }
    const QString method = m_panel->currentMethod();
    m_method = method.isEmpty() ? QStringLiteral("forward") : method;
    // A bench stops itself between calls once over the limit (the worker gets it too): it is only ended
    // here when one call hangs.
    if (m_panel->timeLimit() > 0)
        m_limit.start(qRound(m_panel->timeLimit() * 1000) + (m_panel->isBenchmarking() ? kGraceMs : 0));
}

void HungCallRestarter::restart(const QString& message)
{
    ModelController* c = m_window->controller();
    WorkerClient* worker = c->worker();
    // A remote worker is not restarted behind the user's back (it may ask for a password): its
    // connection stays, and the call with it.
    if (worker->isRemote() || !worker->isRunning() || !c->isOpen() || worker->processId() <= 0)
        return;
    m_grace.stop();
    m_limit.stop();
    m_state = m_keeper->capture();
    m_path = c->path();
    m_message = message;
    m_restarting = true;
    // The controller sees a crash and starts a fresh worker at once; onWorkerCrashed reopens the model.
    ::kill(static_cast<pid_t>(worker->processId()), SIGKILL);
}

void HungCallRestarter::onWorkerCrashed()
{
    if (m_restarting)
        m_window->controller()->open(m_path);
}

void HungCallRestarter::onOpened()
{
    if (!m_restarting)
        return;
    m_restarting = false;
    m_keeper->restore(m_state);
    m_panel->callAbandoned(m_message);
    // The model page comes back with the Code tab in front; the Run tab is where Stop was pressed and where
    // the message is.
    for (QWidget* w = m_panel->parentWidget(); w; w = w->parentWidget())
        if (auto* dock = qobject_cast<QDockWidget*>(w)) {
            dock->raise();
            break;
        }
    m_window->statusBar()->showMessage(m_message, 15000);
    Q_EMIT restarted(m_message);
}

} // namespace jitscope::ui
