#include "integritybar.h"

#include "format.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace jitscope::ui {

IntegrityBar::IntegrityBar(QWidget* parent) : QFrame(parent), m_label(new QLabel)
{
    setObjectName(QStringLiteral("integrityBar"));
    setFrameShape(QFrame::StyledPanel);
    // A warning colour that reads on light and dark palettes alike.
    setStyleSheet(QStringLiteral("#integrityBar { background: #fff3cd; border: 1px solid #e0b84c; }"
                                 "#integrityBar QLabel { color: #5c4400; }"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton;
    close->setObjectName(QStringLiteral("integrityBarClose"));
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Hide this warning"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

QString IntegrityBar::describe(const IntegrityReport& integrity)
{
    if (!integrity.checked || integrity.ok)
        return {};
    QStringList parts;
    if (!integrity.bad_records.empty()) {
        QStringList records;
        for (const std::string& r : integrity.bad_records)
            records << qs(r);
        parts << tr("%n record(s) fail their CRC-32 check (%1): the file was damaged after it was saved.",
                    nullptr, int(records.size()))
                     .arg(records.mid(0, 4).join(QStringLiteral(", ")) +
                          (records.size() > 4 ? QStringLiteral(", …") : QString()));
        if (!integrity.damaged_tensors.empty())
            parts << tr("Damaged tensors, marked in the Parameters table: %1.")
                         .arg(qs(integrity.damaged_tensors.front()) +
                              (integrity.damaged_tensors.size() > 1
                                   ? tr(" and %1 more").arg(integrity.damaged_tensors.size() - 1)
                                   : QString()));
    }
    for (const std::string& problem : integrity.problems)
        parts << qs(problem) + QLatin1Char('.');
    return parts.join(QLatin1Char(' '));
}

void IntegrityBar::setIntegrity(const IntegrityReport& integrity)
{
    const QString what = describe(integrity);
    m_label->setText(what.isEmpty() ? QString()
                                    : tr("<b>This file is damaged.</b> Weights and outputs may be wrong. %1")
                                          .arg(what.toHtmlEscaped()));
    setVisible(!what.isEmpty());
}

QString IntegrityBar::text() const
{
    return m_label->text();
}

} // namespace jitscope::ui
