// The Run & Benchmark panel: argument editors from the method's schema, one run with an outputs tree, a
// benchmark with live charts, a per-op profile and a history of the session's runs. It talks to the worker
// only through RunClient (typed requests), so it does not depend on how the main window holds its worker.
#pragma once

#include "types/error.h"
#include "types/json.h"
#include "types/values.h"
#include "runclient.h"

#include <QWidget>

#include <memory>
#include <optional>

#include <functional>

class QCheckBox;
class QScrollArea;
class QToolButton;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;
class QChart;
class QLineSeries;
class QBarSeries;
class QBarSet;
class QValueAxis;
class QCategoryAxis;
class QTabWidget;

namespace jitscope::ui {

class ArgumentRow;

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
    QTableWidget* historyTable() const { return m_history; }
    QTableWidget* profileTable() const { return m_profile; }
    QString statusText() const;
    QLabel* errorLink() const { return m_errorLink; }
    QWidget* benchOptions() const { return m_benchOptions; }
    QTabWidget* benchViews() const { return m_benchViews; }
    QStringList histogramLabels() const; // the histogram's x-axis labels
    bool isBusy() const { return m_pendingId >= 0; }
    QCheckBox* recordValuesBox() const { return m_recordValues; }
    QPushButton* firstNonFiniteButton() const { return m_firstNonFinite; }
    bool hasValues() const { return m_hasValues; }
    bool isBenchmarking() const { return m_pendingId >= 0 && m_pendingBench; }
    QString currentMethod() const;
    int sampleCount() const { return static_cast<int>(m_liveSamples.size()); }
    QString historyCsv() const;
    Json historyJson() const { return m_historyRows; }

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
    void buildUi();
    QWidget* buildInputsPane();
    QWidget* buildBenchTab();
    void requestArguments();
    void showArguments(const std::vector<ArgumentInfo>& arguments);
    // Fills call.inputs/named from the editors; false (with `problem`) when one cannot be sent.
    bool collectInputs(protocol::Call& call, QString& problem) const;
    void rememberInputs() const;
    void showOutputs(const protocol::RunReply& result);
    void showError(const Error& error);
    void dropValues();
    void setPending(int id, bool bench);
    // What a run/bench request shares, or nothing: no model or worker, a request already running, or
    // (after showing why) incomplete inputs.
    std::optional<protocol::Call> prepareCall();
    void onBenchDone(const BenchResult& result);
    void addHistory(const Json& result);
    void showProfile(const std::optional<OpProfile>& profile);
    void refreshCharts();
    void exportHistory();

    RunClient* m_client = nullptr;
    int m_handle = -1;
    QString m_path, m_hash;
    int m_pendingId = -1;
    bool m_pendingBench = false;
    double m_timeLimit = 0;
    std::vector<double> m_liveSamples;
    std::vector<ArgumentInfo> m_arguments;
    Json m_historyRows = Json::array();
    std::optional<OpProfile> m_lastProfile;

    QComboBox* m_method = nullptr;
    QComboBox* m_device = nullptr;
    QSpinBox* m_threads = nullptr;
    QCheckBox* m_inferenceMode = nullptr;
    QCheckBox* m_recordValues = nullptr;
    QPushButton* m_firstNonFinite = nullptr;
    bool m_hasValues = false;
    QWidget* m_argsBox = nullptr;
    QFormLayout* m_argsForm = nullptr;
    QToolButton* m_specToggle = nullptr;
    QScrollArea* m_argsScroll = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_benchButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QPushButton* m_saveButton = nullptr;
    QLabel* m_status = nullptr;
    QPlainTextEdit* m_errorDetail = nullptr;
    QLabel* m_errorLink = nullptr; // "show line N in Code" under a failed run's message
    QTreeWidget* m_outputs = nullptr;
    QSpinBox* m_warmup = nullptr;
    QCheckBox* m_untilSettled = nullptr;
    QSpinBox* m_iters = nullptr;
    QDoubleSpinBox* m_seconds = nullptr;
    QCheckBox* m_profileBox = nullptr;
    QWidget* m_benchOptions = nullptr; // warm-up, calls, profile: beside the Benchmark button
    QTabWidget* m_benchViews = nullptr; // charts, history, profile
    QLabel* m_statsLabel = nullptr;
    QChart* m_seriesChart = nullptr;
    QLineSeries* m_series = nullptr;
    QValueAxis* m_seriesX = nullptr;
    QValueAxis* m_seriesY = nullptr;
    QChart* m_histChart = nullptr;
    QBarSet* m_histSet = nullptr;
    QCategoryAxis* m_histX = nullptr;
    QValueAxis* m_histY = nullptr;
    QTableWidget* m_history = nullptr;
    QTableWidget* m_profile = nullptr;
    QComboBox* m_profileView = nullptr;
    class QTimer* m_chartTimer = nullptr;
};

} // namespace jitscope::ui
