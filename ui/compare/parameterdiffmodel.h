// The parameter/buffer rows of a CompareReport for a table: name, status, shapes, max abs diff. Sort with a
// QSortFilterProxyModel: SortRole gives numbers for the difference column.
#pragma once

#include "types/comparereport.h"

#include <QAbstractTableModel>

namespace jitscope::ui {

class ParameterDiffModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Name,
        Status,
        ShapeA,
        ShapeB,
        MaxAbsDiff,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit ParameterDiffModel(QObject* parent = nullptr);
    void setRows(std::vector<jitscope::ParameterRow> rows);
    const jitscope::ParameterRow& row(int index) const { return m_rows.at(static_cast<size_t>(index)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<jitscope::ParameterRow> m_rows;
};

} // namespace jitscope::ui
