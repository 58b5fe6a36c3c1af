#include "fileinfoview.h"

#include "format.h"

#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace jitscope::ui {

FileInfoView::FileInfoView(QWidget* parent)
    : QWidget(parent), m_summary(new QTextBrowser), m_extraFiles(new QListWidget),
      m_extraText(new QPlainTextEdit)
{
    m_summary->setObjectName(QStringLiteral("fileSummary"));
    m_summary->document()->setDefaultStyleSheet(QStringLiteral(
        "td { padding: 1px 12px 1px 0; } td.k { color: #6b7280; } code { font-family: monospace; }"));
    m_extraFiles->setObjectName(QStringLiteral("extraFiles"));
    m_extraText->setReadOnly(true);
    m_extraText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_extraText->setPlaceholderText(tr("Select an extra file to view it"));

    auto* extraPane = new QWidget;
    auto* extraLayout = new QVBoxLayout(extraPane);
    extraLayout->setContentsMargins(0, 0, 0, 0);
    extraLayout->addWidget(new QLabel(tr("<b>Extra files</b>")));
    extraLayout->addWidget(m_extraFiles, 1);
    extraLayout->addWidget(m_extraText, 2);

    auto* splitter = new QSplitter;
    splitter->addWidget(m_summary);
    splitter->addWidget(extraPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_extraFiles, &QListWidget::currentTextChanged, this, [this](const QString& name) {
        if (name.isEmpty())
            return;
        m_extraText->setPlainText(tr("Loading %1…").arg(name));
        Q_EMIT extraFileRequested(name);
    });
}

void FileInfoView::setModelInfo(const ModelInfo& info)
{
    const ModelSummary& s = info.summary;
    auto row = [](const QString& key, const QString& value) {
        return QStringLiteral("<tr><td class='k'>%1</td><td>%2</td></tr>").arg(key, value);
    };
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(qs(s.path).toHtmlEscaped());
    html += row(tr("Size"), formatBytes(s.bytes));
    html += row(tr("Format version"), QString::number(s.format_version));
    if (!s.archive_name.empty())
        html += row(tr("Archive name"),
                    QStringLiteral("<code>%1</code>").arg(qs(s.archive_name).toHtmlEscaped()));
    html += row(tr("Root type"),
                QStringLiteral("<code>%1</code>").arg(demangledTypeName(s.root_type).toHtmlEscaped()));
    html += row(tr("Debug info"), s.has_debug_info ? tr("yes: original Python file:line available")
                                                   : tr("no (saved without .debug_pkl)"));
    html += row(tr("Modules"), formatCount(s.module_count));
    html += row(tr("Parameters"),
                tr("%1 values · %2").arg(formatCount(s.param_count), formatBytes(s.param_bytes)));
    html += row(tr("Buffers"),
                tr("%1 values · %2").arg(formatCount(s.buffer_count), formatBytes(s.buffer_bytes)));
    html += row(tr("Load time"), formatDuration(s.load_ms));
    html += QStringLiteral("</table><h3>%1</h3><table>").arg(tr("Methods"));
    for (const MethodInfo& method : s.methods)
        html += QStringLiteral("<tr><td><b>%1</b></td><td><code>%2</code></td></tr>")
                    .arg(qs(method.name).toHtmlEscaped(), qs(method.schema).toHtmlEscaped());
    html += QStringLiteral("</table>");
    if (!s.loaded_libraries.empty()) {
        html += QStringLiteral("<h3>%1</h3><ul>").arg(tr("Loaded libraries"));
        for (const std::string& library : s.loaded_libraries)
            html += QStringLiteral("<li><code>%1</code></li>").arg(qs(library).toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    if (!s.notes.empty()) {
        html += QStringLiteral("<h3>%1</h3><ul>").arg(tr("Notes"));
        for (const std::string& note : s.notes)
            html += QStringLiteral("<li>%1</li>").arg(qs(note).toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    m_summary->setHtml(html);

    m_extraFiles->clear();
    m_extraText->clear();
    for (const std::string& name : s.extra_files)
        m_extraFiles->addItem(qs(name));
    if (s.extra_files.empty())
        m_extraText->setPlaceholderText(tr("This file has no extra files"));
    else
        m_extraText->setPlaceholderText(tr("Select an extra file to view it"));
}

void FileInfoView::clear()
{
    m_summary->clear();
    m_extraFiles->clear();
    m_extraText->clear();
}

void FileInfoView::showExtraFile(const QString& name, const QString& text)
{
    const QListWidgetItem* current = m_extraFiles->currentItem();
    if (current && current->text() == name)
        m_extraText->setPlainText(text);
}

QString FileInfoView::summaryText() const
{
    return m_summary->toPlainText();
}

QString FileInfoView::extraFileText() const
{
    return m_extraText->toPlainText();
}

} // namespace jitscope::ui
