#include "codeview.h"

#include "filterproxy.h"
#include "format.h"
#include "qsci.h"
#include "sourceindex.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QShortcut>
#include <QSplitter>
#include <QStandardItemModel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace jitscope::ui {

namespace {
enum OutlineRole
{
    EntryRole = Qt::UserRole + 1,
    LineRole
};
enum Marker
{
    NodeMarker = 1,
    HighlightMarker = 2
};
} // namespace

CodeView::CodeView(QWidget* parent)
    : QWidget(parent), m_outline(new QStandardItemModel(this)), m_outlineProxy(new FilterProxy(this)),
      m_outlineView(new QTreeView), m_outlineFilter(new QLineEdit), m_find(new QLineEdit),
      m_fileLabel(new QLabel), m_editor(new QsciScintilla)
{
    m_outlineProxy->setSourceModel(m_outline);
    m_outlineView->setModel(m_outlineProxy);
    m_outlineView->setHeaderHidden(true);
    m_outlineView->setUniformRowHeights(true);
    m_outlineView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_outlineView->setObjectName(QStringLiteral("codeOutline"));
    m_outlineFilter->setPlaceholderText(tr("Filter classes…"));
    m_outlineFilter->setClearButtonEnabled(true);
    connect(m_outlineFilter, &QLineEdit::textChanged, m_outlineProxy, &FilterProxy::setFilterText);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto* lexer = new QsciLexerPython(m_editor);
    lexer->setDefaultFont(mono);
    lexer->setFont(mono);
    for (int style = 0; style < 32; ++style)
        lexer->setFont(mono, style);
    m_editor->setLexer(lexer);
    m_editor->setReadOnly(true);
    m_editor->setUtf8(true);
    m_editor->setMarginType(0, QsciScintilla::NumberMargin);
    m_editor->setMarginLineNumbers(0, true);
    m_editor->setMarginsFont(mono);
    m_editor->setMarginWidth(0, QStringLiteral("00000"));
    m_editor->setMarginType(1, QsciScintilla::SymbolMargin);
    m_editor->setMarginWidth(1, 14);
    m_editor->setMarginSensitivity(1, true);
    m_editor->markerDefine(QsciScintilla::SmallRectangle, NodeMarker);
    m_editor->setMarkerBackgroundColor(QColor(0x3d, 0x8e, 0xd9), NodeMarker);
    m_editor->setMarkerForegroundColor(QColor(0x3d, 0x8e, 0xd9), NodeMarker);
    m_editor->markerDefine(QsciScintilla::Background, HighlightMarker);
    m_editor->setMarkerBackgroundColor(QColor(0xff, 0xe9, 0x8f), HighlightMarker);
    m_editor->setCaretLineVisible(true);
    m_editor->setCaretLineBackgroundColor(QColor(0xee, 0xf3, 0xfb));
    m_editor->setIndentationGuides(true);
    m_editor->setWrapMode(QsciScintilla::WrapNone);
    m_editor->setObjectName(QStringLiteral("codeEditor"));

    m_find->setPlaceholderText(tr("Find in code (Enter: next, Shift+Enter: previous)"));
    m_find->setClearButtonEnabled(true);
    m_find->setObjectName(QStringLiteral("codeFind"));
    connect(m_find, &QLineEdit::returnPressed, this,
            [this] { find(m_find->text(), !(QGuiApplication::keyboardModifiers() & Qt::ShiftModifier)); });
    auto* findShortcut =
        new QShortcut(QKeySequence::Find, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(findShortcut, &QShortcut::activated, this, [this] {
        m_find->setFocus();
        m_find->selectAll();
    });
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fileLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));

    auto* outlinePane = new QWidget;
    auto* outlineLayout = new QVBoxLayout(outlinePane);
    outlineLayout->setContentsMargins(0, 0, 0, 0);
    outlineLayout->addWidget(m_outlineFilter);
    outlineLayout->addWidget(m_outlineView, 1);
    auto* editorPane = new QWidget;
    auto* editorLayout = new QVBoxLayout(editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_fileLabel, 1);
    bar->addWidget(m_find);
    m_find->setMinimumWidth(260);
    editorLayout->addLayout(bar);
    editorLayout->addWidget(m_editor, 1);
    auto* splitter = new QSplitter;
    splitter->addWidget(outlinePane);
    splitter->addWidget(editorPane);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 700});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_outlineView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid())
                    return;
                const int entry = current.data(EntryRole).toInt();
                if (entry < 0 || entry >= entryCount())
                    return;
                showDocument(m_entryDocument[entry]);
                goToLine(current.data(LineRole).toInt(), false);
            });
    connect(m_editor, &QsciScintilla::cursorPositionChanged, this, [this](int line, int) {
        if (m_navigating || m_current < 0 || line + 1 == m_lastLine)
            return;
        m_lastLine = line + 1;
        Q_EMIT lineActivated(m_documents[m_current].file, line + 1);
    });
    connect(m_editor, &QsciScintilla::marginClicked, this, [this](int, int line, Qt::KeyboardModifiers) {
        if (m_current >= 0) {
            m_lastLine = line + 1;
            Q_EMIT lineActivated(m_documents[m_current].file, line + 1);
        }
    });
}

void CodeView::setEntries(const std::vector<CodeEntry>& entries)
{
    m_entries = entries;
    m_documents.clear();
    m_documentByFile.clear();
    m_entryDocument.assign(entries.size(), 0);
    m_entryLine.assign(entries.size(), 1);
    for (size_t i = 0; i < entries.size(); ++i) {
        const QString file = normalizedCodeFile(qs(entries[i].file));
        auto it = m_documentByFile.find(file);
        if (it == m_documentByFile.end()) {
            it = m_documentByFile.insert(file, static_cast<int>(m_documents.size()));
            m_documents.push_back({file, {}});
        }
        Document& document = m_documents[*it];
        if (!document.text.isEmpty() && !document.text.endsWith(QLatin1Char('\n')))
            document.text += QLatin1Char('\n');
        m_entryDocument[i] = *it;
        m_entryLine[i] = static_cast<int>(document.text.count(QLatin1Char('\n'))) + 1;
        document.text += qs(entries[i].text);
    }
    m_current = -1;
    buildOutline();
    if (!m_documents.empty())
        showDocument(0);
}

void CodeView::clear()
{
    setEntries({});
    m_editor->clear();
    m_fileLabel->clear();
}

void CodeView::buildOutline()
{
    static const QRegularExpression def(QStringLiteral("^\\s*def\\s+(\\w+)\\s*\\("));
    static const QRegularExpression mangle(QStringLiteral("___torch_mangle_(\\d+)"));
    m_outline->clear();
    for (size_t i = 0; i < m_entries.size(); ++i) {
        const CodeEntry& entry = m_entries[i];
        // Functions read as "ƒ name"; mangled classes keep their number so twins can be told apart.
        QString name = entry.kind == "class" ? shortTypeName(entry.qualified_name)
                                             : QStringLiteral("ƒ ") + shortTypeName(entry.qualified_name);
        if (const auto m = mangle.match(qs(entry.qualified_name)); m.hasMatch())
            name += QStringLiteral("  #%1").arg(m.captured(1));
        auto* item = new QStandardItem(name);
        item->setToolTip(qs(entry.qualified_name) + QLatin1Char('\n') + qs(entry.file));
        item->setData(int(i), EntryRole);
        item->setData(m_entryLine[i], LineRole);
        QString filterText = qs(entry.qualified_name);
        const QStringList lines = qs(entry.text).split(QLatin1Char('\n'));
        for (int l = 0; l < lines.size(); ++l) {
            const auto match = def.match(lines[l]);
            if (!match.hasMatch())
                continue;
            auto* method = new QStandardItem(QStringLiteral("def %1").arg(match.captured(1)));
            method->setData(int(i), EntryRole);
            method->setData(m_entryLine[i] + l, LineRole);
            method->setData(qs(entry.qualified_name) + QLatin1Char(' ') + match.captured(1), FilterTextRole);
            item->appendRow(method);
            filterText += QLatin1Char(' ') + match.captured(1);
        }
        item->setData(filterText, FilterTextRole);
        m_outline->appendRow(item);
    }
}

void CodeView::setNodeLines(const QHash<QString, QSet<int>>& lines)
{
    m_nodeLines = lines;
    updateMarkers();
}

void CodeView::updateMarkers()
{
    m_editor->markerDeleteAll(NodeMarker);
    if (m_current < 0)
        return;
    for (int line : m_nodeLines.value(m_documents[m_current].file))
        m_editor->markerAdd(line - 1, NodeMarker);
}

void CodeView::showDocument(int document)
{
    if (document == m_current || document < 0 || document >= static_cast<int>(m_documents.size()))
        return;
    m_current = document;
    m_lastLine = 1; // setText() puts the cursor there; QScintilla reports it later, not as a click
    m_editor->setText(m_documents[document].text);
    m_fileLabel->setText(m_documents[document].file);
    updateMarkers();
}

void CodeView::goToLine(int line, bool highlight)
{
    m_navigating = true;
    const int zeroBased = std::max(0, line - 1);
    m_editor->markerDeleteAll(HighlightMarker);
    if (highlight)
        m_editor->markerAdd(zeroBased, HighlightMarker);
    m_editor->setCursorPosition(zeroBased, 0);
    const long visible = m_editor->SendScintilla(QsciScintillaBase::SCI_LINESONSCREEN);
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETFIRSTVISIBLELINE,
                            static_cast<unsigned long>(std::max<long>(0, zeroBased - visible / 3)));
    m_lastLine = line;
    m_navigating = false;
}

bool CodeView::showEntry(const QString& qualifiedName, const QString& method)
{
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (qs(m_entries[i].qualified_name) != qualifiedName)
            continue;
        int line = m_entryLine[i];
        if (!method.isEmpty()) {
            const QStringList lines = qs(m_entries[i].text).split(QLatin1Char('\n'));
            const QRegularExpression def(
                QStringLiteral("^\\s*def\\s+%1\\s*\\(").arg(QRegularExpression::escape(method)));
            for (int l = 0; l < lines.size(); ++l) {
                if (def.match(lines[l]).hasMatch()) {
                    line += l;
                    break;
                }
            }
        }
        showDocument(m_entryDocument[i]);
        goToLine(line, false);
        return true;
    }
    return false;
}

bool CodeView::showLocation(const QString& file, int line, const QString& lineText)
{
    const int document = m_documentByFile.value(normalizedCodeFile(file), -1);
    if (document < 0 || line <= 0)
        return false;
    showDocument(document);
    const QString wanted = lineText.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (!wanted.isEmpty()) {
        const QStringList lines = m_documents[document].text.split(QLatin1Char('\n'));
        auto holds = [&](int l) { return l >= 1 && l <= lines.size() && lines[l - 1].contains(wanted); };
        if (!holds(line)) {
            for (int distance = 1; distance < lines.size(); ++distance) {
                if (holds(line - distance)) {
                    line -= distance;
                    break;
                }
                if (holds(line + distance)) {
                    line += distance;
                    break;
                }
            }
        }
    }
    goToLine(line, true);
    return true;
}

bool CodeView::find(const QString& text, bool forward)
{
    if (text.isEmpty() || m_documents.empty())
        return false;
    if (m_current < 0)
        showDocument(0);
    m_navigating = true;
    bool found = m_editor->findFirst(text, false, false, false, false, forward);
    // Not in this file: continue in the next files that contain it, then wrap around.
    for (size_t step = 1; !found && step <= m_documents.size(); ++step) {
        const int count = static_cast<int>(m_documents.size());
        const int document = ((m_current + (forward ? 1 : -1) * int(step)) % count + count) % count;
        if (!m_documents[document].text.contains(text, Qt::CaseInsensitive))
            continue;
        showDocument(document);
        m_navigating = true;
        const int startLine = forward ? 0 : m_editor->lines() - 1;
        found = m_editor->findFirst(text, false, false, false, false, forward, startLine,
                                    forward ? 0 : m_editor->lineLength(startLine));
    }
    m_navigating = false;
    return found;
}

QString CodeView::currentFile() const
{
    return m_current < 0 ? QString() : m_documents[m_current].file;
}

int CodeView::currentLine() const
{
    if (m_current < 0)
        return 0;
    int line = 0, index = 0;
    m_editor->getCursorPosition(&line, &index);
    return line + 1;
}

} // namespace jitscope::ui
