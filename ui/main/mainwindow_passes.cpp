// MainWindow and the Passes view (ui/graph/passesview.h): the toolbar's "Pass" box beside the method box
// shows the method after a pass in place of the graph, with a second pass beside it on demand.
#include "mainwindow.h"

#include "graph/graphwidget.h"
#include "graph/passesview.h"
#include "modelcontroller.h"
#include "protocol/model.h"
#include "qtstring.h"
#include "workersession.h"

#include <QComboBox>
#include <QLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QToolBar>

namespace jitscope::ui {

void MainWindow::createPasses()
{
    m_passes = new PassesView;
    m_passes->setObjectName(QStringLiteral("passesView"));
    m_passes->hide();
    m_graph->parentWidget()->layout()->addWidget(m_passes);
    m_passCombo = new QComboBox;
    m_passCombo->setObjectName(QStringLiteral("passCombo"));
    m_passCombo->addItems(PassesView::passNames());
    m_passCombo->setToolTip(tr("The method as LibTorch runs it: after inlining, freezing, optimize_for_inference, "
                               "or the graph the profiling executor ran on the last run's inputs"));
    if (auto* bar = findChild<QToolBar*>(QStringLiteral("mainToolBar"))) {
        m_methodActions << bar->addWidget(new QLabel(tr(" Pass ")));
        m_methodActions << bar->addWidget(m_passCombo);
    }
    auto show = [this](const QString& pass) {
        const bool saved = pass == QStringLiteral("saved") && m_passes->rightPass().isEmpty();
        m_graph->setVisible(saved);
        m_passes->setVisible(!saved);
        if (!saved)
            m_passes->showPasses(pass, m_passes->rightPass());
    };
    connect(m_passCombo, &QComboBox::textActivated, this, show);
    connect(m_passes, &PassesView::leftPassChanged, this, [this](const QString& pass) {
        const QSignalBlocker block(m_passCombo);
        m_passCombo->setCurrentText(pass);
    });
    connect(m_passes, &PassesView::passRequested, this, [this](const QString& pass) {
        protocol::GraphRequest request;
        request.handle = m_controller->handle();
        request.pass = pass.toStdString();
        request.method = m_rootMethod.isEmpty() ? std::string("forward") : m_rootMethod.toStdString();
        const int generation = m_passGeneration;
        m_controller->session()->request(
            request,
            [this, pass, generation](const protocol::GraphResult& result) {
                if (generation == m_passGeneration)
                    m_passes->setPassGraph(pass, result.graph);
            },
            [this, pass, generation](const Error& error) {
                if (generation == m_passGeneration)
                    m_passes->setPassError(pass, qs(error.message));
            });
    });
    // Another model or method: the passes' graphs are of the old one.
    auto reset = [this, show] {
        ++m_passGeneration;
        m_passes->clear();
        if (m_passes->isVisible())
            show(m_passCombo->currentText());
    };
    connect(m_controller, &ModelController::loadingStarted, this, [this] {
        ++m_passGeneration;
        m_passes->clear();
        m_passCombo->setCurrentIndex(0);
        m_passes->hide();
        m_graph->show();
    });
    connect(m_controller, &ModelController::opened, this, [this](const ModelInfo& info) {
        ++m_passGeneration;
        m_passes->setModelInfo(info);
    });
    connect(m_methodCombo, &QComboBox::textActivated, this, reset);
}

} // namespace jitscope::ui
