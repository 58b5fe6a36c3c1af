#include "runstatusview.h"
#include "qtstring.h"

#include "types/runresult.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace jitscope::ui {

RunStatusView::RunStatusView(QWidget* parent)
    : QWidget(parent), m_status(new QLabel), m_errorLink(new QLabel), m_errorDetail(new QPlainTextEdit)
{
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_errorDetail->setReadOnly(true);
    m_errorDetail->setVisible(false);
    m_errorDetail->setMaximumHeight(160);
    // The failing line is one click away; the Run tab (and its message) stays in front.
    m_errorLink->setObjectName(QStringLiteral("errorLink"));
    m_errorLink->setVisible(false);
    connect(m_errorLink, &QLabel::linkActivated, this, [this](const QString& link) {
        const qsizetype colon = link.lastIndexOf(QLatin1Char(':'));
        if (colon > 0)
            Q_EMIT codeLineRequested(link.left(colon), link.mid(colon + 1).toInt());
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_errorLink);
    layout->addWidget(m_errorDetail);
}

void RunStatusView::hideError()
{
    m_errorDetail->setVisible(false);
    m_errorLink->setVisible(false);
}

void RunStatusView::showStatus(const QString& text)
{
    m_status->setText(text);
    hideError();
}

void RunStatusView::appendStatus(const QString& text)
{
    m_status->setText(m_status->text() + QStringLiteral(" · ") + text);
}

void RunStatusView::showWarning(const QString& text)
{
    showStatus(QStringLiteral("<span style='color:#b26a00'>%1</span>").arg(text.toHtmlEscaped()));
}

QString RunStatusView::text() const
{
    return m_status->text();
}

void RunStatusView::showError(const Error& error)
{
    m_status->setText(
        QStringLiteral("<span style='color:#c62828'>%1</span>").arg(qs(error.message).toHtmlEscaped()));
    m_errorDetail->setPlainText(qs(error.detail));
    m_errorDetail->setVisible(!error.detail.empty());
    // The innermost frame in the archived code is the line the code view highlights; the Code tab is not
    // brought forward (it would hide this message), the link does that.
    m_errorLink->setVisible(false);
    const auto frames = tracebackLocations(error.detail);
    for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
        if (it->file.rfind("code/", 0) == 0) {
            const QString file = qs(it->file);
            m_errorLink->setText(QStringLiteral("<a href='%1:%2'>%3</a>")
                                     .arg(file.toHtmlEscaped())
                                     .arg(it->line)
                                     .arg(tr("Show line %1 of %2 in Code")
                                              .arg(it->line)
                                              .arg(file.section(QLatin1Char('/'), -1).toHtmlEscaped())));
            m_errorLink->setToolTip(file);
            m_errorLink->setVisible(true);
            Q_EMIT errorLocation(file, it->line);
            break;
        }
    }
}

} // namespace jitscope::ui
