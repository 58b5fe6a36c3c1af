#include "widgetsupport.h"

#include "graph/graphwidget.h"

#include <QDir>
#include <QTest>

namespace jitscope::test {

void serveGraphs(ui::GraphWidget& widget, const bench::ModelGraphs& model)
{
    using ui::GraphWidget;
    QObject::connect(
        &widget, &GraphWidget::graphRequested, &widget,
        [&widget, &model](const QString& path, const QString& method, bool inlined) {
            if (inlined) {
                if (model.inlined)
                    widget.setInlinedGraph(*model.inlined);
                return;
            }
            if (const Graph* graph = model.find(path.toStdString(), method.toStdString()))
                widget.addGraph(*graph);
        },
        Qt::QueuedConnection);
    QObject::connect(
        &widget, &GraphWidget::functionGraphRequested, &widget,
        [&widget, &model](const QString& name) {
            auto it = model.graphs.find("fn|" + name.toStdString());
            if (it != model.graphs.end())
                widget.addGraph(it->second);
        },
        Qt::QueuedConnection);
}

bool settle(ui::GraphWidget& widget, int timeoutMs)
{
    return QTest::qWaitFor([&] { return !widget.isLayoutPending(); }, timeoutMs);
}

QString screenshotDir()
{
    const QString dir = qEnvironmentVariable("JITSCOPE_SCREENSHOT_DIR", QDir::tempPath());
    QDir().mkpath(dir);
    return dir;
}

StallProbe::StallProbe()
{
    m_timer.setInterval(5);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_longestNs = std::max(m_longestNs, now - m_last);
        m_last = now;
    });
    m_clock.start();
    m_timer.start();
}

void StallProbe::reset()
{
    m_last = m_clock.nsecsElapsed();
    m_longestNs = 0;
}

} // namespace jitscope::test
