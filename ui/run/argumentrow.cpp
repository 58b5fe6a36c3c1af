// ArgumentRow: an argument's editor and its spec line, kept in step both ways. The spec line is what is
// sent; the editor writes it on every change, and typing a spec shows it in the editor when the editor can.
#include "argumentrow.h"
#include "qtstring.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cctype>

namespace jitscope::ui {

ArgumentRow::ArgumentRow(const ArgumentInfo& argument, QWidget* parent) : QWidget(parent)
{
    m_name = qs(argument.name);
    setObjectName(QStringLiteral("arg_") + m_name);
    // The editors nest (List[Tuple[int, Tensor]] …), so they need the parsed type, not only argument.kind.
    if (auto type = spec::parseType(argument.type))
        m_editor = createValueEditor(*type);

    m_spec = new QLineEdit;
    m_spec->setObjectName(QStringLiteral("input_") + m_name);
    m_spec->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_spec->setClearButtonEnabled(true);
    m_spec->setToolTip(
        tr("The spec sent to the worker: randn:1x3x224x224, zeros:2x8:int64, randint:0:100:3x7, "
           "full:0.5:4, file:x.pt, file:x.npy, image:x.png:224:imagenet, a number, true/false, "
           "none, str:text, or json:[…]/json:{…} for lists and dicts of specs"));
    const bool hasDefault = argument.has_default;
    m_spec->setPlaceholderText(hasDefault ? tr("default: %1").arg(qs(argument.default_value))
                                          : tr("spec, e.g. randn:1x3x224x224"));
    if (hasDefault) {
        m_default = new QCheckBox(tr("Default (%1)").arg(qs(argument.default_value)));
        m_default->setObjectName(QStringLiteral("default"));
        m_default->setToolTip(tr("Leave the argument to the schema's default"));
        connect(m_default, &QCheckBox::toggled, this, [this](bool on) { useDefault(on); });
    }
    m_note = new QLabel(tr("The editor cannot show this spec; it is sent as typed."));
    m_note->setObjectName(QStringLiteral("note"));
    QFont small = m_note->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_note->setFont(small);
    m_note->setStyleSheet(QStringLiteral("color: #b26a00;"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    auto* top = new QHBoxLayout;
    layout->addLayout(top);
    if (m_default)
        top->addWidget(m_default);
    if (m_editor) {
        top->addWidget(m_editor, 1);
        layout->addWidget(m_spec);
        connect(m_editor, &ValueEditor::changed, this, [this] { editorChanged(); });
    } else {
        // no editor for this type: the spec line is the editor, with a file chooser for torch.save'd values
        top->addWidget(m_spec, 1);
        m_file = new QToolButton;
        m_file->setText(tr("File…"));
        m_file->setToolTip(tr("A torch.save'd value or a .npy array"));
        top->addWidget(m_file);
        connect(m_file, &QToolButton::clicked, this, [this] {
            const QString path = QFileDialog::getOpenFileName(
                this, tr("Input for %1").arg(m_name), {}, tr("Tensors (*.pt *.pth *.npy);;All files (*)"));
            if (!path.isEmpty())
                setText(QStringLiteral("file:") + path);
        });
    }
    layout->addWidget(m_note);
    connect(m_spec, &QLineEdit::textEdited, this, [this] { specEdited(); });

    if (m_default && m_editor) {
        // the editor starts at the default ("0.25", "True", "None" as the schema prints them), in case the
        // user unticks it
        std::string printed = argument.default_value;
        if (printed == "True" || printed == "False")
            std::transform(printed.begin(), printed.end(), printed.begin(), ::tolower);
        if (auto value = spec::parseInputValue(printed))
            m_editor->setValue(value.value());
    }
    // A dict the method reads with constant keys (d["img"]) starts with those keys rather than a guess.
    const std::vector<std::string>& keys = argument.keys;
    const std::string& type = argument.type;
    if (!m_default && m_editor && !keys.empty() && type.rfind("Dict[str, Tensor]", 0) == 0) {
        std::vector<std::pair<std::string, InputValue>> entries;
        for (const std::string& key : keys)
            entries.emplace_back(key, InputValue::ofSpec("randn:1x3"));
        m_editor->setValue(InputValue::dictOf(std::move(entries)));
    }
    if (m_default)
        m_default->setChecked(true);
    else if (m_editor)
        m_spec->setText(qs(spec::specText(m_editor->value())));
    updateVisibility();
}

QString ArgumentRow::text() const
{
    return m_spec->text();
}

void ArgumentRow::setText(const QString& text)
{
    m_spec->setText(text);
    specEdited();
}

bool ArgumentRow::usesDefault() const
{
    return m_default && m_default->isChecked();
}

void ArgumentRow::setSpecVisible(bool visible)
{
    m_specVisible = visible;
    updateVisibility();
}

void ArgumentRow::editorChanged()
{
    Q_EMIT edited();
    if (usesDefault())
        return;
    m_spec->setText(qs(spec::specText(m_editor->value())));
    m_inSync = true;
    updateVisibility();
}

void ArgumentRow::specEdited()
{
    Q_EMIT edited();
    const QString text = m_spec->text().trimmed();
    if (m_default) {
        const QSignalBlocker block(m_default);
        m_default->setChecked(text.isEmpty());
    }
    if (m_editor)
        m_editor->setEnabled(!usesDefault());
    m_inSync = true;
    if (m_editor && !text.isEmpty()) {
        auto value = spec::parseInputValue(text.toStdString());
        m_inSync = value && m_editor->setValue(value.value());
    }
    updateVisibility();
}

void ArgumentRow::useDefault(bool on)
{
    Q_EMIT edited();
    if (m_editor)
        m_editor->setEnabled(!on);
    m_spec->setText(on || !m_editor ? QString() : qs(spec::specText(m_editor->value())));
    m_inSync = true;
    updateVisibility();
}

void ArgumentRow::updateVisibility()
{
    m_spec->setVisible(!m_editor || m_specVisible || !m_inSync);
    m_note->setVisible(m_editor && !m_inSync);
}

} // namespace jitscope::ui
