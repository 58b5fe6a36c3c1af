// The details dock: everything known about the selected node (or module), with links into the code.
#pragma once

#include "types/graph.h"
#include "types/modelinfo.h"
#include "sourceindex.h"

#include <QWidget>

#include <functional>
#include <vector>

class QTextBrowser;

namespace jitscope::ui {

// One recorded value of a node's input or output (a recorded run, ui/graph/valueoverlay.h).
struct ValueRow
{
    QString port;    // "in x.1", "out 0"
    QString summary; // shape, dtype, statistics
    qint64 value = -1;
    QString element;
    bool nonFinite = false;
};

class DetailsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DetailsPanel(QWidget* parent = nullptr);

    // `called`: for a call, the module it calls (its parameters and attributes are shown too). `values`:
    // the recorded values of its inputs and outputs, each with a "Save…" link.
    void showNode(const jitscope::Node& node, const QString& modulePath,
                  const jitscope::ModuleInfo* called = nullptr, const std::vector<ValueRow>& values = {});
    // The nodes a code line produced (the code view's line click).
    void showNodes(const std::vector<NodeRef>& nodes, const QString& file, int line);
    void showModule(const jitscope::ModuleInfo& module);
    void showPlaceholder(const QString& text);
    void clear();

    QString plainText() const;
    enum class Subject
    {
        None,
        Node,
        Nodes,
        Module
    };
    Subject subject() const { return m_subject; } // what the page shows
    QTextBrowser* browser() const { return m_browser; }
    // Follows the n-th link of the current page, as a click would (for tests and keyboard use).
    bool activateLink(int n);
    int linkCount() const { return static_cast<int>(m_links.size()); }

Q_SIGNALS:
    void codeLinkActivated(const QString& file, int line, const QString& lineText);
    void moduleLinkActivated(const QString& modulePath);
    void saveValueRequested(qint64 value, const QString& element);

private:
    QString link(const QString& text, std::function<void()> action);
    QString nodeHtml(const jitscope::Node& node, const QString& modulePath, bool brief);
    QString moduleHtml(const jitscope::ModuleInfo& module, bool asSection);
    void setHtml(const QString& body);

    QTextBrowser* m_browser;
    std::vector<std::function<void()>> m_links;
    Subject m_subject = Subject::None;
};

} // namespace jitscope::ui
