#include "passescoordinator.h"

#include "graph/graphwidget.h"
#include "graph/passesview.h"
#include "mainwindow.h"
#include "modelcontroller.h"
#include "protocol/model.h"
#include "qtstring.h"
#include "windowactions.h"
#include "workersession.h"

#include <QComboBox>
#include <QLabel>
#include <QLayout>
#include <QSignalBlocker>

namespace jitscope::ui {

PassesCoordinator::PassesCoordinator(MainWindow* window, WindowActions* actions)
    : QObject(window), m_window(window), m_passes(new PassesView), m_passCombo(new QComboBox)
{
    GraphWidget* graph = window->graphWidget();
    m_passes->setObjectName(QStringLiteral("passesView"));
    m_passes->hide();
    graph->parentWidget()->layout()->addWidget(m_passes);
    m_passCombo->setObjectName(QStringLiteral("passCombo"));
    m_passCombo->addItems(PassesView::passNames());
    m_passCombo->setToolTip(
        tr("The method as LibTorch runs it: after inlining, freezing, optimize_for_inference, "
           "or the graph the profiling executor ran on the last run's inputs"));
    actions->addModelToolWidget(new QLabel(tr(" Pass ")));
    actions->addModelToolWidget(m_passCombo);
    connect(m_passCombo, &QComboBox::textActivated, this, &PassesCoordinator::show);
    connect(m_passes, &PassesView::leftPassChanged, this, [this](const QString& pass) {
        const QSignalBlocker block(m_passCombo);
        m_passCombo->setCurrentText(pass);
    });
    connect(m_passes, &PassesView::passRequested, this, &PassesCoordinator::request);
    ModelController* controller = window->controller();
    connect(controller, &ModelController::loadingStarted, this, [this, graph] {
        ++m_generation;
        m_passes->clear();
        m_passCombo->setCurrentIndex(0);
        m_passes->hide();
        graph->show();
    });
    connect(controller, &ModelController::opened, this, [this](const ModelInfo& info) {
        ++m_generation;
        m_passes->setModelInfo(info);
    });
    // After the window's own handler: the root method is the new one when this runs.
    connect(actions, &WindowActions::methodChosen, this, &PassesCoordinator::reset);
}

void PassesCoordinator::show(const QString& pass)
{
    const bool saved = pass == QStringLiteral("saved") && m_passes->rightPass().isEmpty();
    m_window->graphWidget()->setVisible(saved);
    m_passes->setVisible(!saved);
    if (!saved)
        m_passes->showPasses(pass, m_passes->rightPass());
}

void PassesCoordinator::request(const QString& pass)
{
    ModelController* controller = m_window->controller();
    protocol::GraphRequest request;
    request.handle = controller->handle();
    request.pass = pass.toStdString();
    const QString method = m_window->rootMethod();
    request.method = method.isEmpty() ? std::string("forward") : method.toStdString();
    const int generation = m_generation;
    controller->session()->request(
        request,
        [this, pass, generation](const protocol::GraphResult& result) {
            if (generation == m_generation)
                m_passes->setPassGraph(pass, result.graph);
        },
        [this, pass, generation](const Error& error) {
            if (generation == m_generation)
                m_passes->setPassError(pass, qs(error.message));
        });
}

void PassesCoordinator::reset()
{
    ++m_generation;
    m_passes->clear();
    if (m_passes->isVisible())
        show(m_passCombo->currentText());
}

} // namespace jitscope::ui
