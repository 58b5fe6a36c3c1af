// Runs a comparison in a worker of its own (`jitscope-cli serve`): opens A and B, sends `compare` with
// progress and Stop. Each side's graphs are held by a GraphStore of that side, fetched from its handle like
// the main window's (methods and free functions alike). Answers of an earlier comparison are dropped (the
// worker client's generation counter and the stores' generation).
#pragma once

#include "types/comparereport.h"
#include "types/graph.h"
#include "types/graphref.h"
#include "types/modelinfo.h"

#include <QObject>
#include <QString>
#include <QStringList>

namespace jitscope::ui {

class GraphStore;
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
    // The graphs of side 0 (A) or 1 (B); emptied when a comparison starts. A side without a model (a
    // state_dict B) refuses every request.
    GraphStore* graphs(int side) const { return m_graphs[side]; }

Q_SIGNALS:
    void progress(const QString& stage, double fraction);
    void opened(int side, const jitscope::ModelInfo& info);
    void finished(const jitscope::CompareReport& report);
    void failed(const QString& message);

private:
    void openSide(int side);
    void runCompare();
    void fetchGraph(int side, const GraphRef& ref, quint64 generation);

    WorkerClient* m_worker;
    WorkerSession* m_session; // typed requests over m_worker
    GraphStore* m_graphs[2];
    CompareRequest m_request;
    int m_handles[2] = {0, 0};
    bool m_bIsStateDict = false;
    int m_compareId = 0;
};

} // namespace jitscope::ui
