// Help › Getting Started (the README's "Using the window", built into the binary) and Help › Keyboard
// Shortcuts (the window's menu shortcuts plus the graph view's keys).
#pragma once

#include <QString>

class QWidget;
class QDialog;

namespace jitscope::ui {

namespace helppages {

// The README's "Using the window" section as Markdown (a resource made from README.md at build time).
QString gettingStartedMarkdown();
// The shortcuts of `window`'s menus and the graph view's own keys, as Markdown tables.
QString shortcutsMarkdown(const QWidget* window);
// A non-modal dialog showing `markdown`; deleted on close.
QDialog* showMarkdown(QWidget* parent, const QString& objectName, const QString& title, const QString& markdown);

} // namespace helppages

} // namespace jitscope::ui
