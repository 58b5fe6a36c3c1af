#include "widgetsupport.h"

#include "graph/graphwidget.h"

#include <QDir>
#include <QEventLoop>
#include <QTimer>

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
                widget.addGraph(GraphRef::method(path.toStdString(), method.toStdString()), *graph);
        },
        Qt::QueuedConnection);
    QObject::connect(
        &widget, &GraphWidget::functionGraphRequested, &widget,
        [&widget, &model](const QString& name) {
            auto it = model.graphs.find(GraphRef::function(name.toStdString()));
            if (it != model.graphs.end())
                widget.addGraph(it->first, it->second);
        },
        Qt::QueuedConnection);
}

void openModel(ui::GraphWidget& widget, const bench::ModelGraphs& model)
{
    widget.resize(1200, 850);
    serveGraphs(widget, model);
    widget.setModelInfo(model.info);
    widget.setRootGraph(*model.find("", "forward"));
    widget.show();
}

bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(2);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return done();
}

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

bool settle(ui::GraphWidget& widget, int timeoutMs)
{
    return waitFor([&] { return !widget.isLayoutPending(); }, timeoutMs);
}

QString screenshotDir()
{
    const QString dir = qEnvironmentVariable("JITSCOPE_SCREENSHOT_DIR", QDir::tempPath());
    QDir().mkpath(dir);
    return dir;
}

} // namespace jitscope::test
