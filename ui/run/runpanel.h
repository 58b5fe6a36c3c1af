// The Run & Benchmark panel: the method, device and threads, the inputs form (editors from the method's
// schema), Run with an outputs tree, Benchmark with live charts, a per-op profile and the session's history.
// It talks to the worker only through RunClient (typed requests), so it does not depend on how the main
// window holds its worker. The parts are objects of their own (CallSettings, RunInputsForm, OutputsTree,
// BenchOptions, BenchView, RunStatusView); this class runs the calls and wires them.
#pragma once

#include "benchoptions.h"
#include "callsettings.h"
#include "outputstree.h"
#include "runclient.h"
#include "types/error.h"
#include "types/values.h"

#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QTableWidget;
class QTabWidget;
class QTreeWidget;

namespace jitscope::ui {

class ArgumentRow;
class BenchView;
class RunInputsForm;
class RunStatusView;

class RunPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunPanel(QWidget* parent = nullptr);
    ~RunPanel() override;

    // The worker the panel talks to; not owned, outlives the panel (or is reset to null first).
    void setClient(RunClient* client);
    // A model was opened: its worker handle, file, content hash (inputs are remembered by it) and methods.
    void setModel(int handle, const QString& path, const QString& contentHash, const QStringList& methods);
    void clearModel();
    // Forward the worker's bench_sample notifications here: they drive the live charts.
    void handleBenchSample(const protocol::BenchSample& sample);
    // The worker died or was killed (e.g. Stop on a hung call): pending work ends, the panel stays usable.
    void workerLost(const QString& reason);
    // The window gave up on the last call (Stop on a call that did not return; the worker was restarted):
    // says so in the status line, in place of workerLost's message.
    void callAbandoned(const QString& message);
    // Seconds per call sent with run and bench (Settings › Preferences); 0 = none.
    void setTimeLimit(double seconds) { m_timeLimit = seconds; }
    double timeLimit() const { return m_timeLimit; }

    // For tests and the main window: an argument's spec text ("" = the schema's default); setting it
    // updates the argument's editor too.
    QString inputText(const QString& argument) const;
    void setInputText(const QString& argument, const QString& text);
    ArgumentRow* argumentRow(const QString& argument) const;
    QTreeWidget* outputsTree() const { return m_outputs; }
    QTableWidget* historyTable() const;
    QTableWidget* profileTable() const;
    QString statusText() const;
    QLabel* errorLink() const;
    QWidget* benchOptions() const { return m_benchOptions; }
    QTabWidget* benchViews() const { return m_tabs; } // Run, Benchmark, History, Per-op profile
    QStringList histogramLabels() const;              // the histogram's x-axis labels
    bool isBusy() const { return m_pendingId >= 0; }
    QCheckBox* recordValuesBox() const { return m_settings->recordValuesBox(); }
    QPushButton* firstNonFiniteButton() const { return m_firstNonFinite; }
    bool hasValues() const { return m_hasValues; }
    bool isBenchmarking() const { return m_pendingId >= 0 && m_pendingBench; }
    QString currentMethod() const { return m_settings->method(); }
    int sampleCount() const;
    QString historyCsv() const;

public Q_SLOTS:
    void run();
    void benchmark();
    void stop();

Q_SIGNALS:
    // The innermost line of the archived code where a run failed ("code/__torch__/…py", 1-based line).
    void errorLocation(const QString& file, int line);
    // The user followed the error's "show line N in Code" link: the window shows that line.
    void codeLineRequested(const QString& file, int line);
    // A benchmark's per-op profile, to colour graph nodes by their share of time.
    void profileReady(const jitscope::OpProfile& profile);
    void busyChanged(bool busy);
    // A run with "Record values" on: every value of the inlined graph (shapes, statistics, first NaN/Inf).
    void valuesRecorded(std::shared_ptr<const jitscope::ValueTable> values);
    // The values shown no longer describe the model and inputs (an input, the method or the device changed,
    // another model, a run without recording).
    void valuesDropped();
    void firstNonFiniteRequested(); // the Go to first NaN/Inf button
    // Stop was pressed on a running call of `method`; a run cannot be interrupted, the window may restart
    // the worker if it does not return (HungCallRestarter).
    void stopRequested(const QString& method);

private:
    QWidget* buildCallPage();
    QWidget* buildButtonRow();
    void requestArguments();
    void saveOutputs();
    void onRunDone(const protocol::RunReply& reply);
    void onBenchDone(const BenchResult& result);
    void showError(const Error& error);
    void dropValues();
    void setPending(int id, bool bench);
    // What a run/bench request shares, or nothing: no model or worker, a request already running, or
    // (after showing why) incomplete inputs.
    std::optional<protocol::Call> prepareCall();

    RunClient* m_client = nullptr;
    int m_handle = -1;
    QString m_path, m_hash;
    int m_pendingId = -1;
    bool m_pendingBench = false;
    double m_timeLimit = 0;
    bool m_hasValues = false;

    CallSettings* m_settings = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_benchButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QPushButton* m_saveButton = nullptr;
    QPushButton* m_firstNonFinite = nullptr;
    RunInputsForm* m_inputs = nullptr;
    BenchOptions* m_benchOptions = nullptr;
    RunStatusView* m_status = nullptr;
    OutputsTree* m_outputs = nullptr;
    BenchView* m_bench = nullptr;
    QTabWidget* m_tabs = nullptr;
    QScrollArea* m_callPage = nullptr;
    QPushButton* m_cornerStop = nullptr;
};

} // namespace jitscope::ui
