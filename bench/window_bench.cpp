// Issue 3's speed check: the real window with its real worker, driven as a user would, on each FILE.
//   window_bench [--rounds N] [--trace-stalls] [--open-only] [--bare PATH_TO_bare_load] FILE...
// Per file and round, in a fresh window: open → first drawn graph, the default view's layout time, expand one
// module, expand all, collapse all, and the longest gap of a 5 ms event-loop timer during each stage (the
// UI-thread stall); --open-only stops after the open (bench/remote_link.sh). Then the same file's bare `torch::jit::load` in a fresh process (bench/bare_load),
// alternating, and the GUI process's memory. Medians over rounds. Runs offscreen unless a display is set.
#include "graph/graphwidget.h"
#include "mainwindow.h"
#include "modelcontroller.h"
#include "stallprobe.h"
#include "workerclient.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <vector>

using jitscope::ui::GraphWidget;
using jitscope::ui::MainWindow;

namespace {

// kB from /proc/self/status ("VmRSS", "VmHWM").
long procStatusKb(const char* key)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray& line : file.readAll().split('\n'))
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLong();
    return -1;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return -1;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Waits until the view is idle: no layout running or queued, and no graph still on its way from the worker
// (a view that expands automatically asks for callee graphs after its first layout). Returns the seconds
// from `clock`'s start to the moment it was first seen idle, or -1 on timeout.
double settle(GraphWidget* graph, const QElapsedTimer& clock, int timeoutMs = 600000)
{
    QElapsedTimer waited;
    waited.start();
    while (graph->isLayoutPending() || graph->hasPendingGraphs()) {
        if (waited.elapsed() > timeoutMs) {
            std::fprintf(stderr, "the graph view did not settle: layout pending %d, graphs pending %d\n",
                         int(graph->isLayoutPending()), int(graph->hasPendingGraphs()));
            return -1;
        }
        QTest::qWait(1);
    }
    const double seconds = clock.nsecsElapsed() / 1e9;
    QTest::qWait(30); // the paint of the finished scene counts as part of the stage's stalls
    return seconds;
}

// The first module with submodules whose call is visible and collapsed in the current view, expanded: a
// block such as `layer1` or `backbone` rather than a single convolution.
bool expandOneModule(MainWindow& window)
{
    GraphWidget* graph = window.graphWidget();
    const std::vector<jitscope::ModuleInfo>& modules = window.controller()->info().modules;
    for (const jitscope::ModuleInfo& module : modules) {
        const QString path = QString::fromStdString(module.path);
        const bool hasChildren =
            std::any_of(modules.begin(), modules.end(), [&](const jitscope::ModuleInfo& m) {
                return m.path.size() > module.path.size() &&
                       m.path.compare(0, module.path.size() + 1, module.path + '.') == 0;
            });
        if (path.isEmpty() || !hasChildren || graph->isExpanded(path))
            continue;
        if (graph->expandCall(path, QStringLiteral("forward")))
            return true;
    }
    return false;
}

double bareLoadSeconds(const QString& bare, const QString& file)
{
    QStringList args;
    const QStringList torchvision = QDir(QStringLiteral("/usr/lib/python3/dist-packages/torchvision"))
                                        .entryList({QStringLiteral("_C*.so")});
    if (!torchvision.isEmpty())
        args << QStringLiteral("--load-library")
             << QStringLiteral("/usr/lib/python3/dist-packages/torchvision/") + torchvision.first();
    args << file;
    QElapsedTimer clock;
    clock.start();
    QProcess process;
    process.start(bare, args);
    if (!process.waitForFinished(600000) || process.exitCode() != 0)
        return -1;
    return clock.nsecsElapsed() / 1e9;
}

// With --trace-stalls: every event that took longer than 20 ms to deliver, with its receiver, so a stall
// can be traced to the view that caused it (queued slot calls arrive as MetaCall events).
class TracingApplication : public QApplication
{
public:
    TracingApplication(int& argc, char** argv) : QApplication(argc, argv) { uptime.start(); }
    bool trace = false;
    QElapsedTimer uptime;
    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!trace)
            return QApplication::notify(receiver, event);
        QElapsedTimer clock;
        clock.start();
        const int type = event->type();
        const bool result = QApplication::notify(receiver, event);
        if (const qint64 ms = clock.elapsed(); ms > 20)
            std::fprintf(stderr, "  %8.3f s: stall %4lld ms: event %d to %s \"%s\"\n", uptime.elapsed() / 1e3,
                         ms, type, receiver->metaObject()->className(), qPrintable(receiver->objectName()));
        return result;
    }
};

struct Round
{
    std::map<QString, double> seconds;       // stage → wall seconds
    std::map<QString, double> stallMs;       // stage → longest event-loop gap
    std::map<QString, double> stageLayoutMs; // stage → layout time reported by the view
    double settledSeconds = -1;              // open → the default view complete (automatic expansion done)
    double workerStartSeconds = -1;          // window shown → the worker's hello
    double layoutMs = -1; // the default view's layouts, summed (reported by the graph view)
    int defaultNodes = 0, allNodes = 0;
    long rssOpenKb = 0, rssAllKb = 0; // the GUI process with the default view / everything expanded drawn
};

bool g_openOnly = false; // --open-only: no expand/collapse stages, no bare load

const QStringList stages{QStringLiteral("open"), QStringLiteral("expand one"), QStringLiteral("expand all"),
                         QStringLiteral("collapse all")};

bool measure(const QString& file, Round& round)
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    // The worker starts with the window; a user opens files into a running one. Over ssh its start (connect,
    // authenticate, load LibTorch there) takes seconds: it is reported apart, not counted in the open.
    QElapsedTimer start;
    start.start();
    if (!QTest::qWaitFor([&] { return window.controller()->worker()->isReady(); }, 120000)) {
        std::fprintf(stderr, "the worker did not start\n");
        return false;
    }
    round.workerStartSeconds = start.nsecsElapsed() / 1e9;
    QTest::qWait(200);
    if (static_cast<TracingApplication*>(qApp)->trace)
        std::fprintf(stderr, "  %8.3f s: opening %s\n",
                     static_cast<TracingApplication*>(qApp)->uptime.elapsed() / 1e3, qPrintable(file));
    GraphWidget* graph = window.graphWidget();
    jitscope::bench::StallProbe probe;
    QElapsedTimer clock;

    QSignalSpy layouts(graph, &GraphWidget::layoutFinished);
    probe.reset();
    clock.start();
    window.openFile(file);
    if (!QTest::qWaitFor([&] { return window.openToGraphMs() >= 0; }, 600000)) {
        std::fprintf(stderr, "no graph was drawn (page %d)\n", int(window.currentPage()));
        return false;
    }
    round.settledSeconds = settle(graph, clock);
    if (round.settledSeconds < 0)
        return false;
    round.seconds[stages[0]] = window.openToGraphMs() / 1e3;
    round.stallMs[stages[0]] = probe.longestMs();
    round.layoutMs = 0;
    for (const QList<QVariant>& layout : layouts)
        round.layoutMs += layout.first().toDouble();
    round.defaultNodes = graph->sceneNodeCount();
    round.rssOpenKb = procStatusKb("VmRSS");

    const std::vector<std::function<bool()>> actions{
        [&] { return expandOneModule(window); },
        [&] {
            graph->expandAll();
            return true;
        },
        [&] {
            graph->collapseAll();
            return true;
        },
    };
    for (size_t i = 0; i < (g_openOnly ? 0 : actions.size()); ++i) {
        QTest::qWait(50);
        layouts.clear();
        probe.reset();
        clock.restart();
        if (!actions[i]())
            continue;
        const double seconds = settle(graph, clock);
        if (seconds < 0) {
            std::fprintf(stderr, "stage %s did not finish\n", qPrintable(stages[int(i) + 1]));
            return false;
        }
        round.seconds[stages[int(i) + 1]] = seconds;
        round.stallMs[stages[int(i) + 1]] = probe.longestMs();
        double layoutMs = 0; // what the layout thread reported for the layouts of this stage
        for (const QList<QVariant>& layout : layouts)
            layoutMs += layout.first().toDouble();
        round.stageLayoutMs[stages[int(i) + 1]] = layoutMs;
        if (i == 1) {
            round.allNodes = graph->sceneNodeCount();
            round.rssAllKb = procStatusKb("VmRSS");
        }
    }
    window.close();
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Fresh settings: no restored layout or remembered inputs change what is measured.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    TracingApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("JitScopeBench"));

    int rounds = 3;
    QString bare = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("bare_load"));
    QStringList files;
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--rounds") && i + 1 < args.size())
            rounds = args[++i].toInt();
        else if (args[i] == QLatin1String("--open-only"))
            g_openOnly = true;
        else if (args[i] == QLatin1String("--trace-stalls"))
            app.trace = true;
        else if (args[i] == QLatin1String("--bare") && i + 1 < args.size())
            bare = args[++i];
        else
            files << args[i];
    }
    if (files.isEmpty()) {
        std::fprintf(stderr, "usage: window_bench [--rounds N] [--open-only] [--bare bare_load] FILE...\n");
        return 2;
    }

    std::printf("%-26s %6s %6s %5s %7s %9s %6s | %-12s %7s %8s\n", "file", "load s", "draw s", "ratio",
                "ready s", "layout ms", "nodes", "stage", "time s", "stall ms");
    for (const QString& file : files) {
        std::vector<Round> measured;
        std::vector<double> loads;
        for (int r = 0; r < rounds; ++r) {
            Round round;
            if (!measure(file, round)) {
                std::fprintf(stderr, "%s: the window did not finish\n", qPrintable(file));
                return 1;
            }
            measured.push_back(round);
            loads.push_back(g_openOnly ? -1 : bareLoadSeconds(bare, file));
        }
        auto stat = [&](auto pick) {
            std::vector<double> v;
            for (const Round& r : measured)
                v.push_back(pick(r));
            return v;
        };
        const double load = median(loads);
        const double open = median(stat([](const Round& r) { return r.seconds.at(stages[0]); }));
        const double layout = median(stat([](const Round& r) { return r.layoutMs; }));
        const double ready = median(stat([](const Round& r) { return r.settledSeconds; }));
        for (int s = 0; s < stages.size(); ++s) {
            const QString& stage = stages[s];
            if (!measured.front().seconds.count(stage))
                continue;
            const double seconds = median(stat([&](const Round& r) { return r.seconds.at(stage); }));
            const std::vector<double> stalls = stat([&](const Round& r) { return r.stallMs.at(stage); });
            const double worstStall = *std::max_element(stalls.begin(), stalls.end());
            if (s == 0)
                std::printf("%-26s %6.2f %6.2f %5.2f %7.2f %9.0f %6d | %-12s %7.3f %8.1f\n",
                            qPrintable(QFileInfo(file).fileName()), load, open, open / load, ready, layout,
                            measured.front().defaultNodes, qPrintable(stage), seconds, worstStall);
            else
                std::printf("%-26s %6s %6s %5s %7s %9.0f %6s | %-12s %7.3f %8.1f\n", "", "", "", "", "",
                            median(stat([&](const Round& r) { return r.stageLayoutMs.at(stage); })),
                            s == 2 ? qPrintable(QString::number(measured.front().allNodes)) : "",
                            qPrintable(stage), seconds, worstStall);
        }
        std::printf("%-26s worker ready %.2f s after the window was shown (median)\n", "",
                    median(stat([](const Round& r) { return r.workerStartSeconds; })));
        std::printf("%-26s GUI process memory (VmRSS): %ld MB with the default view, %ld MB expanded all\n",
                    "", measured.back().rssOpenKb / 1024, measured.back().rssAllKb / 1024);
        std::fflush(stdout);
    }
    std::printf("GUI process memory after all files: VmRSS %ld MB, peak (VmHWM) %ld MB\n",
                procStatusKb("VmRSS") / 1024, procStatusKb("VmHWM") / 1024);
    std::printf("draw = open → first drawn graph (ratio = draw / load), ready = open → default view complete "
                "(automatic expansion done); layout ms = the layout thread's time in each stage;\nstall = "
                "the longest gap of a 5 ms event-loop timer, worst over "
                "rounds; other figures are medians\n");
    return 0;
}
