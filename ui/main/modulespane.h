// The Modules dock's content: a filter line above the module tree, and the tree's model and proxy.
#pragma once

#include "types/modelinfo.h"

#include <QWidget>

class QLineEdit;
class QTreeView;

namespace jitscope::ui {

class FilterProxy;
class ModuleTreeModel;

// The tree keeps its numbers whole and in sight however narrow the dock is: the name and type columns
// give way first, down to readable minimums, and only then does the dock scroll.
class ModulesPane : public QWidget
{
    Q_OBJECT
public:
    explicit ModulesPane(QWidget* parent = nullptr);

    ModuleTreeModel* model() const { return m_model; }
    FilterProxy* proxy() const { return m_proxy; }
    QTreeView* view() const { return m_view; }
    QLineEdit* filter() const { return m_filter; }

    void setModelInfo(const jitscope::ModelInfo& info); // fills the tree and sizes its columns
    void clear();
    // Makes the module current and scrolls to it; a module the filter hides is shown by clearing the filter.
    void selectModule(const QString& modulePath);
    // Follows a selection made elsewhere: a module the filter hides stays hidden (and is not selected).
    void followModule(const QString& modulePath);
    // How wide the dock must be for whole numbers and a readable name column.
    int preferredWidth() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitColumns(); // the name column gets the width the numbers leave

    ModuleTreeModel* m_model;
    FilterProxy* m_proxy;
    QTreeView* m_view;
    QLineEdit* m_filter;
};

} // namespace jitscope::ui
