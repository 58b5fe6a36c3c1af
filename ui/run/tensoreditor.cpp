// TensorEditor: one row of fields whose visibility follows the source (generator, file, image, None).
#include "tensoreditor.h"

#include "numberspinbox.h"
#include "qtstring.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QToolButton>

#include <cmath>
#include <limits>

namespace jitscope::ui {

namespace {

std::vector<double> parseTriple(const QString& text)
{
    std::vector<double> values;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        values.push_back(part.trimmed().toDouble(&ok));
        if (!ok)
            return {};
    }
    return values.size() == 3 ? values : std::vector<double>{};
}

QString tripleText(const std::vector<double>& values)
{
    QStringList parts;
    for (double v : values)
        parts << qs(spec::formatNumber(v));
    return parts.join(QLatin1Char(','));
}

bool fitsInt(double v)
{
    return v == std::floor(v) && v >= std::numeric_limits<int>::min() && v <= std::numeric_limits<int>::max();
}

} // namespace

TensorEditor::TensorEditor(bool optional, QWidget* parent) : ValueEditor(parent)
{
    m_source = new QComboBox;
    m_source->setObjectName(QStringLiteral("source"));
    // the spec grammar's names, which power users type; what each does in its tooltip
    const std::pair<const char*, QString> sources[] = {
        {"randn", tr("Normal samples (torch.randn)")},
        {"rand", tr("Uniform samples in [0, 1) (torch.rand)")},
        {"randint", tr("Integers in [low, high) (torch.randint)")},
        {"zeros", tr("All zeros")},
        {"ones", tr("All ones")},
        {"full", tr("One value everywhere (torch.full)")},
        {"arange", tr("0, 1, 2 … in the shape (torch.arange)")},
        {"file", tr("A torch.save'd tensor/list/dict or a NumPy .npy file")},
        {"image", tr("A PNG or JPEG image as float 1x3xHxW in [0, 1]")}};
    for (const auto& [kind, tip] : sources) {
        const QString name = QString::fromLatin1(kind);
        m_source->addItem(name == QStringLiteral("file")    ? tr("file")
                          : name == QStringLiteral("image") ? tr("image")
                                                            : name,
                          name);
        m_source->setItemData(m_source->count() - 1, tip, Qt::ToolTipRole);
    }
    if (optional)
        m_source->addItem(tr("None"), QStringLiteral("none"));
    m_source->setMinimumContentsLength(8);
    m_source->setToolTip(tr("Where the tensor comes from"));

    m_fill = new NumberSpinBox;
    m_fill->setObjectName(QStringLiteral("fill"));
    m_fill->setPrefix(tr("value "));
    m_low = new QSpinBox;
    m_low->setObjectName(QStringLiteral("low"));
    m_high = new QSpinBox;
    m_high->setObjectName(QStringLiteral("high"));
    for (QSpinBox* bound : {m_low, m_high})
        bound->setRange(std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
    m_fill->setMaximumWidth(130);
    m_low->setMaximumWidth(110);
    m_high->setMaximumWidth(110);
    m_low->setPrefix(tr("low "));
    m_high->setPrefix(tr("high "));
    m_high->setValue(10);
    m_low->setToolTip(tr("Integers in [low, high)"));
    m_high->setToolTip(m_low->toolTip());

    m_shape = new QLineEdit(qs(spec::formatShape(m_validShape)));
    m_shape->setObjectName(QStringLiteral("shape"));
    m_shape->setPlaceholderText(tr("shape, e.g. 1x3x224x224"));
    m_shape->setToolTip(tr("Sizes joined by 'x' (1x3x224x224), or 'scalar'"));
    m_shape->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("scalar|[0-9]+(x[0-9]+)*")), m_shape));
    m_shape->setMinimumWidth(90);
    m_dtype = new QComboBox;
    m_dtype->setObjectName(QStringLiteral("dtype"));
    for (const std::string& name : spec::dtypeNames())
        m_dtype->addItem(qs(name));
    m_dtype->setToolTip(tr("dtype"));
    m_seed = new QSpinBox;
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setRange(-1, std::numeric_limits<int>::max());
    m_seed->setValue(-1);
    m_seed->setPrefix(tr("seed "));
    m_seed->setSpecialValueText(tr("seed: auto"));
    m_seed->setMaximumWidth(130);
    m_seed->setToolTip(tr("Random seed; auto seeds with the argument's position, so runs are reproducible"));

    m_path = new QLineEdit;
    m_path->setObjectName(QStringLiteral("path"));
    m_browse = new QToolButton;
    m_browse->setObjectName(QStringLiteral("browse"));
    m_browse->setText(tr("…"));
    m_browse->setToolTip(tr("Choose a file"));
    m_size = new QLineEdit;
    m_size->setObjectName(QStringLiteral("size"));
    m_size->setPlaceholderText(tr("keep size"));
    m_size->setToolTip(tr("Resize to SIZE×SIZE or HxW (bilinear); empty keeps the image's size"));
    m_size->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]+(x[0-9]+)?")), m_size));
    m_size->setMaximumWidth(90);
    m_normalise = new QComboBox;
    m_normalise->setObjectName(QStringLiteral("normalise"));
    m_normalise->addItems({tr("[0, 1]"), tr("ImageNet mean/std"), tr("Custom mean/std")});
    m_normalise->setToolTip(tr("Normalisation of the RGB values"));
    m_mean = new QLineEdit;
    m_mean->setObjectName(QStringLiteral("mean"));
    m_mean->setPlaceholderText(tr("mean R,G,B"));
    m_std = new QLineEdit;
    m_std->setObjectName(QStringLiteral("std"));
    m_std->setPlaceholderText(tr("std R,G,B"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_source, m_fill, m_low, m_high, m_shape, m_dtype, m_seed, m_path,
                                         m_browse, m_size, m_normalise, m_mean, m_std})
        layout->addWidget(w);
    // a shape needs little room, a path much: the rest of the row stays empty
    m_shape->setMaximumWidth(240);
    layout->addStretch(1);
    layout->setStretchFactor(m_path, 4);

    auto emitChanged = [this] { Q_EMIT changed(); };
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] { sourceChanged(); });
    connect(m_shape, &QLineEdit::textEdited, this, [this](const QString& text) {
        // an unfinished shape ("1x") keeps the last good one in the spec, and shows red until done
        if (auto shape = spec::parseShape(text.toStdString()); shape && m_shape->hasAcceptableInput())
            m_validShape = shape.value();
        m_shape->setStyleSheet(
            m_shape->hasAcceptableInput() ? QString() : QStringLiteral("QLineEdit { color: #c62828; }"));
        Q_EMIT changed();
    });
    connect(m_dtype, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_fill, &QDoubleSpinBox::valueChanged, this, emitChanged);
    for (QSpinBox* box : {m_low, m_high, m_seed})
        connect(box, &QSpinBox::valueChanged, this, emitChanged);
    for (QLineEdit* edit : {m_path, m_size, m_mean, m_std})
        connect(edit, &QLineEdit::textEdited, this, emitChanged);
    connect(m_normalise, &QComboBox::currentIndexChanged, this, [this] {
        updateFields();
        Q_EMIT changed();
    });
    connect(m_browse, &QToolButton::clicked, this, [this] { browse(); });

    m_lastSource = source();
    updateFields();
}

QString TensorEditor::source() const
{
    return m_source->currentData().toString();
}

void TensorEditor::sourceChanged()
{
    // keep the dtype when the user chose one; follow the kind's default otherwise
    const std::string before = spec::defaultDtype(m_lastSource.toStdString());
    if (m_dtype->currentText().toStdString() == before)
        m_dtype->setCurrentText(qs(spec::defaultDtype(source().toStdString())));
    if ((source() == QStringLiteral("rand") || source() == QStringLiteral("randn")) &&
        !spec::isFloatingDtype(m_dtype->currentText().toStdString()))
        m_dtype->setCurrentText(QStringLiteral("float32"));
    m_lastSource = source();
    updateFields();
    Q_EMIT changed();
}

void TensorEditor::updateFields()
{
    const QString s = source();
    const bool generator = spec::isGenerator(s.toStdString());
    const bool image = s == QStringLiteral("image");
    m_fill->setVisible(s == QStringLiteral("full"));
    m_low->setVisible(s == QStringLiteral("randint"));
    m_high->setVisible(s == QStringLiteral("randint"));
    m_shape->setVisible(generator);
    m_dtype->setVisible(generator);
    m_seed->setVisible(s == QStringLiteral("rand") || s == QStringLiteral("randn") ||
                       s == QStringLiteral("randint"));
    m_path->setVisible(s == QStringLiteral("file") || image);
    m_browse->setVisible(m_path->isVisibleTo(this));
    m_path->setPlaceholderText(image ? tr("PNG or JPEG file") : tr("torch.save'd .pt or NumPy .npy file"));
    m_size->setVisible(image);
    m_normalise->setVisible(image);
    const bool custom = image && m_normalise->currentIndex() == 2;
    m_mean->setVisible(custom);
    m_std->setVisible(custom);
}

void TensorEditor::browse()
{
    const bool image = source() == QStringLiteral("image");
    const QString path = QFileDialog::getOpenFileName(
        this, image ? tr("Image") : tr("Tensor file"), m_path->text(),
        image ? tr("Images (*.png *.jpg *.jpeg)") : tr("Tensors (*.pt *.pth *.npy);;All files (*)"));
    if (path.isEmpty())
        return;
    m_path->setText(path);
    Q_EMIT changed();
}

spec::TensorSpec TensorEditor::tensorSpec() const
{
    spec::TensorSpec t;
    t.kind = source().toStdString();
    t.path = m_path->text().toStdString();
    t.shape = m_validShape;
    t.dtype = m_dtype->currentText().toStdString();
    t.fill = m_fill->value();
    t.low = m_low->value();
    t.high = m_high->value();
    if (m_seed->value() >= 0)
        t.seed = m_seed->value();
    if (m_size->hasAcceptableInput()) {
        const QStringList dims = m_size->text().split(QLatin1Char('x'));
        t.image.resize.emplace_back(dims.front().toLongLong(), dims.back().toLongLong());
    }
    if (m_normalise->currentIndex() == 1) {
        t.image.mean = spec::imagenetMean();
        t.image.std = spec::imagenetStd();
    } else if (m_normalise->currentIndex() == 2) {
        t.image.mean = parseTriple(m_mean->text());
        t.image.std = parseTriple(m_std->text());
    }
    return t;
}

InputValue TensorEditor::value() const
{
    if (source() == QStringLiteral("none"))
        return InputValue();
    return InputValue::ofSpec(spec::formatTensorSpec(tensorSpec()));
}

bool TensorEditor::setValue(const InputValue& value)
{
    const int noneIndex = m_source->findData(QStringLiteral("none"));
    const bool isSpec = value.kind == InputValue::Kind::Spec;
    const auto scalar = isSpec ? spec::parseScalarSpec(value.spec) : std::nullopt;
    const bool none = value.isNone() || (scalar && scalar->is_null());
    if (none) {
        if (noneIndex < 0)
            return false;
        const QSignalBlocker block(m_source);
        m_source->setCurrentIndex(noneIndex);
        m_lastSource = source();
        updateFields();
        return true;
    }
    if (!isSpec)
        return false;
    auto parsed = spec::parseTensorSpec(value.spec);
    if (!parsed)
        return false;
    const spec::TensorSpec& t = parsed.value();
    const auto& image = t.image;
    const bool standardMean = image.mean == spec::imagenetMean() && image.std == spec::imagenetStd();
    if (image.resize.size() > 1 || !fitsInt(t.low) || !fitsInt(t.high) ||
        (t.seed && (*t.seed < 0 || *t.seed > std::numeric_limits<int>::max())))
        return false; // e.g. two resizes or a 64-bit seed: the spec line says it
    const QList<QWidget*> fields = findChildren<QWidget*>();
    std::vector<std::unique_ptr<QSignalBlocker>> blockers;
    for (QWidget* field : fields)
        blockers.push_back(std::make_unique<QSignalBlocker>(field));
    m_source->setCurrentIndex(m_source->findData(qs(t.kind)));
    m_lastSource = source();
    if (spec::isGenerator(t.kind)) {
        m_validShape = t.shape;
        m_shape->setText(qs(spec::formatShape(t.shape)));
        m_shape->setStyleSheet({});
        m_dtype->setCurrentText(qs(t.dtype.empty() ? spec::defaultDtype(t.kind) : t.dtype));
        m_fill->setValue(t.fill);
        m_low->setValue(static_cast<int>(t.low));
        m_high->setValue(static_cast<int>(t.high));
        m_seed->setValue(t.seed ? static_cast<int>(*t.seed) : -1);
    } else {
        m_path->setText(qs(t.path));
        const auto& size = image.resize;
        m_size->setText(size.empty() ? QString()
                        : size[0].first == size[0].second
                            ? QString::number(size[0].first)
                            : QStringLiteral("%1x%2").arg(size[0].first).arg(size[0].second));
        m_normalise->setCurrentIndex(image.mean.empty() && image.std.empty() ? 0 : standardMean ? 1 : 2);
        m_mean->setText(tripleText(image.mean));
        m_std->setText(tripleText(image.std));
    }
    updateFields();
    return true;
}

} // namespace jitscope::ui
