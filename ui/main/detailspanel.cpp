#include "detailspanel.h"

#include "format.h"
#include "moduletreemodel.h"

#include <QFontDatabase>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace jitscope::ui {

namespace {
QString esc(const std::string& text)
{
    return qs(text).toHtmlEscaped();
}

QString valueRows(const std::vector<ValueInfo>& values)
{
    QString rows;
    for (const ValueInfo& value : values)
        rows += QStringLiteral("<tr><td class='name'>%%1</td><td class='type'>%2</td></tr>")
                    .arg(value.name.empty() ? QString::number(value.id) : esc(value.name),
                         demangledTypeName(value.type).toHtmlEscaped());
    return rows;
}

const char* kStyle = "h2 { margin: 0; font-size: large; } h3 { margin-top: 12px; margin-bottom: 4px; }"
                     "td { padding: 1px 8px 1px 0; vertical-align: top; } td.name { font-weight: 600; }"
                     "td.type, pre, code { font-family: monospace; } .sub { color: #6b7280; }"
                     "pre { background: #f3f4f6; padding: 6px; margin: 2px 0; white-space: pre-wrap; }"
                     ".missing { color: #9ca3af; font-style: italic; }"
                     ".notcalled { color: #b45309; font-style: italic; }";
} // namespace

DetailsPanel::DetailsPanel(QWidget* parent) : QWidget(parent), m_browser(new QTextBrowser)
{
    m_browser->setOpenLinks(false);
    // Lines break between words only: a long path or type name scrolls rather than splitting mid-word.
    m_browser->setWordWrapMode(QTextOption::WordWrap);
    m_browser->setObjectName(QStringLiteral("detailsBrowser"));
    m_browser->document()->setDefaultStyleSheet(QLatin1String(kStyle));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        bool ok = false;
        const int n = url.fragment().toInt(&ok);
        if (ok)
            activateLink(n);
    });
    showPlaceholder(tr("Select a node in the graph, a module in the tree or a line of code."));
}

QString DetailsPanel::link(const QString& text, std::function<void()> action)
{
    m_links.push_back(std::move(action));
    return QStringLiteral("<a href='#%1'>%2</a>").arg(m_links.size() - 1).arg(text);
}

bool DetailsPanel::activateLink(int n)
{
    if (n < 0 || n >= linkCount())
        return false;
    const auto action = m_links[n]; // the action may replace the page and its links
    action();
    return true;
}

void DetailsPanel::setHtml(const QString& body)
{
    m_browser->setHtml(QStringLiteral("<html><body>%1</body></html>").arg(body));
}

QString DetailsPanel::nodeHtml(const Node& node, const QString& modulePath, bool brief)
{
    QString html = QStringLiteral("<h2>%1</h2>").arg(esc(node.kind));
    const QString path = modulePath.isEmpty() ? qs(node.module_path) : modulePath;
    html += QStringLiteral("<p class='sub'>node %1 · module %2</p>")
                .arg(node.id)
                .arg(path.isEmpty() ? tr("(root)") : link(path.toHtmlEscaped(), [this, path] {
                    Q_EMIT moduleLinkActivated(path);
                }));
    if (!node.schema.empty())
        html += QStringLiteral("<h3>Schema</h3><pre>%1</pre>").arg(esc(node.schema));
    if (node.callee) {
        const Callee& c = *node.callee;
        const QString target = qs(c.module_path);
        html += QStringLiteral("<h3>Calls</h3><p>");
        if (c.kind == CalleeKind::Method)
            html +=
                link(QStringLiteral("%1.%2").arg((target.isEmpty() ? tr("self") : target).toHtmlEscaped(),
                                                 esc(c.method)),
                     [this, target] { Q_EMIT moduleLinkActivated(target); }) +
                QStringLiteral(" <span class='sub'>%1</span>").arg(demangledTypeName(c.type).toHtmlEscaped());
        else
            html += QStringLiteral("<code>%1</code>").arg(esc(c.type));
        html += QStringLiteral("</p>");
    }
    if (!node.attr_path.empty())
        html += QStringLiteral("<h3>Attribute</h3><p><code>%1</code> <span class='sub'>%2</span></p>")
                    .arg(esc(node.attr_path), esc(node.attr_kind));
    if (!node.inputs.empty())
        html += QStringLiteral("<h3>Inputs</h3><table>%1</table>").arg(valueRows(node.inputs));
    if (!node.outputs.empty())
        html += QStringLiteral("<h3>Outputs</h3><table>%1</table>").arg(valueRows(node.outputs));
    if (!node.attributes.empty()) {
        QString rows;
        for (const Attribute& a : node.attributes)
            rows += QStringLiteral(
                        "<tr><td class='name'>%1</td><td class='type'>%2</td><td class='sub'>%3</td></tr>")
                        .arg(esc(a.name), esc(a.value), esc(a.kind));
        html += QStringLiteral("<h3>Attributes</h3><table>%1</table>").arg(rows);
    }
    if (!node.blocks.empty())
        html += QStringLiteral("<p class='sub'>%1 nested block(s)</p>").arg(node.blocks.size());

    html += QStringLiteral("<h3>Saved code</h3>");
    if (node.source.valid()) {
        const QString file = qs(node.source.file);
        const int line = node.source.line;
        const QString text = qs(node.source.text);
        html +=
            QStringLiteral("<p>%1</p>")
                .arg(link(
                    QStringLiteral("%1:%2:%3").arg(file.toHtmlEscaped()).arg(line).arg(node.source.column),
                    [this, file, line, text] { Q_EMIT codeLinkActivated(file, line, text); }));
        if (!brief && !text.isEmpty())
            html += QStringLiteral("<pre>%1</pre>").arg(text.toHtmlEscaped());
    } else {
        html += QStringLiteral("<p class='missing'>%1</p>").arg(tr("No source location"));
    }
    html += QStringLiteral("<h3>Original Python</h3>");
    if (node.original.valid()) {
        html +=
            QStringLiteral("<p><code>%1:%2</code></p>").arg(esc(node.original.file)).arg(node.original.line);
        if (!brief && !node.original.text.empty())
            html += QStringLiteral("<pre>%1</pre>").arg(esc(node.original.text));
    } else {
        html += QStringLiteral("<p class='missing'>%1</p>")
                    .arg(tr("Not available: the file has no debug info for this node"));
    }
    return html;
}

void DetailsPanel::showNode(const Node& node, const QString& modulePath, const ModuleInfo* called,
                            const std::vector<ValueRow>& values)
{
    m_links.clear();
    m_subject = Subject::Node;
    QString html = nodeHtml(node, modulePath, false);
    if (!values.empty()) {
        html += QStringLiteral("<h3>%1</h3><table cellspacing='4'>").arg(tr("Values (recorded run)"));
        for (const ValueRow& row : values)
            html += QStringLiteral("<tr><td><b>%1</b></td><td%2>%3</td><td>%4</td></tr>")
                        .arg(row.port.toHtmlEscaped(),
                             row.nonFinite ? QStringLiteral(" style='color:#c62828'") : QString(),
                             row.summary.toHtmlEscaped(),
                             link(tr("Save…"), [this, value = row.value, element = row.element] {
                                 Q_EMIT saveValueRequested(value, element);
                             }));
        html += QStringLiteral("</table>");
    }
    if (called)
        html += moduleHtml(*called, true);
    setHtml(html);
}

void DetailsPanel::showNodes(const std::vector<NodeRef>& nodes, const QString& file, int line)
{
    m_links.clear();
    m_subject = Subject::Nodes;
    QString html = QStringLiteral("<p class='sub'>%1:%2</p>").arg(file.toHtmlEscaped()).arg(line);
    if (nodes.empty()) {
        html += QStringLiteral("<p class='missing'>%1</p>")
                    .arg(tr("No graph node shown so far comes from this line."));
    } else if (nodes.size() == 1) {
        html += nodeHtml(*nodes.front().node, {}, false);
    } else {
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("%n node(s) come from this line:", nullptr, int(nodes.size())));
        for (const NodeRef& ref : nodes) {
            const Node* node = ref.node;
            auto graph = ref.graph;
            html += QStringLiteral("<p>%1 <span class='sub'>%2 · %3%4</span></p>")
                        .arg(link(esc(node->kind),
                                  [this, node, graph] { showNode(*node, qs(node->module_path)); }),
                             esc(graph->module_path.empty() ? std::string("(root)") : graph->module_path),
                             esc(graph->method), graph->inlined ? tr(" (inlined)") : QString());
        }
    }
    setHtml(html);
}

void DetailsPanel::showModule(const ModuleInfo& module)
{
    m_links.clear();
    m_subject = Subject::Module;
    setHtml(moduleHtml(module, false));
}

QString DetailsPanel::moduleHtml(const ModuleInfo& module, bool asSection)
{
    const QString name = module.path.empty() ? tr("(root module)") : esc(module.path);
    const QString type = demangledTypeName(module.type).toHtmlEscaped();
    QString html = asSection
                       ? QStringLiteral("<h3>Called module</h3><p><b>%1</b> <span class='sub'>%2</span></p>")
                             .arg(name, type)
                       : QStringLiteral("<h2>%1</h2><p class='sub'>%2</p>").arg(name, type);
    if (!module.called_by_forward)
        html += QStringLiteral("<p class='notcalled'>%1</p>").arg(ModuleTreeModel::notCalledText().toHtmlEscaped());
    html += QStringLiteral("<table><tr><td class='name'>%1</td><td>%2 (%3)</td></tr>"
                           "<tr><td class='name'>%4</td><td>%5 (%6)</td></tr></table>")
                .arg(tr("Own parameters"), formatCount(module.own_param_count),
                     formatBytes(module.own_param_bytes), tr("With submodules"),
                     formatCount(module.param_count), formatBytes(module.param_bytes));
    if (!module.methods.empty()) {
        QStringList methods;
        for (const std::string& method : module.methods)
            methods << esc(method);
        html +=
            QStringLiteral("<h3>Methods</h3><p><code>%1</code></p>").arg(methods.join(QStringLiteral(", ")));
    }
    if (!module.attributes.empty()) {
        QString rows;
        for (const AttributeInfo& a : module.attributes)
            // As a node's attributes: the value beside the name, the type (often long) last, where the
            // narrow dock may cut it.
            rows += QStringLiteral(
                        "<tr><td class='name'>%1</td><td class='type'>%2</td><td class='sub'>%3</td></tr>")
                        .arg(esc(a.name), esc(a.preview), esc(a.type));
        html += QStringLiteral("<h3>Attributes</h3><table>%1</table>").arg(rows);
    }
    return html;
}

void DetailsPanel::showPlaceholder(const QString& text)
{
    m_links.clear();
    m_subject = Subject::None;
    setHtml(QStringLiteral("<p class='missing'>%1</p>").arg(text.toHtmlEscaped()));
}

void DetailsPanel::clear()
{
    showPlaceholder(tr("Select a node in the graph, a module in the tree or a line of code."));
}

QString DetailsPanel::plainText() const
{
    return m_browser->toPlainText();
}

} // namespace jitscope::ui
