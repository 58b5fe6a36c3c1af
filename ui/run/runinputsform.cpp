#include "runinputsform.h"
#include "qtstring.h"

#include "argumentrow.h"
#include "imageinput.h"
#include "types/inputvalue.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QStyle>
#include <QToolButton>
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

RunInputsForm::RunInputsForm(QWidget* parent)
    : QWidget(parent), m_rows(new QWidget), m_form(new QFormLayout(m_rows)), m_scroll(new FitScrollArea),
      m_specToggle(new QToolButton)
{
    auto* header = new QHBoxLayout;
    auto* title = new QLabel(tr("Inputs"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
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
        for (ArgumentRow* row : m_rows->findChildren<ArgumentRow*>())
            row->setSpecVisible(on);
    });

    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_form->setVerticalSpacing(8);
    m_scroll->setWidget(m_rows);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    v->addLayout(header);
    v->addWidget(m_scroll, 1);
}

void RunInputsForm::setArguments(const std::vector<ArgumentInfo>& arguments, const QString& memoryKey)
{
    m_arguments = arguments;
    m_memoryKey = memoryKey;
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    // No key (no model yet): nothing remembered, and QSettings warns on an empty key.
    const Json remembered =
        memoryKey.isEmpty()
            ? Json()
            : Json::parse(QSettings().value(memoryKey).toString().toStdString(), nullptr, false);
    for (const ArgumentInfo& arg : arguments) {
        const std::string& name = arg.name;
        auto* row = new ArgumentRow(arg);
        if (remembered.is_object() && remembered.contains(name) && remembered[name].is_string())
            row->setText(qs(remembered[name].get<std::string>()));
        row->setSpecVisible(m_specToggle->isChecked());
        connect(row, &ArgumentRow::edited, this, &RunInputsForm::edited);
        auto* label =
            new QLabel(QStringLiteral("<b>%1</b>&nbsp;&nbsp;<span style='color:%2'>%3</span>")
                           .arg(qs(name).toHtmlEscaped(), palette().color(QPalette::PlaceholderText).name(),
                                qs(arg.type).toHtmlEscaped()));
        label->setToolTip(qs(arg.type));
        m_form->addRow(label, row);
    }
    if (arguments.empty())
        m_form->addRow(new QLabel(tr("No arguments.")));
    m_scroll->updateGeometry(); // its size hint follows the rows
}

ArgumentRow* RunInputsForm::row(const QString& argument) const
{
    return m_rows->findChild<ArgumentRow*>(QStringLiteral("arg_") + argument);
}

QString RunInputsForm::text(const QString& argument) const
{
    ArgumentRow* r = row(argument);
    return r ? r->text() : QString();
}

void RunInputsForm::setText(const QString& argument, const QString& text)
{
    if (ArgumentRow* r = row(argument))
        r->setText(text);
}

// Positional inputs up to the last filled editor; an empty editor before it means "the default" and is
// sent by name only when it is filled, so TorchScript fills defaults itself.
bool RunInputsForm::collect(protocol::Call& call, QString& problem) const
{
    call.inputs = Json::array();
    call.named = Json::object();
    bool gap = false;
    for (const ArgumentInfo& arg : m_arguments) {
        const std::string& name = arg.name;
        const QString spec = text(qs(name)).trimmed();
        if (spec.isEmpty()) {
            gap = true;
            continue;
        }
        auto parsed = spec::parseInputValue(spec.toStdString());
        if (!parsed) {
            problem = tr("The input of %1 is not valid JSON after 'json:'.").arg(qs(name));
            return false;
        }
        // images are decoded here; dicts as [key, value] pairs keep their order through the protocol
        InputValue value = std::move(parsed).value();
        if (auto error = replaceImageSpecs(value)) {
            problem = tr("The input of %1: %2").arg(qs(name), qs(error->message));
            return false;
        }
        Json sent = spec::toProtocolValue(toOrderedJson(value));
        if (gap)
            call.named[name] = std::move(sent);
        else
            call.inputs.push_back(std::move(sent));
    }
    return true;
}

void RunInputsForm::remember() const
{
    if (m_memoryKey.isEmpty())
        return;
    Json texts = Json::object();
    for (const ArgumentInfo& arg : m_arguments)
        texts[arg.name] = text(qs(arg.name)).toStdString();
    QSettings().setValue(m_memoryKey, qs(texts.dump()));
}

} // namespace jitscope::ui
