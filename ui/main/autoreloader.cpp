#include "autoreloader.h"

#include "filewatcher.h"
#include "format.h"
#include "mainwindow.h"
#include "messagepage.h"
#include "modelcontroller.h"
#include "settingsdialog.h"

#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QStatusBar>
#include <QToolButton>

namespace jitscope::ui {

AutoReloader::AutoReloader(MainWindow* window)
    : QObject(window), m_window(window), m_watcher(new FileWatcher(this)),
      m_keeper(new ViewStateKeeper(window))
{
    setObjectName(QStringLiteral("autoReloader"));
    m_retry.setSingleShot(true);
    m_noticeTimer.setSingleShot(true);
    buildNotice();

    ModelController* c = window->controller();
    connect(c, &ModelController::loadingStarted, this, [this](const QString& path) {
        reset();
        m_keeper->cancel();
        m_watcher->watch(path); // from the start of the load: a change while it loads is not missed
    });
    connect(c, &ModelController::opened, this, [this] {
        if (m_changedWhileLoading) {
            m_changedWhileLoading = false;
            startReopen();
        }
    });
    connect(c, &ModelController::workerCrashed, this, &AutoReloader::reset);
    connect(c, &ModelController::reopenReady, this, &AutoReloader::onReopenReady);
    connect(c, &ModelController::reopenFailed, this, &AutoReloader::onReopenFailed);
    connect(m_watcher, &FileWatcher::changed, this, &AutoReloader::onChanged);
    connect(m_watcher, &FileWatcher::settling, this, [this](const QString& path) {
        if (SettingsDialog::storedReloadOnChange() && m_window->controller()->isOpen())
            m_window->statusBar()->showMessage(tr("%1 is being written…").arg(QFileInfo(path).fileName()),
                                               5000);
    });
    connect(&m_retry, &QTimer::timeout, this, [this] {
        // Still being written: the watcher reports when it settles, and that starts a load.
        if (!m_watcher->isSettling())
            m_window->controller()->reopen();
    });
    connect(&m_noticeTimer, &QTimer::timeout, this, &AutoReloader::dismiss);
}

void AutoReloader::buildNotice()
{
    m_notice = new QFrame;
    m_notice->setObjectName(QStringLiteral("reloadNotice"));
    m_notice->setStyleSheet(QStringLiteral("#reloadNotice { background: #fff4c2; border: 1px solid #e0c860;"
                                           " border-radius: 3px; }"));
    auto* row = new QHBoxLayout(m_notice);
    row->setContentsMargins(6, 0, 2, 0);
    row->setSpacing(4);
    m_noticeText = new QLabel(tr("Reloaded: file changed on disk"));
    row->addWidget(m_noticeText);
    auto* undoButton = new QToolButton;
    undoButton->setObjectName(QStringLiteral("reloadUndo"));
    undoButton->setText(tr("Undo"));
    undoButton->setToolTip(tr("Show the model as it was before the file changed"));
    undoButton->setAutoRaise(true);
    row->addWidget(undoButton);
    auto* close = new QToolButton;
    close->setObjectName(QStringLiteral("reloadDismiss"));
    close->setText(QStringLiteral("×"));
    close->setToolTip(tr("Keep the reloaded model"));
    close->setAutoRaise(true);
    row->addWidget(close);
    connect(undoButton, &QToolButton::clicked, this, &AutoReloader::undo);
    connect(close, &QToolButton::clicked, this, &AutoReloader::dismiss);
    m_window->statusBar()->insertPermanentWidget(0, m_notice);
    m_notice->hide();
}

bool AutoReloader::isNoticeShown() const
{
    return !m_notice->isHidden();
}

void AutoReloader::onChanged(const QString& path)
{
    ModelController* c = m_window->controller();
    if (!SettingsDialog::storedReloadOnChange() || path != c->path())
        return;
    if (c->isLoading()) {
        m_changedWhileLoading = true;
        return;
    }
    if (c->isOpen()) {
        m_attempt = 0;
        startReopen();
    } else if (m_window->currentPage() == MainWindow::Page::Message &&
               m_window->messagePage()->mode() == MessagePage::Mode::Error) {
        m_window->reload(); // it failed to open: maybe the new version opens
    }
}

void AutoReloader::startReopen()
{
    m_retry.stop();
    m_window->statusBar()->showMessage(
        tr("%1 changed on disk: reloading…").arg(QFileInfo(m_window->controller()->path()).fileName()), 5000);
    m_window->controller()->reopen();
}

void AutoReloader::onReopenFailed(const Error& error)
{
    if (m_attempt < m_retryDelays.size()) {
        // Most likely caught half written: the model shown stays, the load is tried again shortly.
        m_window->statusBar()->showMessage(
            tr("The changed file cannot be loaded yet (%1); trying again…").arg(qs(error.message)), 5000);
        m_retry.start(m_retryDelays[m_attempt++]);
        return;
    }
    // It stays unreadable: say why, the ordinary way.
    m_attempt = 0;
    m_window->reload();
}

void AutoReloader::onReopenReady()
{
    m_retry.stop();
    m_attempt = 0;
    const WindowViewState state = m_keeper->capture();
    m_window->controller()->commitReopen();
    m_keeper->restore(state);
    m_noticeText->setText(tr("Reloaded: file changed on disk"));
    m_notice->show();
    m_noticeTimer.start(m_noticeTimeoutMs);
    Q_EMIT reloaded(m_window->controller()->path());
}

void AutoReloader::undo()
{
    ModelController* c = m_window->controller();
    hideNotice();
    if (!c->hasPrevious())
        return;
    const WindowViewState state = m_keeper->capture();
    c->restorePrevious();
    m_keeper->restore(state);
    m_window->statusBar()->showMessage(
        tr("Showing the model as it was before the file changed; Reload (F5) loads the file on disk"), 10000);
    Q_EMIT undone();
}

void AutoReloader::dismiss()
{
    hideNotice();
    m_window->controller()->dropPrevious();
}

void AutoReloader::reset()
{
    m_retry.stop();
    m_attempt = 0;
    m_changedWhileLoading = false;
    hideNotice();
}

void AutoReloader::hideNotice()
{
    m_noticeTimer.stop();
    m_notice->hide();
}

} // namespace jitscope::ui
