// RunPanel: arguments from the schema, Run and remembered inputs. The outputs tree and errors live in
// runpanel_outputs.cpp, benchmark, charts, profile and history in runpanel_bench.cpp, the argument editors
// in argumenteditors.h.
#include "runpanel.h"
#include "qtstring.h"

#include "argumenteditors.h"
#include "imageinput.h"
#include "types/inputspec.h"
#include "types/runresult.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace jitscope::ui {

namespace {

// A scroll area as tall as its contents up to a cap, so that a few arguments take no more room than they
// need and many scroll. (QScrollArea's own hint is cached from when the area was empty.)
class FitScrollArea : public QScrollArea
{
public:
    QSize sizeHint() const override
    {
        const QSize content = widget() ? widget()->sizeHint() : QSize();
        const int bar = style()->pixelMetric(QStyle::PM_ScrollBarExtent);
        return {content.width() + bar, std::min(content.height() + 2, 20 * fontMetrics().height())};
    }
    QSize minimumSizeHint() const override { return {0, 3 * fontMetrics().height()}; }
};

} // namespace

RunPanel::RunPanel(QWidget* parent) : QWidget(parent)
{
    buildUi();
    setPending(-1, false);
}

RunPanel::~RunPanel() = default;

void RunPanel::buildUi()
{
    auto* top = new QHBoxLayout;
    m_method = new QComboBox;
    m_device = new QComboBox;
    m_device->addItem(QStringLiteral("cpu"));
    m_threads = new QSpinBox;
    m_threads->setRange(0, 256);
    m_threads->setSpecialValueText(QStringLiteral("default"));
    m_threads->setToolTip(tr("Intra-op threads (at::set_num_threads)"));
    m_inferenceMode = new QCheckBox(tr("InferenceMode"));
    m_inferenceMode->setChecked(true);
    m_inferenceMode->setToolTip(tr("Unchecked: NoGradGuard"));
    top->addWidget(new QLabel(tr("Method")));
    top->addWidget(m_method, 1);
    top->addWidget(new QLabel(tr("Device")));
    top->addWidget(m_device);
    top->addWidget(new QLabel(tr("Threads")));
    top->addWidget(m_threads);
    top->addWidget(m_inferenceMode);
    m_recordValues = new QCheckBox(tr("Record values"));
    m_recordValues->setObjectName(QStringLiteral("recordValues"));
    m_recordValues->setToolTip(tr("Run records every value of the inlined graph: edges show their shapes and "
                                  "statistics, nodes computing NaN/Inf turn red (about 2–3× a plain run)"));
    top->addWidget(m_recordValues);
    connect(m_method, &QComboBox::currentTextChanged, this, [this] {
        dropValues();
        requestArguments();
    });
    connect(m_device, &QComboBox::currentTextChanged, this, [this] { dropValues(); });

    auto* buttons = new QHBoxLayout;
    m_runButton = new QPushButton(tr("Run"));
    m_benchButton = new QPushButton(tr("Benchmark"));
    m_stopButton = new QPushButton(tr("Stop"));
    m_saveButton = new QPushButton(tr("Save outputs…"));
    m_firstNonFinite = new QPushButton(tr("Go to first NaN/Inf"));
    m_firstNonFinite->setObjectName(QStringLiteral("firstNonFinite"));
    m_firstNonFinite->setEnabled(false);
    m_firstNonFinite->setToolTip(tr("Select the node that computed the first NaN or Inf of the recorded run"));
    connect(m_firstNonFinite, &QPushButton::clicked, this, &RunPanel::firstNonFiniteRequested);
    for (QPushButton* b : {m_runButton, m_benchButton, m_stopButton, m_saveButton, m_firstNonFinite})
        buttons->addWidget(b);
    buttons->addStretch(1);
    connect(m_runButton, &QPushButton::clicked, this, &RunPanel::run);
    connect(m_benchButton, &QPushButton::clicked, this, &RunPanel::benchmark);
    connect(m_stopButton, &QPushButton::clicked, this, &RunPanel::stop);
    connect(m_saveButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save outputs"), {}, tr("PyTorch (*.pt)"));
        if (path.isEmpty() || !m_client)
            return;
        m_client->saveOutputs(
            {m_handle, path.toStdString()},
            [this, path](const protocol::SaveOutputsResult&) {
                m_status->setText(tr("Saved the outputs to %1").arg(path));
            },
            [this](const Error& e) { showError(e); });
    });

    m_status = new QLabel;
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_errorDetail = new QPlainTextEdit;
    m_errorDetail->setReadOnly(true);
    m_errorDetail->setVisible(false);
    m_errorDetail->setMaximumHeight(160);
    // The failing line is one click away; the Run tab (and its message) stays in front.
    m_errorLink = new QLabel;
    m_errorLink->setObjectName(QStringLiteral("errorLink"));
    m_errorLink->setVisible(false);
    connect(m_errorLink, &QLabel::linkActivated, this, [this](const QString& link) {
        const qsizetype colon = link.lastIndexOf(QLatin1Char(':'));
        if (colon > 0)
            Q_EMIT codeLineRequested(link.left(colon), link.mid(colon + 1).toInt());
    });

    m_outputs = new QTreeWidget;
    m_outputs->setHeaderLabels({tr("Output"), tr("Type"), tr("Shape"), tr("dtype"), tr("Device"), tr("Min"),
                                tr("Max"), tr("Mean"), tr("Std"), tr("NaN/Inf"), tr("Preview / top-k")});
    m_outputs->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto* tabs = new QTabWidget;
    tabs->addTab(m_outputs, tr("Outputs"));
    tabs->addTab(buildBenchTab(), tr("Benchmark"));
    buttons->insertWidget(2, m_benchOptions);
    // the inputs take the height they ask for first; the outputs get the rest, and at least a few lines
    tabs->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    tabs->setMinimumHeight(8 * fontMetrics().height());

    // inputs above, as tall as they need up to a cap (FitScrollArea), results below with the rest
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buildInputsPane());
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_errorLink);
    layout->addWidget(m_errorDetail);
    layout->addWidget(tabs, 1);
}

QWidget* RunPanel::buildInputsPane()
{
    auto* header = new QHBoxLayout;
    auto* title = new QLabel(tr("Inputs"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_specToggle = new QToolButton;
    m_specToggle->setObjectName(QStringLiteral("specToggle"));
    m_specToggle->setText(tr("Spec text"));
    m_specToggle->setCheckable(true);
    m_specToggle->setToolTip(
        tr("Show each argument's spec (randn:1x3x224x224 …) under its editor, to read or "
           "type; the editor and the spec follow each other"));
    header->addWidget(title);
    header->addStretch(1);
    header->addWidget(m_specToggle);
    connect(m_specToggle, &QToolButton::toggled, this, [this](bool on) {
        for (ArgumentRow* row : m_argsBox->findChildren<ArgumentRow*>())
            row->setSpecVisible(on);
    });

    m_argsBox = new QWidget;
    m_argsForm = new QFormLayout(m_argsBox);
    m_argsForm->setContentsMargins(0, 0, 0, 0);
    m_argsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_argsForm->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_argsForm->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_argsForm->setVerticalSpacing(8);
    m_argsScroll = new FitScrollArea;
    m_argsScroll->setWidget(m_argsBox);
    m_argsScroll->setWidgetResizable(true);
    m_argsScroll->setFrameShape(QFrame::NoFrame);

    auto* pane = new QWidget;
    auto* v = new QVBoxLayout(pane);
    v->setContentsMargins(0, 0, 0, 0);
    v->addLayout(header);
    v->addWidget(m_argsScroll, 1);
    return pane;
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
    const QSignalBlocker block(m_method);
    m_method->clear();
    m_method->addItems(methods);
    const int forward = methods.indexOf(QStringLiteral("forward"));
    m_method->setCurrentIndex(forward >= 0 ? forward : 0);
    if (m_client) {
        m_client->devices(
            [this](const protocol::DevicesResult& r) {
                const QString current = m_device->currentText();
                m_device->clear();
                for (const std::string& d : r.devices)
                    m_device->addItem(qs(d));
                m_device->setCurrentText(current);
            },
            [](const Error&) {});
    }
    requestArguments();
    setPending(-1, false);
}

void RunPanel::clearModel()
{
    m_handle = -1;
    m_method->clear();
    showArguments({});
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
    if (m_handle < 0 || !m_client || m_method->currentText().isEmpty())
        return;
    m_client->arguments(
        {m_handle, m_method->currentText().toStdString()},
        [this](const protocol::ArgumentsResult& r) { showArguments(r.arguments); },
        [this](const Error& e) { showError(e); });
}

void RunPanel::showArguments(const std::vector<ArgumentInfo>& arguments)
{
    m_arguments = arguments;
    while (m_argsForm->rowCount() > 0)
        m_argsForm->removeRow(0);
    const QSettings settings;
    const Json remembered = Json::parse(
        settings.value(QStringLiteral("run/inputs/") + m_hash + QLatin1Char('/') + m_method->currentText())
            .toString()
            .toStdString(),
        nullptr, false);
    for (const ArgumentInfo& arg : arguments) {
        const std::string& name = arg.name;
        auto* row = new ArgumentRow(arg);
        if (remembered.is_object() && remembered.contains(name) && remembered[name].is_string())
            row->setText(qs(remembered[name].get<std::string>()));
        row->setSpecVisible(m_specToggle->isChecked());
        connect(row, &ArgumentRow::edited, this, &RunPanel::dropValues);
        auto* label =
            new QLabel(QStringLiteral("<b>%1</b>&nbsp;&nbsp;<span style='color:%2'>%3</span>")
                           .arg(qs(name).toHtmlEscaped(), palette().color(QPalette::PlaceholderText).name(),
                                qs(arg.type).toHtmlEscaped()));
        label->setToolTip(qs(arg.type));
        m_argsForm->addRow(label, row);
    }
    if (arguments.empty())
        m_argsForm->addRow(new QLabel(tr("No arguments.")));
    m_argsScroll->updateGeometry(); // its size hint follows the rows
}

ArgumentRow* RunPanel::argumentRow(const QString& argument) const
{
    return m_argsBox->findChild<ArgumentRow*>(QStringLiteral("arg_") + argument);
}

QString RunPanel::currentMethod() const
{
    return m_method->currentText();
}

QString RunPanel::inputText(const QString& argument) const
{
    ArgumentRow* row = argumentRow(argument);
    return row ? row->text() : QString();
}

void RunPanel::setInputText(const QString& argument, const QString& text)
{
    if (ArgumentRow* row = argumentRow(argument))
        row->setText(text);
}

QString RunPanel::statusText() const
{
    return m_status->text();
}

// Positional inputs up to the last filled editor; an empty editor before it means "the default" and is
// sent by name only when it is filled, so TorchScript fills defaults itself.
bool RunPanel::collectInputs(protocol::Call& call, QString& problem) const
{
    call.inputs = Json::array();
    call.named = Json::object();
    bool gap = false;
    for (const ArgumentInfo& arg : m_arguments) {
        const std::string& name = arg.name;
        const QString text = inputText(qs(name)).trimmed();
        if (text.isEmpty()) {
            gap = true;
            continue;
        }
        auto parsed = spec::parseSpecText(text.toStdString());
        if (!parsed) {
            problem = tr("The input of %1 is not valid JSON after 'json:'.").arg(qs(name));
            return false;
        }
        // dicts as [key, value] pairs keep their order through the protocol; images are decoded here
        Json value = spec::toProtocolValue(parsed.value());
        if (auto error = replaceImageSpecs(value)) {
            problem = tr("The input of %1: %2").arg(qs(name), qs(error->message));
            return false;
        }
        if (gap)
            call.named[name] = value;
        else
            call.inputs.push_back(value);
    }
    return true;
}

void RunPanel::rememberInputs() const
{
    Json texts = Json::object();
    for (const ArgumentInfo& arg : m_arguments)
        texts[arg.name] = inputText(qs(arg.name)).toStdString();
    QSettings().setValue(QStringLiteral("run/inputs/") + m_hash + QLatin1Char('/') + m_method->currentText(),
                         qs(texts.dump()));
}

std::optional<protocol::Call> RunPanel::prepareCall()
{
    if (m_handle < 0 || !m_client || isBusy())
        return std::nullopt;
    protocol::Call call;
    call.handle = m_handle;
    call.method = m_method->currentText().toStdString();
    call.device = m_device->currentText().toStdString();
    call.inference_mode = m_inferenceMode->isChecked();
    call.threads = m_threads->value();
    call.timeout = m_timeLimit;
    QString problem;
    if (!collectInputs(call, problem)) {
        showError({ErrorCode::BadInput, problem.toStdString(), {}, {}});
        return std::nullopt;
    }
    rememberInputs();
    return call;
}

void RunPanel::run()
{
    std::optional<protocol::Call> call = prepareCall();
    if (!call)
        return;
    protocol::RunRequest request;
    static_cast<protocol::Call&>(request) = std::move(*call);
    request.values = m_recordValues->isChecked();
    dropValues(); // the next values, if any, come with this run
    m_status->setText(tr("Running…"));
    m_errorDetail->setVisible(false);
    m_errorLink->setVisible(false);
    const int id = m_client->run(
        request,
        [this](const protocol::RunReply& r) {
            setPending(-1, false);
            showOutputs(r);
            if (r.values) {
                m_hasValues = true;
                m_firstNonFinite->setEnabled(r.values->first_nonfinite.has_value());
                const auto& first = r.values->first_nonfinite;
                const int count = static_cast<int>(r.values->values.size());
                m_status->setText(m_status->text() + QStringLiteral(" · ") +
                                  (first ? tr("%1 values recorded; first NaN/Inf: %2 in %3")
                                               .arg(count)
                                               .arg(qs(first->kind),
                                                    first->module_path.empty() ? tr("the root module")
                                                                               : qs(first->module_path))
                                         : tr("%1 values recorded, all finite").arg(count)));
                Q_EMIT valuesRecorded(std::make_shared<const ValueTable>(*r.values));
            }
        },
        [this](const Error& e) {
            setPending(-1, false);
            showError(e);
        });
    setPending(id, false);
}

void RunPanel::stop()
{
    if (m_pendingId < 0 || !m_client)
        return;
    m_client->cancel(m_pendingId);
    if (!m_pendingBench)
        m_status->setText(tr("Stopping… (a running call cannot be interrupted: the worker is restarted if it "
                             "does not return)"));
    Q_EMIT stopRequested(m_method->currentText());
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
    m_saveButton->setEnabled(!busy && m_handle >= 0 && m_outputs->topLevelItemCount() > 0);
    if (busy != wasBusy)
        Q_EMIT busyChanged(busy);
}

void RunPanel::callAbandoned(const QString& message)
{
    m_status->setText(QStringLiteral("<span style='color:#b26a00'>%1</span>").arg(message.toHtmlEscaped()));
    m_errorDetail->setVisible(false);
    m_errorLink->setVisible(false);
    setPending(-1, false);
}

void RunPanel::workerLost(const QString& reason)
{
    if (m_pendingId >= 0)
        showError({ErrorCode::Internal, tr("The worker stopped: %1").arg(reason).toStdString(), {}, {}});
    m_handle = -1; // its handles are gone with it; the main window reopens the model and calls setModel
    setPending(-1, false);
}

} // namespace jitscope::ui
