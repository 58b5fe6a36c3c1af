// Scalar editors, Optional[T] and the editor factory. Tensors are tensoreditor.cpp's; lists, dicts and
// tuples listeditor.cpp's, dicteditor.cpp's and tupleeditor.cpp's; the argument rows argumentrow.cpp's.
#include "valueeditor.h"

#include "dicteditor.h"
#include "listeditor.h"
#include "numberspinbox.h"
#include "qtstring.h"
#include "tensoreditor.h"
#include "tupleeditor.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include <algorithm>
#include <limits>

namespace jitscope::ui {

namespace {

// A scalar given as a value or as a spec string ("3", "int:3", "str:x", "none").
std::optional<Json> scalarOf(const InputValue& value)
{
    if (value.kind == InputValue::Kind::Spec)
        return spec::parseScalarSpec(value.spec);
    if (value.kind == InputValue::Kind::List || value.kind == InputValue::Kind::Dict)
        return std::nullopt;
    return Json(toOrderedJson(value));
}

QHBoxLayout* bareLayout(QWidget* owner)
{
    auto* layout = new QHBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    return layout;
}

class IntEditor : public ValueEditor
{
public:
    IntEditor()
    {
        m_box = new QSpinBox;
        m_box->setObjectName(QStringLiteral("int"));
        m_box->setRange(std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
        m_box->setValue(1);
        m_box->setMinimumWidth(100);
        m_box->setMaximumWidth(180);
        auto* layout = bareLayout(this);
        layout->addWidget(m_box);
        layout->addStretch(1);
        connect(m_box, &QSpinBox::valueChanged, this, &ValueEditor::changed);
    }
    InputValue value() const override { return InputValue::ofInt(m_box->value()); }
    bool setValue(const InputValue& value) override
    {
        auto v = scalarOf(value);
        // wider than 32 bits: the spec line holds it
        if (!v || !v->is_number_integer() || v->get<int64_t>() < m_box->minimum() ||
            v->get<int64_t>() > m_box->maximum())
            return false;
        const QSignalBlocker block(m_box);
        m_box->setValue(static_cast<int>(v->get<int64_t>()));
        return true;
    }
    QString kind() const override { return QStringLiteral("int"); }

private:
    QSpinBox* m_box;
};

class FloatEditor : public ValueEditor
{
public:
    FloatEditor()
    {
        m_box = new NumberSpinBox;
        m_box->setObjectName(QStringLiteral("float"));
        m_box->setValue(1.0);
        m_box->setMinimumWidth(100);
        m_box->setMaximumWidth(180);
        auto* layout = bareLayout(this);
        layout->addWidget(m_box);
        layout->addStretch(1);
        connect(m_box, &QDoubleSpinBox::valueChanged, this, &ValueEditor::changed);
    }
    InputValue value() const override { return InputValue::ofFloat(m_box->value()); }
    bool setValue(const InputValue& value) override
    {
        auto v = scalarOf(value);
        if (!v || !v->is_number())
            return false;
        const QSignalBlocker block(m_box);
        m_box->setValue(v->get<double>());
        return true;
    }
    QString kind() const override { return QStringLiteral("float"); }

private:
    NumberSpinBox* m_box;
};

class BoolEditor : public ValueEditor
{
public:
    BoolEditor()
    {
        m_box = new QCheckBox(tr("True"));
        m_box->setObjectName(QStringLiteral("bool"));
        bareLayout(this)->addWidget(m_box);
        connect(m_box, &QCheckBox::toggled, this, &ValueEditor::changed);
    }
    InputValue value() const override { return InputValue::ofBool(m_box->isChecked()); }
    bool setValue(const InputValue& value) override
    {
        auto v = scalarOf(value);
        if (!v || !v->is_boolean())
            return false;
        const QSignalBlocker block(m_box);
        m_box->setChecked(v->get<bool>());
        return true;
    }
    QString kind() const override { return QStringLiteral("bool"); }

private:
    QCheckBox* m_box;
};

class StrEditor : public ValueEditor
{
public:
    StrEditor()
    {
        m_edit = new QLineEdit;
        m_edit->setObjectName(QStringLiteral("str"));
        m_edit->setPlaceholderText(tr("text"));
        bareLayout(this)->addWidget(m_edit);
        connect(m_edit, &QLineEdit::textEdited, this, &ValueEditor::changed);
    }
    // strings are specs: "str:" makes one a string
    InputValue value() const override { return InputValue::ofSpec("str:" + m_edit->text().toStdString()); }
    bool setValue(const InputValue& value) override
    {
        auto v = scalarOf(value);
        if (!v || !v->is_string())
            return false;
        m_edit->setText(qs(v->get<std::string>()));
        return true;
    }
    QString kind() const override { return QStringLiteral("str"); }

private:
    QLineEdit* m_edit;
};

// Optional[T] for T other than Tensor (whose editor has a None source): a None check box before T's editor.
class OptionalEditor : public ValueEditor
{
public:
    explicit OptionalEditor(const spec::TypeNode& element)
    {
        m_none = new QCheckBox(tr("None"));
        m_none->setObjectName(QStringLiteral("none"));
        m_inner = createValueEditor(element);
        auto* layout = bareLayout(this);
        layout->addWidget(m_none);
        layout->addWidget(m_inner, 1);
        connect(m_none, &QCheckBox::toggled, this, [this](bool none) {
            m_inner->setEnabled(!none);
            Q_EMIT changed();
        });
        connect(m_inner, &ValueEditor::changed, this, &ValueEditor::changed);
    }
    InputValue value() const override { return m_none->isChecked() ? InputValue() : m_inner->value(); }
    bool setValue(const InputValue& value) override
    {
        auto v = scalarOf(value);
        const bool none = v && v->is_null();
        if (!none && !m_inner->setValue(value))
            return false;
        const QSignalBlocker block(m_none);
        m_none->setChecked(none);
        m_inner->setEnabled(!none);
        return true;
    }
    QString kind() const override { return QStringLiteral("optional"); }

private:
    QCheckBox* m_none;
    ValueEditor* m_inner;
};

bool hasEditor(const spec::TypeNode& type)
{
    const std::string& n = type.name;
    const auto& args = type.args;
    if (n == "Tensor" || n == "int" || n == "float" || n == "bool" || n == "str")
        return args.empty();
    if (n == "Optional" || n == "List")
        return args.size() == 1 && hasEditor(args[0]);
    if (n == "Dict")
        return args.size() == 2 && (args[0].name == "str" || args[0].name == "int") && hasEditor(args[1]);
    if (n == "Tuple")
        return !args.empty() && std::all_of(args.begin(), args.end(), hasEditor);
    return false;
}

} // namespace

ValueEditor* createValueEditor(const spec::TypeNode& type, QWidget* parent)
{
    if (!hasEditor(type))
        return nullptr;
    const std::string& n = type.name;
    ValueEditor* editor = nullptr;
    if (n == "Tensor") {
        editor = new TensorEditor(false);
    } else if (n == "Optional" && type.args[0].name == "Tensor") {
        editor = new TensorEditor(true);
        editor->setValue(InputValue()); // no default in the schema: None is what always runs
    } else if (n == "Optional") {
        editor = new OptionalEditor(type.args[0]);
    } else if (n == "int") {
        editor = new IntEditor;
    } else if (n == "float") {
        editor = new FloatEditor;
    } else if (n == "bool") {
        editor = new BoolEditor;
    } else if (n == "str") {
        editor = new StrEditor;
    } else if (n == "List") {
        // one element to start with; a list of images is what detection models take
        const bool tensors = type.args[0].name == "Tensor";
        editor =
            new ListEditor(type.args[0], tensors ? InputValue::listOf({InputValue::ofSpec("randn:3x224x224")})
                                                 : InputValue::listOf({}));
        if (!tensors)
            static_cast<ListEditor*>(editor)->addItem();
    } else if (n == "Dict") {
        const bool tensors = type.args[1].name == "Tensor" && type.args[0].name == "str";
        editor = new DictEditor(type, tensors ? InputValue::dictOf({{"x", InputValue::ofSpec("randn:1x3")}})
                                              : InputValue::listOf({}));
        if (!tensors)
            static_cast<DictEditor*>(editor)->addEntry();
    } else {
        editor = new TupleEditor(type);
    }
    if (parent)
        editor->setParent(parent);
    return editor;
}

} // namespace jitscope::ui
