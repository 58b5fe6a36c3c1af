// The "Code" tab: the TorchScript code of the file, one outline entry per class and method.
#pragma once

#include "types/modelinfo.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <vector>

class QLabel;
class QLineEdit;
class QStandardItemModel;
class QTreeView;
class QsciScintilla;

namespace jitscope::ui {

class FilterProxy;

// Shows one archived code file at a time (the entries sharing a `file`, in order) in a read-only
// QScintilla editor. Line numbers are those of the archived file, which is what node source ranges use.
class CodeView : public QWidget
{
    Q_OBJECT
public:
    explicit CodeView(QWidget* parent = nullptr);

    void setEntries(const std::vector<jitscope::CodeEntry>& entries);
    void clear();
    // Lines that produced graph nodes get a marker: they can be clicked.
    void setNodeLines(const QHash<QString, QSet<int>>& lines);

    bool showEntry(const QString& qualifiedName, const QString& method = {});
    // Jumps to `line` of `file`; when `lineText` is given and the line does not hold it (files
    // printed differently), the nearest line that does is used. Returns false when nothing matches.
    bool showLocation(const QString& file, int line, const QString& lineText = {});
    bool find(const QString& text, bool forward = true);

    QString currentFile() const;
    int currentLine() const; // 1-based, 0 when nothing is shown
    int entryCount() const { return static_cast<int>(m_entries.size()); }
    QsciScintilla* editor() const { return m_editor; }
    FilterProxy* outlineProxy() const { return m_outlineProxy; }

Q_SIGNALS:
    void lineActivated(const QString& file, int line); // by the user, 1-based

private:
    struct Document
    {
        QString file;
        QString text;
    };
    void showDocument(int document);
    void goToLine(int line, bool highlight);
    void updateMarkers();
    void buildOutline();

    std::vector<jitscope::CodeEntry> m_entries;
    std::vector<Document> m_documents;
    std::vector<int> m_entryDocument, m_entryLine; // per entry: document index, first line (1-based)
    QHash<QString, int> m_documentByFile;
    QHash<QString, QSet<int>> m_nodeLines;
    int m_current = -1;
    int m_lastLine = -1;
    bool m_navigating = false;

    QStandardItemModel* m_outline;
    FilterProxy* m_outlineProxy;
    QTreeView* m_outlineView;
    QLineEdit* m_outlineFilter;
    QLineEdit* m_find;
    QLabel* m_fileLabel;
    QsciScintilla* m_editor;
};

} // namespace jitscope::ui
