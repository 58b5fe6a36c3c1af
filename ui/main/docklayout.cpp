#include "docklayout.h"

#include "codeview.h"
#include "detailspanel.h"
#include "fileinfoview.h"
#include "irview.h"
#include "modulespane.h"
#include "parameterview.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMenu>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QTimer>

#include <algorithm>

namespace jitscope::ui {

DockLayout::DockLayout(QMainWindow* window) : QObject(window), m_window(window) {}

void DockLayout::createDocks(ModulesPane* modules, DetailsPanel* details, CodeView* code,
                             ParameterView* parameters, IrView* ir, FileInfoView* fileInfo)
{
    m_modules = modules;
    auto dock = [this](QWidget* widget, const QString& title, const QString& name, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, m_window);
        d->setObjectName(name);
        d->setWidget(widget);
        m_window->addDockWidget(area, d);
        trackDock(d);
        return d;
    };
    // The side docks run the window's full height; the bottom tabs sit under the graph only.
    m_window->setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    m_window->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    dock(modules, tr("Modules"), QStringLiteral("modulesDock"), Qt::LeftDockWidgetArea);
    dock(details, tr("Details"), QStringLiteral("detailsDock"), Qt::RightDockWidgetArea);
    m_codeDock = dock(code, tr("Code"), QStringLiteral("codeDock"), Qt::BottomDockWidgetArea);
    QDockWidget* parametersDock = dock(parameters, tr("Parameters and Buffers"),
                                       QStringLiteral("parametersDock"), Qt::BottomDockWidgetArea);
    QDockWidget* irDock = dock(ir, tr("Graph IR"), QStringLiteral("irDock"), Qt::BottomDockWidgetArea);
    QDockWidget* fileDock =
        dock(fileInfo, tr("File Info"), QStringLiteral("fileInfoDock"), Qt::BottomDockWidgetArea);
    m_window->tabifyDockWidget(m_codeDock, parametersDock);
    m_window->tabifyDockWidget(parametersDock, irDock);
    m_window->tabifyDockWidget(irDock, fileDock);
    m_lastBottomDock = fileDock;
    // The Run & Benchmark panel (ui/run, RunPanel) joins these tabs through addBottomPanel().
    m_codeDock->raise();
}

QDockWidget* DockLayout::addBottomPanel(QWidget* panel, const QString& title, const QString& objectName)
{
    auto* dock = new QDockWidget(title, m_window);
    dock->setObjectName(objectName);
    // A panel with a tall minimum (the run panel's charts) would otherwise squeeze the graph.
    auto* scroll = new QScrollArea;
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    dock->setWidget(scroll);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    m_window->tabifyDockWidget(m_lastBottomDock, dock);
    m_lastBottomDock = dock;
    trackDock(dock);
    if (m_viewMenu)
        m_viewMenu->addAction(dock->toggleViewAction());
    dock->setVisible(m_modelShown && !m_closedDocks.contains(objectName));
    return dock;
}

void DockLayout::setViewMenu(QMenu* menu)
{
    m_viewMenu = menu;
    for (QDockWidget* dock : std::as_const(m_docks))
        m_viewMenu->addAction(dock->toggleViewAction());
}

void DockLayout::restore()
{
    QSettings settings;
    if (!m_window->restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resizeToScreen();
    m_layoutRestored = m_window->restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QStringList closed = settings.value(QStringLiteral("window/closedDocks")).toStringList();
    m_closedDocks = QSet<QString>(closed.begin(), closed.end());
}

void DockLayout::save(bool modelShown) const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), m_window->saveGeometry());
    if (modelShown)
        settings.setValue(QStringLiteral("window/state"), m_window->saveState());
    settings.setValue(QStringLiteral("window/closedDocks"), QStringList(m_closedDocks.values()));
}

void DockLayout::showForModel(bool modelShown)
{
    m_modelShown = modelShown;
    // Docks the user closed stay closed (until shown from the View menu or a link).
    for (QDockWidget* dock : std::as_const(m_docks))
        dock->setVisible(modelShown && !m_closedDocks.contains(dock->objectName()));
    if (modelShown) {
        m_codeDock->raise();
        applyDefaultDockSizes();
    }
}

void DockLayout::resizeToScreen()
{
    const QScreen* screen = m_window->screen() ? m_window->screen() : QGuiApplication::primaryScreen();
    const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, 1600, 1000);
    m_window->resize(std::max(800, available.width() * 92 / 100),
                     std::max(600, available.height() * 92 / 100));
}

// The graph is what the window is for: the side docks get a fifth of the width each and the bottom tabs
// under a third of the height, within readable bounds. Once: afterwards the user's sizes are kept (and
// saved with the settings).
void DockLayout::applyDefaultDockSizes()
{
    if (m_layoutRestored)
        return;
    m_layoutRestored = true;
    // After the docks just shown are laid out: sizes given to hidden docks are lost.
    QTimer::singleShot(0, this, [this] { sizeDocks(); });
}

void DockLayout::sizeDocks()
{
    if (!m_window->isVisible()) { // opened from the command line before the window is shown
        QTimer::singleShot(100, this, [this] { sizeDocks(); });
        return;
    }
    // The modules dock as wide as its columns need (numbers whole, a readable name column), the details a
    // fifth of the window.
    const int width = m_window->width();
    const int modules = std::clamp(m_modules->preferredWidth(), 260, std::max(260, width * 32 / 100));
    const int details = std::clamp(width / 5, 240, 320);
    const int bottom = std::clamp(m_window->height() * 28 / 100, 200, 320);
    m_window->resizeDocks({m_docks[0], m_docks[1]}, {modules, details}, Qt::Horizontal);
    m_window->resizeDocks({m_codeDock}, {bottom}, Qt::Vertical);
}

void DockLayout::trackDock(QDockWidget* dock)
{
    m_docks << dock;
    dock->installEventFilter(this);
    // Unchecking the View menu entry hides the dock without a close event.
    connect(dock->toggleViewAction(), &QAction::triggered, this, [this, dock](bool checked) {
        if (!checked)
            m_closedDocks.insert(dock->objectName());
    });
}

bool DockLayout::eventFilter(QObject* watched, QEvent* event)
{
    if (auto* dock = qobject_cast<QDockWidget*>(watched); dock && m_docks.contains(dock)) {
        // The title bar's close button sends a close event; being shown again on the model page (View menu,
        // a jump to the code) makes the dock wanted again.
        if (event->type() == QEvent::Close)
            m_closedDocks.insert(dock->objectName());
        else if (event->type() == QEvent::Show && m_modelShown)
            m_closedDocks.remove(dock->objectName());
    }
    return QObject::eventFilter(watched, event);
}

} // namespace jitscope::ui
