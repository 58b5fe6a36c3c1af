// The docks around the graph: created here, and remembered when the user closes one. Without a model the
// window hides every dock (they would be empty frames around the start page), so "visible" cannot say what
// the user wants: the names of the docks the user closed are kept instead, and saved with the settings.
#include "mainwindow.h"

#include "codeview.h"
#include "detailspanel.h"
#include "fileinfoview.h"
#include "filterproxy.h"
#include "irview.h"
#include "moduletreemodel.h"
#include "parameterview.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QGuiApplication>
#include <QScreen>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QScrollArea>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace jitscope::ui {

namespace {
constexpr int kMinNameColumn = 160; // narrower, module paths are cut; the dock scrolls instead
constexpr int kMaxTypeColumn = 120; // long type names (Conv2dNormActivation) must not squeeze the names
constexpr int kMinTypeColumn = 64;  // "Conv2d…" still says what it is
}

void MainWindow::createDocks()
{
    m_moduleProxy->setSourceModel(m_moduleModel);
    m_moduleView->setModel(m_moduleProxy);
    m_moduleView->setObjectName(QStringLiteral("moduleTree"));
    m_moduleView->setUniformRowHeights(true);
    m_moduleView->setSortingEnabled(true);
    m_moduleView->sortByColumn(-1, Qt::AscendingOrder);
    m_moduleView->setAlternatingRowColors(true);
    m_moduleView->header()->setStretchLastSection(false);
    // The name column takes the room the numbers leave, but never less than a readable width (a narrow dock
    // scrolls instead): fitModuleColumns() on every resize.
    m_moduleView->header()->setSectionResizeMode(ModuleTreeModel::NameColumn, QHeaderView::Interactive);
    m_moduleView->viewport()->installEventFilter(this);
    m_moduleView->header()->setMinimumSectionSize(40);
    m_moduleFilter->setPlaceholderText(tr("Filter modules by name, path or type…"));
    m_moduleFilter->setClearButtonEnabled(true);
    m_moduleFilter->setObjectName(QStringLiteral("moduleFilter"));
    auto* modules = new QWidget;
    auto* moduleLayout = new QVBoxLayout(modules);
    moduleLayout->setContentsMargins(4, 4, 4, 4);
    moduleLayout->addWidget(m_moduleFilter);
    moduleLayout->addWidget(m_moduleView, 1);

    auto dock = [this](QWidget* widget, const QString& title, const QString& name, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(widget);
        addDockWidget(area, d);
        trackDock(d);
        return d;
    };
    // The side docks run the window's full height; the bottom tabs sit under the graph only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    dock(modules, tr("Modules"), QStringLiteral("modulesDock"), Qt::LeftDockWidgetArea);
    dock(m_details, tr("Details"), QStringLiteral("detailsDock"), Qt::RightDockWidgetArea);
    m_codeDock = dock(m_code, tr("Code"), QStringLiteral("codeDock"), Qt::BottomDockWidgetArea);
    QDockWidget* parameters = dock(m_parameters, tr("Parameters and Buffers"),
                                   QStringLiteral("parametersDock"), Qt::BottomDockWidgetArea);
    QDockWidget* ir = dock(m_ir, tr("Graph IR"), QStringLiteral("irDock"), Qt::BottomDockWidgetArea);
    QDockWidget* file =
        dock(m_fileInfo, tr("File Info"), QStringLiteral("fileInfoDock"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_codeDock, parameters);
    tabifyDockWidget(parameters, ir);
    tabifyDockWidget(ir, file);
    m_lastBottomDock = file;
    // The Run & Benchmark panel (ui/run, RunPanel) joins these tabs through addBottomPanel(), fed with
    // m_controller's worker and the ModelInfo of onOpened().
    m_codeDock->raise();
}

QDockWidget* MainWindow::addBottomPanel(QWidget* panel, const QString& title, const QString& objectName)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    // A panel with a tall minimum (the run panel's charts) would otherwise squeeze the graph.
    auto* scroll = new QScrollArea;
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    dock->setWidget(scroll);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    tabifyDockWidget(m_lastBottomDock, dock);
    m_lastBottomDock = dock;
    trackDock(dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    dock->setVisible(currentPage() == Page::Model && !m_closedDocks.contains(objectName));
    return dock;
}

void MainWindow::resizeToScreen()
{
    const QScreen* screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, 1600, 1000);
    resize(std::max(800, available.width() * 92 / 100), std::max(600, available.height() * 92 / 100));
}

// The graph is what the window is for: the side docks get a fifth of the width each and the bottom tabs
// under a third of the height, within readable bounds. Once: afterwards the user's sizes are kept (and
// saved with the settings).
void MainWindow::applyDefaultDockSizes()
{
    if (m_layoutRestored)
        return;
    m_layoutRestored = true;
    // After the docks just shown are laid out: sizes given to hidden docks are lost.
    QTimer::singleShot(0, this, [this] { sizeDocks(); });
}

void MainWindow::sizeDocks()
{
    if (!isVisible()) { // opened from the command line before the window is shown
        QTimer::singleShot(100, this, [this] { sizeDocks(); });
        return;
    }
    {
    // The modules dock as wide as its columns need (numbers whole, a readable name column), the details a
    // fifth of the window.
    int columns = kMinNameColumn + 44; // the tree's scroll bar, frames and margins
    for (int column = 0; column < ModuleTreeModel::ColumnCount; ++column)
        if (column != ModuleTreeModel::NameColumn)
            columns += m_moduleView->columnWidth(column);
    const int modules = std::clamp(columns, 260, std::max(260, width() * 32 / 100));
    const int details = std::clamp(width() / 5, 240, 320);
    const int bottom = std::clamp(height() * 28 / 100, 200, 320);
    resizeDocks({m_docks[0], m_docks[1]}, {modules, details}, Qt::Horizontal);
    resizeDocks({m_codeDock}, {bottom}, Qt::Vertical);
    }
}

void MainWindow::trackDock(QDockWidget* dock)
{
    m_docks << dock;
    dock->installEventFilter(this);
    // Unchecking the View menu entry hides the dock without a close event.
    connect(dock->toggleViewAction(), &QAction::triggered, this, [this, dock](bool checked) {
        if (!checked)
            m_closedDocks.insert(dock->objectName());
    });
}

void MainWindow::fitModuleColumns()
{
    // The numbers stay whole and in sight: when the dock is narrow the type gives way first (it is cut at
    // its end, its tooltip has it), then the name down to its minimum; only then does the dock scroll.
    const int numbers = m_moduleView->columnWidth(ModuleTreeModel::ParamsColumn) +
                        m_moduleView->columnWidth(ModuleTreeModel::BytesColumn);
    const int room = m_moduleView->viewport()->width() - numbers;
    const QAbstractItemView* view = m_moduleView; // sizeHintForColumn is public there (QTreeView: protected)
    const int typeWanted = std::min(
        kMaxTypeColumn, std::max(view->sizeHintForColumn(ModuleTreeModel::TypeColumn),
                                 m_moduleView->header()->sectionSizeHint(ModuleTreeModel::TypeColumn)));
    const int type = std::clamp(room - kMinNameColumn, std::min(kMinTypeColumn, typeWanted), typeWanted);
    m_moduleView->setColumnWidth(ModuleTreeModel::TypeColumn, type);
    m_moduleView->setColumnWidth(ModuleTreeModel::NameColumn, std::max(kMinNameColumn, room - type));
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_moduleView->viewport() && event->type() == QEvent::Resize)
        fitModuleColumns();
    if (auto* dock = qobject_cast<QDockWidget*>(watched); dock && m_docks.contains(dock)) {
        // The title bar's close button sends a close event; being shown again on the model page (View menu,
        // a jump to the code) makes the dock wanted again.
        if (event->type() == QEvent::Close)
            m_closedDocks.insert(dock->objectName());
        else if (event->type() == QEvent::Show && currentPage() == Page::Model)
            m_closedDocks.remove(dock->objectName());
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace jitscope::ui
