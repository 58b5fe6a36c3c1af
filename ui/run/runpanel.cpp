// RunPanel: arguments from the schema, Run, the outputs tree, errors and remembered inputs.
// Benchmark, charts, profile and history live in runpanel_bench.cpp.
#include "runpanel.h"

#include "model/runresult.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace jitscope::ui {

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QString num(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 6) : QStringLiteral("—");
}

// A first guess for an argument's editor, so that Run works at once on common models.
QString defaultText(const Json& arg)
{
    const std::string kind = arg.value("kind", "");
    if (arg.value("has_default", false))
        return {}; // empty: the schema's default
    if (kind == "tensor")
        return QStringLiteral("randn:1x3x224x224");
    if (kind == "tensor_list")
        return QStringLiteral("json:[\"randn:3x224x224\"]");
    if (kind == "tensor_dict")
        return QStringLiteral("json:{\"x\": \"randn:1x3\"}");
    if (kind == "int")
        return QStringLiteral("1");
    if (kind == "float")
        return QStringLiteral("1.0");
    if (kind == "bool")
        return QStringLiteral("false");
    return {};
}

// Little-endian float32 .npy, C order: what the worker reads for image inputs (it has no Qt to decode).
bool writeNpy(const QString& path, const std::vector<float>& data, const std::vector<int>& shape)
{
    QString dims;
    for (int d : shape)
        dims += QString::number(d) + QLatin1Char(',');
    QByteArray header =
        QStringLiteral("{'descr': '<f4', 'fortran_order': False, 'shape': (%1), }").arg(dims).toLatin1();
    while ((10 + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const quint16 len = static_cast<quint16>(header.size());
    file.write("\x93NUMPY\x01\x00", 8);
    file.write(reinterpret_cast<const char*>(&len), 2);
    file.write(header);
    file.write(reinterpret_cast<const char*>(data.data()), static_cast<qint64>(data.size() * sizeof(float)));
    return file.error() == QFileDevice::NoError;
}

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
    connect(m_method, &QComboBox::currentTextChanged, this, [this] { requestArguments(); });

    m_argsBox = new QWidget;
    m_argsForm = new QFormLayout(m_argsBox);

    auto* buttons = new QHBoxLayout;
    m_runButton = new QPushButton(tr("Run"));
    m_benchButton = new QPushButton(tr("Benchmark"));
    m_stopButton = new QPushButton(tr("Stop"));
    m_saveButton = new QPushButton(tr("Save outputs…"));
    for (QPushButton* b : {m_runButton, m_benchButton, m_stopButton, m_saveButton})
        buttons->addWidget(b);
    buttons->addStretch(1);
    connect(m_runButton, &QPushButton::clicked, this, &RunPanel::run);
    connect(m_benchButton, &QPushButton::clicked, this, &RunPanel::benchmark);
    connect(m_stopButton, &QPushButton::clicked, this, &RunPanel::stop);
    connect(m_saveButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save outputs"), {}, tr("PyTorch (*.pt)"));
        if (path.isEmpty() || !m_transport.request)
            return;
        m_transport.request(
            QStringLiteral("save_outputs"), Json{{"handle", m_handle}, {"path", path.toStdString()}},
            [this, path](Json) { m_status->setText(tr("Saved the outputs to %1").arg(path)); },
            [this](const Error& e) { showError(e); });
    });

    m_status = new QLabel;
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_errorDetail = new QPlainTextEdit;
    m_errorDetail->setReadOnly(true);
    m_errorDetail->setVisible(false);
    m_errorDetail->setMaximumHeight(160);

    m_outputs = new QTreeWidget;
    m_outputs->setHeaderLabels({tr("Output"), tr("Type"), tr("Shape"), tr("dtype"), tr("Device"), tr("Min"),
                                tr("Max"), tr("Mean"), tr("Std"), tr("NaN/Inf"), tr("Preview / top-k")});
    m_outputs->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto* tabs = new QTabWidget;
    tabs->addTab(m_outputs, tr("Outputs"));
    tabs->addTab(buildBenchTab(), tr("Benchmark"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_argsBox);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_errorDetail);
    layout->addWidget(tabs, 1);
}

void RunPanel::setTransport(RunTransport transport)
{
    m_transport = std::move(transport);
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
    if (m_transport.request) {
        m_transport.request(
            QStringLiteral("devices"), Json::object(),
            [this](Json r) {
                const QString current = m_device->currentText();
                m_device->clear();
                for (const Json& d : r["devices"])
                    m_device->addItem(q(d.get<std::string>()));
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
    showArguments(Json::array());
    m_outputs->clear();
    setPending(-1, false);
}

void RunPanel::requestArguments()
{
    if (m_handle < 0 || !m_transport.request || m_method->currentText().isEmpty())
        return;
    m_transport.request(
        QStringLiteral("arguments"),
        Json{{"handle", m_handle}, {"method", m_method->currentText().toStdString()}},
        [this](Json r) { showArguments(r["arguments"]); }, [this](const Error& e) { showError(e); });
}

void RunPanel::showArguments(const Json& arguments)
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
    for (const Json& arg : arguments) {
        const QString name = q(arg.value("name", ""));
        const std::string kind = arg.value("kind", "");
        auto* row = new QWidget;
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto* edit = new QLineEdit;
        edit->setObjectName(QStringLiteral("input_") + name);
        edit->setText(remembered.is_object() && remembered.contains(name.toStdString())
                          ? q(remembered[name.toStdString()].get<std::string>())
                          : defaultText(arg));
        if (arg.value("has_default", false))
            edit->setPlaceholderText(tr("default: %1").arg(q(arg.value("default_value", ""))));
        edit->setToolTip(tr("A spec (randn:1x3x224x224, zeros:2x8:int64, randint:0:100:3x7, full:0.5:4, "
                            "file:x.pt, file:x.npy, image:x.png:224:imagenet), a number, true/false, none, "
                            "str:text, or json:[…]/json:{…} for lists and dicts of specs"));
        h->addWidget(edit, 1);
        if (kind == "tensor" || kind == "optional_tensor" || kind == "tensor_list" || kind == "tensor_dict" ||
            kind == "other" || kind == "tuple") {
            auto* file = new QToolButton;
            file->setText(tr("File…"));
            connect(file, &QToolButton::clicked, this, [this, name] { chooseFile(name); });
            h->addWidget(file);
        }
        if (kind == "tensor" || kind == "optional_tensor") {
            auto* image = new QToolButton;
            image->setText(tr("Image…"));
            connect(image, &QToolButton::clicked, this, [this, name] { chooseImage(name); });
            h->addWidget(image);
        }
        m_argsForm->addRow(QStringLiteral("%1: %2").arg(name, q(arg.value("type", ""))), row);
    }
    if (arguments.empty())
        m_argsForm->addRow(new QLabel(tr("No arguments.")));
}

QString RunPanel::inputText(const QString& argument) const
{
    auto* edit = m_argsBox->findChild<QLineEdit*>(QStringLiteral("input_") + argument);
    return edit ? edit->text() : QString();
}

void RunPanel::setInputText(const QString& argument, const QString& text)
{
    if (auto* edit = m_argsBox->findChild<QLineEdit*>(QStringLiteral("input_") + argument))
        edit->setText(text);
}

QString RunPanel::statusText() const
{
    return m_status->text();
}

void RunPanel::chooseFile(const QString& argument)
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Input for %1").arg(argument), {},
                                                      tr("Tensors (*.pt *.pth *.npy);;All files (*)"));
    if (!path.isEmpty())
        setInputText(argument, QStringLiteral("file:") + path);
}

// Images are decoded here with Qt (the worker has no Qt): float 1x3xHxW in [0, 1], optionally resized and
// ImageNet-normalised, written as .npy and passed as file:….npy.
void RunPanel::chooseImage(const QString& argument)
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Image for %1").arg(argument), {},
                                                      tr("Images (*.png *.jpg *.jpeg)"));
    if (path.isEmpty())
        return;
    QImage image(path);
    if (image.isNull()) {
        showError({ErrorCode::BadInput, tr("Cannot decode %1.").arg(path).toStdString(), {}, {}});
        return;
    }
    bool ok = false;
    const int size = QInputDialog::getInt(this, tr("Resize"), tr("Square size (0 keeps the image's size)"),
                                          224, 0, 8192, 1, &ok);
    if (!ok)
        return;
    const bool normalise = QInputDialog::getItem(this, tr("Normalise"), tr("Normalisation"),
                                                 {tr("ImageNet mean/std"), tr("none ([0, 1])")}, 0, false,
                                                 &ok) == tr("ImageNet mean/std");
    if (size > 0)
        image = image.scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    image = image.convertToFormat(QImage::Format_RGB888);
    const int h = image.height(), w = image.width();
    const float mean[3] = {0.485f, 0.456f, 0.406f}, stdev[3] = {0.229f, 0.224f, 0.225f};
    std::vector<float> data(static_cast<size_t>(3 * h * w));
    for (int y = 0; y < h; ++y) {
        const uchar* line = image.constScanLine(y);
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 3; ++c) {
                float v = line[3 * x + c] / 255.0f;
                if (normalise)
                    v = (v - mean[c]) / stdev[c];
                data[static_cast<size_t>((c * h + y) * w + x)] = v;
            }
    }
    const QString dir =
        QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/inputs");
    QDir().mkpath(dir);
    const QString npy =
        dir + QLatin1Char('/') + QFileInfo(path).completeBaseName() +
        QStringLiteral("-%1%2.npy").arg(size).arg(normalise ? QStringLiteral("-imagenet") : QString());
    if (!writeNpy(npy, data, {1, 3, h, w})) {
        showError({ErrorCode::BadInput, tr("Cannot write %1.").arg(npy).toStdString(), {}, {}});
        return;
    }
    setInputText(argument, QStringLiteral("file:") + npy);
}

// Positional inputs up to the last filled editor; an empty editor before it means "the default" and is
// sent by name only when it is filled, so TorchScript fills defaults itself.
Json RunPanel::collectInputs(Json& named, QString& problem) const
{
    Json positional = Json::array();
    named = Json::object();
    bool gap = false;
    for (const Json& arg : m_arguments) {
        const std::string name = arg.value("name", "");
        const QString text = inputText(q(name)).trimmed();
        if (text.isEmpty()) {
            gap = true;
            continue;
        }
        Json value = text.toStdString();
        if (text.startsWith(QStringLiteral("json:"))) {
            value = Json::parse(text.mid(5).toStdString(), nullptr, false);
            if (value.is_discarded()) {
                problem = tr("The input of %1 is not valid JSON after 'json:'.").arg(q(name));
                return {};
            }
        }
        if (gap)
            named[name] = value;
        else
            positional.push_back(value);
    }
    return positional;
}

void RunPanel::rememberInputs() const
{
    Json texts = Json::object();
    for (const Json& arg : m_arguments)
        texts[arg.value("name", "")] = inputText(q(arg.value("name", ""))).toStdString();
    QSettings().setValue(QStringLiteral("run/inputs/") + m_hash + QLatin1Char('/') + m_method->currentText(),
                         q(texts.dump()));
}

Json RunPanel::commonParams(QString& problem) const
{
    Json named;
    Json inputs = collectInputs(named, problem);
    return Json{{"handle", m_handle},
                {"method", m_method->currentText().toStdString()},
                {"device", m_device->currentText().toStdString()},
                {"inference_mode", m_inferenceMode->isChecked()},
                {"threads", m_threads->value()},
                {"inputs", inputs},
                {"named", named}};
}

std::optional<Json> RunPanel::prepareRequest()
{
    QString problem;
    Json params = commonParams(problem);
    if (!problem.isEmpty()) {
        showError({ErrorCode::BadInput, problem.toStdString(), {}, {}});
        return std::nullopt;
    }
    rememberInputs();
    return params;
}

void RunPanel::run()
{
    if (m_handle < 0 || !m_transport.request || isBusy())
        return;
    std::optional<Json> prepared = prepareRequest();
    if (!prepared)
        return;
    Json params = std::move(*prepared);
    m_status->setText(tr("Running…"));
    m_errorDetail->setVisible(false);
    const int id = m_transport.request(
        QStringLiteral("run"), params,
        [this](Json r) {
            setPending(-1, false);
            showOutputs(r);
        },
        [this](const Error& e) {
            setPending(-1, false);
            showError(e);
        });
    setPending(id, false);
}

void RunPanel::stop()
{
    if (m_pendingId >= 0 && m_transport.cancel)
        m_transport.cancel(m_pendingId);
}

void RunPanel::setPending(int id, bool bench)
{
    const bool wasBusy = m_pendingId >= 0;
    m_pendingId = id;
    m_pendingBench = bench;
    const bool busy = id >= 0;
    m_runButton->setEnabled(!busy && m_handle >= 0);
    m_benchButton->setEnabled(!busy && m_handle >= 0);
    m_stopButton->setEnabled(busy && bench);
    m_saveButton->setEnabled(!busy && m_handle >= 0 && m_outputs->topLevelItemCount() > 0);
    if (busy != wasBusy)
        Q_EMIT busyChanged(busy);
}

void RunPanel::workerLost(const QString& reason)
{
    if (m_pendingId >= 0)
        showError({ErrorCode::Internal, tr("The worker stopped: %1").arg(reason).toStdString(), {}, {}});
    m_handle = -1; // its handles are gone with it; the main window reopens the model and calls setModel
    setPending(-1, false);
}

static void fillItem(QTreeWidgetItem* item, const Json& node)
{
    item->setText(1, q(node.value("type", "")));
    if (node.contains("tensor") && node["tensor"].is_object()) {
        const TensorSummary t = node["tensor"].get<TensorSummary>();
        QStringList shape;
        for (int64_t d : t.shape)
            shape << QString::number(d);
        item->setText(2, QLatin1Char('[') + shape.join(QStringLiteral(", ")) + QLatin1Char(']'));
        item->setText(3, q(t.dtype));
        item->setText(4, q(t.device));
        item->setText(5, num(t.min));
        item->setText(6, num(t.max));
        item->setText(7, num(t.mean));
        item->setText(8, num(t.std));
        item->setText(9, QStringLiteral("%1 / %2").arg(t.nans).arg(t.infs));
        QStringList preview;
        if (!t.topk.empty()) {
            for (const TopKEntry& e : t.topk)
                preview << QStringLiteral("#%1: %2").arg(e.index).arg(num(e.value));
            item->setText(10,
                          QStringLiteral("top-%1  ").arg(t.topk.size()) + preview.join(QStringLiteral(", ")));
        } else {
            for (double v : t.preview)
                preview << num(v);
            item->setText(10, preview.join(QStringLiteral(", ")) +
                                  (t.numel > 16 ? QStringLiteral(" …") : QString()));
        }
        if (t.nans || t.infs)
            item->setForeground(9, Qt::red);
    } else {
        item->setText(10, q(node.value("text", "")));
    }
    for (const Json& child : node.value("children", Json::array())) {
        auto* c = new QTreeWidgetItem(item);
        const bool dict = node.value("kind", "") == "dict";
        c->setText(0, dict ? QStringLiteral("'%1'").arg(q(child.value("key", "")))
                           : QStringLiteral("[%1]").arg(q(child.value("key", ""))));
        fillItem(c, child);
    }
}

void RunPanel::showOutputs(const Json& result)
{
    m_outputs->clear();
    auto* root = new QTreeWidgetItem(m_outputs);
    root->setText(0, tr("output"));
    fillItem(root, result["output"]);
    m_outputs->expandAll();
    const bool warmup = result.value("warmup", false);
    m_status->setText(
        tr("%1 on %2: %3 ms%4")
            .arg(q(result.value("method", "")), q(result.value("device", "")),
                 QString::number(result.value("ms", 0.0), 'f', 3),
                 warmup ? tr(" (warm-up: the profiling executor's first calls are slower)") : QString()));
    setPending(-1, false);
}

void RunPanel::showError(const Error& error)
{
    m_status->setText(
        QStringLiteral("<span style='color:#c62828'>%1</span>").arg(q(error.message).toHtmlEscaped()));
    m_errorDetail->setPlainText(q(error.detail));
    m_errorDetail->setVisible(!error.detail.empty());
    // The innermost frame in the archived code is the line the code view highlights.
    const auto frames = tracebackLocations(error.detail);
    for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
        if (it->file.rfind("code/", 0) == 0) {
            Q_EMIT errorLocation(q(it->file), it->line);
            break;
        }
    }
}

} // namespace jitscope::ui
