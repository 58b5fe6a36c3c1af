// Runs a comparison in a worker of its own (`jitscope-cli serve`): opens A and B, sends `compare` with
// progress and Stop, then fetches both inlined graphs for the side-by-side view. Answers of an earlier
// comparison are dropped (the worker client's generation counter).
#pragma once

#include "types/comparereport.h"
#include "types/graph.h"
#include "types/modelinfo.h"

#include <QObject>
#include <QString>
#include <QStringList>

namespace jitscope::ui {

class WorkerClient;
class WorkerSession;

struct CompareRequest
{
    QString a, b;
    QString method = QStringLiteral("forward");
    QStringList inputs; // positional inputs, one spec string each ("randn:1x3x224x224")
    QString inputsFile;
    bool probes = true;
    double rtol = 1e-4, atol = 1e-5;
    int iters = 20;
};

class CompareController : public QObject
{
    Q_OBJECT
public:
    explicit CompareController(QObject* parent = nullptr);
    ~CompareController() override;

    void start(const CompareRequest& request);
    void stop(); // cancels the running comparison
    bool isRunning() const { return m_compareId != 0; }
    const CompareRequest& request() const { return m_request; }
    WorkerClient* worker() const { return m_worker; }
    // Asks for a graph of side 0 (A) or 1 (B); graphArrived/graphFailed answer.
    void requestGraph(int side, const QString& modulePath, const QString& method, bool inlined);

Q_SIGNALS:
    void progress(const QString& stage, double fraction);
    void opened(int side, const jitscope::ModelInfo& info);
    void finished(const jitscope::CompareReport& report);
    void failed(const QString& message);
    void graphArrived(int side, const jitscope::Graph& graph);
    void graphFailed(int side, const QString& modulePath, const QString& method);

private:
    void openSide(int side);
    void runCompare();

    WorkerClient* m_worker;
    WorkerSession* m_session; // typed requests over m_worker
    CompareRequest m_request;
    int m_handles[2] = {0, 0};
    bool m_bIsStateDict = false;
    int m_compareId = 0;
};

} // namespace jitscope::ui
