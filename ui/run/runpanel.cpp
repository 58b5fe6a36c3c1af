#include "runpanel.h"
#include "qtstring.h"

#include "argumentrow.h"
#include "benchcharts.h"
#include "benchhistory.h"
#include "benchview.h"
#include "flowlayout.h"
#include "profileview.h"
#include "runinputsform.h"
#include "runstatusview.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace jitscope::ui {

RunPanel::RunPanel(QWidget* parent)
    : QWidget(parent), m_settings(new CallSettings), m_inputs(new RunInputsForm),
      m_benchOptions(new BenchOptions), m_status(new RunStatusView), m_outputs(new OutputsTree),
      m_bench(new BenchView(this)), m_tabs(new QTabWidget)
{
    connect(m_settings, &CallSettings::methodChanged, this, [this] {
        dropValues();
        requestArguments();
    });
    connect(m_settings, &CallSettings::deviceChanged, this, &RunPanel::dropValues);
    connect(m_inputs, &RunInputsForm::edited, this, &RunPanel::dropValues);
    connect(m_status, &RunStatusView::errorLocation, this, &RunPanel::errorLocation);
    connect(m_status, &RunStatusView::codeLineRequested, this, &RunPanel::codeLineRequested);
    connect(m_bench->history(), &BenchHistory::failed, this, &RunPanel::showError);

    // A bottom dock is wide and short: one thing at a time, each with the dock's whole height — the call
    // with its inputs and outputs, the benchmark's charts, the history, the profile. The benchmark's live
    // statistics and a Stop button sit in the tab bar's corner, seen from every tab.
    m_tabs->setObjectName(QStringLiteral("runTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildCallPage(), tr("Run"));
    m_tabs->addTab(m_bench->charts(), tr("Benchmark"));
    m_tabs->addTab(m_bench->history(), tr("History (this session)"));
    m_tabs->addTab(m_bench->profile(), tr("Per-op profile"));
    auto* corner = new QWidget;
    auto* cornerRow = new QHBoxLayout(corner);
    cornerRow->setContentsMargins(6, 0, 2, 0);
    cornerRow->addWidget(m_bench->statistics());
    m_cornerStop = new QPushButton(tr("Stop"));
    m_cornerStop->setObjectName(QStringLiteral("cornerStop"));
    connect(m_cornerStop, &QPushButton::clicked, this, &RunPanel::stop);
    cornerRow->addWidget(m_cornerStop);
    m_tabs->setCornerWidget(corner, Qt::TopRightCorner);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    setPending(-1, false);
}

QWidget* RunPanel::buildCallPage()
{
    // The outputs take what the inputs leave, at least a few lines; the page scrolls when the dock is short.
    m_outputs->setMinimumHeight(6 * fontMetrics().height());
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_settings);
    layout->addWidget(m_inputs);
    layout->addWidget(buildButtonRow());
    layout->addWidget(m_status);
    layout->addWidget(m_outputs, 1);
    m_callPage = new QScrollArea;
    m_callPage->setWidget(page);
    m_callPage->setWidgetResizable(true);
    m_callPage->setFrameShape(QFrame::NoFrame);
    return m_callPage;
}

RunPanel::~RunPanel() = default;

QWidget* RunPanel::buildButtonRow()
{
    m_runButton = new QPushButton(tr("Run"));
    m_benchButton = new QPushButton(tr("Benchmark"));
    m_stopButton = new QPushButton(tr("Stop"));
    m_saveButton = new QPushButton(tr("Save outputs…"));
    m_firstNonFinite = new QPushButton(tr("Go to first NaN/Inf"));
    m_firstNonFinite->setObjectName(QStringLiteral("firstNonFinite"));
    m_firstNonFinite->setEnabled(false);
    m_firstNonFinite->setToolTip(
        tr("Select the node that computed the first NaN or Inf of the recorded run"));
    connect(m_runButton, &QPushButton::clicked, this, &RunPanel::run);
    connect(m_benchButton, &QPushButton::clicked, this, &RunPanel::benchmark);
    connect(m_stopButton, &QPushButton::clicked, this, &RunPanel::stop);
    connect(m_saveButton, &QPushButton::clicked, this, &RunPanel::saveOutputs);
    connect(m_firstNonFinite, &QPushButton::clicked, this, &RunPanel::firstNonFiniteRequested);

    // The benchmark's options sit beside its button, where they are seen before a benchmark starts.
    // They wrap in a narrow dock, the options first (they share the line with the buttons).
    auto* buttons = new QWidget;
    auto* row = new FlowLayout(buttons);
    row->addWidget(m_runButton);
    row->addWidget(m_benchButton);
    row->addWidget(m_benchOptions);
    for (QPushButton* b : {m_stopButton, m_saveButton, m_firstNonFinite})
        row->addWidget(b);
    return buttons;
}

void RunPanel::setClient(RunClient* client)
{
    m_client = client;
}

void RunPanel::setModel(int handle, const QString& path, const QString& contentHash,
                        const QStringList& methods)
{
    m_handle = handle;
    m_path = path;
    m_hash = contentHash;
    m_pendingId = -1;
    m_settings->setMethods(methods);
    if (m_client)
        m_client->devices([this](const protocol::DevicesResult& r) { m_settings->setDevices(r.devices); },
                          [](const Error&) {});
    requestArguments();
    setPending(-1, false);
}

void RunPanel::clearModel()
{
    m_handle = -1;
    m_settings->setMethods({});
    m_inputs->setArguments({}, QString());
    m_outputs->clear();
    dropValues();
    setPending(-1, false);
}

void RunPanel::dropValues()
{
    if (!m_hasValues)
        return;
    m_hasValues = false;
    m_firstNonFinite->setEnabled(false);
    Q_EMIT valuesDropped();
}

void RunPanel::requestArguments()
{
    const QString method = m_settings->method();
    if (m_handle < 0 || !m_client || method.isEmpty())
        return;
    m_client->arguments(
        {m_handle, method.toStdString()},
        [this, method](const protocol::ArgumentsResult& r) {
            m_inputs->setArguments(r.arguments,
                                   QStringLiteral("run/inputs/") + m_hash + QLatin1Char('/') + method);
        },
        [this](const Error& e) { showError(e); });
}

ArgumentRow* RunPanel::argumentRow(const QString& argument) const
{
    return m_inputs->row(argument);
}

QString RunPanel::inputText(const QString& argument) const
{
    return m_inputs->text(argument);
}

void RunPanel::setInputText(const QString& argument, const QString& text)
{
    m_inputs->setText(argument, text);
}

QTableWidget* RunPanel::historyTable() const
{
    return m_bench->history()->table();
}

QTableWidget* RunPanel::profileTable() const
{
    return m_bench->profileTable();
}

QString RunPanel::statusText() const
{
    return m_status->text();
}

QLabel* RunPanel::errorLink() const
{
    return m_status->errorLink();
}

QStringList RunPanel::histogramLabels() const
{
    return m_bench->histogramLabels();
}

int RunPanel::sampleCount() const
{
    return m_bench->sampleCount();
}

QString RunPanel::historyCsv() const
{
    return m_bench->history()->csv();
}

std::optional<protocol::Call> RunPanel::prepareCall()
{
    if (m_handle < 0 || !m_client || isBusy())
        return std::nullopt;
    protocol::Call call;
    call.handle = m_handle;
    m_settings->fill(call);
    call.timeout = m_timeLimit;
    QString problem;
    if (!m_inputs->collect(call, problem)) {
        showError({ErrorCode::BadInput, problem.toStdString(), {}, {}});
        return std::nullopt;
    }
    m_inputs->remember();
    return call;
}

void RunPanel::run()
{
    std::optional<protocol::Call> call = prepareCall();
    if (!call)
        return;
    protocol::RunRequest request;
    static_cast<protocol::Call&>(request) = std::move(*call);
    request.values = m_settings->recordValues();
    dropValues(); // the next values, if any, come with this run
    m_status->showStatus(tr("Running…"));
    m_tabs->setCurrentIndex(0);
    m_callPage->ensureWidgetVisible(m_status);
    const int id = m_client->run(
        request, [this](const protocol::RunReply& r) { onRunDone(r); },
        [this](const Error& e) {
            setPending(-1, false);
            showError(e);
        });
    setPending(id, false);
}

void RunPanel::onRunDone(const protocol::RunReply& r)
{
    setPending(-1, false);
    m_outputs->showOutput(r.output);
    m_status->showStatus(
        tr("%1 on %2: %3 ms%4")
            .arg(qs(r.method), qs(r.device), QString::number(r.ms, 'f', 3),
                 r.warmup ? tr(" (warm-up: the profiling executor's first calls are slower)") : QString()));
    setPending(-1, false); // the outputs can be saved now
    m_callPage->ensureWidgetVisible(m_outputs);
    if (!r.values)
        return;
    m_hasValues = true;
    const auto& first = r.values->first_nonfinite;
    m_firstNonFinite->setEnabled(first.has_value());
    const int count = static_cast<int>(r.values->values.size());
    m_status->appendStatus(first ? tr("%1 values recorded; first NaN/Inf: %2 in %3")
                                       .arg(count)
                                       .arg(qs(first->kind), first->module_path.empty()
                                                                 ? tr("the root module")
                                                                 : qs(first->module_path))
                                 : tr("%1 values recorded, all finite").arg(count));
    Q_EMIT valuesRecorded(std::make_shared<const ValueTable>(*r.values));
}

void RunPanel::benchmark()
{
    std::optional<protocol::Call> call = prepareCall();
    if (!call)
        return;
    protocol::BenchRequest request;
    static_cast<protocol::Call&>(request) = std::move(*call);
    m_benchOptions->fill(request);
    m_bench->start();
    m_status->showStatus(tr("Benchmarking… (Stop ends it between calls)"));
    m_tabs->setCurrentWidget(m_bench->charts()); // live
    const int id = m_client->bench(
        request, [this](const BenchResult& r) { onBenchDone(r); },
        [this](const Error& e) {
            setPending(-1, false);
            showError(e);
        });
    setPending(id, true);
}

void RunPanel::handleBenchSample(const protocol::BenchSample& sample)
{
    if (m_pendingId < 0 || !m_pendingBench || sample.id != Json(m_pendingId))
        return;
    if (sample.phase != "measure") {
        const QString text =
            tr("Warming up… %1 calls").arg(sample.start + static_cast<int64_t>(sample.ms.size()));
        m_status->showStatus(text);
        m_bench->showProgress(text);
        return;
    }
    m_bench->addSamples(sample.ms);
}

void RunPanel::onBenchDone(const BenchResult& result)
{
    setPending(-1, false);
    m_bench->finish(result, QFileInfo(m_path).fileName());
    m_status->showStatus(tr("Benchmark %1: median %2 ms over %3 calls after %4 warm-up calls%5")
                             .arg(result.stopped ? tr("stopped") : tr("done"))
                             .arg(result.stats.median, 0, 'g', 5)
                             .arg(result.stats.count)
                             .arg(result.warmup_ms.size())
                             .arg(!result.warmup_ms.empty()
                                      ? tr(" (first call %1 ms)").arg(result.warmup_ms[0], 0, 'g', 5)
                                      : QString()));
    if (result.profile)
        Q_EMIT profileReady(*result.profile);
}

void RunPanel::saveOutputs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save outputs"), {}, tr("PyTorch (*.pt)"));
    if (path.isEmpty() || !m_client)
        return;
    m_client->saveOutputs(
        {m_handle, path.toStdString()},
        [this, path](const protocol::SaveOutputsResult&) {
            m_status->showStatus(tr("Saved the outputs to %1").arg(path));
        },
        [this](const Error& e) { showError(e); });
}

void RunPanel::showError(const Error& error)
{
    m_status->showError(error);
    m_tabs->setCurrentIndex(0); // the message is there
    m_callPage->ensureWidgetVisible(m_status);
}

void RunPanel::stop()
{
    if (m_pendingId < 0 || !m_client)
        return;
    m_client->cancel(m_pendingId);
    if (!m_pendingBench) {
        m_status->showStatus(tr("Stopping… (a running call cannot be interrupted: the worker is restarted "
                                "if it does not return)"));
        m_callPage->ensureWidgetVisible(m_status);
    }
    Q_EMIT stopRequested(m_settings->method());
}

void RunPanel::setPending(int id, bool bench)
{
    const bool wasBusy = m_pendingId >= 0;
    m_pendingId = id;
    m_pendingBench = bench;
    const bool busy = id >= 0;
    m_runButton->setEnabled(!busy && m_handle >= 0);
    m_benchButton->setEnabled(!busy && m_handle >= 0);
    m_stopButton->setEnabled(busy);
    m_cornerStop->setVisible(busy);
    m_saveButton->setEnabled(!busy && m_handle >= 0 && m_outputs->topLevelItemCount() > 0);
    if (busy != wasBusy)
        Q_EMIT busyChanged(busy);
}

void RunPanel::callAbandoned(const QString& message)
{
    m_status->showWarning(message);
    setPending(-1, false);
    m_tabs->setCurrentIndex(0);
    m_callPage->ensureWidgetVisible(m_status);
}

void RunPanel::workerLost(const QString& reason)
{
    if (m_pendingId >= 0)
        showError({ErrorCode::Internal, tr("The worker stopped: %1").arg(reason).toStdString(), {}, {}});
    m_handle = -1; // its handles are gone with it; the main window reopens the model and calls setModel
    setPending(-1, false);
}

} // namespace jitscope::ui
