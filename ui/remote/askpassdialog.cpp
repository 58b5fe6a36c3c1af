#include "askpassdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include <cstdio>

namespace jitscope::ui {

AskpassDialog::AskpassDialog(const QString& prompt, QWidget* parent) : QDialog(parent), m_edit(new QLineEdit)
{
    setObjectName(QStringLiteral("askpassDialog"));
    setWindowTitle(tr("JitScope — ssh asks"));
    auto* label = new QLabel(prompt.trimmed().isEmpty() ? tr("Password:") : prompt.trimmed());
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_edit->setObjectName(QStringLiteral("askpassEdit"));
    m_edit->setEchoMode(isQuestion(prompt) ? QLineEdit::Normal : QLineEdit::Password);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_edit);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(420);
}

QString AskpassDialog::answer() const
{
    return m_edit->text();
}

bool AskpassDialog::isQuestion(const QString& prompt)
{
    return prompt.contains(QLatin1String("(yes/no")) ||
           qEnvironmentVariable("SSH_ASKPASS_PROMPT") == QLatin1String("confirm");
}

int AskpassDialog::run(const QString& prompt)
{
    AskpassDialog dialog(prompt);
    dialog.setWindowFlag(Qt::WindowStaysOnTopHint);
    if (dialog.exec() != QDialog::Accepted)
        return 1; // ssh treats a failed askpass as "no answer"
    const QByteArray answer = dialog.answer().toUtf8() + '\n';
    std::fwrite(answer.constData(), 1, static_cast<size_t>(answer.size()), stdout);
    std::fflush(stdout);
    return 0;
}

} // namespace jitscope::ui
