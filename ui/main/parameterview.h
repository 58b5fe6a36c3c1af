// The "Parameters & buffers" tab: a sortable, filterable table, totals, statistics on demand.
#pragma once

#include "types/modelinfo.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;

namespace jitscope::ui {

class FilterProxy;
class ParameterTableModel;

class ParameterView : public QWidget
{
    Q_OBJECT
public:
    explicit ParameterView(QWidget* parent = nullptr);

    void setModelInfo(const jitscope::ModelInfo& info);
    void clear();
    void setStats(const std::vector<jitscope::TensorStats>& stats);
    void setFilterText(const QString& text);
    // Names of the selected rows, or of every shown row when nothing is selected.
    QStringList statsCandidates() const;

    ParameterTableModel* model() const { return m_model; }
    FilterProxy* proxy() const { return m_proxy; }
    QTreeView* view() const { return m_view; }
    QLabel* totalsLabel() const { return m_totals; }

Q_SIGNALS:
    void statsRequested(const QStringList& names);
    void moduleActivated(const QString& modulePath); // double click: the module owning the tensor

private:
    void showStatsColumns(bool show);
    void updateTotals();

    ParameterTableModel* m_model;
    FilterProxy* m_proxy;
    QLineEdit* m_filter;
    QTreeView* m_view;
    QLabel* m_totals;
    QPushButton* m_statsButton;
};

} // namespace jitscope::ui
